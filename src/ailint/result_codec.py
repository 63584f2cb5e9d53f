"""A file's result as JSON for the result cache: data only, so a tampered cache entry can
at worst give wrong findings, never run code (a pickle would)."""

from __future__ import annotations

import base64
from array import array
from typing import Any

from ailint.check import FileResult
from ailint.duplication.units import Unit
from ailint.finding import Finding, Location
from ailint.rule import Severity
from ailint.suppressions import Suppression


def encode(result: FileResult) -> dict[str, Any]:
    return {
        "findings": [_finding(f) for f in result.findings],
        "suppressed": [_finding(f) for f in result.suppressed],
        "fingerprints": {str(line): value for line, value in result.line_fingerprints.items()},
        "analysed": result.analysed,
        "units": [_unit(unit) for unit in result.units],
        "comments": [_comment(comment) for comment in result.comments],
    }


def decode(path: str, data: dict[str, Any]) -> FileResult:
    """The result stored in ``data``, for ``path``; raises KeyError, TypeError or ValueError
    on anything malformed."""
    return FileResult(
        path,
        [_to_finding(path, entry) for entry in data["findings"]],
        [_to_finding(path, entry) for entry in data["suppressed"]],
        {int(line): str(value) for line, value in data["fingerprints"].items()},
        bool(data["analysed"]),
        tuple(_to_unit(entry) for entry in data["units"]),
        tuple(_to_comment(entry) for entry in data["comments"]),
    )


def _finding(f: Finding) -> list[Any]:
    related = [[r.path, r.line, r.column, r.end_line, r.end_column, r.message] for r in f.related]
    return [f.line, f.column, f.end_line, f.end_column, f.code, f.message, f.severity.value, related, list(f.foreign_helpers)]


def _to_finding(path: str, entry: list[Any]) -> Finding:
    line, column, end_line, end_column, code, message, severity, related, helpers = entry
    others = tuple(Location(str(p), int(a), int(b), int(c), int(d), str(m)) for p, a, b, c, d, m in related)
    return Finding(
        path,
        int(line),
        int(column),
        str(code),
        str(message),
        int(end_line),
        int(end_column),
        Severity(severity),
        others,
        foreign_helpers=tuple(str(name) for name in helpers),
    )


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "name": unit.name,
        "at": [unit.line, unit.column],
        "function": unit.is_function,
        "hashes": _pack(unit.hashes),
        "tokens": _pack(unit.tokens),
        "spans": _pack(unit.spans),
        "renaming": unit.renaming,
    }


def _to_unit(entry: dict[str, Any]) -> Unit:
    line, column = entry["at"]
    return Unit(
        str(entry["name"]),
        int(line),
        int(column),
        bool(entry["function"]),
        _unpack("Q", entry["hashes"]),
        _unpack("I", entry["tokens"]),
        _unpack("I", entry["spans"]),
        int(entry["renaming"]),
    )


def _pack(values: array) -> str:
    return base64.b64encode(values.tobytes()).decode("ascii")


def _unpack(typecode: str, text: str) -> array:
    values = array(typecode)
    values.frombytes(base64.b64decode(text))
    return values


def _comment(comment: Suppression) -> list[Any]:
    return [
        comment.kind,
        comment.line,
        comment.column,
        [comment.lines.start, comment.lines.stop],
        list(comment.codes) if comment.codes is not None else None,
        comment.reason,
        sorted(comment.used),
    ]


def _to_comment(entry: list[Any]) -> Suppression:
    kind, line, column, (start, stop), codes, reason, used = entry
    return Suppression(
        str(kind), int(line), int(column), range(int(start), int(stop)),
        tuple(str(code) for code in codes) if codes is not None else None,
        reason, set(used),
    )
