"""The rule docs are generated from the rule classes and stay in step with them and with the CLI."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
from conftest import REPO

from ailint.cli import build_parser, main
from ailint.rules import ALL_RULES
from ailint.ruledocs import CWE_TITLES, render_index, render_markdown, render_text

RULES_DIRECTORY = REPO / "docs" / "rules"


def _load_generator():
    spec = importlib.util.spec_from_file_location("generate_docs", REPO / "scripts" / "generate_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


def test_rule_docs_are_up_to_date():
    stale = generator.differences(RULES_DIRECTORY, generator.expected_files())
    assert stale == [], f"docs/rules is out of date: run `{generator.REGENERATE}` ({stale})"


def test_every_rule_has_a_page_and_every_page_a_rule():
    pages = {path.stem for path in RULES_DIRECTORY.glob("AIL*.md")}
    assert pages == {rule.code for rule in ALL_RULES}
    assert (RULES_DIRECTORY / "index.md").is_file()


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_explain_prints_the_rule_page(rule, capsys):
    assert main(["explain", rule.code.lower()]) == 0
    page = (RULES_DIRECTORY / f"{rule.code}.md").read_text(encoding="utf-8")
    assert capsys.readouterr().out == render_markdown(rule) == page


def test_check_lists_stale_missing_and_extra_files_without_writing(tmp_path: Path, capsys):
    generator.main(["--directory", str(tmp_path)])
    capsys.readouterr()
    (tmp_path / "AIL101.md").write_text("edited by hand\n")
    (tmp_path / "AIL102.md").unlink()
    (tmp_path / "AIL999.md").write_text("a rule that no longer exists\n")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    assert generator.main(["--check", "--directory", str(tmp_path)]) == 1

    out = capsys.readouterr().out
    for line in ("stale: ", "missing: ", "extra: "):
        assert line in out
    assert "AIL101.md" in out and "AIL102.md" in out and "AIL999.md" in out
    assert "python scripts/generate_docs.py" in out
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_generating_brings_a_directory_up_to_date(tmp_path: Path, capsys):
    (tmp_path / "AIL999.md").write_text("a rule that no longer exists\n")
    (tmp_path / "AIL101.md").write_text("edited by hand\n")

    assert generator.main(["--directory", str(tmp_path)]) == 0

    expected = generator.expected_files()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(expected)
    assert all((tmp_path / name).read_bytes() == text.encode("utf-8") for name, text in expected.items())
    assert generator.main(["--check", "--directory", str(tmp_path)]) == 0
    assert generator.write(tmp_path, expected) == []


def test_check_of_a_missing_directory_lists_every_file(tmp_path: Path):
    missing = generator.differences(tmp_path / "nowhere", generator.expected_files())
    assert {state for state, _ in missing} == {"missing"}
    assert len(missing) == len(ALL_RULES) + 1


def test_generated_files_do_not_depend_on_rule_order():
    assert generator.expected_files(reversed(ALL_RULES)) == generator.expected_files(ALL_RULES)
    assert list(generator.expected_files()) == [*sorted(f"{rule.code}.md" for rule in ALL_RULES), "index.md"]


def _markdown_headings(markdown: str) -> list[str]:
    return [line[3:] for line in markdown.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_text_help_has_every_section_without_markdown_markup(rule):
    text = render_text(rule)
    markdown = render_markdown(rule)
    lines = text.splitlines()
    headings = _markdown_headings(markdown)
    assert headings[:6] == ["What it flags", "Why it matters in AI-written code", "Example", "Use instead", "How to fix", "Options"]
    assert [line for line in lines if line in headings] == headings
    assert lines[0] == f"{rule.code} {rule.name}"
    assert "```" not in text and "\n#" not in text and not text.startswith("#")
    for paragraph in (rule.docs.what, rule.docs.why, rule.docs.fix, rule.docs.notes):
        assert paragraph in text and paragraph in markdown
    for source in (rule.docs.bad, rule.docs.good):
        indented = "\n".join(f"    {line}" if line.strip() else "" for line in source.rstrip().splitlines())
        assert indented in text


def test_text_help_writes_links_as_plain_urls():
    rule = next(rule for rule in ALL_RULES if rule.cwe)
    text = render_text(rule)
    url = f"https://cwe.mitre.org/data/definitions/{rule.cwe[0]}.html"
    assert f"- CWE-{rule.cwe[0]}: {CWE_TITLES[rule.cwe[0]]} <{url}>" in text
    assert f"- [CWE-{rule.cwe[0]}: {CWE_TITLES[rule.cwe[0]]}]({url})" in render_markdown(rule)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_references_list_the_rules_cwes(rule):
    markdown = render_markdown(rule)
    assert ("## References" in markdown) == bool(rule.cwe or rule.references)
    for cwe in rule.cwe:
        assert cwe in CWE_TITLES or cwe in rule.cwe_titles, f"add CWE-{cwe}'s title to ruledocs.CWE_TITLES"
        assert f"https://cwe.mitre.org/data/definitions/{cwe}.html" in markdown


def test_options_section_lists_rule_options_and_severity():
    rule = next(rule for rule in ALL_RULES if rule.options)
    markdown = render_markdown(rule)
    assert f"Set under `[tool.ailint.rules.{rule.code}]`:" in markdown
    for option in rule.options:
        assert f"- `{option.name}` (" in markdown
    assert f"- `severity` (one of low, medium, high, critical; default `{rule.severity.value}`)" in markdown


def test_index_has_a_row_per_rule_linking_to_its_page():
    index = render_index(ALL_RULES)
    rows = [line for line in index.splitlines() if line.startswith("| [AIL")]
    assert len(rows) == len(ALL_RULES)
    for rule, row in zip(sorted(ALL_RULES, key=lambda rule: rule.code), rows):
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]
        default = "on" if rule.enabled_by_default else "off"
        assert cells == [f"[{rule.code}]({rule.code}.md)", rule.name, rule.family(), default, rule.severity.value, rule.summary]


def _ailint_commands(markdown: str) -> list[list[str]]:
    return [shlex.split(match)[2:] for match in re.findall(r"ailint check[^\n`]*", markdown)]


def test_ci_doc_commands_are_accepted_by_the_cli():
    commands = _ailint_commands((REPO / "docs" / "ci.md").read_text(encoding="utf-8"))
    assert len(commands) >= 4
    parser = build_parser()
    for arguments in commands:
        parser.parse_args(["check", *arguments])


def test_relative_links_in_the_docs_resolve():
    documents = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    for document in documents:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            if "://" not in target:
                assert (document.parent / target).exists(), f"{document.relative_to(REPO)} links to missing {target}"


def test_readme_points_at_the_docs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in ("docs/rules/index.md", "docs/ci.md", "docs/editors.md", "python scripts/generate_docs.py"):
        assert target in readme
