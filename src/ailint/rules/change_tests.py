"""AIL501, AIL502, AIL505: whole-change rules about tests, reported in diff mode only.

They judge a change as a whole (which tests came with it, which went), so they have no
visitor: :mod:`ailint.whole_change` implements them, and these classes carry their docs.
"""

from __future__ import annotations

from ailint.rule import Confidence, Docs, Rule, Severity, Valid

_NOTES_DIFF = (
    "Reported by `ailint check` in diff mode only (`--diff-base`, `--staged`, `--diff-file`, and the "
    "pre-commit hooks): it needs to know what the change did, which one file cannot tell; that is "
    "also why it has no single-file code example (tests/test_whole_change.py builds git repositories)."
)


class ChangeRule(Rule):
    """A rule judged over a whole change (diff mode), not file by file."""


class UntestedChangeRule(ChangeRule):
    code = "AIL501"
    name = "change-without-tests"
    summary = "A production module changed in behaviour with no test in the change"
    message = "`{module}` changed in behaviour but no test in this change covers it: add or update a test ({expected})"
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    docs = Docs(
        what="A changed or added production module whose behaviour changed (not only comments, "
        "docstrings, formatting or type hints) when the same change adds or edits no test that "
        "plausibly covers it: a test file named after the module (`test_<module>.py`, "
        "`<module>_test.py`, in any directory), one that imports the module, or one that names a "
        "function or class the change touched.",
        why="Generated changes reach production without tests more often than any other kind: "
        "the assistant was asked for the feature, not for its tests, and the diff looks complete.",
        bad="# app/pricing.py changes the discount rule; no test file changes\n"
        "def discount(total):\n    return total * 0.15 if total > 100 else 0\n",
        good="# the same change, with tests/test_pricing.py updated\n"
        "def test_discount_starts_above_100():\n    assert discount(100) == 0\n    assert discount(200) == 30\n",
        fix="Add or update a test that exercises the changed behaviour in the same change.",
        notes=_NOTES_DIFF + " Renaming a module together with its tests is not a functional change.",
    )
    valid = (Valid("x = 1\n"),)


class UntestedPublicApiRule(ChangeRule):
    code = "AIL502"
    name = "untested-public-api"
    summary = "A new public function, method or class that no test mentions"
    message = "new public `{name}` is not referenced by any test in the repository"
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    docs = Docs(
        what="A function, class or method added by the change, with a public name (no leading "
        "underscore, in a public class), in production code, whose name appears in no test file of "
        "the repository. Methods named like framework hooks (`visit_*`, `leave_*`, `on_*`, "
        "`handle_*`, `do_*`, `setUp`, `tearDown`, `run`, `main`, `get`/`post`/... handlers) are left "
        "out: tests reach them through their objects, not by name.",
        why="Assistants add helpers and endpoints generously; each public name is a promise the "
        "tests should keep.",
        bad="# app/pricing.py, added in this change, and no test mentions it\n"
        "def loyalty_discount(customer, total):\n    return total * customer.tier.rate\n",
        good="# tests/test_pricing.py\ndef test_loyalty_discount():\n"
        "    assert loyalty_discount(gold_customer, 100) == 10\n",
        fix="Test the new function, or make it private (`_name`) if it is an implementation detail.",
        notes=_NOTES_DIFF,
    )
    valid = (Valid("x = 1\n"),)


class RemovedTestRule(ChangeRule):
    code = "AIL505"
    name = "tests-removed"
    summary = "Tests deleted, or skip / xfail markers added without a reason"
    message = "test weakened in this change: {detail}"
    severity = Severity.MEDIUM
    docs = Docs(
        what="A test function or method that the change deletes (and does not add back under the same "
        "name elsewhere in the change), or a `pytest.mark.skip` / `pytest.mark.xfail` / `unittest.skip` "
        "marker added without a reason.",
        why="An agent told to make the build green has two quick ways to do it: delete the failing "
        "test or skip it. Both should be a reviewed decision, not a side effect.",
        bad="@pytest.mark.skip\ndef test_refund_rounding():\n    assert refund(10.005) == 10.01\n",
        good="@pytest.mark.skip(reason=\"rounding mode is decided in PAY-412\")\n"
        "def test_refund_rounding():\n    assert refund(10.005) == 10.01\n",
        fix="Restore the test, or keep the skip with `reason=` naming why and until when.",
        notes=_NOTES_DIFF + " A test moved to another file in the same change is not removed.",
    )
    valid = (Valid("x = 1\n"),)


CHANGE_RULES: tuple[type[ChangeRule], ...] = (UntestedChangeRule, UntestedPublicApiRule, RemovedTestRule)
