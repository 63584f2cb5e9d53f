from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Mapping

import pytest

from ailint.check import check_source
from ailint.config import settings_from_table
from ailint.finding import Finding

from ailint.semgrep import executable

# Keep the Semgrep findings cache of test runs out of the user's cache directory; subprocesses inherit it.
os.environ["AILINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ailint-test-cache-")

# The real Semgrep, for the tests about the packs and the Semgrep engine (None: not installed).
REAL_SEMGREP = executable()
# Every other test gets a Semgrep that finds nothing at once: a real start-up costs 2 s, and
# those tests are about the libcst rules, the CLI or flake8, not about the packs.
_NO_FINDINGS = Path(tempfile.mkdtemp(prefix="ailint-test-semgrep-")) / "semgrep"
_NO_FINDINGS.write_text("#!/bin/sh\necho '{\"results\": [], \"errors\": [], \"version\": \"none\"}'\n")
_NO_FINDINGS.chmod(0o755)
os.environ["AILINT_SEMGREP"] = str(_NO_FINDINGS)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"


def lint(
    code: str,
    select: str | list[str] = "AIL",
    options: Mapping[str, Mapping[str, Any]] | None = None,
    path: str = "example.py",
    **config: Any,
) -> list[Finding]:
    """Findings for ``code`` with only ``select`` enabled (plus any ``[tool.ailint]`` ``config``)."""
    selectors = [select] if isinstance(select, str) else select
    table: dict[str, Any] = {"select": selectors, **config}
    if options:
        table["rules"] = options
    settings = settings_from_table(table, REPO, "test")
    return check_source(path, code, settings).findings


@pytest.fixture
def repo_root() -> Path:
    return REPO
