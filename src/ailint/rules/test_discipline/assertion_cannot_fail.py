"""AIL504: an assertion that cannot fail, and mock "assertions" that never assert."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from ailint.names import dotted_name
from ailint.rule import CstRule, Docs, Invalid, Severity, Valid
from ailint.traversal import children, walk_scope

# Attribute names a Mock (before Python 3.12, or with unsafe=True) answers with a child mock instead of
# an AttributeError: calling them checks nothing. Kept narrow, since any object may have a
# method of that name; only a call whose result is dropped or asserted is reported.
MOCK_ASSERTION_TYPOS = frozenset(
    {"called_once_with", "called_with", "called_once", "has_calls", "any_call", "not_called"}
)
MOCK_ASSERT_MISSPELLINGS = ("assret_", "asert_", "aseert_", "assrt_")

_REFLEXIVE_OPERATORS = {cst.Equal: "==", cst.Is: "is", cst.LessThanEqual: "<=", cst.GreaterThanEqual: ">="}
_LITERAL_ASSERTIONS = frozenset({"assertTrue", "assertIsNotNone"})

_CONSTANT = "`{call}` of an always-true constant cannot fail: assert the condition you meant to check"
_NEVER_NONE = "a literal is never None, so this `assertIsNotNone` cannot fail: pass the value you meant to check"
_TUPLE = "a non-empty tuple is always true, so this `assert` cannot fail: write `assert cond, \"message\"`"
_TUPLE_ARGUMENT = (
    "a non-empty tuple is always true, so this `assertTrue` cannot fail: pass the condition, and the message as `msg`"
)
_SAME_SIDES = (
    "both sides of `{operator}` are the same {what}, so this `assert` cannot fail: compare with the expected value"
)
_MIXED_UP = (
    "both sides of `{operator}` are the same expression, so this `assert` cannot fail: "
    "compare with `{unused}`, which is assigned and never used"
)
_NOT_AN_ASSERTION = "`.{name}()` is not a mock assertion: call `.{fixed}()`"
_ASSERTED_MOCK_ASSERTION = (
    "mock assertions return None, so `assert ....{name}()` always fails: call `.{name}()` without `assert`"
)


def is_truthy_literal(expression: cst.BaseExpression) -> bool:
    """A scalar literal that is always true: ``True``, ``1``, ``-2.5``, ``"text"``, ``...``.

    Displays (``[x]``, ``{1: 2}``) are left out: ``assertTrue({1: 2})`` is how a test of a
    container type checks its truth value.
    """
    if isinstance(expression, cst.Name):
        return expression.value == "True"
    if isinstance(expression, (cst.Integer, cst.Float, cst.Imaginary)):
        return expression.evaluated_value != 0
    if isinstance(expression, cst.UnaryOperation) and isinstance(expression.operator, (cst.Minus, cst.Plus)):
        return isinstance(expression.expression, (cst.Integer, cst.Float, cst.Imaginary)) and is_truthy_literal(
            expression.expression
        )
    if isinstance(expression, cst.SimpleString):
        return bool(expression.evaluated_value)
    if isinstance(expression, cst.ConcatenatedString):
        return is_truthy_literal(expression.left) or is_truthy_literal(expression.right)
    if isinstance(expression, cst.FormattedString):
        # Only literal text is sure to be there: f"{name}" may be empty.
        return any(isinstance(part, cst.FormattedStringText) and part.value for part in expression.parts)
    return isinstance(expression, cst.Ellipsis)


def _is_literal(expression: cst.BaseExpression) -> bool:
    """Any literal but ``None``: what ``assertIsNotNone`` can never reject."""
    if isinstance(expression, cst.Name):
        return expression.value in ("True", "False")
    literals = (
        cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString,
        cst.Ellipsis, cst.Tuple, cst.List, cst.Set, cst.Dict, cst.ListComp, cst.SetComp, cst.DictComp,
    )
    return isinstance(expression, literals) or is_truthy_literal(expression)


def _is_condition_and_message(expression: cst.BaseExpression) -> bool:
    """``(cond, "message")``: the parenthesised pair meant as a condition and its message."""
    if not isinstance(expression, cst.Tuple) or len(expression.elements) != 2:
        return False
    message = expression.elements[1].value
    return isinstance(message, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))


def _called_attribute(expression: cst.BaseExpression) -> str | None:
    """``name`` for a call ``<anything>.name(...)``."""
    if isinstance(expression, cst.Call) and isinstance(expression.func, cst.Attribute):
        return expression.func.attr.value
    return None


def mock_typo_fix(name: str | None) -> str | None:
    """The mock assertion a misspelt or prefix-less name meant: ``called_with`` -> ``assert_called_with``."""
    if name is None:
        return None
    if name in MOCK_ASSERTION_TYPOS:
        return f"assert_{name}"
    if name.startswith(MOCK_ASSERT_MISSPELLINGS):
        return "assert_" + name.partition("_")[2]
    return None


def _descendants(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in children(node):
        yield from _descendants(child)


def _may_be_nan(expression: cst.CSTNode) -> bool:
    """A float literal or a name like ``nan``: ``nan == nan`` is false."""
    return any(
        isinstance(node, cst.Float) or (isinstance(node, cst.Name) and "nan" in node.value.lower())
        for node in _descendants(expression)
    )


def _is_constant(expression: cst.CSTNode) -> bool:
    """Built from literals and operators only: no name, call or attribute runs user code."""
    runs_code = (cst.Name, cst.Call, cst.Attribute, cst.Subscript)
    return not any(isinstance(node, runs_code) for node in _descendants(expression))


def _unused_variable(function: cst.FunctionDef) -> str | None:
    """A local name ``function`` assigns and never reads: the value a mixed-up assert should use.

    Any other appearance of the name counts as a read (an attribute or keyword of the same
    name too): a missed mix-up is cheaper than a false alarm.
    """
    stores = [
        node.target
        for node in walk_scope(function.body)
        if isinstance(node, (cst.AssignTarget, cst.AnnAssign)) and isinstance(node.target, cst.Name)
    ]
    store_ids = {id(target) for target in stores}
    read = {
        node.value for node in _descendants(function.body) if isinstance(node, cst.Name) and id(node) not in store_ids
    }
    return next((t.value for t in stores if t.value not in read and not t.value.startswith("_")), None)


def _expects_an_error(node: cst.With) -> bool:
    """``with pytest.raises(...)`` / ``with self.assertRaises(...)``: the block is meant to fail."""
    for item in node.items:
        if isinstance(item.item, cst.Call):
            name = dotted_name(item.item.func) or ""
            if "raises" in name.rpartition(".")[2].lower():
                return True
    return False


class AssertionCannotFailRule(CstRule):
    code = "AIL504"
    name = "assertion-cannot-fail"
    summary = "An assertion that cannot fail, or a mock call that never asserts"
    message = "this assertion checks nothing: {reason}"
    severity = Severity.HIGH
    docs = Docs(
        what="Checks that cannot fail: `assert` of an always-true literal (`assert True`, "
        "`assert 1`, `assert \"done\"`, also with a message); `assert (cond, \"message\")`, a "
        "non-empty tuple; the same expression on both sides of `==`, `is`, `<=` or `>=` when the "
        "result cannot depend on the code under test (`assert x is x`, `assert 1 == 1`) or when "
        "the function assigns a variable it never uses (`expected = 3` then `assert result == "
        "result`); `self.assertTrue(<always-true literal>)`, `self.assertTrue((cond, \"message\"))` "
        "and `self.assertIsNotNone(<literal>)`; mock calls that look like assertions but are not "
        "(`m.called_once_with(...)`, `m.has_calls(...)`, `m.assret_called_once()`) as a statement "
        "or asserted; and `assert m.assert_called_once()`, which always fails since mock "
        "assertions return None.",
        why="An assistant asked to make a suite pass can write a check that cannot fail: "
        "`assert True` as a placeholder, `assert result == result` after mixing up two names, a "
        "parenthesised `assert (ok, \"message\")`. Mock calls without the `assert_` prefix are "
        "worse: they read as assertions, and a `Mock` before Python 3.12 answers them with a new "
        "mock, so the test passes whatever the code did.",
        bad="def test_notifies():\n    mailer = Mock()\n    send_receipt(mailer)\n"
        "    mailer.send.called_once_with('receipt')\n    assert (mailer.send.call_count == 1, 'sent once')\n",
        good="def test_notifies():\n    mailer = Mock()\n    send_receipt(mailer)\n"
        "    mailer.send.assert_called_once_with('receipt')\n    assert mailer.send.call_count == 1, 'sent once'\n",
        fix="Assert the condition you meant to check, against an expected value computed "
        "independently of the code under test. Drop the parentheses around `cond, \"message\"`. "
        "Call mock assertions by their real names (`assert_called_once_with`), without `assert` "
        "in front.",
        notes="`assert False` and `assert 0` are not flagged: they always fail, on purpose "
        "(unreachable code); neither is the empty tuple `assert ()`, which is false, nor "
        "`assertTrue([x])` / `assertTrue({1: 2})`, how tests of container types check their truth "
        "value, nor an `assert True` alone in an `except` block, which marks the expected path "
        "of a `try` that checks with `assert False`. Identical sides are the narrow part. In "
        "mature test suites `assert x == x`, `assert f(x) == f(x)` and `assert a.b is a.b` are "
        "nearly always deliberate: they test the `__eq__`, `__le__` or `__hash__` of the class "
        "under test for reflexivity, or that a property or call caches its result (all but one or "
        "two of about 110 such asserts in the test suites of SymPy, NumPy, SciPy, NetworkX, "
        "mpmath and trio). So they are only flagged when "
        "nothing user-defined can decide the result (literals only, or `is` between one plain "
        "name), or when the enclosing function assigns a variable that nothing reads, the "
        "signature of a mixed-up name. `x != x` (the NaN test), `<`, `>` and operands with a "
        "float literal or a name containing `nan` are never flagged. The mock names are a narrow "
        "list (`called_once_with`, `called_with`, `called_once`, `has_calls`, `any_call`, "
        "`not_called`, and names starting with `assret_`, `asert_`, `aseert_` or `assrt_`): the "
        "rule cannot know that the receiver is a mock, so it only reports such a call when its "
        "result is dropped (a statement of its own), asserted or passed to `assertTrue`, and not "
        "inside `with pytest.raises(...)` / `with self.assertRaises(...)`, where the call is "
        "expected to fail; `if job.has_calls():` is left alone. Recent Pythons make a mock raise "
        "`AttributeError` for these names (the misspellings since 3.5 to 3.11, the names without "
        "`assert_` since 3.12), but mocks made with `unsafe=True` and older Pythons accept them "
        "silently. Pylint's W0199 (assert-on-tuple), W0129 "
        "(assert-on-string-literal) and W1503 (redundant-unittest-assert) and pyflakes' F631 "
        "cover parts of the literal and tuple cases; Ruff's PGH005 catches `m.assert_called` "
        "without a call, not mock calls that lack the `assert_`.",
    )
    valid = (
        Valid("def test_unreachable():\n    assert False, 'unreachable'\n"),
        Valid("def is_nan(x):\n    assert x != x\n"),
        Valid("assert (total == 12)\n"),
        Valid("assert ()\n"),
        Valid("assert 0\n"),
        Valid("mailer.send.assert_called_once_with('receipt')\n"),
        Valid("if job.has_calls():\n    run(job)\n"),
        Valid("def test_deterministic():\n    assert encode(data) == encode(data)\n"),
        Valid("def test_cached():\n    config = load()\n    assert config.rules is config.rules\n"),
        Valid("def test_eq_is_reflexive():\n    money = Money(3, 'EUR')\n    assert money == money\n"),
        Valid("def test_nan():\n    expected = 1\n    assert nan_value == nan_value\n"),
        Valid("assert 1.0 <= 1.0\n"),
        Valid("assert x == y\n"),
        Valid("assert cond, 'message'\n"),
        Valid("self.assertTrue(result)\n"),
        Valid("self.assertTrue({1: 2})\n"),
        Valid("self.assertIsNotNone(parse('x'))\n"),
        Valid("assert f'{prefix}'\n"),
        Valid("try:\n    parse('(')\n    assert False\nexcept SyntaxError:\n    assert True\n"),
        Valid(
            "from unittest import mock\n\ndef test_typo_raises():\n    m = mock.Mock()\n"
            "    with pytest.raises(AttributeError):\n        m.assret_called_once()\n"
        ),
    )
    invalid = (
        Invalid("def test_placeholder():\n    assert True\n", line=2),
        Invalid("assert 'order created'\n", line=1),
        Invalid("assert 1, 'always passes'\n", line=1),
        Invalid("assert (total == 12, 'total is wrong')\n", line=1),
        Invalid(
            "def test_total():\n    expected = 3\n    result = total([1, 2])\n    assert result == result\n",
            line=4,
        ),
        Invalid("def test_same():\n    order = make_order()\n    assert order is order\n", line=3),
        Invalid("assert 'abc' == 'abc'\n", line=1),
        Invalid("mailer.send.called_once_with('receipt')\n", line=1),
        Invalid("assert mailer.send.has_calls([call('a')])\n", line=1),
        Invalid("mailer.send.assret_called_once()\n", line=1),
        Invalid("assert mailer.send.assert_called_once()\n", line=1),
        Invalid("class T(TestCase):\n    def test_x(self):\n        self.assertTrue(1)\n", line=3),
        Invalid("self.assertTrue((count == 1, 'sent once'))\n", line=1),
        Invalid("self.assertIsNotNone('order')\n", line=1),
        Invalid("self.assertTrue(mailer.send.called_with('receipt'))\n", line=1),
    )

    def visit_Module(self, node: cst.Module) -> None:
        self._functions: list[cst.FunctionDef] = []
        self._error_blocks: list[bool] = []
        self._markers: set[cst.Assert] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()

    def visit_With(self, node: cst.With) -> None:
        self._error_blocks.append(_expects_an_error(node))

    def leave_With(self, original_node: cst.With) -> None:
        self._error_blocks.pop()

    def _in_error_block(self) -> bool:
        return any(self._error_blocks)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        # `except ValueError: assert True` marks the expected path; the check is elsewhere
        # (an `assert False` after the call in the `try`).
        statements = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        if len(statements) == 1 and isinstance(statements[0], cst.SimpleStatementLine):
            self._markers.update(
                small for small in statements[0].body if isinstance(small, cst.Assert) and is_truthy_literal(small.test)
            )

    def visit_Assert(self, node: cst.Assert) -> None:
        if node in self._markers:
            return
        reason = self._assert_reason(node.test)
        if reason is not None:
            self.report(node, self.message.format(reason=reason))

    def _assert_reason(self, test: cst.BaseExpression) -> str | None:
        if isinstance(test, cst.Tuple) and test.elements:
            return _TUPLE
        if is_truthy_literal(test):
            return _CONSTANT.format(call="assert")
        if isinstance(test, cst.Comparison):
            return self._same_sides(test)
        name = _called_attribute(test)
        if name is None or self._in_error_block():
            return None
        fixed = mock_typo_fix(name)
        if fixed is not None:
            return _NOT_AN_ASSERTION.format(name=name, fixed=fixed)
        if name.startswith("assert_"):
            return _ASSERTED_MOCK_ASSERTION.format(name=name)
        return None

    def _same_sides(self, comparison: cst.Comparison) -> str | None:
        left = comparison.left
        for target in comparison.comparisons:
            operator = _REFLEXIVE_OPERATORS.get(type(target.operator))
            if operator is not None and left.deep_equals(target.comparator) and not _may_be_nan(left):
                if _is_constant(left):
                    return _SAME_SIDES.format(operator=operator, what="constant")
                if operator == "is" and isinstance(left, cst.Name):
                    return _SAME_SIDES.format(operator=operator, what="name")
                unused = _unused_variable(self._functions[-1]) if self._functions else None
                if unused is not None:
                    return _MIXED_UP.format(operator=operator, unused=unused)
            left = target.comparator
        return None

    def visit_Expr(self, node: cst.Expr) -> None:
        name = _called_attribute(node.value)
        fixed = mock_typo_fix(name)
        if fixed is not None and not self._in_error_block():
            self.report(node, self.message.format(reason=_NOT_AN_ASSERTION.format(name=name, fixed=fixed)))

    def visit_Call(self, node: cst.Call) -> None:
        name = _called_attribute(node)
        if name not in _LITERAL_ASSERTIONS or not node.args or node.args[0].keyword or node.args[0].star:
            return
        argument = node.args[0].value
        typo = _called_attribute(argument)
        if name == "assertIsNotNone":
            reason = _NEVER_NONE if _is_literal(argument) else None
        elif _is_condition_and_message(argument):
            reason = _TUPLE_ARGUMENT
        elif is_truthy_literal(argument):
            reason = _CONSTANT.format(call=name)
        elif mock_typo_fix(typo) is not None and not self._in_error_block():
            reason = _NOT_AN_ASSERTION.format(name=typo, fixed=mock_typo_fix(typo))
        else:
            reason = None
        if reason is not None:
            self.report(node, self.message.format(reason=reason))
