"""Inline suppressions: ``# noqa[: CODES]`` with flake8's semantics, and ``# ailint: ignore[CODES] -- reason``.

Comments are read with ``tokenize`` (so ``# noqa`` inside a string is not a comment) and
only for files that have something to suppress or an ailint comment to check. A comment
covers every line of the token it ends, as flake8 does for multi-line strings, so that
``ailint check`` and ``flake8`` agree on what is suppressed.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field

from ailint.finding import Finding, point_finding
from ailint.rule import Rule
from ailint.rules.engine import SuppressionWithoutReasonRule, UnusedSuppressionRule

# flake8's own pattern: a code is letters then digits, so "# noqa: AIL" is a blanket noqa.
NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
AILINT_IGNORE = re.compile(
    r"#\s*ailint:\s*ignore(?:\[(?P<codes>[^\]]*)\])?(?:\s*--\s*(?P<reason>\S.*))?"
)
_CODE_SPLIT = re.compile(r"[,\s]+")


@dataclass
class Suppression:
    kind: str  # "noqa" or "ailint"
    line: int  # where the comment is
    column: int  # 1-based
    lines: range  # the lines it covers
    codes: tuple[str, ...] | None  # None: every code
    reason: str | None = None
    used: set[str] = field(default_factory=set)

    def matches(self, code: str) -> str | None:
        """The selector in this comment that covers ``code`` (``"*"`` for a blanket one)."""
        if self.codes is None:
            return "*"
        for selector in self.codes:
            if code == selector or code.startswith(selector):
                return selector
        return None


@dataclass(frozen=True)
class Outcome:
    kept: list[Finding]
    suppressed: list[Finding]
    comments: list[Suppression] = field(default_factory=list)


def apply_suppressions(
    path: str,
    text: str | None,
    findings: list[Finding],
    *,
    require_reason: bool,
    report_unused: bool,
    deferred: tuple[str, ...] = (),
) -> Outcome:
    """Split ``findings`` into kept and suppressed; add AIL003 / AIL004 findings as configured.

    A finding is also suppressed by a comment on one of its related locations in the same
    file (the other copy of a clone). Codes under a ``deferred`` prefix get findings later in
    the run (clones across files), so whether a comment for them is unused is left to
    :func:`unused_after_run`.
    """
    checks_comments = (report_unused or require_reason) and "ailint:" in (text or "")
    if text is None or not (findings or checks_comments):
        return Outcome(list(findings), [])
    comments = read_suppressions(text)
    by_line = comments_by_line(comments)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        lines = [finding.line, *(other.line for other in finding.related if other.path == path)]
        if any(suppress(finding, by_line.get(line, ()), require_reason) for line in lines):
            suppressed.append(finding)
        else:
            kept.append(finding)
    kept.extend(_comment_findings(path, comments, require_reason, report_unused, deferred))
    return Outcome(kept, suppressed, comments)


def _comment_findings(
    path: str, comments: list[Suppression], require_reason: bool, report_unused: bool, deferred: tuple[str, ...]
) -> Iterator[Finding]:
    """AIL004 for an ``# ailint: ignore`` comment without a reason (when one is required),
    AIL003 for one that suppressed nothing (when asked to report it)."""
    for comment in comments:
        if comment.kind != "ailint":
            continue
        if require_reason and not comment.reason:
            yield _engine_finding(path, comment, SuppressionWithoutReasonRule, SuppressionWithoutReasonRule.message)
        elif report_unused:
            unused = _unused_codes(comment, deferred)
            if unused:
                message = UnusedSuppressionRule.message.format(codes=unused)
                yield _engine_finding(path, comment, UnusedSuppressionRule, message)


def comments_by_line(comments: list[Suppression]) -> dict[int, list[Suppression]]:
    by_line: dict[int, list[Suppression]] = {}
    for comment in comments:
        for line in comment.lines:
            by_line.setdefault(line, []).append(comment)
    return by_line


def suppress(finding: Finding, comments: list[Suppression] | tuple[()], require_reason: bool) -> bool:
    """Whether one of ``comments`` covers ``finding``'s code; marks the comment used."""
    for comment in comments:
        if comment.kind == "ailint" and require_reason and not comment.reason:
            continue
        selector = comment.matches(finding.code)
        if selector is not None:
            comment.used.add(selector)
            return True
    return False


def _defers(selector: str, deferred: tuple[str, ...]) -> bool:
    return any(selector.startswith(prefix) or prefix.startswith(selector) for prefix in deferred)


def _unused_codes(comment: Suppression, deferred: tuple[str, ...] = ()) -> str:
    if comment.codes is None:
        return "" if comment.used or deferred else "nothing"
    return ", ".join(code for code in comment.codes if code not in comment.used and not _defers(code, deferred))


def unused_after_run(comment: Suppression, deferred: tuple[str, ...], require_reason: bool) -> str:
    """What :func:`apply_suppressions` left for the end of the run: the deferred codes of an
    ``# ailint: ignore`` comment that suppressed nothing ("nothing" for a bare one)."""
    if comment.kind != "ailint" or (require_reason and not comment.reason):
        return ""
    if comment.codes is None:
        return "" if comment.used else "nothing"
    return ", ".join(code for code in comment.codes if code not in comment.used and _defers(code, deferred))


def _engine_finding(path: str, comment: Suppression, rule: type[Rule], message: str) -> Finding:
    return point_finding(path, comment.line, comment.column, rule, message)


def read_suppressions(text: str) -> list[Suppression]:
    """Every suppression comment in ``text`` with the lines it covers."""
    try:
        return list(_from_tokens(text))
    except (tokenize.TokenError, SyntaxError):
        # A file that does not tokenize: fall back to physical lines, as flake8 does.
        return list(_from_lines(text))


def _from_tokens(text: str):
    first_line = None
    pending: list[tuple[int, int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
            continue
        if first_line is None:
            first_line = token.start[0]
        if token.type == tokenize.COMMENT:
            pending.append((token.start[0], token.start[1] + 1, token.string))
        if token.type in (tokenize.NL, tokenize.NEWLINE):
            covered = range(first_line, token.end[0] + 1)
            for line, column, comment in pending:
                yield from _parse_comment(comment, line, column, covered)
            pending.clear()
            first_line = None
    for line, column, comment in pending:
        yield from _parse_comment(comment, line, column, range(line, line + 1))


def _from_lines(text: str):
    for number, line in enumerate(text.splitlines(), start=1):
        position = line.find("#")
        if position >= 0:
            yield from _parse_comment(line[position:], number, position + 1, range(number, number + 1))


def _parse_comment(comment: str, line: int, column: int, covered: range):
    noqa = NOQA.search(comment)
    if noqa:
        codes = noqa.group("codes")
        parsed = tuple(code for code in _CODE_SPLIT.split(codes.upper()) if code) if codes else None
        yield Suppression("noqa", line, column + noqa.start(), covered, parsed)
    ignore = AILINT_IGNORE.search(comment)
    if ignore:
        codes = ignore.group("codes")
        parsed = tuple(code for code in _CODE_SPLIT.split(codes.strip().upper()) if code) if codes is not None else None
        reason = (ignore.group("reason") or "").strip() or None
        yield Suppression("ailint", line, column + ignore.start(), covered, parsed, reason)
