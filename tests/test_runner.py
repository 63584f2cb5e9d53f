"""The file runner: the same report whatever the job count, in path order, and crashes contained."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from ailint import runner, source
from ailint.config import Settings, settings_from_table
from ailint.rule import CstRule, Docs
from ailint.runner import check_files

AILINT = Path(sys.executable).with_name("ailint")  # the installed entry point
BARE_EXCEPT = "try:\n    pass\nexcept:\n    pass\n"

# Files with findings at several lines and columns, and a few without any.
TEMPLATES = [
    BARE_EXCEPT,  # AIL101 at 3:1
    "x = 1\n" + BARE_EXCEPT + "def f():\n    try:\n        pass\n    except:\n        pass\n",  # 4:1 and 9:5
    "def load(path):\n    try:\n        return open(path).read()\n    except Exception:\n        return None\n",
    "try:\n    run()\nexcept ValueError as error:\n    raise RuntimeError('failed')\n",
    "def f(:\n",  # AIL001
    "x = 1\n",  # clean
    "from contextlib import suppress\nwith suppress(Exception):\n    run()\n",
    "def f():\n    try:\n        return 1\n    finally:\n        return 2\n",
    "try:\n    run()\nexcept Exception:\n    pass\n",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    (root / "pyproject.toml").write_text("[tool.ailint]\n")
    for index in range(42):
        directory = root / ["", "pkg", "pkg/sub", "tests", "a_b"][index % 5]
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"m{index}.py").write_text(TEMPLATES[index % len(TEMPLATES)])
    return root


def run_ailint(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(AILINT), "check", *args], capture_output=True, cwd=cwd, timeout=300)


def test_output_is_identical_for_one_and_two_jobs(tree: Path):
    serial = run_ailint("--jobs", "1", ".", cwd=tree)
    parallel = run_ailint("--jobs", "2", ".", cwd=tree)
    assert serial.returncode == parallel.returncode == 1, serial.stderr
    assert serial.stderr == parallel.stderr == b""
    assert serial.stdout == parallel.stdout  # byte for byte
    lines = serial.stdout.decode().splitlines()
    assert len(lines) >= 40
    codes = {line.split(" ")[1] for line in lines}
    assert codes >= {"AIL001", "AIL101", "AIL102", "AIL103", "AIL104", "AIL105", "AIL106"}


def test_findings_are_sorted_by_path_then_line_then_column(tree: Path):
    lines = run_ailint("--jobs", "2", ".", cwd=tree).stdout.decode().splitlines()
    keys = []
    for line in lines:
        path, row, column = line.split(":")[:3]
        keys.append((path, int(row), int(column)))
    assert keys == sorted(keys)
    clean = TEMPLATES.index("x = 1\n")
    assert len({path for path, _, _ in keys}) == sum(1 for index in range(42) if index % len(TEMPLATES) != clean)
    # The two-finding template in pkg/m1.py: both findings, in line order.
    assert [key for key in keys if key[0] == "pkg/m1.py"] == [("pkg/m1.py", 4, 1), ("pkg/m1.py", 9, 5)]


def test_json_output_parses_and_has_the_same_findings_as_text(tree: Path):
    text = run_ailint("--jobs", "2", ".", cwd=tree).stdout.decode().splitlines()
    result = run_ailint("--jobs", "2", "--format", "json", ".", cwd=tree)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["tool"] == "ailint"
    assert document["problems"] == []
    findings = document["findings"]
    assert [f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}" for f in findings] == text
    assert findings[0].keys() >= {"path", "line", "column", "end_line", "end_column", "code", "name", "severity"}
    assert run_ailint("--jobs", "1", "--format", "json", ".", cwd=tree).stdout == result.stdout


# --- in process -------------------------------------------------------------------------------


def settings(root: Path, **table) -> Settings:
    return settings_from_table(table, root, "test")


def write(root: Path, count: int, content: str = BARE_EXCEPT) -> list[str]:
    paths = []
    for index in range(count):
        path = root / f"f{index:02}.py"
        path.write_text(content)
        paths.append(str(path))
    return paths


class PoolSpy:
    """Stands in for ProcessPoolExecutor in the runner, recording how it was used."""

    created: list[int] = []

    def __init__(self, max_workers: int, initializer, initargs) -> None:
        PoolSpy.created.append(max_workers)
        self._real = runner_pool(max_workers=max_workers, initializer=initializer, initargs=initargs)

    def __enter__(self):
        return self._real.__enter__()

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)


runner_pool = runner.ProcessPoolExecutor


@pytest.fixture
def pool_spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    PoolSpy.created = []
    monkeypatch.setattr(runner, "ProcessPoolExecutor", PoolSpy)
    return PoolSpy.created


def test_a_handful_of_files_is_checked_in_process(tmp_path: Path, pool_spy: list[int]):
    files = write(tmp_path, 5)
    results = check_files(list(reversed(files)), settings(tmp_path), jobs=8)
    assert pool_spy == []  # 5 files: fewer than MIN_FILES_PER_JOB per extra worker
    assert [result.path for result in results] == files
    assert all([(f.code, f.line) for f in result.findings] == [("AIL101", 3)] for result in results)


def test_many_files_use_the_pool_and_come_back_sorted(tmp_path: Path, pool_spy: list[int]):
    files = write(tmp_path, 20)
    results = check_files(list(reversed(files)), settings(tmp_path), jobs=2)
    assert pool_spy == [2]
    assert [result.path for result in results] == files
    assert all([(f.code, f.line) for f in result.findings] == [("AIL101", 3)] for result in results)


def test_jobs_never_exceed_the_files(tmp_path: Path, pool_spy: list[int]):
    files = write(tmp_path, 8)
    check_files(files, settings(tmp_path), jobs=64)
    assert pool_spy == [2]  # 8 files / MIN_FILES_PER_JOB


def test_no_files(tmp_path: Path):
    assert check_files([], settings(tmp_path), jobs=4) == []


def test_disabled_ail006_reports_nothing_for_a_missing_file(tmp_path: Path):
    [result] = check_files([str(tmp_path / "gone.py")], settings(tmp_path, ignore=["AIL006"]), jobs=1)
    assert result.findings == []


DOCS = Docs(what="x", why="x", bad="x", good="x", fix="x")


class RaisingRule(CstRule):
    code, name, message, docs = "AIL999", "raising-rule", "never reported", DOCS

    def visit_Pass(self, node: cst.Pass) -> None:
        raise RuntimeError("boom")


class KillsItsProcess(CstRule):
    """Stands for a crash in native code (libcst's parser) or the OOM killer."""

    code, name, message, docs = "AIL998", "kills-its-process", "never reported", DOCS

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "kill_the_worker":
            os.kill(os.getpid(), signal.SIGKILL)


def with_rule(monkeypatch: pytest.MonkeyPatch, rule: type[CstRule]) -> None:
    defaults = Settings.__dict__["cst_rules"].func
    monkeypatch.setattr(Settings, "cst_rules", property(lambda self: ((rule, {}), *defaults(self))))


def test_a_raising_rule_in_the_pool_is_an_ail002_per_file_and_the_rest_still_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with_rule(monkeypatch, RaisingRule)
    files = write(tmp_path, 12)
    results = check_files(files, settings(tmp_path), jobs=2)
    for result in results:
        assert [(f.code, f.line) for f in result.findings] == [("AIL002", 1), ("AIL101", 3)]
        assert "AIL999 (raising-rule): RuntimeError: boom" in result.findings[0].message


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_that_dies_costs_one_ail002_for_its_file_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with_rule(monkeypatch, KillsItsProcess)
    files = write(tmp_path, 16)
    Path(files[6]).write_text("kill_the_worker = 1\n" + BARE_EXCEPT)
    results = check_files(files, settings(tmp_path), jobs=2)
    assert [result.path for result in results] == files
    for path, result in zip(files, results):
        if path == files[6]:
            [finding] = result.findings
            assert (finding.code, finding.line) == ("AIL002", 1)
            assert "internal error in the worker: the process checking this file died" in finding.message
        else:
            assert [(f.code, f.line) for f in result.findings] == [("AIL101", 3)], path


def test_an_unchanged_file_is_answered_from_the_result_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a.py").write_text("try:\n    run()\nexcept:\n    pass\n")
    (tmp_path / "b.py").write_text("x = 1\n")
    parsed: list[str] = []
    real_parse = source.parse
    monkeypatch.setattr("ailint.engine.parse", lambda text: parsed.append(text) or real_parse(text))
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    settings = Settings(root=tmp_path, select=("AIL1",))
    first = check_files(["a.py", "b.py"], settings, 1, cache_directory=cache)
    assert len(parsed) == 2
    assert check_files(["a.py", "b.py"], settings, 1, cache_directory=cache) == first
    assert len(parsed) == 2  # nothing parsed again
    (tmp_path / "b.py").write_text("x = 2\n")
    check_files(["a.py", "b.py"], settings, 1, cache_directory=cache)
    assert len(parsed) == 3  # only the changed file
    other = check_files(["a.py", "b.py"], Settings(root=tmp_path, select=("AIL2",)), 1, cache_directory=cache)
    assert len(parsed) == 5 and other[0].findings == []  # other settings, other results
    check_files(["a.py", "b.py"], settings, 1)
    assert len(parsed) == 7  # no cache directory: no cache


def test_clone_units_and_comments_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from test_duplication import ORIGINAL, RENAMED

    (tmp_path / "a.py").write_text(ORIGINAL)
    (tmp_path / "b.py").write_text(RENAMED.replace("):\n", "):  # noqa: AIL101\n", 1))
    monkeypatch.chdir(tmp_path)
    settings = Settings(root=tmp_path, select=("AIL4", "AIL101"), cross_file=True, line_fingerprints=True)
    cold, _ = runner.check_with_semgrep(["a.py", "b.py"], settings, 1, tmp_path / "cache")
    warm, _ = runner.check_with_semgrep(["a.py", "b.py"], settings, 1, tmp_path / "cache")
    assert [r.findings for r in warm] == [r.findings for r in cold]
    assert [f.code for r in warm for f in r.findings] == ["AIL403"]
    assert warm[1].findings[0].related == cold[1].findings[0].related
    assert warm[1].line_fingerprints == cold[1].line_fingerprints
