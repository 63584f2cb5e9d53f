"""Meta-tests over the rule catalogue: well-formed, unique, documented, exemplified."""

from __future__ import annotations

import pytest

from ailint.rule import CODE_PATTERN, FAMILIES, NAME_PATTERN, CstRule, Rule, SemgrepRule
from ailint.rules import ALL_RULES

RULES = [pytest.param(rule, id=rule.code) for rule in ALL_RULES]
# Engine codes raised by the file runner or by crashes cannot be produced from example code.
# AIL007's findings come from the project's own Semgrep packs; AIL402 needs two files
# (tests/test_duplication.py builds them); AIL501, AIL502 and AIL505 need a change
# (tests/test_whole_change.py builds git repositories).
NO_CODE_EXAMPLE = {"AIL002", "AIL005", "AIL006", "AIL007", "AIL402", "AIL501", "AIL502", "AIL505", "AIL621"}


def test_codes_are_unique():
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))


def test_names_are_unique():
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))


def test_catalogue_is_in_code_order():
    codes = [rule.code for rule in ALL_RULES]
    assert codes == sorted(codes)


@pytest.mark.parametrize("rule", RULES)
def test_code_and_name_are_well_formed(rule: type[Rule]):
    assert CODE_PATTERN.match(rule.code)
    assert rule.code[3] in FAMILIES
    assert NAME_PATTERN.match(rule.name), rule.name


@pytest.mark.parametrize("rule", RULES)
def test_rule_is_documented(rule: type[Rule]):
    docs = rule.docs
    for section in ("what", "why", "bad", "good", "fix"):
        assert getattr(docs, section).strip(), f"{rule.code} has no {section!r} section"
    assert rule.message.strip() and "\n" not in rule.message
    assert 0 < len(rule.summary) <= 80 and "\n" not in rule.summary and not rule.summary.endswith(".")
    for option in rule.options:
        assert option.help.strip() and option.validate(option.default) is not None


@pytest.mark.parametrize("rule", [r for r in RULES if not issubclass(r.values[0], SemgrepRule)])
def test_rule_is_exemplified(rule: type[Rule]):
    # Pack rules are exemplified by their annotated Semgrep test file (tests/test_packs.py).
    assert rule.valid, f"{rule.code} has no valid examples"
    if rule.code in NO_CODE_EXAMPLE:
        assert not issubclass(rule, CstRule)
        assert "example" in rule.docs.notes, "say in the notes why there is no code example"
    else:
        assert rule.invalid, f"{rule.code} has no invalid examples"


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.code) for r in ALL_RULES if issubclass(r, CstRule)])
def test_libcst_rules_have_tricky_negatives(rule: type[Rule]):
    assert len(rule.valid) >= 3 and len(rule.invalid) >= 2
