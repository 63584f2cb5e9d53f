"""Duplication (AIL4xx) on real trees: what is a clone, where it is reported, and what silences it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import libcst as cst
import pytest

from ailint import source
from ailint.config import ConfigError, Settings, settings_from_table
from ailint.duplication.detector import MAX_SEED_COPIES, Thresholds, _candidates, find_clones
from ailint.duplication.units import units_of
from ailint.runner import check_with_semgrep
from conftest import SHARED, lint

# A 20-line function, and the same one with every name and literal changed.
ORIGINAL = '''\
def summarise_orders(orders, currency="EUR"):
    """Totals per customer, skipping refunds."""
    totals = {}
    seen = set()
    for order in orders:
        if order.id in seen:
            continue
        seen.add(order.id)
        if order.status == "refunded":
            log.info("skipping refund %s", order.id)
            continue
        amount = convert(order.amount, order.currency, currency)
        customer = order.customer.email.lower()
        totals.setdefault(customer, 0)
        totals[customer] += amount
    ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    report = {"currency": currency, "rows": ranked}
    audit.record("summary", len(ranked))
    return report
'''
RENAMED = '''\
def tally_invoices(invoices, unit="USD"):
    """Sum by client."""
    sums = {}
    done = set()
    for invoice in invoices:
        if invoice.id in done:
            continue
        done.add(invoice.id)
        if invoice.status == "void":
            log.info("ignoring void invoice %s", invoice.id)
            continue
        value = convert(invoice.amount, invoice.currency, unit)
        client = invoice.customer.email.lower()
        sums.setdefault(client, 0)
        sums[client] += value
    ordered = sorted(sums.items(), key=lambda pair: pair[1], reverse=True)
    result = {"unit": unit, "rows": ordered}
    audit.record("tally", len(ordered))
    return result
'''
# Two statements changed (a filter and the audit call): a type-3 clone.
NEAR_MISS = RENAMED.replace(
    "        done.add(invoice.id)\n", "        done.add(invoice.number)\n"
).replace('    audit.record("tally", len(ordered))\n', "    metrics.increment(len(ordered))\n")


def ailint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ailint", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if not (root / "pyproject.toml").exists():
        (root / "pyproject.toml").write_text("[tool.ailint]\n")
    return root


def findings(root: Path, *args: str) -> list[dict]:
    result = ailint("check", "--select", "AIL4,AIL004", "--format", "json", *args, ".", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_renamed_copy_in_another_file_is_reported_on_the_later_copy_naming_the_first(tmp_path: Path):
    root = write(tmp_path, {"shop/__init__.py": "", "shop/orders.py": ORIGINAL, "shop/billing.py": "import log\n\n\n" + RENAMED})
    (found,) = findings(root)
    # "billing" sorts before "orders": the copy in orders.py is the later one.
    assert (found["path"], found["line"], found["code"]) == ("shop/orders.py", 1, "AIL403")
    assert "`summarise_orders` re-implements `shop.billing.tally_invoices` (shop/billing.py:4)" in found["message"]
    assert found["related"] == [
        {"path": "shop/billing.py", "line": 4, "column": 1, "end_line": 22, "end_column": 18}
    ]


def test_near_miss_copy_with_two_statements_changed_is_found(tmp_path: Path):
    root = write(tmp_path, {"a.py": ORIGINAL, "b.py": NEAR_MISS})
    (found,) = findings(root)
    assert (found["path"], found["code"]) == ("b.py", "AIL402")
    assert "repeat a.py:" in found["message"] and "% similar" in found["message"]


def test_functions_sharing_only_a_three_line_prologue_are_not_clones(tmp_path: Path):
    prologue = "    config = load_config(path)\n    if config is None:\n        raise MissingConfig(path)\n"
    first = "def build(path):\n" + prologue + textwrap.indent(
        "compiler = Compiler(config.flags)\nartifacts = compiler.run(config.sources)\n"
        "store.upload(artifacts, bucket=config.bucket)\nnotify(config.owner, len(artifacts))\nreturn artifacts\n",
        "    ",
    )
    second = "def deploy(path):\n" + prologue + textwrap.indent(
        "cluster = connect(config.cluster_url, token=config.token)\nrelease = cluster.releases.create(config.image)\n"
        "release.wait(timeout=config.timeout)\nstatus.set(release.id, 'live')\nreturn release\n",
        "    ",
    )
    root = write(tmp_path, {"build.py": first, "deploy.py": second})
    assert findings(root) == []


def test_imports_main_stanzas_and_parametrize_tables_are_not_clones(tmp_path: Path):
    imports = "".join(f"import module_{n}\n" for n in range(12)) + "from pkg import a, b, c\n"
    stanza = (
        'if __name__ == "__main__":\n    parser = build_parser()\n    args = parser.parse_args()\n'
        "    configure_logging(args.verbose)\n    settings = load(args.config)\n    app = create_app(settings)\n"
        "    app.run(host=args.host, port=args.port)\n    sys.exit(app.exit_code)\n"
    )
    table = (
        "@pytest.mark.parametrize(\n    ('text', 'expected'),\n    [\n"
        + "".join(f"        ('case {n}', {n}),\n" for n in range(12))
        + "    ],\n)\n"
    )
    constants = "".join(f"SETTING_{n} = {n}\n" for n in range(12))
    files = {
        f"tool_{name}.py": imports + constants + f"\n\ndef run_{name}():\n    return {name!r}\n\n\n" + stanza
        for name in ("one", "two")
    }
    # Declarations written as code: the same statement shape over and over.
    for side in ("a", "b"):
        files[f"decls_{side}.py"] = "".join(f'{side}_{n} = Factory("GEOS_{side}{n}", argtypes=[PTR])\n' for n in range(15))
    files.update({"check_a.py": table + "def check_a(text, expected):\n    assert parse(text) == expected\n"})
    files.update({"check_b.py": table + "def check_b(text, expected):\n    assert parse(text) == expected\n"})
    root = write(tmp_path, files)
    assert findings(root) == []


@pytest.mark.parametrize("marked", ["a_original.py", "z_copy.py"])
def test_a_suppression_on_either_copy_silences_the_clone_and_counts_as_used(tmp_path: Path, marked: str):
    texts = {"a_original.py": ORIGINAL, "z_copy.py": RENAMED}
    first, rest = texts[marked].split("\n", 1)
    texts[marked] = f"{first}  # ailint: ignore[AIL403] -- the copies will diverge\n{rest}"
    root = write(tmp_path, texts)
    assert findings(root) == []
    unmarked = write(tmp_path / "unmarked", {"a_original.py": ORIGINAL, "z_copy.py": RENAMED})
    assert [(f["path"], f["code"]) for f in findings(unmarked)] == [("z_copy.py", "AIL403")]


def test_an_unused_clone_suppression_is_reported_after_the_run(tmp_path: Path):
    root = write(tmp_path, {"a.py": ORIGINAL.replace("def summarise_orders(orders, currency=\"EUR\"):", "def summarise_orders(orders, currency=\"EUR\"):  # ailint: ignore[AIL402] -- generated")})
    (found,) = findings(root)
    assert (found["code"], found["line"]) == ("AIL004", 1) and "AIL402" in found["message"]


def test_clones_within_a_file_show_in_flake8_and_across_files_only_in_ailint_check(tmp_path: Path):
    root = write(tmp_path, {"one.py": ORIGINAL + "\n\n" + RENAMED, "two.py": ORIGINAL.replace("summarise_orders", "again")})
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "AIL4", "one.py", "two.py"],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert result.stdout.splitlines() == [
        "one.py:22:1: AIL403 `tally_invoices` re-implements `one.summarise_orders` (one.py:1): call it instead"
    ]
    codes = {(f["path"], f["code"]) for f in findings(root)}
    assert codes == {("one.py", "AIL403"), ("two.py", "AIL403")}


def test_sarif_relates_every_other_copy_and_passes_the_validator(tmp_path: Path):
    root = write(tmp_path, {"a.py": ORIGINAL, "b.py": RENAMED, "c.py": NEAR_MISS})
    out = tmp_path / "out.sarif"
    result = ailint("check", "--select", "AIL4", "--format", "sarif", "--output", str(out), ".", cwd=root)
    assert result.returncode == 1, result.stderr
    log = json.loads(out.read_text())
    jsonschema.Draft4Validator(json.loads((SHARED / "sarif" / "sarif-schema-2.1.0.json").read_text())).validate(log)
    checked = subprocess.run(
        [sys.executable, str(SHARED / "sarif" / "validate_sarif.py"), str(out)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    results = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in log["runs"][0]["results"]}
    assert set(results) == {"b.py", "c.py"}
    related = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in results["c.py"]["relatedLocations"]]
    assert related == ["a.py", "b.py"]
    assert [loc["id"] for loc in results["c.py"]["relatedLocations"]] == [1, 2]


def test_config_thresholds_paths_and_tests(tmp_path: Path):
    files = {"app/a.py": ORIGINAL, "app/migrations/0002.py": RENAMED, "tests/test_a.py": RENAMED}
    root = write(tmp_path, files)
    assert findings(root) == []
    (root / "pyproject.toml").write_text("[tool.ailint.duplication]\ninclude-tests = true\nexclude = []\n")
    assert {f["path"] for f in findings(root)} == {"app/migrations/0002.py", "tests/test_a.py"}
    (root / "pyproject.toml").write_text("[tool.ailint.duplication]\ninclude-tests = true\nexclude = []\nmin-statements = 40\n")
    assert findings(root) == []


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"min-statements": 1}, "min-statements must be an integer of at least 2"),
        ({"similarity": 0.2}, "similarity must be a number from 0.5 to 1.0"),
        ({"include-tests": "yes"}, "include-tests must be true or false"),
        ({"window": 3}, "unknown key 'window'"),
    ],
)
def test_duplication_settings_are_validated(tmp_path: Path, table: dict, message: str):
    with pytest.raises(ConfigError, match=message):
        settings_from_table({"duplication": table}, tmp_path, "pyproject.toml")


def test_each_file_is_parsed_once_for_rules_and_clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = write(tmp_path, {"a.py": ORIGINAL, "b.py": RENAMED, "c.py": NEAR_MISS})
    parsed: list[str] = []
    real_parse = source.parse
    monkeypatch.setattr("ailint.engine.parse", lambda text: parsed.append(text) or real_parse(text))
    monkeypatch.chdir(root)
    settings = Settings(root=root, select=("AIL",), ignore=("AIL3", "AIL7"), cross_file=True)
    results, _ = check_with_semgrep(["a.py", "b.py", "c.py"], settings, 1, None)
    assert len(parsed) == 3
    assert {f.code for r in results for f in r.findings} == {"AIL402", "AIL403"}


def test_a_prologue_shared_by_a_thousand_functions_is_not_compared_pair_by_pair():
    # The index holds winnowed samples and ignores samples found in too many places, so the
    # functions that share only boilerplate are never aligned against each other.
    prologue = "    x = load(a)\n    y = check(x)\n    store(y)\n"
    functions = [
        f"def f{n}(a):\n{prologue}    a.step_{n}()\n    a.next_{n}()\n    a.last_{n}(x, y)\n    a.final_{n}(y, x)\n"
        for n in range(1000)
    ]
    units = units_of(cst.parse_module("\n\n".join(functions)), 6, 20)
    assert len(units) == 1000
    indexed = [("m.py", unit) for unit in units]
    assert len(_candidates(indexed)) <= MAX_SEED_COPIES * (MAX_SEED_COPIES - 1) // 2
    assert find_clones([("m.py", units)], Thresholds(min_tokens=20)) == []


def test_one_file_alone_never_calls_a_suppression_of_a_cross_file_code_unused():
    # flake8 sees one file: the other copy of an AIL402 / AIL403 clone may be anywhere.
    head, rest = ORIGINAL.split("\n", 1)
    for code, reported in (("AIL402", False), ("AIL403", False), ("AIL401", True)):
        text = f"{head}  # ailint: ignore[{code}] -- copied from the billing service\n{rest}"
        found = [(f.code, f.line) for f in lint(text, select=["AIL4", "AIL004"])]
        assert found == ([("AIL004", 1)] if reported else []), code
