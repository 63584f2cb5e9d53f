"""Diff mode on throwaway git repositories: what a change did, not the repository's history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ailint.diff import _parse
from test_duplication import ORIGINAL, RENAMED

BARE = "def job_{n}():\n    try:\n        run({n})\n    except:\n        pass\n"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True).stdout


def ailint(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ailint", "check", "--format", "json", *args],
        cwd=repo, env=ENV, capture_output=True, text=True, timeout=300,
    )


def rows(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    assert result.returncode in (0, 1), result.stderr
    return [(f["path"], f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL1', 'AIL4']\n")
    (root / "app").mkdir()
    (root / "app" / "jobs.py").write_text(BARE.format(n=1))
    (root / "app" / "report.py").write_text(ORIGINAL)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


def test_staged_mode_reports_only_findings_on_staged_lines(repo: Path):
    jobs = repo / "app" / "jobs.py"
    jobs.write_text(BARE.format(n=1) + "\n\n" + BARE.format(n=2))
    git(repo, "add", "app/jobs.py")
    assert rows(ailint(repo, "--staged")) == [("app/jobs.py", 11, "AIL101")]
    assert rows(ailint(repo, "--staged", "--diff-scope", "files")) == [
        ("app/jobs.py", 4, "AIL101"),
        ("app/jobs.py", 11, "AIL101"),
    ]
    assert len(rows(ailint(repo))) == 2  # a full run sees the old finding too


def test_diff_base_covers_commits_and_the_work_tree_since_the_merge_base(repo: Path):
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "app" / "more.py").write_text(BARE.format(n=3))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "more")
    (repo / "app" / "jobs.py").write_text(BARE.format(n=1) + "\n\n" + BARE.format(n=4))
    assert rows(ailint(repo, "--diff-base", "main")) == [("app/jobs.py", 11, "AIL101"), ("app/more.py", 4, "AIL101")]
    # Later commits on main are not this branch's changes.
    git(repo, "checkout", "-q", "main")
    (repo / "app" / "other.py").write_text(BARE.format(n=5))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "elsewhere")
    git(repo, "checkout", "-q", "feature")
    assert ("app/other.py", 4, "AIL101") not in rows(ailint(repo, "--diff-base", "main"))


def test_a_patch_file_works_outside_git_too(repo: Path, tmp_path: Path):
    (repo / "app" / "jobs.py").write_text(BARE.format(n=1) + "\n\n" + BARE.format(n=2))
    patch = tmp_path / "change.patch"
    patch.write_text(git(repo, "diff"))
    assert rows(ailint(repo, "--diff-file", str(patch))) == [("app/jobs.py", 11, "AIL101")]
    bad = tmp_path / "bad.patch"
    bad.write_text("@@ -1 +1 @@\n-x\n")
    result = ailint(repo, "--diff-file", str(bad))
    assert result.returncode == 2 and "not a unified diff" in result.stderr


def test_a_new_copy_of_untouched_code_is_reported_on_the_new_side(repo: Path):
    # "app/a_new.py" sorts before "app/report.py", but only the new file is in the change.
    (repo / "app" / "a_new.py").write_text(RENAMED)
    git(repo, "add", "-A")
    result = ailint(repo, "--staged")
    assert rows(result) == [("app/a_new.py", 1, "AIL403")]
    (finding,) = json.loads(result.stdout)["findings"]
    assert "re-implements `report.summarise_orders` (app/report.py:1)" in finding["message"]
    assert finding["related"][0]["path"].endswith("app/report.py")


def test_a_renamed_module_is_checked_under_its_new_name_on_its_changed_lines(repo: Path):
    body = "\n\n".join(BARE.format(n=n) for n in range(1, 5))
    (repo / "app" / "jobs.py").write_text(body)
    git(repo, "commit", "-q", "-am", "more jobs")
    git(repo, "mv", "app/jobs.py", "app/tasks.py")
    (repo / "app" / "tasks.py").write_text(body + "\n\n" + BARE.format(n=5))
    git(repo, "add", "-A")
    assert "rename from app/jobs.py" in git(repo, "diff", "--cached", "-M")
    assert rows(ailint(repo, "--staged")) == [("app/tasks.py", 32, "AIL101")]


def test_a_binary_python_file_in_the_diff_is_named_not_checked(repo: Path):
    (repo / "app" / "blob.py").write_bytes(b"\x00\x01\x02 binary")
    git(repo, "add", "-A")
    result = ailint(repo, "--staged")
    assert result.returncode in (0, 1)
    assert "app/blob.py: binary in the diff, not checked" in result.stderr


def test_a_missing_base_in_a_shallow_clone_says_to_fetch_deeper(repo: Path, tmp_path: Path):
    for n in range(3):
        (repo / "app" / f"step{n}.py").write_text(f"x = {n}\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"step {n}")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, env=ENV)
    result = ailint(shallow, "--diff-base", "HEAD~2")
    assert result.returncode == 2
    assert "no such commit or branch" in result.stderr and "shallow" in result.stderr and "fetch" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_diff_mode_outside_a_repository_is_a_clear_error(tmp_path: Path):
    (tmp_path / "x.py").write_text("x = 1\n")
    result = ailint(tmp_path, "--staged")
    assert result.returncode == 2 and "--staged needs a git repository" in result.stderr


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "def f():\n", "    pass\n", "\n"]), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=LINES, new=LINES, context=st.sampled_from([0, 1, 3]))
def test_the_file_before_the_change_is_rebuilt_from_the_diff_alone(
    tmp_path: Path, old: list[str], new: list[str], context: int
):
    (tmp_path / "before.py").write_text("".join(old))
    (tmp_path / "after.py").write_text("".join(new))
    patch = subprocess.run(
        ["git", "diff", "--no-index", f"--unified={context}", "before.py", "after.py"],
        cwd=tmp_path, capture_output=True, text=True,
    ).stdout
    changed = [f for f in _parse(patch, tmp_path, "test").files] if patch else []
    rebuilt = changed[0].old_text("".join(new)) if changed else "".join(new)
    assert rebuilt == "".join(old)


def test_findings_on_lines_written_by_ai_assisted_commits_are_marked(repo: Path):
    git(repo, "checkout", "-q", "-b", "feature")
    jobs = repo / "app" / "jobs.py"
    steps = [
        ("human change", ""),
        ("assistant change\n\nCo-authored-by: Claude <noreply@anthropic.com>", ""),
        ("pairing session\n\nAssisted-by: GitHub Copilot", ""),
        ("colleague\n\nCo-authored-by: Ada Lovelace <ada@example.com>", ""),
    ]
    for n, (message, _) in enumerate(steps, start=2):
        jobs.write_text(jobs.read_text() + "\n\n" + BARE.format(n=n))
        git(repo, "commit", "-q", "-am", message)
    result = ailint(repo, "--diff-base", "main")
    flags = {(f["line"], f["ai_assisted"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    assert flags == {(11, False, "high"), (18, True, "high"), (25, True, "high"), (32, False, "high")}
    (repo / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL1']\nraise-ai-assisted-severity = true\n")
    git(repo, "commit", "-q", "-am", "config")
    sarif = subprocess.run(
        [sys.executable, "-m", "ailint", "check", "--format", "sarif", "--diff-base", "main"],
        cwd=repo, env=ENV, capture_output=True, text=True, timeout=300,
    )
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    marked = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results if r.get("properties", {}).get("aiAssisted")]
    assert marked == [18, 25]
    raised = {(f["line"], f["severity"]) for f in json.loads(ailint(repo, "--diff-base", "main").stdout)["findings"]}
    assert raised == {(11, "high"), (18, "critical"), (25, "critical"), (32, "high")}
