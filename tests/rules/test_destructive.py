"""The AIL2xx family's shared context: guards, test files, temporary paths, options, imports."""

from __future__ import annotations

import pytest
from conftest import REPO, lint

from ailint.rule import Severity
from ailint.rules.destructive import DESTRUCTIVE_RULES
from ailint.rules.destructive.context import FAMILY_OPTIONS
from ailint.testfiles import is_test_file

RMTREE = "import shutil\n\ndef clean(out, dry_run):\n{body}"


def _severities(code: str, select: str = "AIL201", path: str = "src/app/tool.py", **kwargs) -> list[tuple[int, Severity]]:
    return [(f.line, f.severity) for f in lint(code, select=select, path=path, **kwargs)]


def test_every_family_rule_carries_the_shared_options_and_note():
    assert [rule.code for rule in DESTRUCTIVE_RULES] == sorted(rule.code for rule in DESTRUCTIVE_RULES)
    for rule in DESTRUCTIVE_RULES:
        assert set(FAMILY_OPTIONS) <= set(rule.options), rule.code
        assert "destructive-calls.md" in rule.docs.notes, rule.code
        assert len(rule.valid) >= 6 and len(rule.invalid) >= 3, rule.code


def test_context_is_documented_once_in_docs():
    page = (REPO / "docs" / "destructive-calls.md").read_text(encoding="utf-8")
    for option in FAMILY_OPTIONS:
        assert f"`{option.name}`" in page


# --- guards --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "    if not dry_run:\n        shutil.rmtree(out)\n",
        "    if dry_run:\n        print(out)\n    else:\n        shutil.rmtree(out)\n",
        "    if dry_run:\n        return\n    shutil.rmtree(out)\n",
        "    if not input('delete? ').startswith('y'):\n        raise SystemExit(1)\n    shutil.rmtree(out)\n",
        "    if options['force']:\n        shutil.rmtree(out)\n",
        "    dry_run or shutil.rmtree(out)\n",
        "    import click\n    click.confirm('sure?', abort=True)\n    shutil.rmtree(out)\n",
        "    for d in out:\n        if args.yes:\n            shutil.rmtree(d)\n",
    ],
)
def test_guards_lower_the_severity_one_step(body):
    findings = lint(RMTREE.format(body=body), select="AIL201", path="src/app/tool.py")
    assert [f.severity for f in findings] == [Severity.LOW]
    assert "guarded by" in findings[0].message


@pytest.mark.parametrize(
    "body",
    [
        "    if out:\n        shutil.rmtree(out)\n",
        "    if verbose:\n        print(out)\n    shutil.rmtree(out)\n",
        "    if dry_run:\n        print(out)\n    shutil.rmtree(out)\n",  # the check does not exit
        "    def later():\n        if dry_run:\n            return\n    shutil.rmtree(out)\n",
    ],
)
def test_conditions_that_are_not_guards_leave_the_severity(body):
    assert [s for _, s in _severities(RMTREE.format(body=body))] == [Severity.MEDIUM]


def test_guarded_calls_can_be_hidden():
    code = RMTREE.format(body="    if not dry_run:\n        shutil.rmtree(out)\n")
    assert lint(code, select="AIL201", path="src/a.py", options={"AIL201": {"report-guarded": False}}) == []


def test_guard_names_are_configurable():
    code = RMTREE.format(body="    if settings.allow_wipe:\n        shutil.rmtree(out)\n")
    assert [s for _, s in _severities(code)] == [Severity.MEDIUM]
    configured = _severities(code, options={"AIL201": {"guard-names": ["allow_wipe"]}})
    assert [s for _, s in configured] == [Severity.LOW]


def test_confirmation_decorator_guards_the_whole_command():
    code = (
        "import click, shutil\n\n@click.command()\n@click.confirmation_option(prompt='Drop all?')\n"
        "def wipe(out):\n    shutil.rmtree(out)\n"
    )
    assert [s for _, s in _severities(code)] == [Severity.LOW]


# --- test files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["tests/test_build.py", "pkg/tests/helpers.py", "test_build.py", "build_test.py", "conftest.py", "tests/fixtures/data.py"],
)
def test_test_files_are_recognised(path):
    assert is_test_file(path)


@pytest.mark.parametrize("path", ["src/app/build.py", "contest.py", "testing_utils.py", "latest/build.py"])
def test_production_files_are_not_test_files(path):
    assert not is_test_file(path)


def test_test_files_keep_only_dangerous_targets():
    code = "import os, shutil\n\nshutil.rmtree(out)\nshutil.rmtree(os.environ['HOME'])\n"
    assert [line for line, _ in _severities(code, path="tests/test_x.py")] == [4]
    everything = _severities(code, path="tests/test_x.py", options={"AIL201": {"include-tests": True}})
    assert [line for line, _ in everything] == [3, 4]


# --- targets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "'/'", "'~'", "'.'", "os.getcwd()", "Path.home()", "Path.cwd()", "'/etc'", "'data/*'",
        "os.environ['OUT']", "os.getenv('OUT')", "os.environ.get('OUT', 'x')", "sys.argv[1]",
        "input()", "Path(sys.argv[1]) / 'cache'", "f'{os.environ[\"ROOT\"]}/cache'",
        "os.path.join(os.getenv('ROOT'), 'cache')", "'C:\\\\'",
    ],
)
def test_dangerous_targets_are_high(target):
    code = f"import os, shutil, sys\nfrom pathlib import Path\n\nshutil.rmtree({target})\n"
    assert _severities(code) == [(4, Severity.HIGH)]


@pytest.mark.parametrize(
    "setup, target",
    [
        ("d = tempfile.mkdtemp()", "d"),
        ("d = tempfile.mkdtemp()", "os.path.join(d, 'x')"),
        ("d = tempfile.mkdtemp()", "Path(d) / 'x'"),
        ("d = tempfile.gettempdir()", "f'{d}/myapp'"),
        ("d = Path(tempfile.mkdtemp())", "d.resolve()"),
        ("d = 'build'", "d"),
        ("pass", "'/tmp/cache'"),
        ("pass", "'.pytest_cache'"),
    ],
)
def test_temporary_targets_are_not_flagged(setup, target):
    code = f"import os, shutil, tempfile\nfrom pathlib import Path\n\ndef f():\n    {setup}\n    shutil.rmtree({target})\n"
    assert _severities(code) == []


def test_safe_path_prefixes_are_configurable():
    code = "import shutil\n\nshutil.rmtree('var/scratch/run1')\n"
    assert len(_severities(code)) == 1
    assert _severities(code, options={"AIL201": {"safe-path-prefixes": ["var/scratch/"]}}) == []


def test_a_later_rebinding_does_not_reach_back():
    code = (
        "import shutil, tempfile\n\ndef f(out):\n    d = out\n    shutil.rmtree(d)\n"
        "    d = tempfile.mkdtemp()\n    shutil.rmtree(d)\n"
    )
    assert [line for line, _ in _severities(code)] == [5]


def test_home_subdirectories_are_ordinary_not_dangerous():
    code = "import shutil\nfrom pathlib import Path\n\nshutil.rmtree(Path.home() / '.cache' / 'app')\n"
    assert _severities(code) == [(4, Severity.MEDIUM)]


# --- imports -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "from shutil import rmtree as nuke\n\nnuke(out)\n",
        "import shutil as sh\n\nsh.rmtree(out)\n",
        "from os import remove\n\nremove('/')\n",
        "import os as o\n\no.unlink(o.environ['X'])\n",
    ],
)
def test_aliased_imports_are_resolved(code):
    assert len(_severities(code)) == 1


@pytest.mark.parametrize(
    "code",
    [
        "def rmtree(path):\n    pass\n\nrmtree('/')\n",
        "def remove(path):\n    pass\n\nremove('/')\n",
        "shutil.rmtree(out)\n",  # never imported: not the standard library's
        "import shutil\n\nclass Store:\n    def remove(self, key):\n        pass\n\nStore().remove('/')\n",
    ],
)
def test_local_lookalikes_are_not_flagged(code):
    assert _severities(code) == []


def test_a_rebinding_from_itself_reads_the_previous_value():
    code = (
        "import os, shutil, tempfile\n\ndef f():\n    victim = os.path.join(tempfile.mkdtemp(), 'x')\n"
        "    victim = os.fsencode(victim)\n    shutil.rmtree(victim)\n"
    )
    assert _severities(code) == []


def test_temporary_directory_helpers_named_like_tempfile_count_as_temporary():
    code = "import shutil\n\nclass T:\n    def test(self):\n        tmp = self.mkdtemp()\n        shutil.rmtree(tmp)\n"
    assert _severities(code) == []
