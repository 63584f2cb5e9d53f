"""A JSON document with every finding and, on request, counts per code."""

from __future__ import annotations

import json

from ailint import __version__
from ailint.registry import rule_for
from ailint.report import RunReport


def render(report: RunReport, statistics: bool) -> str:
    document: dict[str, object] = {
        "tool": "ailint",
        "version": __version__,
        "findings": [
            {
                "path": finding.path,
                "line": finding.line,
                "column": finding.column,
                "end_line": finding.end_line,
                "end_column": finding.end_column,
                "code": finding.code,
                "name": _name(finding.code),
                "message": finding.message,
                "severity": finding.severity.value,
                "related": [
                    {"path": other.path, "line": other.line, "column": other.column,
                     "end_line": other.end_line, "end_column": other.end_column}
                    for other in finding.related
                ],
                "ai_assisted": finding.ai_assisted,
            }
            for finding in report.findings
        ],
        "problems": report.problems,
    }
    if statistics:
        document["statistics"] = [{"code": code, "count": count} for code, count in report.statistics()]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _name(code: str) -> str:
    rule = rule_for(code)
    return rule.name if rule else ""
