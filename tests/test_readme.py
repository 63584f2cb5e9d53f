"""The README's fresh-machine commands are real: CI runs the test one, the sample one finds things."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REAL_SEMGREP, REPO


def test_ci_runs_exactly_the_readme_test_command():
    command = (REPO / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert 'pip install -e ".[dev]"' in command and "pytest" in command
    assert f"```sh\n{command}\n```" in (REPO / "README.md").read_text()


@pytest.mark.skipif(REAL_SEMGREP is None, reason="semgrep is not installed")
def test_readme_sample_command_reports_findings():
    readme = (REPO / "README.md").read_text()
    assert "&& .venv/bin/ailint check examples/\n" in readme
    result = subprocess.run(
        [sys.executable, "-m", "ailint", "check", "examples/"],
        cwd=REPO, env={**os.environ, "AILINT_SEMGREP": REAL_SEMGREP}, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    codes = {line.split(" ")[1] for line in result.stdout.splitlines()}
    # AIL611: the sample imports requests, which this checkout's environment has (through
    # semgrep) and its pyproject does not declare.
    assert codes == {"AIL101", "AIL102", "AIL103", "AIL104", "AIL105", "AIL106", "AIL308", "AIL370", "AIL611", "AIL704"}
