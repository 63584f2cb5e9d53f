"""When does an ``except`` block deal with the error it caught? The contract AIL101-AIL106 share.

A handler body is **handled** (not swallowing the error) when, anywhere in it except inside
nested ``def`` / ``lambda`` / ``class`` bodies, there is:

1. a ``raise`` statement of any form (bare, ``raise X``, ``raise X from e``, ``raise X from
   None``): the error propagates;
2. a log call that keeps the traceback: ``<anything>.exception(...)``, or any call with an
   ``exc_info=`` keyword whose value is not the literal ``False``, ``None`` or ``0``;
3. a call to a reporter function, resolved through the module's imports (the
   ``reporter-functions`` option; :data:`DEFAULT_REPORTERS` by default);
4. the exception itself used other than inside the arguments of a print or logging call:
   the bound name (``except E as e``) or a call of ``sys.exc_info()`` / ``sys.exception()``
   stored, returned, passed to a call or tested in a condition. ``print(e)`` and
   ``log.error("%s", e)`` do not count: they keep the message and lose the traceback;
5. a call to ``sys.exit``, ``os._exit``, ``exit`` or ``quit``: the handler does not go on as
   if nothing happened.

A logging call is a call of ``print`` or of a function or method named ``debug``, ``info``,
``warning``, ``warn``, ``error``, ``critical``, ``log`` or ``exception``.

A handler body **swallows** when every statement in it is inert: ``pass``, ``...``, a string,
``continue``, ``break``, ``return`` without a value or with a constant, an assignment of a
constant other than ``True`` / ``False`` to a name or attribute, a print call or a logging
call. Anything else (a cleanup call, a rollback, a retry counter, a ``failed = True`` flag
that records the failure) is work we cannot judge, so rules treat it as deliberate.

The **default-return shape** (AIL106, which AIL102 defers to) is a function whose whole body,
apart from a docstring, is one ``try`` with a broad typed handler ending in ``return <value>``,
where the value is a default (a constant, a name, an attribute, a call with constant
arguments) rather than a fallback computed from the inputs (``return list(items)``).

Handlers in ``__repr__``, ``__str__`` and ``__del__`` are exempt from AIL102 and AIL106: a
placeholder repr and a finaliser that ignores errors are the documented idioms.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import libcst as cst

from ailint.names import ImportTable, dotted_name
from ailint.rule import Option, Severity
from ailint.traversal import children, walk_scope

AnyHandler = cst.ExceptHandler | cst.ExceptStarHandler

DEFAULT_REPORTERS: tuple[str, ...] = (
    "sentry_sdk.capture_exception",
    "traceback.print_exc",
    "traceback.print_exception",
    "traceback.format_exc",
    "traceback.format_exception",
    "logging.exception",
)

REPORTER_FUNCTIONS = Option(
    "reporter-functions",
    list,
    DEFAULT_REPORTERS,
    "Qualified names of functions that report an exception with its traceback (error trackers, "
    "in-house helpers); a handler that calls one is handled. Names are resolved through the "
    "module's imports. Setting the option replaces the default list: repeat the defaults you want "
    "to keep.",
)

BROAD_EXCEPTIONS = {"builtins.Exception": "Exception", "builtins.BaseException": "BaseException"}
INTERRUPTS = frozenset({"builtins.KeyboardInterrupt", "builtins.SystemExit"})
TOLERANT_METHODS = frozenset({"__repr__", "__str__", "__del__"})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "log", "exception"})

_EXCEPTION_ACCESSORS = frozenset({"sys.exc_info", "sys.exception"})
# posix / nt: what os.py itself calls `_exit`.
_EXIT_FUNCTIONS = frozenset(
    {"sys.exit", "os._exit", "posix._exit", "nt._exit", "builtins.exit", "builtins.quit", "exit", "quit"}
)
_EMPTY_CONSTRUCTORS = frozenset({"builtins.dict", "builtins.list", "builtins.set", "builtins.tuple"})
_FALSY_LITERALS = frozenset({"False", "None"})
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def broadest(expressions: Iterable[cst.BaseExpression], imports: ImportTable) -> str | None:
    """``"BaseException"`` or ``"Exception"`` when one of ``expressions`` names that builtin.

    Names the module rebinds (``from mylib import Exception``) are not the builtins.
    """
    found = {BROAD_EXCEPTIONS.get(imports.qualify(expression) or "") for expression in expressions}
    if "BaseException" in found:
        return "BaseException"
    return "Exception" if "Exception" in found else None


def caught_types(handler: AnyHandler) -> list[cst.BaseExpression]:
    """The expressions of ``except X`` / ``except (X, Y)``; empty for a bare ``except:``."""
    if handler.type is None:
        return []
    if isinstance(handler.type, cst.Tuple):
        return [element.value for element in handler.type.elements]
    return [handler.type]


def broad_exception(handler: AnyHandler, imports: ImportTable) -> str | None:
    """The broad builtin a handler catches, looking inside ``except (ValueError, Exception)``."""
    return broadest(caught_types(handler), imports)


def broad_severity(exception: str) -> Severity:
    """``BaseException`` also catches KeyboardInterrupt and SystemExit: that is worse."""
    return Severity.HIGH if exception == "BaseException" else Severity.MEDIUM


def bound_name(handler: AnyHandler) -> str | None:
    """The ``e`` of ``except E as e``."""
    if handler.name is not None and isinstance(handler.name.name, cst.Name):
        return handler.name.name.value
    return None


def is_exit_call(call: cst.Call, imports: ImportTable) -> bool:
    return imports.qualify(call.func) in _EXIT_FUNCTIONS


def leaves(body: cst.BaseSuite, imports: ImportTable) -> bool:
    """True when the body raises or exits somewhere (the AIL101 test: logging is not enough)."""
    return any(
        isinstance(node, cst.Raise) or (isinstance(node, cst.Call) and is_exit_call(node, imports))
        for node in walk_scope(body)
    )


def lets_interrupts_through(handler: AnyHandler, imports: ImportTable) -> bool:
    """``except KeyboardInterrupt: raise`` (or SystemExit): an earlier clause that re-raises them."""
    return any(imports.qualify(t) in INTERRUPTS for t in caught_types(handler)) and leaves(handler.body, imports)


def captures_exception(body: cst.BaseSuite, imports: ImportTable) -> bool:
    """``sys.exc_info()`` / ``sys.exception()`` kept or passed on (not just printed or logged)."""
    return _uses_exception(body, None, imports)


def is_logging_call(call: cst.Call, imports: ImportTable) -> bool:
    """``print(...)`` or a call of a function or method named like a logging level."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value in LOG_METHODS
    qualified = imports.qualify(func) or ""
    if qualified in ("builtins.print", "print"):
        return True
    module, _, function = qualified.rpartition(".")
    return module == "logging" and function in LOG_METHODS


def _keeps_traceback(call: cst.Call) -> bool:
    if isinstance(call.func, cst.Attribute) and call.func.attr.value == "exception":
        return True
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "exc_info":
            value = arg.value
            falsy = (isinstance(value, cst.Name) and value.value in _FALSY_LITERALS) or (
                isinstance(value, cst.Integer) and value.evaluated_value == 0
            )
            return not falsy
    return False


def is_handled(handler: AnyHandler, imports: ImportTable, reporters: Collection[str]) -> bool:
    """The contract in the module docstring: does this handler deal with its error?"""
    for node in walk_scope(handler.body):
        if isinstance(node, cst.Raise):
            return True
        if isinstance(node, cst.Call):
            if _keeps_traceback(node) or is_exit_call(node, imports) or imports.qualify(node.func) in reporters:
                return True
    return _uses_exception(handler.body, bound_name(handler), imports)


def _uses_exception(node: cst.CSTNode, name: str | None, imports: ImportTable) -> bool:
    """Is the exception (``name`` or ``sys.exc_info()``) read outside print / log arguments?"""
    if isinstance(node, cst.Name):
        return node.value == name
    if isinstance(node, _SCOPES):
        return False
    if isinstance(node, (cst.Attribute, cst.Arg)):
        return _uses_exception(node.value, name, imports)  # `.attr` is not a variable, nor a keyword's name
    if isinstance(node, cst.Call):
        if is_logging_call(node, imports):
            return _uses_exception(node.func, name, imports)
        if imports.qualify(node.func) in _EXCEPTION_ACCESSORS:
            return True
    if isinstance(node, (cst.AssignTarget, cst.Del)):
        return _uses_in_target(node.target, name, imports)
    if isinstance(node, (cst.AsName, cst.Global, cst.Nonlocal)):
        return False  # binding or declaring the name is not using the error
    if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)) and name is not None and bound_name(node) == name:
        # A nested handler that rebinds the name: its body talks about another exception.
        return node.type is not None and _uses_exception(node.type, name, imports)
    return any(_uses_exception(child, name, imports) for child in children(node))


def _uses_in_target(target: cst.BaseExpression, name: str | None, imports: ImportTable) -> bool:
    if isinstance(target, cst.Name):
        return False
    if isinstance(target, (cst.Tuple, cst.List)):
        return any(_uses_in_target(element.value, name, imports) for element in target.elements)
    if isinstance(target, cst.StarredElement):
        return _uses_in_target(target.value, name, imports)
    return _uses_exception(target, name, imports)  # `e.attr = ...` / `d[e] = ...` read the name


def _small_statements(body: cst.BaseSuite) -> list[cst.BaseSmallStatement] | None:
    """Every small statement of the block, or None when it holds a compound statement."""
    if isinstance(body, cst.SimpleStatementSuite):
        return list(body.body)
    small: list[cst.BaseSmallStatement] = []
    for statement in body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        small.extend(statement.body)
    return small


def is_constant(expression: cst.BaseExpression, imports: ImportTable, name: str | None = None) -> bool:
    """A literal: None/True/False, numbers, strings, displays of constants, ``dict()`` and kin.

    An f-string is constant unless it interpolates the exception (its bound ``name``).
    """
    if isinstance(expression, cst.Name):
        return expression.value in ("None", "True", "False")
    if isinstance(expression, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.Ellipsis)):
        return True
    if isinstance(expression, cst.UnaryOperation):
        return isinstance(expression.operator, (cst.Minus, cst.Plus)) and isinstance(
            expression.expression, (cst.Integer, cst.Float, cst.Imaginary)
        )
    if isinstance(expression, cst.FormattedString):
        return not _uses_exception(expression, name, imports)
    if isinstance(expression, cst.ConcatenatedString):
        return is_constant(expression.left, imports, name) and is_constant(expression.right, imports, name)
    if isinstance(expression, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return _is_constant_display(expression, imports, name)
    if isinstance(expression, cst.Call):
        return not expression.args and imports.qualify(expression.func) in _EMPTY_CONSTRUCTORS
    return False


def _is_constant_display(
    expression: cst.List | cst.Tuple | cst.Set | cst.Dict, imports: ImportTable, name: str | None
) -> bool:
    """A list, tuple, set or dict display of constants only (no ``*spread``)."""
    if isinstance(expression, cst.Dict):
        return all(
            isinstance(e, cst.DictElement) and is_constant(e.key, imports, name) and is_constant(e.value, imports, name)
            for e in expression.elements
        )
    return all(isinstance(e, cst.Element) and is_constant(e.value, imports, name) for e in expression.elements)


def _is_flag(expression: cst.BaseExpression) -> bool:
    return isinstance(expression, cst.Name) and expression.value in ("True", "False")


def _is_inert(statement: cst.BaseSmallStatement, imports: ImportTable, name: str | None) -> bool:
    if isinstance(statement, (cst.Pass, cst.Continue, cst.Break)):
        return True
    if isinstance(statement, cst.Return):
        return statement.value is None or is_constant(statement.value, imports, name)
    if isinstance(statement, cst.Expr):
        value = statement.value
        if isinstance(value, (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return True
        return isinstance(value, cst.Call) and is_logging_call(value, imports)
    if isinstance(statement, (cst.Assign, cst.AnnAssign)):
        targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
        value = statement.value
        return (
            value is not None
            and all(isinstance(target, (cst.Name, cst.Attribute)) for target in targets)
            and is_constant(value, imports, name)
            and not _is_flag(value)  # `failed = True` records the failure for later
        )
    return False


def swallows(handler: AnyHandler, imports: ImportTable) -> bool:
    """True when every statement of the handler is inert (see the module docstring)."""
    small = _small_statements(handler.body)
    name = bound_name(handler)
    return small is not None and all(_is_inert(statement, imports, name) for statement in small)


def _is_default_value(expression: cst.BaseExpression, imports: ImportTable) -> bool:
    """A value picked in advance, not computed from the inputs: see the module docstring."""
    if is_constant(expression, imports) or dotted_name(expression) is not None:
        return True
    if isinstance(expression, (cst.List, cst.Tuple, cst.Set)):
        return all(isinstance(e, cst.Element) and _is_default_value(e.value, imports) for e in expression.elements)
    if isinstance(expression, cst.Call):
        return dotted_name(expression.func) is not None and all(
            not arg.star and is_constant(arg.value, imports) for arg in expression.args
        )
    return False


def _returns_default(handler: cst.ExceptHandler, imports: ImportTable) -> bool:
    body = handler.body.body
    last = body[-1] if body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    return isinstance(last, cst.Return) and last.value is not None and _is_default_value(last.value, imports)


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def default_return_handlers(function: cst.FunctionDef, imports: ImportTable) -> list[cst.ExceptHandler]:
    """The broad handlers of a function in the default-return shape, handled or not.

    Callers check :func:`is_handled` themselves; AIL102 uses the shape alone to defer.
    """
    if function.name.value in TOLERANT_METHODS or not isinstance(function.body, cst.IndentedBlock):
        return []
    body = list(function.body.body)
    if body and _is_docstring(body[0]):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], cst.Try):
        return []
    return [
        handler
        for handler in body[0].handlers
        if broad_exception(handler, imports) is not None and _returns_default(handler, imports)
    ]
