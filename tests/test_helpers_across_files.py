"""AIL503 in a whole run: a test whose only check is in a helper imported from another file
of the project is not flagged; one whose imported helpers check nothing still is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ailint.cli import main

from test_flake8_plugin import flake8

# Helper names say nothing about checking, so only following them into their file can tell.
HELPERS = """\
from tests.support import same_rows


def compare_total(order, expected):
    _equal(order.total, expected)


def _equal(actual, expected):
    assert actual == expected


def two_below(order):
    _middle(order)


def _middle(order):
    _deepest(order)


def _deepest(order):
    assert order


def forwards(order):
    same_rows(order, [])


def make_order():
    return {"total": 1}


def normalised(order):
    if order is None:
        raise ValueError("an order is required")
    return _run_tests_quietly(order)


def finished(order):
    if not order.get("done"):
        raise AssertionError("the order never finished")


class OrderCompare:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        assert not exc[0]
"""

SUPPORT = "def same_rows(actual, expected):\n    assert actual == expected\n"


def orders_test(imports: str, body: str) -> str:
    return f"{imports}\n\n\ndef test_order():\n    {body}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.ailint]\nselect = ['AIL503']\n")
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "__init__.py").write_text("")
    (tests / "helpers.py").write_text(HELPERS)
    (tests / "support.py").write_text(SUPPORT)
    return tmp_path


def flagged(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int]]:
    monkeypatch.chdir(project)
    code = main(["check", "--format", "json", "--no-cache", *args, "."])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return [(finding["path"], finding["line"]) for finding in json.loads(out)["findings"]]


@pytest.mark.parametrize(
    ("imports", "body"),
    [
        ("from tests.helpers import compare_total, make_order", "compare_total(make_order(), 1)"),
        ("from tests import helpers", "helpers.compare_total(helpers.make_order(), 1)"),
        ("import tests.helpers", "tests.helpers.compare_total(tests.helpers.make_order(), 1)"),
        ("from .helpers import compare_total as same", "same({'total': 1}, 1)"),
        ("from . import helpers", "helpers.compare_total({'total': 1}, 1)"),
        # pytest's rootdir-relative import mode puts the test's directory on sys.path.
        ("import helpers", "helpers.compare_total({'total': 1}, 1)"),
        ("from tests.helpers import OrderCompare", "with OrderCompare():\n        pass"),
        ("from tests.helpers import compare_total", "for case in CASES:\n        compare_total(case, 1)"),
        ("from mypkg.testing import same_order", "same_order({'total': 1})"),
        ("from tests.helpers import finished", "finished({'done': True})"),
    ],
    ids=["from-import", "module-attribute", "dotted-import", "relative-alias", "relative-module", "sibling",
         "context-manager-class", "in-a-loop", "src-layout", "raises-assertion-error"],
)
def test_a_helper_of_another_file_that_checks_counts(project, monkeypatch, capsys, imports, body):
    (project / "src" / "mypkg").mkdir(parents=True)
    (project / "src" / "mypkg" / "__init__.py").write_text("")
    (project / "src" / "mypkg" / "testing.py").write_text("def same_order(order):\n    assert order['total'] == 1\n")
    (project / "tests" / "test_orders.py").write_text(orders_test(imports, body))
    assert flagged(project, monkeypatch, capsys) == []


@pytest.mark.parametrize(
    ("imports", "body"),
    [
        ("from tests.helpers import make_order", "make_order()"),
        # The assertion is three levels below the test: one more than the rule follows.
        ("from tests.helpers import two_below", "two_below(None)"),
        # A helper that hands over to a helper of a third file: one file hop only.
        ("from tests.helpers import forwards", "forwards({})"),
        ("from tests.missing import compare_total", "compare_total({}, 1)"),
        ("from tests.helpers import no_such_function", "no_such_function()"),
        ("from tests.broken import compare_total", "compare_total({}, 1)"),
        ("import json", "json.dumps({})"),
        # Argument validation is no check, and in a helper `_run_tests...` is no test runner.
        ("from tests.helpers import normalised", "normalised({})"),
    ],
    ids=["helper-checks-nothing", "too-deep", "second-file-hop", "missing-module", "missing-function",
         "unparsable-helper", "stdlib", "raises-value-error"],
)
def test_a_test_whose_imported_helpers_check_nothing_is_still_flagged(project, monkeypatch, capsys, imports, body):
    (project / "tests" / "broken.py").write_text("def compare_total(:\n")
    (project / "tests" / "test_orders.py").write_text(orders_test(imports, body))
    assert flagged(project, monkeypatch, capsys) == [("tests/test_orders.py", 4)]


def test_editing_the_helper_changes_the_verdict_on_a_cached_rerun(project, monkeypatch, capsys, tmp_path_factory):
    monkeypatch.setenv("AILINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.chdir(project)
    (project / "tests" / "test_orders.py").write_text(
        orders_test("from tests.helpers import compare_total", "compare_total({}, 1)")
    )

    def run() -> list[str]:
        code = main(["check", "--format", "json", "."])
        return [finding["code"] for finding in json.loads(capsys.readouterr().out)["findings"]]

    assert run() == []
    (project / "tests" / "helpers.py").write_text(HELPERS.replace("    assert actual == expected\n", "    return actual\n"))
    assert run() == ["AIL503"]


def test_a_staged_test_calling_an_unchanged_helper_is_not_flagged(project):
    env_run = {"cwd": project, "capture_output": True, "text": True, "check": True}
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", "-b", "main"], **env_run)
    subprocess.run(["git", "add", "-A"], **env_run)
    subprocess.run(["git", *identity, "commit", "-q", "-m", "helpers"], **env_run)
    (project / "tests" / "test_orders.py").write_text(
        orders_test("from tests.helpers import compare_total, make_order", "compare_total(make_order(), 1)")
        + "\n\ndef test_builds():\n    make_order()\n"
    )
    subprocess.run(["git", "add", "-A"], **env_run)
    result = subprocess.run(
        [sys.executable, "-m", "ailint", "check", "--format", "json", "--staged"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert [(f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("tests/test_orders.py", 8)]


def test_flake8_resolves_the_same_helpers(project):
    (project / "tests" / "test_orders.py").write_text(
        orders_test("from tests.helpers import compare_total, make_order", "compare_total(make_order(), 1)")
        + "\n\ndef test_builds():\n    make_order()\n"
    )
    result = flake8("--select", "AIL503", "tests/test_orders.py", cwd=project)
    assert result.stdout.splitlines() == [
        "tests/test_orders.py:8:1: AIL503 `test_builds` checks nothing: add an assertion "
        "(assert, pytest.raises, self.assert*, mock.assert_*)"
    ]
