"""The Semgrep engine inside `ailint check` and flake8: one scan per run, same pipeline, clear failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ailint.config import ConfigError, settings_from_table
from ailint.finding import Finding
from ailint.positions import in_code_points
from ailint.rule import Severity
from conftest import REAL_SEMGREP, SHARED

SEMGREP = REAL_SEMGREP
REAL = {**os.environ, "AILINT_SEMGREP": SEMGREP or ""}
pytestmark = pytest.mark.skipif(SEMGREP is None, reason="semgrep is not installed")

DEPLOY = """\
import boto3

ec2 = boto3.client("ec2")
ec2.terminate_instances(InstanceIds=ids)
ec2.delete_vpc(VpcId=vpc)  # noqa: AIL301
ec2.delete_snapshot(SnapshotId=snap)  # ailint: ignore[AIL301] -- disposable CI snapshot
note = "café"; ec2.delete_vpc(VpcId="vpc-1")
ec2.stop_instances(InstanceIds=ids)
"""
BARE_EXCEPT = "try:\n    pass\nexcept:\n    pass\n"
CUSTOM_PACK = """\
rules:
  - id: no-print-secrets
    languages: [python]
    severity: ERROR
    message: do not print $X
    pattern: print(secret)
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / "app").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.ailint]\n")
    (root / "app" / "deploy.py").write_text(DEPLOY, encoding="utf-8")
    (root / "app" / "jobs.py").write_text(BARE_EXCEPT)
    (root / "app" / "config.py").write_text("import yaml\n\n\ndef load(text):\n    return yaml.load(text)\n")
    return root


@pytest.fixture
def logged_semgrep(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose semgrep logs each invocation's arguments, then runs the real one."""
    log = tmp_path / "semgrep.log"
    wrapper = tmp_path / "semgrep-wrapper"
    wrapper.write_text(
        f"#!{sys.executable}\nimport json, os, sys\n"
        f"with open({str(log)!r}, 'a') as log:\n    log.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"os.execv({SEMGREP!r}, [{SEMGREP!r}, *sys.argv[1:]])\n"
    )
    wrapper.chmod(0o755)
    return {**REAL, "AILINT_SEMGREP": str(wrapper), "AILINT_CACHE_DIR": str(tmp_path / "cache")}, log


def _invocations(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def ailint(*args: str, cwd: Path, env: dict[str, str] = REAL) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ailint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def flake8(*args: str, cwd: Path, env: dict[str, str] = REAL, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", *args],
        cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=300,
    )


def _text_rows(output: str) -> set[tuple[str, int, int, str]]:
    rows = set()
    for line in output.splitlines():
        path, line_number, column, rest = line.split(":", 3)
        rows.add((path.removeprefix("./"), int(line_number), int(column), rest.split()[0]))
    return rows


def test_findings_are_the_same_in_text_json_sarif_and_flake8(tree: Path):
    text = ailint("check", "--select", "AIL3,AIL7", ".", cwd=tree)
    assert text.returncode == 1, text.stderr
    rows = _text_rows(text.stdout)
    # Suppressed on lines 5 and 6; line 7's column counts characters after a non-ASCII one.
    assert rows == {
        ("app/deploy.py", 4, 1, "AIL301"),
        ("app/deploy.py", 7, 16, "AIL301"),
        ("app/config.py", 5, 12, "AIL704"),
    }
    as_json = json.loads(ailint("check", "--select", "AIL3,AIL7", "--format", "json", ".", cwd=tree).stdout)
    assert {(f["path"], f["line"], f["column"], f["code"]) for f in as_json["findings"]} == rows

    sarif_file = tree.parent / "out.sarif"
    ailint("check", "--select", "AIL3,AIL7", "--format", "sarif", "-o", str(sarif_file), ".", cwd=tree)
    sarif = json.loads(sarif_file.read_text())
    results = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["ruleId"],
        )
        for r in sarif["runs"][0]["results"]
    }
    assert results == rows
    validated = subprocess.run(
        [sys.executable, str(SHARED / "sarif" / "validate_sarif.py"), str(sarif_file)], capture_output=True, text=True
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr

    for jobs in ("1", "2"):
        theirs = flake8("--select", "AIL3,AIL7", "-j", jobs, ".", cwd=tree)
        assert _text_rows(theirs.stdout) == rows, theirs.stderr


def test_pack_rules_are_declared_with_their_docs_in_sarif(tree: Path):
    out = tree.parent / "out.sarif"
    ailint("check", "--format", "sarif", "-o", str(out), ".", cwd=tree)
    rules = {rule["id"]: rule for rule in json.loads(out.read_text())["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["AIL301"]["name"] == "aws-ec2-destructive-call"
    assert "boto3" in rules["AIL301"]["help"]["markdown"]
    assert "external/cwe/cwe-1188" in rules["AIL301"]["properties"]["tags"]


def test_one_scan_per_run_then_answers_from_the_cache(tree: Path, logged_semgrep):
    env, log = logged_semgrep
    first = ailint("check", ".", cwd=tree, env=env)
    assert len(_invocations(log)) == 1
    again = ailint("check", ".", cwd=tree, env=env)
    assert again.stdout == first.stdout and len(_invocations(log)) == 1, "an unchanged tree needs no scan"
    (tree / "app" / "jobs.py").write_text(BARE_EXCEPT + "eval(user_input)\n")
    changed = ailint("check", ".", cwd=tree, env=env)
    scans = _invocations(log)
    assert len(scans) == 2 and scans[1][-1] == "app/jobs.py" and scans[1][-2] == "--", "only the changed file"
    assert "AIL701" in changed.stdout


def test_flake8_starts_semgrep_once_for_a_parallel_run_and_not_at_all_when_hidden(tree: Path, logged_semgrep):
    env, log = logged_semgrep
    for index in range(8):
        (tree / "app" / f"extra{index}.py").write_text(f"import boto3\nboto3.client('ec2').delete_vpc(VpcId='{index}')\n")
    hidden = flake8("--select", "E,W", "-j", "2", ".", cwd=tree, env=env)
    assert "AIL" not in hidden.stdout and _invocations(log) == []
    shown = flake8("--select", "AIL", "-j", "2", ".", cwd=tree, env=env)
    assert shown.stdout.count("AIL301") == 10 and len(_invocations(log)) == 1
    flake8("--select", "AIL", "-j", "2", ".", cwd=tree, env=env)
    assert len(_invocations(log)) == 1


def test_flake8_lints_an_editor_buffer_on_stdin(tree: Path, logged_semgrep):
    env, _ = logged_semgrep
    buffer = "import boto3\n\nboto3.client('ec2').terminate_instances(InstanceIds=[])\n"
    result = flake8("--select", "AIL", "--stdin-display-name", "app/unsaved.py", "-", cwd=tree, env=env, stdin=buffer)
    assert result.stdout.startswith("app/unsaved.py:3:1: AIL301 "), result.stderr


def test_ailint_check_reads_stdin_with_semgrep(tree: Path):
    buffer = "import yaml\nyaml.load(data)\n"
    result = subprocess.run(
        [sys.executable, "-m", "ailint", "check", "--stdin-filename", "app/x.py", "-"],
        cwd=tree, env=REAL, input=buffer, capture_output=True, text=True, timeout=300,
    )
    assert result.stdout.startswith("app/x.py:2:1: AIL704 "), result.stderr


@pytest.mark.parametrize(
    ("semgrep", "reason"),
    [
        ("", "semgrep is not installed"),
        ("fails", "semgrep failed with exit status 7: rules could not be loaded"),
        ("sleeps", "semgrep timed out after 1 s"),
    ],
)
def test_when_semgrep_cannot_run_one_line_says_so_and_the_rest_is_reported(tree: Path, tmp_path: Path, semgrep, reason):
    fake = tmp_path / "fake-semgrep"
    body = {"": "", "fails": "echo 'rules could not be loaded' >&2; exit 7", "sleeps": "sleep 30"}[semgrep]
    fake.write_text(f"#!/bin/sh\n{body}\n")
    fake.chmod(0o755)
    (tree / "pyproject.toml").write_text("[tool.ailint]\nsemgrep-timeout = 1\n")
    env = {**REAL, "AILINT_SEMGREP": str(fake) if semgrep else ""}
    result = ailint("check", ".", cwd=tree, env=env)
    assert result.returncode == 1
    assert "AIL101" in result.stdout and "AIL3" not in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and "the Semgrep packs (AIL3xx, AIL7xx) did not run" in warnings[0]
    assert reason in warnings[0]
    assert ailint("check", "--require-semgrep", ".", cwd=tree, env=env).returncode == 2


def test_a_file_semgrep_cannot_parse_is_quiet_but_a_file_it_gave_up_on_is_a_warning(tree: Path, tmp_path: Path):
    # Semgrep's parser lags the language (match statements); libcst parsed those files, so
    # only Semgrep's own give-ups, such as timeouts, are worth a line.
    errors = [
        {"type": "Other syntax error", "level": "warn", "path": "app/jobs.py", "message": "Common.Impossible"},
        {"type": "Timeout", "level": "warn", "path": "app/config.py", "message": "rule timed out"},
    ]
    fake = tmp_path / "fake-semgrep"
    report = json.dumps({"results": [], "errors": errors, "version": "fake"})
    fake.write_text(f"#!/bin/sh\ncat <<'EOF'\n{report}\nEOF\n")
    fake.chmod(0o755)
    result = ailint("check", ".", cwd=tree, env={**REAL, "AILINT_SEMGREP": str(fake)})
    assert result.stderr.splitlines() == ["ailint: warning: app/config.py: semgrep: rule timed out"]


def test_no_semgrep_line_when_no_pack_rule_is_selected(tree: Path):
    result = ailint("check", "--select", "AIL1", ".", cwd=tree, env={**REAL, "AILINT_SEMGREP": ""})
    assert result.stderr == "" and "AIL101" in result.stdout


def test_pack_rules_are_turned_off_by_code_and_never_sent_to_semgrep(tree: Path, logged_semgrep):
    env, log = logged_semgrep
    (tree / "pyproject.toml").write_text('[tool.ailint]\nignore = ["AIL301"]\n')
    result = ailint("check", ".", cwd=tree, env=env)
    assert "AIL301" not in result.stdout and "AIL704" in result.stdout
    (arguments,) = _invocations(log)
    configs = [argument for argument in arguments if argument.startswith("--config=")]
    assert configs and not any("aws-ec2-destructive-call" in config for config in configs)


def test_a_projects_own_pack_reports_as_ail007(tree: Path):
    (tree / "ci").mkdir()
    (tree / "ci" / "rules.yaml").write_text(CUSTOM_PACK)
    (tree / "pyproject.toml").write_text('[tool.ailint]\nsemgrep-packs = ["ci/rules.yaml"]\n')
    (tree / "app" / "debug.py").write_text("print(secret)\nprint(other)\nprint(secret)  # noqa: AIL007\n")
    result = ailint("check", "--select", "AIL007", "--format", "json", ".", cwd=tree)
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["path"], finding["line"], finding["code"], finding["severity"]) == ("app/debug.py", 1, "AIL007", "high")
    assert finding["message"].startswith("no-print-secrets: do not print")


def test_suppression_and_per_file_ignores_apply_to_semgrep_findings(tree: Path):
    (tree / "pyproject.toml").write_text('[tool.ailint]\nextend-select = ["AIL004"]\n[tool.ailint.per-file-ignores]\n"app/config.py" = ["AIL704"]\n')
    result = ailint("check", ".", cwd=tree)
    assert "AIL704" not in result.stdout
    assert "AIL004" not in result.stdout, "the ignore comment on line 6 is used by a Semgrep finding"
    assert "deploy.py:5:" not in result.stdout and "deploy.py:6:" not in result.stdout


def test_semgrep_skips_files_libcst_could_not_analyse(tree: Path, logged_semgrep):
    env, log = logged_semgrep
    (tree / "app" / "deep.py").write_text("x = " + "not " * 20000 + "1\n")
    result = ailint("check", ".", cwd=tree, env=env)
    assert "app/deep.py:1:1: AIL005" in result.stdout and "AIL301" in result.stdout
    (arguments,) = _invocations(log)
    assert "app/deep.py" not in arguments


def test_byte_columns_become_code_point_columns():
    text = "x = 'é€'; call()\nplain()\n"
    semgrep = [
        Finding("f.py", 1, 14, "AIL301", "m", 1, 20, Severity.HIGH),
        Finding("f.py", 2, 1, "AIL301", "m", 2, 8, Severity.HIGH),
    ]
    converted = in_code_points(semgrep, text)
    assert [(f.column, f.end_column) for f in converted] == [(11, 17), (1, 8)]
    assert text.encode()[13:19] == b"call()" and text.splitlines()[0][10:16] == "call()"


def test_semgrep_settings_are_validated(tmp_path: Path):
    with pytest.raises(ConfigError, match="semgrep-packs: .*missing.yaml: no such file"):
        settings_from_table({"semgrep-packs": ["missing.yaml"]}, tmp_path, "pyproject.toml")
    with pytest.raises(ConfigError, match="semgrep-timeout must be a number of seconds"):
        settings_from_table({"semgrep-timeout": 0}, tmp_path, "pyproject.toml")
    with pytest.raises(ConfigError, match="require-semgrep must be true or false"):
        settings_from_table({"require-semgrep": "yes"}, tmp_path, "pyproject.toml")


def test_semgrep_never_writes_into_the_scanned_tree(tree: Path):
    before = sorted(path.relative_to(tree) for path in tree.rglob("*"))
    ailint("check", ".", cwd=tree)
    flake8("--select", "AIL", ".", cwd=tree)
    assert sorted(path.relative_to(tree) for path in tree.rglob("*") if "__pycache__" not in path.parts) == before
