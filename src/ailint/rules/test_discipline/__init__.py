"""AIL5xx: tests that check nothing, and assertions that cannot fail."""

from __future__ import annotations

from ailint.rule import Rule
from ailint.rules.test_discipline.assertion_cannot_fail import AssertionCannotFailRule
from ailint.rules.test_discipline.test_without_assertion import TestWithoutAssertionRule

TEST_DISCIPLINE_RULES: tuple[type[Rule], ...] = (
    TestWithoutAssertionRule,
    AssertionCannotFailRule,
)
