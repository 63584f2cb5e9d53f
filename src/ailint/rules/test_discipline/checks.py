"""What is a test, and when does it check something? The contract AIL503 applies.

A **test** is a module-level ``def test*`` / ``async def test*`` (``test``, ``test_x``,
``testX``, ``test2``; not ``testing``), or such a method defined directly in the body of a
**test class**: a module-level class named ``Test*``, deriving from a class whose name ends
in ``TestCase`` (``unittest.TestCase``, ``IsolatedAsyncioTestCase``, Django's
``SimpleTestCase``), or deriving from a test class of the same module.

A test **checks** something when its body, not counting nested ``def`` / ``class`` bodies
(their decorators and lambdas count), holds one of:

1. an ``assert`` statement, or a ``raise`` of an error (``raise AssertionError(...)``,
   ``raise self.failureException``, ``else: raise Exception("ValueError not raised")``),
   but not a bare re-raise nor a ``raise SkipTest``;
2. a call of ``pytest.fail``, ``pytest.raises``, ``pytest.warns`` or
   ``pytest.deprecated_call`` (resolved through the module's imports; as a call or ``with``);
3. a call of ``self.fail...`` / ``cls.fail...`` (unittest's ``fail`` and its old
   ``failUnless`` / ``failIf`` aliases);
4. a call of a function or method named like a check: its name, leading underscores
   stripped, starts with an assertion prefix (the ``assertion-prefixes`` option:
   ``self.assertEqual``, ``m.assert_called_once_with``, ``assert_that``, ``expect``,
   ``self._check_row``), has a prefix as a later ``_`` word (``run_and_check``) or contains
   ``assert`` (``self.ndiffAssertEqual``); or a call of a name bound to such a function
   (``eq = self.assertEqual`` then ``eq(a, b)``);
5. an attribute named like an assertion (``self.assertIn``) used as a value, say passed
   as a callback;
6. a string holding a line that starts with ``assert``: code run in a subprocess or a
   subinterpreter that checks there;
7. a call of, or a reference passed as an argument to, a function of the same module that
   checks something by these rules: a module-level function, a function nested in the
   test, a ``self.`` / ``cls.`` method of the test's class or of its same-module base
   classes, or the construction and context-manager methods of a same-module class
   (``with TracerRun(self):``). Helpers are followed :data:`HELPER_DEPTH` levels deep.
   Functions imported from elsewhere are kept (:class:`Search`) for the whole run to look
   up in the project (:mod:`ailint.rules.test_discipline.across_files`). A
   call that resolves to nothing in the module and is named like a test runner
   (``run_test``, ``support.run_unittest``, ``super().test_x()``) counts as a check, and so
   does ``unittest.main()`` / ``pytest.main()``;
8. for a ``testX`` method, a check in its ``_testX`` companion (CPython's threaded tests
   run the two halves side by side).

A test is **exempt** when it or its class carries a skip decorator (``pytest.mark.skip`` /
``skipif`` / ``xfail``, ``unittest.skip`` / ``skipIf`` / ``skipUnless`` /
``expectedFailure``, or any decorator whose name contains ``skip`` or ``xfail``) or a
decorator defined in the same module (a wrapper that may run it under checks); is a
hypothesis ``@given`` property test; takes pytest-benchmark's ``benchmark`` fixture; holds
doctest examples in its docstring; returns a value (a plugin such as pytest-mpl checks
it); yields (a fixture or a context manager named like a test); raises or skips
unconditionally (a top-level ``raise``, ``pytest.skip(...)``, ``pytest.xfail(...)`` or
``self.skipTest(...)`` statement, in the test or its class's ``setUp``); or is an empty
method (``pass``, ``...``, a docstring) that may switch off a test inherited from a base
class.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from ailint.names import ImportTable, dotted_name
from ailint.rule import Option
from ailint.traversal import children

HELPER_DEPTH = 2

ASSERTION_PREFIXES = Option(
    "assertion-prefixes",
    list,
    ("assert", "check", "verify", "expect", "validate", "ensure"),
    "A call of a function or method whose name (leading underscores stripped) starts with one "
    "of these prefixes, or has one as a later `_`-separated word (`run_and_check`), counts as a "
    "check. Setting the option replaces the default list.",
)

_TEST_NAME = re.compile(r"^test(?:$|[_0-9A-Z])")
_ASSERT_LINE = re.compile(r"^\s*assert\b", re.MULTILINE)
# pytest's checks, and the runners of whole suites (``def test(): unittest.main(...)``).
_CHECKING_CALLS = frozenset(
    {"pytest.fail", "pytest.raises", "pytest.warns", "pytest.deprecated_call", "unittest.main", "pytest.main"}
)
_PYTEST_SKIPS = frozenset({"pytest.skip", "pytest.xfail"})
_EXEMPTING_DECORATORS = frozenset(
    {
        "pytest.mark.skip",
        "pytest.mark.skipif",
        "pytest.mark.xfail",
        "unittest.skip",
        "unittest.skipIf",
        "unittest.skipUnless",
        "unittest.expectedFailure",
        "hypothesis.given",
    }
)
_INSTANCE_NAMES = frozenset({"self", "cls"})
_SET_UP_METHODS = ("setUp", "setUpClass", "setup_method", "setup_class")
_PROTOCOL_METHODS = frozenset({"__init__", "__enter__", "__exit__", "__aenter__", "__aexit__", "__call__"})

# A test's calls of imported names kept for the whole run to resolve; more are not worth it.
_MAX_FOREIGN_HELPERS = 16
# Where an imported helper cannot be the project's own.
_NOT_PROJECT = frozenset({*sys.stdlib_module_names, "pytest", "_pytest", "hypothesis", "mock"})


@dataclass(frozen=True)
class Search:
    """What the check search found: a check, or else the imported functions it could not see into."""

    checks: bool
    foreign_helpers: tuple[str, ...] = ()


# A function to search and the class whose instance ``self`` / ``cls`` is in it (None: none).
_Scope = tuple[cst.FunctionDef, cst.ClassDef | None]


def is_test_name(name: str) -> bool:
    return _TEST_NAME.match(name) is not None


def _decorated_name(decorator: cst.Decorator) -> cst.BaseExpression:
    expression = decorator.decorator
    return expression.func if isinstance(expression, cst.Call) else expression


def _callee_name(expression: cst.BaseExpression) -> str | None:
    """The last part of a called name: ``assertEqual`` for ``self.assertEqual``."""
    if isinstance(expression, cst.Name):
        return expression.value
    if isinstance(expression, cst.Attribute):
        return expression.attr.value
    return None


def _instance_attribute(expression: cst.BaseExpression) -> str | None:
    """``name`` for ``self.name`` / ``cls.name``."""
    if (
        isinstance(expression, cst.Attribute)
        and isinstance(expression.value, cst.Name)
        and expression.value.value in _INSTANCE_NAMES
    ):
        return expression.attr.value
    return None


def walk_body(function: cst.FunctionDef) -> Iterator[cst.CSTNode]:
    """Everything in ``function``'s body except the bodies of nested ``def`` / ``class`` statements.

    What runs when the nested statement does is walked: decorators (``@verify(UNIQUE)``),
    default values and base classes. So are lambdas: ``callback = lambda r:
    self.assertEqual(r, 1)`` checks when called.
    """
    stack: list[cst.CSTNode] = [function.body]
    while stack:
        current = stack.pop()
        yield current
        nested = current.body if isinstance(current, (cst.FunctionDef, cst.ClassDef)) else None
        stack.extend(reversed([child for child in children(current) if child is not nested]))


def _statements(body: cst.BaseSuite) -> Sequence[cst.BaseStatement | cst.BaseSmallStatement]:
    if isinstance(body, cst.SimpleStatementSuite):
        return body.body
    flat: list[cst.BaseStatement | cst.BaseSmallStatement] = []
    for statement in body.body:
        flat.extend(statement.body if isinstance(statement, cst.SimpleStatementLine) else (statement,))
    return flat


def _runs_a_test(node: cst.CSTNode) -> bool:
    """A call of a helper from elsewhere named like a test runner: ``run_test``, ``_test_enum``.

    Names starting with a capital (``TestClient``) build objects, they do not run checks.
    """
    if not isinstance(node, cst.Call):
        return False
    name = (_callee_name(node.func) or "").lstrip("_")
    return name.startswith("test") or "_test" in name


def _takes_benchmark(test: cst.FunctionDef) -> bool:
    """A pytest-benchmark test: the fixture measures the code, the test need not check it."""
    return any(isinstance(param.name, cst.Name) and param.name.value == "benchmark" for param in test.params.params)


def _yields_or_returns_a_value(test: cst.FunctionDef) -> bool:
    """A generator is a fixture or a context manager, not a test; a returned value is checked
    by whoever collects it (pytest-mpl compares figures)."""
    for node in walk_body(test):
        if isinstance(node, cst.Yield) or (isinstance(node, cst.Return) and node.value is not None):
            return True
    return False


def _is_placeholder(statement: cst.CSTNode) -> bool:
    """``pass``, ``...`` or a docstring."""
    if isinstance(statement, cst.Pass):
        return True
    return isinstance(statement, cst.Expr) and isinstance(
        statement.value, (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)
    )


class ModuleTests:
    """One module's tests, its functions and classes, and the check search over them."""

    def __init__(
        self, module: cst.Module, imports: ImportTable, prefixes: Sequence[str], *, helpers_only: bool = False
    ) -> None:
        self.imports = imports
        self.prefixes = tuple(prefixes)
        self.module = module
        # A module searched only for helpers another file's test calls: there a ``raise`` is a
        # check only when it fails a test (``AssertionError``, ``TestFailed``), not argument
        # validation, and a call named like ``_run_tests`` is no test runner.
        self.helpers_only = helpers_only
        # The last definition of a name wins, as it does for the test collector.
        self.functions: dict[str, cst.FunctionDef] = {}
        self.classes: dict[str, cst.ClassDef] = {}
        for statement in module.body:
            if isinstance(statement, cst.FunctionDef):
                self.functions[statement.name.value] = statement
            elif isinstance(statement, cst.ClassDef):
                self.classes[statement.name.value] = statement

    def tests(self) -> Iterator[tuple[cst.FunctionDef, cst.ClassDef | None]]:
        """Every test with its class (None for a module-level test), in source order."""
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef):
                if is_test_name(statement.name.value) and self.functions[statement.name.value] is statement:
                    yield statement, None
            elif isinstance(statement, cst.ClassDef) and self.classes[statement.name.value] is statement:
                if self.is_test_class(statement):
                    yield from ((m, statement) for m in self._methods(statement) if is_test_name(m.name.value))

    def is_test_class(self, klass: cst.ClassDef, seen: frozenset[str] = frozenset()) -> bool:
        if klass.name.value.startswith("Test"):
            return True
        for base in klass.bases:
            name = dotted_name(base.value)
            if name is None:
                continue
            if name.endswith("TestCase"):
                return True
            parent = self.classes.get(name)
            if parent is not None and name not in seen and self.is_test_class(parent, seen | {name}):
                return True
        return False

    def _methods(self, klass: cst.ClassDef) -> Iterator[cst.FunctionDef]:
        if isinstance(klass.body, cst.IndentedBlock):
            yield from (statement for statement in klass.body.body if isinstance(statement, cst.FunctionDef))

    def _lineage(self, klass: cst.ClassDef) -> Iterator[cst.ClassDef]:
        """``klass`` and its base classes defined in this module, nearest first."""
        queue, seen = [klass], {klass.name.value}
        while queue:
            current = queue.pop(0)
            yield current
            for base in current.bases:
                name = dotted_name(base.value)
                parent = self.classes.get(name or "")
                if parent is not None and name not in seen:
                    seen.add(parent.name.value)
                    queue.append(parent)

    def _method(self, klass: cst.ClassDef, name: str) -> cst.FunctionDef | None:
        for owner in self._lineage(klass):
            for method in self._methods(owner):
                if method.name.value == name:
                    return method
        return None

    # --- exemptions -------------------------------------------------------------------------

    def is_exempt(self, test: cst.FunctionDef, klass: cst.ClassDef | None) -> bool:
        decorators = [*test.decorators, *(klass.decorators if klass is not None else ())]
        if any(self._exempting(decorator, klass) for decorator in decorators):
            return True
        if _takes_benchmark(test):
            return True
        if ">>>" in (test.get_docstring(clean=False) or ""):
            return True  # doctest examples, run by a DocTestSuite, check their output
        if _yields_or_returns_a_value(test):
            return True
        statements = _statements(test.body)
        if klass is not None and self._switches_off_inherited(test, klass, statements):
            return True
        if any(self._skips_or_raises(statement) for statement in statements):
            return True
        return klass is not None and self._set_up_skips(klass)

    def _switches_off_inherited(
        self, test: cst.FunctionDef, klass: cst.ClassDef, statements: Sequence[cst.CSTNode]
    ) -> bool:
        """``def test_x(self): pass`` switches off a test the base class defines."""
        return all(_is_placeholder(statement) for statement in statements) and self._may_inherit(
            klass, test.name.value
        )

    def _set_up_skips(self, klass: cst.ClassDef) -> bool:
        """A ``setUp`` that skips or raises unconditionally: no test of the class runs."""
        for name in _SET_UP_METHODS:
            method = self._method(klass, name)
            if method is not None and any(self._skips_or_raises(s) for s in _statements(method.body)):
                return True
        return False

    def _may_inherit(self, klass: cst.ClassDef, name: str) -> bool:
        """Could a base class of ``klass`` define a method ``name``?"""
        for owner in self._lineage(klass):
            if owner is not klass and any(method.name.value == name for method in self._methods(owner)):
                return True
            for base in owner.bases:
                base_name = dotted_name(base.value) or ""
                if base_name not in self.classes and base_name != "object" and not base_name.endswith("TestCase"):
                    return True  # an imported base class: it may well define it
        return False

    def _exempting(self, decorator: cst.Decorator, klass: cst.ClassDef | None) -> bool:
        expression = _decorated_name(decorator)
        if self.imports.qualify(expression) in _EXEMPTING_DECORATORS:
            return True
        if isinstance(expression, cst.Name) and (
            expression.value in self.functions or (klass is not None and self._method(klass, expression.value))
        ):
            return True  # a wrapper of this module's own: it may run the test under its checks
        last = (_callee_name(expression) or "").lower()
        return "skip" in last or "xfail" in last or last == "expectedfailure"

    def _skips_or_raises(self, statement: cst.CSTNode) -> bool:
        if isinstance(statement, cst.Raise):
            return True
        if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
            func = statement.value.func
            return self.imports.qualify(func) in _PYTEST_SKIPS or _instance_attribute(func) == "skipTest"
        return False

    # --- the check search -------------------------------------------------------------------

    def checks(self, test: cst.FunctionDef, klass: cst.ClassDef | None) -> bool:
        """Does ``test`` check something, itself or through helpers up to HELPER_DEPTH deep?"""
        return self.search(test, klass).checks

    def search(self, test: cst.FunctionDef, klass: cst.ClassDef | None, depth: int = HELPER_DEPTH) -> Search:
        """Whether ``test`` checks something through this module's helpers up to ``depth``
        levels deep, and which functions of other modules it calls on the way."""
        level = self._with_companion(test, klass)
        seen = {function for function, _ in level}
        foreign: dict[str, None] = {}
        for current in range(depth + 1):
            callees: list[_Scope] = []
            for function, owner in level:
                body = list(walk_body(function))
                if self._checks_directly(body):
                    return Search(True)
                nested = {node.name.value: node for node in body if isinstance(node, cst.FunctionDef)}
                for node in body:
                    helpers = list(self._helpers(node, owner, nested))
                    if not helpers and not self.helpers_only and _runs_a_test(node):
                        return Search(True)
                    if not helpers and current < depth:
                        self._note_foreign_helper(node, foreign)
                    for helper in helpers:
                        if helper[0] not in seen:
                            seen.add(helper[0])
                            callees.append(helper)
            level = callees
        return Search(False, tuple(foreign))

    def _with_companion(self, test: cst.FunctionDef, klass: cst.ClassDef | None) -> list[_Scope]:
        """``test``, and its companion: CPython's threaded tests pair `testX` (server side)
        with `_testX` (client side)."""
        level: list[_Scope] = [(test, klass)]
        if klass is not None:
            companion = self._method(klass, f"_{test.name.value}")
            if companion is not None:
                level.append((companion, klass))
        return level

    def _checks_directly(self, body: list[cst.CSTNode]) -> bool:
        """Whether a function's own body checks something, without following helpers."""
        return any(self._is_check(node) for node in body) or self._calls_an_alias(body)

    def _note_foreign_helper(self, node: cst.CSTNode, foreign: dict[str, None]) -> None:
        """Remembers what ``node`` calls from elsewhere, for the cross-file pass (up to a limit)."""
        name = self._foreign_helper(node)
        if name is not None and len(foreign) < _MAX_FOREIGN_HELPERS:
            foreign[name] = None

    def function_checks(self, name: str, depth: int) -> bool:
        """Does this module's function ``name`` (or the construction and context-manager
        methods of its class ``name``) check something within ``depth`` levels?"""
        function = self.functions.get(name)
        if function is not None:
            return self.search(function, None, depth).checks
        klass = self.classes.get(name)
        if klass is None:
            return False
        return any(
            self.search(method, klass, depth).checks
            for owner in self._lineage(klass)
            for method in self._methods(owner)
            if method.name.value in _PROTOCOL_METHODS
        )

    def _foreign_helper(self, node: cst.CSTNode) -> str | None:
        """The imported name ``node`` calls or passes on, when it may be a project function."""
        if isinstance(node, cst.Call):
            target = node.func
        elif isinstance(node, cst.Arg):
            target = node.value
        else:
            return None
        name = self.imports.from_elsewhere(target)
        if name is None or name.split(".", 1)[0] in _NOT_PROJECT:
            return None
        return name

    def _is_check(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Assert):
            return True
        if isinstance(node, cst.Raise) and node.exc is not None:
            # `else: raise Exception("ValueError not raised")`: any raised error fails the test,
            # unless it skips it.
            return self._raise_fails(node.exc)
        if isinstance(node, cst.SimpleString):
            # Code run elsewhere (a subprocess, a subinterpreter) that asserts: `run("assert x == 1")`.
            value = node.evaluated_value
            return isinstance(value, str) and _ASSERT_LINE.search(value) is not None
        if isinstance(node, cst.Attribute):
            # `eq = self.assertEqual`, `run(case, self.assertIn)`: an assertion kept to call later.
            return "assert" in node.attr.value.lower()
        if not isinstance(node, cst.Call):
            return False
        if self.imports.qualify(node.func) in _CHECKING_CALLS:
            return True
        if (_instance_attribute(node.func) or "").startswith("fail"):
            return True
        return self._is_check_name(_callee_name(node.func))

    def _raise_fails(self, exception: cst.BaseExpression) -> bool:
        """Whether raising ``exception`` fails the test: anything but a skip does, while in a
        helper of another file only an assertion or failure error counts."""
        raised = _callee_name(exception.func if isinstance(exception, cst.Call) else exception) or ""
        if self.helpers_only:
            return "Assert" in raised or "Fail" in raised or "failure" in raised
        return "Skip" not in raised

    def _is_check_name(self, name: str | None) -> bool:
        """``assertEqual``, ``check_rows``, ``_verify``, ``run_and_check``, ``ipexec_validate``."""
        name = (name or "").lstrip("_")
        if name.startswith(self.prefixes) or "assert" in name.lower():
            return True
        return any(word in self.prefixes for word in name.split("_")[1:])

    def _calls_an_alias(self, body: list[cst.CSTNode]) -> bool:
        """``eq = self.assertEqual`` or ``cm = self.checkModule``, then ``eq(...)`` / ``cm(...)``."""
        aliases = {
            target.target.value
            for node in body
            if isinstance(node, cst.Assign) and self._is_check_name(_callee_name(node.value))
            for target in node.targets
            if isinstance(target.target, cst.Name)
        }
        return any(isinstance(node, cst.Call) and _callee_name(node.func) in aliases for node in body)

    def _helpers(
        self, node: cst.CSTNode, klass: cst.ClassDef | None, nested: dict[str, cst.FunctionDef]
    ) -> Iterator[_Scope]:
        """Same-module functions that ``node`` calls or passes on, with the class ``self`` is in there."""
        if isinstance(node, cst.Call):
            target = node.func
        elif isinstance(node, cst.Arg):
            target = node.value
        else:
            return
        if isinstance(target, cst.Name):
            if target.value in nested:
                yield nested[target.value], klass  # a closure: `self` is still the test's
            elif target.value in self.functions:
                yield self.functions[target.value], None
            elif target.value in self.classes:
                # An object of this module's own: its construction and context-manager protocol run.
                instance = self.classes[target.value]
                for owner in self._lineage(instance):
                    yield from ((m, instance) for m in self._methods(owner) if m.name.value in _PROTOCOL_METHODS)
            return
        attribute = _instance_attribute(target)
        if attribute is not None and klass is not None:
            method = self._method(klass, attribute)
            if method is not None:
                yield method, klass
