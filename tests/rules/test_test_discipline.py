"""Behaviour of AIL503 and AIL504 that the rules' own examples cannot express."""

from __future__ import annotations

import textwrap

import pytest

from ailint.rules.test_discipline import TEST_DISCIPLINE_RULES

from conftest import lint

TEST_PATH = "tests/test_orders.py"


def _flagged(code: str, select: str = "AIL503", path: str = TEST_PATH, **kwargs) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint(textwrap.dedent(code), select=select, path=path, **kwargs)]


def _messages(code: str, select: str, path: str = TEST_PATH) -> list[str]:
    return [f.message for f in lint(textwrap.dedent(code), select=select, path=path)]


# --- the catalogue -------------------------------------------------------------------------


def test_rules_are_registered_in_code_order_with_their_names():
    assert [(rule.code, rule.name) for rule in TEST_DISCIPLINE_RULES] == [
        ("AIL503", "test-without-assertion"),
        ("AIL504", "assertion-cannot-fail"),
    ]


@pytest.mark.parametrize("rule", TEST_DISCIPLINE_RULES, ids=lambda rule: rule.code)
def test_every_rule_has_tricky_examples_and_notes(rule):
    assert len(rule.invalid) >= 5
    assert len(rule.valid) >= 10
    assert rule.docs.notes


# --- AIL503: whole modules -----------------------------------------------------------------

PYTEST_MODULE = """\
import pytest
from unittest import mock

from orders import Cart, create_order, total


@pytest.fixture
def cart():
    return Cart(items=[("book", 12)])


def test_total(cart):
    assert total(cart) == 12


def test_create_order_runs(cart):
    order = create_order(cart)
    print(order.id)


def test_empty_cart_is_rejected():
    with pytest.raises(ValueError, match="empty"):
        create_order(Cart(items=[]))


def test_mailer_is_called(cart):
    mailer = mock.Mock()
    create_order(cart, mailer=mailer)
    mailer.send.assert_called_once()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_many_orders(count, cart):
    for _ in range(count):
        create_order(cart)


@pytest.mark.skipif(True, reason="needs the payment sandbox")
def test_payment(cart):
    create_order(cart, pay=True)


def helper_that_is_not_a_test():
    create_order(Cart(items=[]))
"""


def test_a_realistic_pytest_module():
    assert _flagged(PYTEST_MODULE) == [("AIL503", 16), ("AIL503", 33)]


def test_the_message_names_the_test():
    messages = _messages("def test_create_order_runs():\n    create_order()\n", "AIL503")
    assert messages == [
        "`test_create_order_runs` checks nothing: add an assertion (assert, pytest.raises, self.assert*, mock.assert_*)"
    ]


UNITTEST_MODULE = """\
import unittest

from orders import Cart, create_order


class OrderTests(unittest.TestCase):
    def setUp(self):
        self.cart = Cart(items=[("book", 12)])

    def test_total(self):
        self.assertEqual(create_order(self.cart).total, 12)

    def test_rejects_empty(self):
        with self.assertRaises(ValueError):
            create_order(Cart(items=[]))

    def test_runs(self):
        create_order(self.cart)

    def test_aliased_assertion(self):
        eq = self.assertEqual
        eq(create_order(self.cart).count, 1)

    def test_through_a_method(self):
        self._check_order(create_order(self.cart))

    def test_placeholder(self):
        pass

    def _check_order(self, order):
        if order.total <= 0:
            self.fail("empty order")

    def helper(self):
        create_order(self.cart)


if __name__ == "__main__":
    unittest.main()
"""


def test_a_realistic_unittest_module():
    assert _flagged(UNITTEST_MODULE) == [("AIL503", 17), ("AIL503", 27)]


# --- AIL503: helpers -----------------------------------------------------------------------

def test_a_helper_chain_of_two_is_a_check_and_of_three_is_not():
    two = "def inner(x):\n    assert x\n\ndef outer(x):\n    inner(x)\n\ndef test_x():\n    outer(1)\n"
    three = (
        "def inner(x):\n    assert x\n\ndef middle(x):\n    inner(x)\n\ndef outer(x):\n    middle(x)\n\n"
        "def test_x():\n    outer(1)\n"
    )
    assert _flagged(two) == []
    assert _flagged(three) == [("AIL503", 10)]


def test_helper_recursion_terminates():
    code = "def again(x):\n    again(x)\n\ndef test_x():\n    again(1)\n"
    assert _flagged(code) == [("AIL503", 4)]


def test_methods_of_same_module_base_classes_are_followed():
    code = """\
    import unittest

    class Base(unittest.TestCase):
        def roundtrip(self, text):
            self.assertEqual(dump(load(text)), text)

    class ListTests(Base):
        def test_list(self):
            self.roundtrip("[1]")

        def test_nothing(self):
            load("[1]")
    """
    assert _flagged(code) == [("AIL503", 11)]


def test_a_same_module_context_manager_class_that_checks_counts():
    code = """\
    class ExpectEvents:
        def __init__(self, events):
            self.events = events

        def __exit__(self, *exc):
            assert recorded() == self.events

    def test_events():
        with ExpectEvents(["start"]):
            run()
    """
    assert _flagged(code) == []


def test_a_nested_helper_passed_as_a_callback_counts():
    code = """\
    def test_worker():
        def work(item):
            assert item.done
        run_in_threads(work)
    """
    assert _flagged(code) == []


def test_a_lambda_that_asserts_counts():
    code = "def test_callback(self):\n    register(lambda r: self.assertEqual(r, 1))\n"
    assert _flagged(code) == []


def test_an_imported_helper_named_like_a_runner_counts_and_others_do_not():
    assert _flagged("from helpers import run_test\n\ndef test_x():\n    run_test('a')\n") == []
    assert _flagged("from helpers import TestClient\n\ndef test_x():\n    TestClient(app).get('/')\n") == [
        ("AIL503", 3)
    ]


def test_code_run_elsewhere_that_asserts_counts():
    code = 'def test_subprocess():\n    run_python("import sys\\nassert sys.flags.optimize == 0")\n'
    assert _flagged(code) == []


# --- AIL503: what is a test ----------------------------------------------------------------


def test_async_tests_are_checked():
    code = """\
    import pytest

    @pytest.mark.asyncio
    async def test_fetch(client):
        await client.fetch("/orders")

    @pytest.mark.asyncio
    async def test_fetch_checks(client):
        response = await client.fetch("/orders")
        assert response.status == 200
    """
    assert _flagged(code) == [("AIL503", 4)]


def test_class_based_tests():
    code = """\
    class TestOrders:
        def test_runs(self):
            create_order()

        def testCamelCase(self):
            create_order()

        def testing_helper(self):
            create_order()

    class OrderHelpers:
        def test_not_collected(self):
            create_order()

    class Base(unittest.TestCase):
        pass

    class OrderChecks(Base):
        def test_inherits_testcase(self):
            create_order()
    """
    assert _flagged(code) == [("AIL503", 2), ("AIL503", 5), ("AIL503", 19)]


def test_the_finding_is_on_the_def_line_below_decorators():
    code = "import pytest\n\n@pytest.mark.slow\n@pytest.mark.timeout(5)\ndef test_slow():\n    run()\n"
    assert _flagged(code) == [("AIL503", 5)]


def test_only_the_last_definition_of_a_test_counts():
    code = "def test_x():\n    run()\n\ndef test_x():\n    assert run()\n"
    assert _flagged(code) == []


def test_non_test_files_are_ignored():
    code = "def test_connection():\n    connect()\n"
    assert _flagged(code, path="src/orders/health.py") == []
    assert _flagged(code, path="tests/test_health.py") == [("AIL503", 1)]
    assert _flagged(code, path="orders/health_test.py") == [("AIL503", 1)]


def test_a_module_importing_pytest_or_unittest_is_a_test_module():
    assert _flagged("import pytest\n\ndef test_x():\n    run()\n", path="src/checks.py") == [("AIL503", 3)]
    unittest_code = "from unittest import TestCase\n\nclass T(TestCase):\n    def test_x(self):\n        run()\n"
    assert _flagged(unittest_code, path="src/checks.py") == [("AIL503", 4)]


# --- AIL503: exemptions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "decorator",
    [
        "@pytest.mark.skip",
        "@pytest.mark.xfail(reason='bug 12')",
        "@unittest.skipIf(sys.platform == 'win32', 'posix only')",
        "@unittest.expectedFailure",
        "@skip_on_windows",
        "@local_wrapper",
    ],
)
def test_skip_and_wrapping_decorators_exempt_a_test(decorator):
    prelude = "import pytest, sys, unittest\n\ndef local_wrapper(f):\n    return f\n\n"
    code = f"{prelude}{decorator}\ndef test_x():\n    run()\n"
    assert _flagged(code) == []


def test_a_skipped_class_exempts_its_tests():
    code = (
        "import unittest\n\n@unittest.skip('later')\nclass T(unittest.TestCase):\n"
        "    def test_x(self):\n        run()\n"
    )
    assert _flagged(code) == []


def test_a_set_up_that_skips_exempts_the_class():
    code = """\
    import unittest

    class T(unittest.TestCase):
        def setUp(self):
            self.skipTest("not on this platform")

        def test_x(self):
            pass
    """
    assert _flagged(code) == []


def test_an_unconditional_skip_exempts_but_a_conditional_one_does_not():
    skipped = "import pytest\n\ndef test_x():\n    pytest.skip('todo')\n"
    conditional = "import pytest\n\ndef test_x():\n    if slow:\n        pytest.skip('slow')\n    run()\n"
    assert _flagged(skipped) == []
    assert _flagged(conditional) == [("AIL503", 3)]


def test_an_empty_test_overriding_an_inherited_one_is_exempt():
    code = """\
    import unittest
    from common import SequenceTests

    class ListTests(SequenceTests, unittest.TestCase):
        def test_slicing(self):
            pass

    class Plain(unittest.TestCase):
        def test_todo(self):
            pass
    """
    assert _flagged(code) == [("AIL503", 9)]


def test_doctests_benchmarks_and_returned_figures_are_exempt():
    code = '''\
    def test_doc():
        """
        >>> add(1, 2)
        3
        """

    def test_speed(benchmark):
        benchmark(sort, DATA)

    @pytest.mark.mpl_image_compare
    def test_plot():
        return draw(graph)
    '''
    assert _flagged(code) == []


def test_assertion_prefixes_option():
    code = "def test_x():\n    should_equal(run(), 1)\n\ndef test_y():\n    check_rows(run())\n"
    assert _flagged(code) == [("AIL503", 1)]
    options = {"AIL503": {"assertion-prefixes": ["should"]}}
    assert _flagged(code, options=options) == [("AIL503", 4)]


# --- AIL504 --------------------------------------------------------------------------------


def test_ail504_runs_in_every_file():
    assert _flagged("assert True\n", select="AIL504", path="src/orders/api.py") == [("AIL504", 1)]


def test_ail504_messages_say_why():
    code = """\
    def test_total():
        expected = 3
        result = total([1, 2])
        assert result == result
        assert (result == 3, "wrong total")
        mailer.send.called_once_with("x")
        assert mailer.send.assert_called_once()
    """
    messages = _messages(code, "AIL504")
    assert len(messages) == 4
    assert "compare with `expected`, which is assigned and never used" in messages[0]
    assert "a non-empty tuple is always true" in messages[1]
    assert "call `.assert_called_once_with()`" in messages[2]
    assert "mock assertions return None" in messages[3]


@pytest.mark.parametrize(
    "statement",
    [
        "assert True",
        "assert 1",
        "assert -1",
        "assert 'done'",
        "assert ...",
        "assert 2 == 2",
        "assert x is x",
        "assert (a, b)",
        "self.assertTrue('yes')",
        "self.assertIsNotNone(0)",
        "m.has_calls([call(1)])",
        "m.any_call(1)",
        "m.not_called()",
        "m.called_once()",
        "m.asert_called_once()",
        "m.aseert_called_with(1)",
    ],
)
def test_ail504_flags(statement):
    code = f"def test_x(self, m, x, a, b):\n    {statement}\n"
    assert _flagged(code, select="AIL504") == [("AIL504", 2)]


@pytest.mark.parametrize(
    "statement",
    [
        "assert False",
        "assert 0",
        "assert ''",
        "assert None",
        "assert f'{x}'",
        "assert x == x",
        "assert x <= x",
        "assert x.a is x.a",
        "assert f(x) == f(x)",
        "assert x != x",
        "assert x < x",
        "assert (x == 1)",
        "assert ()",
        "assert [x]",
        "self.assertTrue([x])",
        "self.assertTrue((x,))",
        "self.assertIsNotNone(None)",
        "self.assertIsNotNone(x)",
        "result = m.has_calls([call(1)])",
        "if m.called_with(1):\n        pass",
        "m.assert_called_with(1)",
        "assert m.call_count == 1",
    ],
)
def test_ail504_leaves_alone(statement):
    code = f"def test_x(self, m, x):\n    {statement}\n"
    assert _flagged(code, select="AIL504") == []


def test_ail504_mixed_up_names_need_an_unused_variable():
    base = "def test_x():\n    {extra}\n    result = compute()\n    assert result == result\n"
    assert _flagged(base.format(extra="expected = 3"), select="AIL504") == [("AIL504", 4)]
    assert _flagged(base.format(extra="_ignored = 3"), select="AIL504") == []
    assert _flagged(base.format(extra="expected = 3\n    log(expected)"), select="AIL504") == []


def test_ail504_mock_typos_expected_to_raise_are_not_flagged():
    code = """\
    def test_typos_raise(self):
        m = Mock()
        with self.assertRaises(AttributeError):
            m.assret_called_once()
        with pytest.raises(AttributeError):
            assert m.called_once_with(1)
        m.assret_called_once()
    """
    assert _flagged(code, select="AIL504") == [("AIL504", 7)]


def test_raising_an_error_is_a_check_but_re_raising_or_skipping_is_not():
    raising = """\
    def test_rejects():
        try:
            parse("(")
        except SyntaxError:
            pass
        else:
            raise Exception("SyntaxError not raised")
    """
    re_raising = "def test_x():\n    try:\n        run()\n    except OSError:\n        cleanup()\n        raise\n"
    skipping = (
        "import unittest\n\ndef test_x():\n    if not HAVE_NET:\n        raise unittest.SkipTest('offline')\n"
        "    run()\n"
    )
    assert _flagged(raising) == []
    assert _flagged(re_raising) == [("AIL503", 1)]
    assert _flagged(skipping) == [("AIL503", 3)]


def test_generators_named_like_tests_are_not_tests():
    code = """\
    import contextlib

    @contextlib.contextmanager
    def test_socket(reads):
        yield FakeSocket(reads)
    """
    assert _flagged(code) == []
