"""AIL503: a test function that runs code but checks nothing."""

from __future__ import annotations

import libcst as cst

from ailint.names import ImportTracking
from ailint.rule import CstRule, Docs, Invalid, Severity, Valid
from ailint.rules.test_discipline.checks import ASSERTION_PREFIXES, HELPER_DEPTH, ModuleTests
from ailint.testfiles import is_test_file

_TEST_FILE = "tests/test_orders.py"


class TestWithoutAssertionRule(CstRule, ImportTracking):
    __test__ = False  # not a pytest test class, whatever its name says

    code = "AIL503"
    name = "test-without-assertion"
    summary = "A test function that checks nothing"
    message = "`{test}` checks nothing: add an assertion (assert, pytest.raises, self.assert*, mock.assert_*)"
    severity = Severity.MEDIUM
    options = (ASSERTION_PREFIXES,)
    docs = Docs(
        what="A test (a module-level `def test_*`, or a `test_*` method of a `Test*` class or of a "
        "`*TestCase` subclass) in a test module whose body holds no check: no `assert`, no "
        "`pytest.raises` / `pytest.warns` / `pytest.fail`, no `self.assert*` / `self.fail`, no "
        "mock assertion (`m.assert_called_once_with(...)`), no call of a helper named like a check "
        "(`assert_*`, `check_*`, `verify_*`, `expect*`, `validate*`, `ensure*`) and no call of a "
        "function of the same module that checks something (followed "
        f"{HELPER_DEPTH} levels deep). A test "
        "module is a file that ailint sees as test code (`test_*.py`, `*_test.py`, `conftest.py`, "
        "files under `tests/`) or a module that imports `pytest` or `unittest`.",
        why="Asked to write tests, or to make a failing suite pass, assistants produce tests that "
        "call the code and check nothing: `result = create_order(cart)` and the test ends. It "
        "passes whatever the code returns, turns the run green and adds coverage, so it looks "
        "like a safety net while it only proves that nothing raised.",
        bad="import pytest\n\n\ndef test_create_order():\n    cart = Cart(items=[Item('book', 12)])\n"
        "    order = create_order(cart)\n    print(order)\n",
        good="import pytest\n\n\ndef test_create_order():\n    cart = Cart(items=[Item('book', 12)])\n"
        "    order = create_order(cart)\n    assert order.total == 12\n",
        fix="Assert what the code should have done: the return value, the state it changed, the "
        "calls it made on a mock, or the exception it raises (`with pytest.raises(...)`). If the "
        "test only guards against a crash, say so with an assertion on the result, or skip it "
        "with a reason until it can check something.",
        notes="What counts as a check errs on the lenient side, so that a finding is worth "
        "reading. Checks inside helpers count: a call of a module-level function, of a function "
        "defined in the test, of a `self.` method of the test's class (or of its same-module base "
        "classes), or of a same-module class (its `__init__` / `__enter__` / `__exit__`) is followed "
        f"{HELPER_DEPTH} levels deep (the test calls a helper that calls a helper that asserts; a "
        "check one level deeper is not found). A helper imported from another file of the project "
        "(`from tests.helpers import compare_rows`, `from . import helpers`, a module beside the "
        "test or under `src/`) is looked up where Python would find it and searched the same way: "
        "itself and the helpers it calls in its own file, one level, so the check may sit two levels "
        "below the test; a helper it imports from a third file is not followed. A helper from "
        "elsewhere (an installed package) counts when it is named like a check (`assertion-prefixes`, which `subprocess.check_call` "
        "also matches, since it raises on failure: a name that starts with a prefix, has one as a "
        "later `_` word, or contains `assert`) or like a test runner (`run_test`, "
        "`support.run_unittest`, `super().test_x()`). Aliases count (`eq = self.assertEqual`, "
        "then `eq(a, b)`), and so do assertions passed as callbacks, `assert` lines in a string "
        "of code run elsewhere (a subprocess), and raising an error (`else: raise "
        "Exception(\"ValueError not raised\")`). Checks inside nested functions and classes only "
        "count when the test calls the function or passes it on; lambdas count. Not flagged: tests "
        "marked to be skipped or to fail (`pytest.mark.skip` / `skipif` / `xfail`, "
        "`unittest.skip*` / `expectedFailure`, any decorator whose name contains `skip`); tests "
        "with a decorator defined in the same module, which may run them under checks; tests that "
        "skip or raise unconditionally, or whose class's `setUp` does; tests that return a value "
        "(pytest-mpl compares the returned figure) and generators (a fixture or a context "
        "manager named like a test); tests whose docstring holds doctest examples; "
        "tests taking pytest-benchmark's `benchmark` fixture; an empty test (`pass`) in a class "
        "with a base class that may define it, which switches the inherited test off. Neither are "
        "hypothesis `@given` tests: a property test that only checks that nothing raises on any "
        "input is a deliberate style. A plain test that only checks that nothing raises (a crash "
        "regression test) is flagged: most findings in mature suites are of this kind (on "
        "CPython's own tests, nearly all of about 600); make the intent explicit with an assertion "
        "on the result, or suppress the finding with a comment that says what is being checked. "
        "The rule only looks at test modules: files that ailint sees as test code, and modules "
        "that import `pytest` or `unittest` (a `test_*` function elsewhere is not collected by "
        "pytest). flake8-pytest-style (Ruff's PT rules) checks how assertions are written, not "
        "whether a test has one.",
    )
    valid = (
        Valid("def test_total():\n    assert total([1, 2]) == 3\n", path=_TEST_FILE),
        Valid(
            "import pytest\n\ndef test_empty_cart():\n    with pytest.raises(ValueError):\n"
            "        create_order(Cart())\n",
            path=_TEST_FILE,
        ),
        Valid(
            "import unittest\n\nclass OrderTests(unittest.TestCase):\n    def test_total(self):\n"
            "        self.assertEqual(total([1, 2]), 3)\n",
            path=_TEST_FILE,
        ),
        Valid(
            "from unittest import mock\n\ndef test_notifies():\n    mailer = mock.Mock()\n"
            "    send_receipt(mailer)\n    mailer.send.assert_called_once_with('receipt')\n",
            path=_TEST_FILE,
        ),
        Valid(
            "def check_order(order):\n    assert order.total > 0\n\ndef test_order():\n"
            "    check_order(create_order())\n",
            path=_TEST_FILE,
        ),
        Valid(
            "def _compare(a, b):\n    assert a == b\n\ndef run_case(case):\n    _compare(case.run(), case.expected)\n\n"
            "def test_cases():\n    for case in CASES:\n        run_case(case)\n",
            path=_TEST_FILE,
        ),
        Valid(
            "import unittest\n\nclass ParserTest(unittest.TestCase):\n    def roundtrip(self, text):\n"
            "        self.assertEqual(dump(parse(text)), text)\n\n    def test_list(self):\n"
            "        self.roundtrip('[1, 2]')\n",
            path=_TEST_FILE,
        ),
        Valid(
            "import pytest\n\n@pytest.mark.skip(reason='flaky on CI')\ndef test_sync():\n    sync()\n",
            path=_TEST_FILE,
        ),
        Valid(
            "from hypothesis import given, strategies as st\n\n@given(st.text())\ndef test_parse_never_crashes(text):\n"
            "    parse(text)\n",
            path=_TEST_FILE,
        ),
        Valid("def test_run():\n    run()\n", path="src/orders/tasks.py"),
        Valid(
            "def test_cache():\n    def lookup(key):\n        assert key in cache\n    for key in KEYS:\n"
            "        lookup(key)\n",
            path=_TEST_FILE,
        ),
        Valid("def test_eventually():\n    expect(poll()).to_be('done')\n", path=_TEST_FILE),
        Valid(
            "class TestOrder:\n    def helper(self):\n        return make_order()\n\n    def test_total(self):\n"
            "        order = self.helper()\n        if order.total != 12:\n            raise AssertionError(order)\n",
            path=_TEST_FILE,
        ),
    )
    invalid = (
        Invalid(
            "def test_create_order():\n    order = create_order(cart)\n    print(order)\n", line=1, path=_TEST_FILE
        ),
        Invalid(
            "import unittest\n\nclass OrderTests(unittest.TestCase):\n    def test_total(self):\n"
            "        total([1, 2])\n",
            line=4,
            path=_TEST_FILE,
        ),
        Invalid(
            "class TestSync:\n    @pytest.mark.asyncio\n    async def test_sync(self, client):\n"
            "        await client.sync()\n",
            line=3,
            path=_TEST_FILE,
        ),
        Invalid(
            "def test_lookup():\n    def check(key):\n        assert key in cache\n    warm(cache)\n",
            line=1,
            path=_TEST_FILE,
        ),
        Invalid(
            "from unittest import mock\n\ndef test_notifies():\n    mailer = mock.Mock()\n    send_receipt(mailer)\n"
            "    mailer.send.called_once_with('receipt')\n",
            line=3,
            path=_TEST_FILE,
        ),
        Invalid("import pytest\n\ndef test_import():\n    import orders\n", line=3),
    )

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self._is_test_module():
            return
        module = ModuleTests(original_node, self.imports, self.settings["assertion-prefixes"])
        for test, klass in module.tests():
            if module.is_exempt(test, klass):
                continue
            found = module.search(test, klass)
            if not found.checks:
                self.report(test, self.message.format(test=test.name.value), foreign_helpers=found.foreign_helpers)

    def _is_test_module(self) -> bool:
        return (
            is_test_file(self.file.path)
            or self.imports.imports_module("pytest")
            or self.imports.imports_module("unittest")
        )
