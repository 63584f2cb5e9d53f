"""SARIF 2.1.0 for GitHub code scanning: one log, one run, every enabled rule declared.

The mapping follows Bandit's: severity becomes the SARIF ``level``, confidence becomes
``precision``, CWE ids become ``external/cwe/cwe-N`` tags and the rule's page is its
``helpUri``. Output is byte-for-byte deterministic: no timestamps, sorted keys, rules in
code order and results in path order.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from ailint import __version__
from ailint.finding import Finding, Location
from ailint.registry import rule_for
from ailint.report import RunReport
from ailint.rule import Confidence, Rule, Severity
from ailint.ruledocs import render_markdown, render_text
from ailint.rules.engine import InternalErrorRule, NotAnalysedRule, SyntaxErrorRule, UnreadableFileRule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ailint/ailint"
SOURCE_ROOT = "%SRCROOT%"
# GitHub code scanning rejects a run with more results than this.
MAX_RESULTS = 25_000

LEVELS = ("note", "warning", "error")
_LEVEL_OF = {Severity.LOW: "note", Severity.MEDIUM: "warning", Severity.HIGH: "error", Severity.CRITICAL: "error"}
_PRECISION = {Confidence.HIGH: "high", Confidence.MEDIUM: "medium", Confidence.LOW: "low"}

# Findings about a file ailint could not take in: also reported to the run as notifications.
_NOT_ANALYSED = frozenset({SyntaxErrorRule.code, NotAnalysedRule.code, UnreadableFileRule.code})
# Findings about the tool, not about a line of code (an unreadable file, a crash): there is
# no source line to fingerprint or to raise an alert on, so they are notifications only.
_TOOL_ONLY = frozenset({InternalErrorRule.code, UnreadableFileRule.code})


def level(severity: Severity) -> str:
    """The SARIF level of a finding of ``severity``."""
    return _LEVEL_OF[severity]


def at_or_above(severity: Severity, threshold: str) -> bool:
    """True when ``severity``'s level is ``threshold`` (note / warning / error) or worse."""
    return LEVELS.index(level(severity)) >= LEVELS.index(threshold)


def render(report: RunReport, statistics: bool) -> str:
    """The SARIF log for ``report``; ``statistics`` has no SARIF form and is ignored."""
    options = report.sarif
    severities = report.settings.severities
    rules = [rule for rule in map(rule_for, sorted(report.settings.enabled_codes)) if rule is not None]
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    locate = _Locator(options.source_root or source_root([result.path for result in report.results]))

    candidates, notifications = _candidates_and_notifications(report, rule_index, locate)
    kept = _most_severe(candidates, MAX_RESULTS)
    if len(kept) < len(candidates):
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{len(candidates) - len(kept)} of {len(candidates)} results left out: GitHub code "
                    f"scanning accepts at most {MAX_RESULTS} results per run; the most severe were kept."
                },
            }
        )

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "ailint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [
                    _descriptor(rule, severities.get(rule.code, rule.severity), options.help_base_url) for rule in rules
                ],
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not any(f.code == InternalErrorRule.code for f in report.findings),
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": [
            _result(finding, suppressed, fingerprint, rule_index, locate) for finding, suppressed, fingerprint in kept
        ],
    }
    if options.category is not None:
        run["automationDetails"] = {"id": automation_id(options.category)}
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _candidates_and_notifications(
    report: RunReport, rule_index: dict[str, int], locate: _Locator
) -> tuple[list[tuple[Finding, bool, str | None]], list[dict[str, Any]]]:
    """The findings that may become results (with whether suppressed, and their line hash),
    and the tool notifications: the run's problems, files not analysed, internal errors."""
    candidates: list[tuple[Finding, bool, str | None]] = []
    notifications: list[dict[str, Any]] = [
        {"level": "warning", "message": {"text": problem}} for problem in report.problems
    ]
    for file_result in report.results:
        for finding in file_result.findings:
            if finding.code in _NOT_ANALYSED or finding.code == InternalErrorRule.code:
                notifications.append(_notification(finding, rule_index, locate))
            if finding.code not in _TOOL_ONLY:
                candidates.append((finding, False, file_result.line_fingerprints.get(finding.line)))
        if report.sarif.include_suppressed:
            for finding in file_result.suppressed:
                candidates.append((finding, True, file_result.line_fingerprints.get(finding.line)))
    return candidates, notifications


def automation_id(category: str) -> str:
    """GitHub reads ``automationDetails.id`` as ``category/run-id``: a bare name is a category."""
    return category if "/" in category else category + "/"


def source_root(paths: list[str]) -> Path:
    """The root that result URIs are relative to (``%SRCROOT%``).

    The git work tree holding the checked files (so a run from anywhere gives the URIs a
    checkout-root upload expects); outside git, the current directory when it holds them
    all, else their deepest common directory. URIs are then always relative.
    """
    absolute = [os.path.abspath(path) for path in paths] or [os.getcwd()]
    common = os.path.commonpath(absolute)
    start = common if os.path.isdir(common) else os.path.dirname(common)
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=start, capture_output=True, text=True, check=False, timeout=30
        )
        top = completed.stdout.strip() if completed.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        top = ""
    if top:
        return Path(top)
    cwd = os.getcwd()
    if os.path.commonpath([cwd, common]) == cwd:
        return Path(cwd)
    return Path(start)


def _descriptor(rule: type[Rule], severity: Severity, help_base_url: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"tags": _tags(rule), "precision": _PRECISION[rule.confidence]}
    if rule.security_severity is not None:
        properties["security-severity"] = str(float(rule.security_severity))
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.docs.what.split())},
        "help": {"text": render_text(rule), "markdown": render_markdown(rule)},
        "helpUri": f"{help_base_url.rstrip('/')}/{rule.code}.md",
        "defaultConfiguration": {"level": level(severity)},
        "properties": properties,
    }


def _tags(rule: type[Rule]) -> list[str]:
    tags = [rule.family(), "ai-generated-code"]
    if rule.security_severity is not None:
        tags.append("security")
    tags.extend(f"external/cwe/cwe-{cwe}" for cwe in rule.cwe)
    return list(dict.fromkeys(tags))


def _most_severe(
    candidates: list[tuple[Finding, bool, str | None]], limit: int
) -> list[tuple[Finding, bool, str | None]]:
    """At most ``limit`` candidates, the most severe first chosen, returned in their own order."""
    if len(candidates) <= limit:
        return candidates
    order = sorted(
        range(len(candidates)),
        key=lambda i: (-candidates[i][0].severity.rank, candidates[i][0], candidates[i][1]),
    )
    return [candidates[i] for i in sorted(order[:limit])]


def _result(
    finding: Finding, suppressed: bool, fingerprint: str | None, rule_index: dict[str, int], locate: _Locator
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [locate(finding)],
    }
    if finding.related:
        # The other copies of a clone; "id" lets a message link to one as [text](id).
        result["relatedLocations"] = [
            {"id": number, **locate(other), "message": {"text": other.message or "related location"}}
            for number, other in enumerate(finding.related, start=1)
        ]
    if finding.ai_assisted:
        result["properties"] = {"aiAssisted": True}
    if fingerprint is not None:
        result["partialFingerprints"] = {"primaryLocationLineHash": fingerprint}
    if suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def _notification(finding: Finding, rule_index: dict[str, int], locate: _Locator) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": "error" if finding.code == InternalErrorRule.code else "warning",
        "message": {"text": finding.message},
        "locations": [locate(finding)],
    }
    if finding.code in rule_index:
        notification["associatedRule"] = {"id": finding.code, "index": rule_index[finding.code]}
    return notification


class _Locator:
    """Turns findings into SARIF locations, with URIs relative to one source root."""

    def __init__(self, root: Path) -> None:
        self.roots = tuple(dict.fromkeys((Path(os.path.abspath(root)), Path(os.path.realpath(root)))))
        self.artifacts: dict[str, dict[str, str]] = {}

    def __call__(self, finding: Finding | Location) -> dict[str, Any]:
        artifact = self.artifacts.get(finding.path)
        if artifact is None:
            artifact = self.artifacts[finding.path] = self._artifact(finding.path)
        end_line = finding.end_line or finding.line
        end_column = finding.end_column or finding.column
        return {
            "physicalLocation": {
                "artifactLocation": dict(artifact),
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": end_line,
                    "endColumn": end_column,
                },
            }
        }

    def _artifact(self, path: str) -> dict[str, str]:
        for candidate in _spellings(path):
            for root in self.roots:
                try:
                    relative = candidate.relative_to(root)
                except ValueError:
                    continue
                return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SOURCE_ROOT}
        # Outside the source root: an absolute file URI is the only honest answer.
        return {"uri": Path(os.path.abspath(path)).as_uri()}


def _spellings(path: str) -> Iterable[Path]:
    yield Path(os.path.abspath(path))
    yield Path(os.path.realpath(path))
