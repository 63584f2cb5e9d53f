"""ailint's own Semgrep packs: well-formed metadata, passing annotated tests, working examples, shipped."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from ailint.packs import pack_files, pack_rules, packs_dir
from ailint.rules import ALL_RULES
from conftest import REAL_SEMGREP, REPO

PACKS = REPO / "rules"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "pack-rule.schema.json").read_text())
FILES = [pytest.param(path, id=path.relative_to(PACKS).as_posix()) for path in pack_files(PACKS)]
ANNOTATION = re.compile(r"^\s*# (?P<kind>ruleid|ok): (?P<id>[a-z0-9-]+)\s*$")
SEMGREP = REAL_SEMGREP
needs_semgrep = pytest.mark.skipif(SEMGREP is None, reason="semgrep is not installed")


def _semgrep(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    assert SEMGREP is not None
    command = [SEMGREP, *args, "--metrics=off", "--disable-version-check"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def _annotations() -> Counter[str]:
    counts: Counter[str] = Counter()
    for test_file in PACKS.rglob("*.py"):
        for line in test_file.read_text(encoding="utf-8").splitlines():
            match = ANNOTATION.match(line)
            if match:
                counts[match["kind"]] += 1
    return counts


def test_the_checkout_packs_are_the_ones_loaded():
    assert packs_dir().resolve() in (PACKS.resolve(), (Path(sys.modules["ailint"].__file__).parent / "packs").resolve())
    assert {rule.pack_file.name for rule in pack_rules()} == {path.name for path in pack_files(PACKS)}


@pytest.mark.parametrize("path", FILES)
def test_rule_file_matches_the_schema(path: Path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["rules"][0]["id"] == path.stem, "name the file after the rule id"


@pytest.mark.parametrize("path", FILES)
def test_rule_has_an_annotated_test_with_more_negatives_than_positives(path: Path):
    test_file = path.with_suffix(".py")
    assert test_file.is_file(), f"{path.name} needs {test_file.name} beside it"
    kinds = Counter()
    for line in test_file.read_text(encoding="utf-8").splitlines():
        match = ANNOTATION.match(line)
        if match:
            assert match["id"] == path.stem, f"{test_file.name} annotates another rule: {line.strip()}"
            kinds[match["kind"]] += 1
    assert kinds["ruleid"] >= 3, "at least three lines the rule must flag"
    assert kinds["ok"] >= kinds["ruleid"], "at least as many tricky negatives as positives"


def test_pack_codes_are_in_the_infrastructure_and_security_families():
    codes = [rule.code for rule in pack_rules()]
    assert len(codes) == len(set(codes))
    assert all(code[3] in "37" for code in codes)
    assert not {code for code in codes} & {rule.code for rule in ALL_RULES if rule not in pack_rules()}


def test_packs_have_enough_annotated_lines():
    counts = _annotations()
    total = counts["ruleid"] + counts["ok"]
    assert total >= 120
    assert counts["ok"] / total >= 0.4


@needs_semgrep
def test_semgrep_test_passes_on_every_pack():
    completed = _semgrep("--test", "rules/")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "All tests passed" in completed.stdout + completed.stderr


@needs_semgrep
def test_documented_examples_behave(tmp_path: Path):
    """Each rule's `bad` example is flagged exactly once by it and its `good` example is not."""
    for rule in pack_rules():
        (tmp_path / rule.code).mkdir()
        (tmp_path / rule.code / "bad.py").write_text(rule.docs.bad, encoding="utf-8")
        (tmp_path / rule.code / "good.py").write_text(rule.docs.good, encoding="utf-8")
    completed = _semgrep("scan", "--json", f"--config={PACKS}", str(tmp_path), cwd=tmp_path)
    report = json.loads(completed.stdout)
    hits = Counter(
        (Path(result["path"]).parent.name, Path(result["path"]).name, result["extra"]["metadata"]["ailint-code"])
        for result in report["results"]
    )
    problems = []
    for rule in pack_rules():
        if hits[(rule.code, "bad.py", rule.code)] != 1:
            problems.append(f"{rule.code} flags its bad example {hits[(rule.code, 'bad.py', rule.code)]} times")
        if hits[(rule.code, "good.py", rule.code)]:
            problems.append(f"{rule.code} flags its good example")
    assert not problems


@needs_semgrep
def test_wheel_ships_the_packs_and_semgrep_runs_them_as_they_are(tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(REPO)],
        check=True,
        timeout=600,
    )
    (wheel,) = (tmp_path / "dist").glob("ailint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("ailint/packs/")}
        archive.extractall(tmp_path / "installed")
    expected = {f"ailint/packs/{path.relative_to(PACKS).as_posix()}" for path in PACKS.rglob("*") if path.is_file()}
    assert expected <= shipped and any(name.endswith(".yaml") for name in shipped)

    sample = tmp_path / "deploy.py"
    sample.write_text(pack_rules()[0].docs.bad, encoding="utf-8")
    completed = _semgrep("scan", "--json", f"--config={tmp_path / 'installed' / 'ailint' / 'packs'}", str(sample))
    codes = [result["extra"]["metadata"]["ailint-code"] for result in json.loads(completed.stdout)["results"]]
    assert pack_rules()[0].code in codes


@pytest.mark.skipif(sys.platform not in ("linux", "darwin"), reason="Semgrep publishes wheels for Linux and macOS")
def test_semgrep_is_installed_with_ailint():
    # Guards the skips above: where Semgrep is a dependency, the pack tests must really run.
    assert SEMGREP is not None
