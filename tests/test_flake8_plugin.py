"""flake8 runs every per-file rule and agrees with `ailint check`, run for real in subprocesses."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

AGREEMENT = FIXTURES / "agreement"
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<message>.*)$")
BARE_EXCEPT = "try:\n    pass\nexcept:\n    pass\n"


def findings(output: str) -> list[tuple[str, int, int, str, str]]:
    rows = []
    for line in output.splitlines():
        match = FINDING.match(line)
        assert match, f"unexpected output line: {line!r}"
        rows.append((match["path"], int(match["line"]), int(match["col"]), match["code"], match["message"]))
    return sorted(rows)


def flake8(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
    )


def ailint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ailint", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(AGREEMENT, tmp_path / "tree")
    return tmp_path / "tree"


def test_plugin_is_registered():
    result = subprocess.run([sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True)
    assert "ailint:" in result.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_flake8_agrees_with_ailint_check(tree: Path, jobs: str):
    ours = ailint("check", ".", cwd=tree)
    theirs = flake8("--select", "AIL", "-j", jobs, ".", cwd=tree)
    assert ours.returncode == 1 and theirs.returncode == 1, (ours.stderr, theirs.stderr)
    expected = findings(ours.stdout)
    assert {row[3] for row in expected} >= {"AIL101", "AIL102", "AIL103", "AIL104", "AIL105", "AIL106"}
    assert {row[3] for row in expected} >= {"AIL201", "AIL202", "AIL203", "AIL204", "AIL205", "AIL206"}
    assert findings(theirs.stdout.replace("./", "")) == expected


def test_flake8_honours_tool_ailint_config(tree: Path):
    (tree / "pyproject.toml").write_text('[tool.ailint]\nignore = ["AIL103"]\nper-file-ignores = { "pkg/worker.py" = ["AIL1"] }\n')
    codes = {(row[0], row[3]) for row in findings(flake8("--select", "AIL", ".", cwd=tree).stdout.replace("./", ""))}
    assert ("pkg/fetch.py", "AIL103") not in codes
    assert not any(path == "pkg/worker.py" for path, _ in codes)
    assert ("pkg/fetch.py", "AIL106") in codes


def test_flake8_stdin_uses_the_buffer_not_the_file(tree: Path):
    # The file on disk is clean; the unsaved buffer an editor pipes in is not.
    result = flake8("--select", "AIL", "--stdin-display-name", "clean.py", "-", cwd=tree, stdin=BARE_EXCEPT)
    assert [row[:4] for row in findings(result.stdout)] == [("clean.py", 3, 1, "AIL101")]


def test_flake8_stdin_for_a_path_that_does_not_exist(tree: Path):
    result = flake8("--select", "AIL", "--stdin-display-name", "not/on/disk.py", "-", cwd=tree, stdin=BARE_EXCEPT)
    assert [row[:4] for row in findings(result.stdout)] == [("not/on/disk.py", 3, 1, "AIL101")]


def test_flake8_noqa_and_ailint_ignore(tree: Path):
    (tree / "a.py").write_text(BARE_EXCEPT.replace("except:", "except:  # noqa: AIL101"))
    (tree / "b.py").write_text(BARE_EXCEPT.replace("except:", "except:  # ailint: ignore[AIL101] -- exit path"))
    (tree / "c.py").write_text(BARE_EXCEPT.replace("except:", "except:  # noqa: AIL102"))
    result = flake8("--select", "AIL", "a.py", "b.py", "c.py", cwd=tree)
    assert [row[:4] for row in findings(result.stdout)] == [("c.py", 3, 1, "AIL101")]


def test_flake8_reports_libcst_only_failures_as_not_analysed(tree: Path):
    # CPython accepts a parenthesised annotated name (as in the stdlib's ann_module.py);
    # libcst does not: ailint must say it could not analyse the file, not that it is invalid.
    (tree / "ok.py").write_text("(pars): bool = True\n")
    ours = findings(ailint("check", "ok.py", cwd=tree).stdout)
    theirs = findings(flake8("--select", "AIL", "ok.py", cwd=tree).stdout)
    assert [row[:4] for row in theirs] == [row[:4] for row in ours] == [("ok.py", 1, 9, "AIL005")]
    assert "could not be analysed" in theirs[0][4] and "syntax error" not in theirs[0][4]


def test_flake8_on_a_syntax_error_reports_e999_not_a_crash(tree: Path):
    (tree / "broken.py").write_text("def f(:\n")
    result = flake8("--select", "AIL,E999", "broken.py", cwd=tree)
    assert [row[3] for row in findings(result.stdout)] == ["E999"]
