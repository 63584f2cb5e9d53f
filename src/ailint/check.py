"""One file through the whole per-file pipeline: engine, then config, suppressions, severity.

This is what every front end calls (the CLI's workers, the flake8 plugin, the example
tests), so they cannot disagree about a file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ailint.config import Settings
from ailint.engine import lint_source
from ailint.finding import Finding
from ailint.positions import in_code_points
from ailint.fingerprint import decode_like_node, line_hashes
from ailint.rules.engine import NotAnalysedRule, SyntaxErrorRule, UnusedSuppressionRule
from ailint.suppressions import apply_suppressions


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


def check_source(
    path: str, source: bytes | str, settings: Settings, semgrep_findings: Sequence[Finding] = ()
) -> FileResult:
    """Lint one file's source and apply selection, per-file ignores, suppressions and severity.

    ``semgrep_findings`` are the Semgrep engine's findings for this file, with Semgrep's
    columns (UTF-8 bytes); they go through the same steps as the libcst engine's.
    """
    linted = lint_source(path, source, settings.cst_rules)
    if semgrep_findings:
        linted.findings.extend(in_code_points(semgrep_findings, linted.text))
    ignored = settings.ignored_for(path) if settings.per_file_ignores else ()
    enabled = settings.enabled_codes
    selected = [f for f in linted.findings if f.code in enabled and not (ignored and f.code.startswith(ignored))]
    outcome = apply_suppressions(
        path,
        linted.text,
        selected,
        require_reason=settings.require_suppression_reason,
        report_unused=UnusedSuppressionRule.code in enabled,
    )
    # The suppression layer adds its own findings (AIL003, AIL004): select them too.
    findings = [finding for finding in outcome.kept if finding.code in enabled]
    if settings.severities:
        findings = [_with_severity(finding, settings) for finding in findings]
    fingerprints = _line_fingerprints(source, [*findings, *outcome.suppressed]) if settings.line_fingerprints else {}
    analysed = linted.text is not None and not any(f.code in _NOT_ANALYSED for f in linted.findings)
    return FileResult(path, sorted(findings), sorted(outcome.suppressed), fingerprints, analysed)


def _line_fingerprints(source: bytes | str, findings: list[Finding]) -> dict[int, str]:
    if not findings:
        return {}
    hashes = line_hashes(decode_like_node(source) if isinstance(source, bytes) else source)
    return {f.line: hashes[f.line - 1] for f in findings if 0 < f.line <= len(hashes)}


def _with_severity(finding: Finding, settings: Settings) -> Finding:
    severity = settings.severities.get(finding.code)
    return dataclasses.replace(finding, severity=severity) if severity else finding
