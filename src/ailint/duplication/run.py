"""The whole-run clone pass of ``ailint check``: one index over every file's units.

The workers cut each file into units while they had its tree; this pass finds the clones
among all of them, then treats their findings as the per-file pipeline treats any other:
selection, per-file ignores, suppressions (on either copy), severities, SARIF fingerprints.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Collection, Iterator

from ailint.check import FileResult, merge_findings, select
from ailint.config import Settings
from ailint.duplication.detector import find_clones
from ailint.duplication.findings import clone_findings
from ailint.finding import Finding, point_finding
from ailint.rules.engine import UnusedSuppressionRule
from ailint.suppressions import Suppression, comments_by_line, suppress, unused_after_run


def add_clones(results: list[FileResult], settings: Settings, changed: Collection[str] = ()) -> list[FileResult]:
    """``results`` with the clones across all their files added (and the units dropped).

    In diff mode ``changed`` names the changed files: clones are reported on their side.
    """
    indexed = [(result.path, result.units) for result in results if result.units]
    if not indexed:
        return results
    clones = find_clones(indexed, settings.duplication.thresholds, changed)
    findings = clone_findings(clones, settings.relative)
    comments = {result.path: comments_by_line(list(result.comments)) for result in results if result.comments}
    kept: dict[str, list[Finding]] = defaultdict(list)
    suppressed: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not select([finding], finding.path, settings):
            continue
        if _suppressed_on_any_copy(finding, comments, settings.require_suppression_reason):
            suppressed[finding.path].append(finding)
        else:
            kept[finding.path].append(finding)
    if UnusedSuppressionRule.code in settings.enabled_codes:
        for finding in _unused_suppressions(results, settings):
            kept[finding.path].append(finding)
    return [_merged(result, kept.get(result.path, []), suppressed.get(result.path, []), settings) for result in results]


def _suppressed_on_any_copy(
    finding: Finding, comments: dict[str, dict[int, list[Suppression]]], require_reason: bool
) -> bool:
    """Whether a comment on the copy or on any of its originals suppresses the clone finding."""
    places = [(finding.path, finding.line), *((other.path, other.line) for other in finding.related)]
    return any(suppress(finding, comments.get(path, {}).get(line, ()), require_reason) for path, line in places)


def _unused_suppressions(results: list[FileResult], settings: Settings) -> Iterator[Finding]:
    """AIL003 for the clone suppressions that, now the whole run is compared, covered nothing."""
    for result in results:
        for comment in result.comments:
            unused = unused_after_run(comment, settings.clone_codes, settings.require_suppression_reason)
            if unused:
                message = UnusedSuppressionRule.message.format(codes=unused)
                yield point_finding(result.path, comment.line, comment.column, UnusedSuppressionRule, message)


def _merged(result: FileResult, kept: list[Finding], suppressed: list[Finding], settings: Settings) -> FileResult:
    if not (kept or suppressed):
        return dataclasses.replace(result, units=(), comments=())
    return merge_findings(result, kept, suppressed, settings)
