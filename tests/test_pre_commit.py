"""The pre-commit hooks, for real: `pre-commit try-repo` on this checkout in a throwaway repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com"}


def test_the_manifest_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hook_fails_on_a_staged_bad_file_and_passes_once_it_is_fixed(tmp_path: Path):
    repo = tmp_path / "project"
    repo.mkdir()
    env = {**ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "AILINT_CACHE_DIR": str(tmp_path / "cache")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    run("git", "init", "-q")
    # Only the error-handling rules: the new module has no tests, which AIL501 would report.
    (repo / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL1']\n")
    run("git", "add", "pyproject.toml")
    run("git", "commit", "-q", "-m", "configure ailint")
    (repo / "worker.py").write_text("def work():\n    try:\n        step()\n    except:\n        pass\n")
    run("git", "add", "worker.py")
    try_repo = (sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "ailint")
    failed = run(*try_repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "worker.py:4:5: AIL101" in failed.stdout

    (repo / "worker.py").write_text("def work():\n    try:\n        step()\n    except OSError:\n        log.warning('no step')\n")
    run("git", "add", "worker.py")
    passed = run(*try_repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
