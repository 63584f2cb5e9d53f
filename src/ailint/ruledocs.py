"""A rule's documentation, from the rule class alone.

One list of sections per rule, rendered two ways: Markdown for `ailint explain`, the pages
under ``docs/rules/`` and SARIF ``help.markdown``; plain text for SARIF ``help.text``. Both
come from :func:`_sections`, so every front end shows the same words.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Iterable, Mapping, Union

from ailint.rule import Rule

# Titles of the CWE entries rules cite (a test checks every cited id is here).
CWE_TITLES: Mapping[int, str] = {
    73: "External Control of File Name or Path",
    390: "Detection of Error Condition Without Action",
    396: "Declaration of Catch for Generic Exception",
    584: "Return Inside Finally Block",
}


@dataclass(frozen=True)
class _Paragraph:
    text: str


@dataclass(frozen=True)
class _Code:
    source: str


@dataclass(frozen=True)
class _Link:
    label: str
    url: str


@dataclass(frozen=True)
class _Items:
    items: tuple[str | _Link, ...]


_Block = Union[_Paragraph, _Code, _Items]


@dataclass(frozen=True)
class _Section:
    title: str
    blocks: tuple[_Block, ...]


def render_markdown(rule: type[Rule]) -> str:
    """The rule's page: what `ailint explain` prints and ``docs/rules/AILnnn.md`` holds."""
    parts = [f"# {_title(rule)}", _metadata(rule)]
    for section in _sections(rule):
        body = "\n\n".join(_markdown_block(block) for block in section.blocks)
        parts.append(f"## {section.title}\n{body}")
    return "\n\n".join(parts) + "\n"


def render_text(rule: type[Rule]) -> str:
    """The same content as plain text: titles on their own line, code indented by four spaces."""
    parts = [_title(rule), _metadata(rule)]
    for section in _sections(rule):
        body = "\n\n".join(_text_block(block) for block in section.blocks)
        parts.append(f"{section.title}\n{body}")
    return "\n\n".join(parts) + "\n"


def render_index(rules: Iterable[type[Rule]]) -> str:
    """``docs/rules/index.md``: one table row per rule, linking to its page."""
    rows = [
        f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.family()} | "
        f"{'on' if rule.enabled_by_default else 'off'} | {rule.severity.value} | "
        f"{_table_cell(rule.summary)} |"
        for rule in sorted(rules, key=lambda rule: rule.code)
    ]
    return (
        "# Rules\n\n"
        "<!-- Generated from the rule classes by `python scripts/generate_docs.py`: do not edit. -->\n\n"
        "Every rule ailint has, with whether it runs by default and the severity of its findings. "
        "Rules that are off by default run only when selected by their full code "
        "(`extend-select = [\"AIL004\"]`). Each page is also printed by `ailint explain CODE` and "
        "shown as the rule's help in GitHub code scanning.\n\n"
        "| Code | Name | Family | Default | Severity | Summary |\n"
        "| --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n"
    )


def _title(rule: type[Rule]) -> str:
    return f"{rule.code} {rule.name}"


def _metadata(rule: type[Rule]) -> str:
    default = "on" if rule.enabled_by_default else "off (enable it by its full code)"
    return (
        f"Family: {rule.family()}. Severity: {rule.severity.value}. Confidence: "
        f"{rule.confidence.value}. Enabled by default: {default}."
    )


def _sections(rule: type[Rule]) -> list[_Section]:
    docs = rule.docs
    sections = [
        _Section("What it flags", (_Paragraph(docs.what),)),
        _Section("Why it matters in AI-written code", (_Paragraph(docs.why),)),
        _Section("Example", (_Code(docs.bad),)),
        _Section("Use instead", (_Code(docs.good),)),
        _Section("How to fix", (_Paragraph(docs.fix),)),
        _Section("Options", _options(rule)),
    ]
    if docs.notes:
        sections.append(_Section("Notes", (_Paragraph(docs.notes),)))
    references = (*(_cwe_link(rule, cwe) for cwe in rule.cwe), *(_Link(url, url) for url in rule.references))
    if references:
        sections.append(_Section("References", (_Items(references),)))
    return sections


def _options(rule: type[Rule]) -> tuple[_Block, ...]:
    items = [
        f"`{option.name}` ({_type_name(option.type)}, default `{_toml(option.default)}`): {option.help}"
        for option in rule.options
    ]
    items.append(
        f"`severity` (one of low, medium, high, critical; default `{rule.severity.value}`): "
        "overrides the severity of every finding of this rule."
    )
    return (_Paragraph(f"Set under `[tool.ailint.rules.{rule.code}]`:"), _Items(tuple(items)))


def _cwe_link(rule: type[Rule], cwe: int) -> _Link:
    title = rule.cwe_titles.get(cwe) or CWE_TITLES[cwe]
    return _Link(f"CWE-{cwe}: {title}", f"https://cwe.mitre.org/data/definitions/{cwe}.html")


def _markdown_block(block: _Block) -> str:
    if isinstance(block, _Paragraph):
        return block.text
    if isinstance(block, _Code):
        return f"```python\n{block.source.rstrip()}\n```"
    return "\n".join(
        f"- [{item.label}]({item.url})" if isinstance(item, _Link) else f"- {item}" for item in block.items
    )


def _text_block(block: _Block) -> str:
    if isinstance(block, _Paragraph):
        return block.text
    if isinstance(block, _Code):
        return textwrap.indent(block.source.rstrip(), "    ", lambda line: bool(line.strip()))
    return "\n".join(
        f"- {item.label} <{item.url}>" if isinstance(item, _Link) else f"- {item}" for item in block.items
    )


def _table_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _type_name(kind: type) -> str:
    return {bool: "boolean", int: "integer", str: "string", list: "list of strings"}[kind]


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
