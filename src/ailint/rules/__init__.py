"""The rule catalogue, family by family."""

from __future__ import annotations

from ailint.packs import pack_rules
from ailint.rule import Rule
from ailint.rules.change_tests import CHANGE_RULES
from ailint.rules.destructive import DESTRUCTIVE_RULES
from ailint.rules.duplication import DUPLICATION_RULES
from ailint.rules.engine import ENGINE_RULES
from ailint.rules.error_handling import ERROR_HANDLING_RULES
from ailint.rules.generated_code import GENERATED_CODE_RULES
from ailint.rules.test_discipline import TEST_DISCIPLINE_RULES

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted((*ENGINE_RULES, *ERROR_HANDLING_RULES, *DESTRUCTIVE_RULES, *DUPLICATION_RULES, *CHANGE_RULES, *TEST_DISCIPLINE_RULES, *GENERATED_CODE_RULES, *pack_rules()), key=lambda rule: rule.code)
)
