"""One file through the whole per-file pipeline: engine, then config, suppressions, severity.

This is what every front end calls (the CLI's workers, the flake8 plugin, the example
tests), so they cannot disagree about a file.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ailint.config import Settings
from ailint.duplication.detector import find_clones
from ailint.duplication.findings import clone_findings
from ailint.duplication.units import Unit
from ailint.engine import lint_source
from ailint.finding import Finding
from ailint.fingerprint import decode_like_node, line_hashes
from ailint.positions import in_code_points
from ailint.rules.engine import NotAnalysedRule, SyntaxErrorRule, UnusedSuppressionRule
from ailint.suppressions import Suppression, apply_suppressions, read_suppressions

_NOT_ANALYSED = frozenset({SyntaxErrorRule.code, NotAnalysedRule.code})


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: list[Finding]
    suppressed: list[Finding]
    # primaryLocationLineHash by line number, for the lines findings point at (SARIF only).
    line_fingerprints: Mapping[int, str] = field(default_factory=dict)
    # False when the file could not be read, decoded, parsed or walked: the other engines
    # skip it too (Semgrep can take minutes on the deeply nested files libcst gives up on).
    analysed: bool = True
    # For clone detection across the run's files (``settings.cross_file``): the file's units,
    # and its suppression comments that may cover a clone code, with what they used so far.
    units: tuple[Unit, ...] = ()
    comments: tuple[Suppression, ...] = ()


def check_source(
    path: str, source: bytes | str, settings: Settings, semgrep_findings: Sequence[Finding] = ()
) -> FileResult:
    """Lint one file's source and apply selection, per-file ignores, suppressions and severity.

    ``semgrep_findings`` are the Semgrep engine's findings for this file, with Semgrep's
    columns (UTF-8 bytes); they go through the same steps as the libcst engine's.
    """
    thresholds = settings.duplication.thresholds
    linted = lint_source(path, source, settings.cst_rules, thresholds if settings.finds_clones_in(path) else None)
    if semgrep_findings:
        linted.findings.extend(in_code_points(semgrep_findings, linted.text))
    units = linted.units if settings.cross_file else ()
    if linted.units and not settings.cross_file:
        linted.findings.extend(clone_findings(find_clones([(path, linted.units)], thresholds), settings.relative))
    deferred = _deferred_clone_codes(settings, units)
    outcome = apply_suppressions(
        path,
        linted.text,
        select(linted.findings, path, settings),
        require_reason=settings.require_suppression_reason,
        report_unused=UnusedSuppressionRule.code in settings.enabled_codes,
        deferred=deferred,
    )
    # The suppression layer adds its own findings (AIL003, AIL004): select them too.
    findings = finish([finding for finding in outcome.kept if finding.code in settings.enabled_codes], settings)
    fingerprints = line_fingerprints(source, [*findings, *outcome.suppressed]) if settings.line_fingerprints else {}
    analysed = linted.text is not None and not any(f.code in _NOT_ANALYSED for f in linted.findings)
    comments = _clone_comments(linted.text, outcome.comments, deferred) if units else ()
    return FileResult(path, sorted(findings), sorted(outcome.suppressed), fingerprints, analysed, units, comments)


def _deferred_clone_codes(settings: Settings, units: tuple[Unit, ...]) -> tuple[str, ...]:
    """The clone codes whose suppressions this file's pass must not judge (nor call unused)."""
    if settings.cross_file:
        return settings.clone_codes if units else ()  # judged once the run has compared all files
    return tuple(rule.code for rule in settings.clone_rules if rule.spans_files)  # never judged


def select(findings: Sequence[Finding], path: str, settings: Settings) -> list[Finding]:
    """The findings of enabled codes that ``per-file-ignores`` leave on for ``path``."""
    ignored = settings.ignored_for(path) if settings.per_file_ignores else ()
    enabled = settings.enabled_codes
    return [f for f in findings if f.code in enabled and not (ignored and f.code.startswith(ignored))]


def finish(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Findings with the severities configured for their codes."""
    return [_with_severity(finding, settings) for finding in findings] if settings.severities else findings


def _clone_comments(text: str | None, read: list[Suppression], deferred: tuple[str, ...]) -> tuple[Suppression, ...]:
    if not read and text is not None and ("noqa" in text.lower() or "ailint:" in text):
        read = read_suppressions(text)
    return tuple(comment for comment in read if comment.codes is None or any(comment.matches(code) for code in deferred))


def line_fingerprints(source: bytes | str, findings: list[Finding]) -> dict[int, str]:
    if not findings:
        return {}
    hashes = line_hashes(decode_like_node(source) if isinstance(source, bytes) else source)
    return {f.line: hashes[f.line - 1] for f in findings if 0 < f.line <= len(hashes)}


def _with_severity(finding: Finding, settings: Settings) -> Finding:
    severity = settings.severities.get(finding.code)
    return dataclasses.replace(finding, severity=severity) if severity else finding


def merge_findings(result: FileResult, kept: list[Finding], suppressed: list[Finding], settings: Settings) -> FileResult:
    """``result`` with findings a later pass of the run made for its file (clones, whole-change
    rules), already selected and suppressed; severities and SARIF line hashes are added here."""
    kept = finish(kept, settings)
    fingerprints = dict(result.line_fingerprints)
    if settings.line_fingerprints and (kept or suppressed):
        try:
            with open(result.path, "rb") as handle:
                fingerprints.update(line_fingerprints(handle.read(), [*kept, *suppressed]))
        except OSError:
            pass  # deleted, or changed since the worker read it: no hashes for these
    return dataclasses.replace(
        result,
        findings=sorted([*result.findings, *kept]),
        suppressed=sorted([*result.suppressed, *suppressed]),
        line_fingerprints=fingerprints,
        units=(),
        comments=(),
    )


def add_run_findings(results: list[FileResult], findings: Sequence[Finding], settings: Settings) -> list[FileResult]:
    """``results`` with ``findings`` made for the run as a whole, each through selection,
    per-file ignores, its own file's suppressions and severities. Findings for files the run
    did not check (a deleted test file) get results of their own."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(os.path.abspath(finding.path), []).append(finding)
    merged = []
    for result in results:
        extra = by_path.pop(os.path.abspath(result.path), [])
        merged.append(_with_run_findings(result, extra, settings) if extra else result)
    for absolute, extra in sorted(by_path.items()):
        shown = os.path.relpath(absolute) if not os.path.relpath(absolute).startswith("..") else absolute
        moved = [dataclasses.replace(finding, path=shown) for finding in extra]
        merged.append(_with_run_findings(FileResult(shown, [], []), moved, settings))
    return sorted(merged, key=lambda result: result.path)


def _with_run_findings(result: FileResult, findings: list[Finding], settings: Settings) -> FileResult:
    findings = [dataclasses.replace(finding, path=result.path) for finding in findings]
    selected = select(findings, result.path, settings)
    try:
        with open(result.path, encoding="utf-8", errors="replace") as handle:
            text: str | None = handle.read()
    except OSError:
        text = None
    outcome = apply_suppressions(
        result.path, text, selected, require_reason=settings.require_suppression_reason, report_unused=False
    )
    return merge_findings(result, [f for f in outcome.kept if f.code in settings.enabled_codes], outcome.suppressed, settings)
