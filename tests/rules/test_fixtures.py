"""Fixture files: realistic code with the expected verdict written on each line.

``tests/fixtures/<family>/AILnnn.py`` holds code for one rule. A line the rule must flag
ends with ``# expect: AILnnn`` (optionally followed by the severity, ``# expect: AILnnn
high``); a line it must leave alone ends with ``# ok: AILnnn``. The finding's line is where
the reported node starts, so a marker goes on the first line of a multi-line call. Every
fixture needs at least as many ``ok`` lines as ``expect`` lines: the tricky negatives are
the point.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, lint

MARKER = re.compile(r"#\s*(expect|ok):\s*(AIL\d{3})(?:\s+(low|medium|high|critical))?\s*$")
FIXTURE_FILES = sorted(path for path in FIXTURES.glob("*/AIL*.py"))


def _markers(path: Path, code: str) -> tuple[dict[int, str | None], set[int]]:
    expected: dict[int, str | None] = {}
    ok: set[int] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARKER.search(line)
        if match is None or match.group(2) != code:
            continue
        if match.group(1) == "expect":
            expected[number] = match.group(3)
        else:
            ok.add(number)
    return expected, ok


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_fixture_findings_are_exactly_the_expected_lines(path: Path):
    code = path.stem
    expected, ok = _markers(path, code)
    assert expected, f"{path.name} marks no line with '# expect: {code}'"
    assert len(ok) >= len(expected), f"{path.name}: fewer tricky negatives ({len(ok)}) than positives ({len(expected)})"
    # Linted under a production-looking path: the family skips test files by default.
    findings = lint(path.read_text(encoding="utf-8"), select=code, path=f"src/app/{path.name}")
    found = {finding.line: finding for finding in findings}
    assert sorted(found) == sorted(expected), "\n".join(f"{f.line}: {f.message}" for f in findings)
    for line, severity in expected.items():
        if severity is not None:
            assert found[line].severity.value == severity, f"line {line}: {found[line].message}"
