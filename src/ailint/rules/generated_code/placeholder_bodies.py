"""What AIL601 and AIL603 need to know about a module's functions without walking the tree.

Both rules judge only functions whose context the module's own statements tell: functions
at module level and methods in the body of a module-level class (and of classes nested in
those). A ``def`` under ``if`` / ``try`` (a fallback for an optional import, a platform
stub) or inside another function (a callback) is deliberate far more often than not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from ailint.names import dotted_name
from ailint.rules.generated_code.placeholder_text import BASE_CLASS_DOC
from ailint.traversal import children


@dataclass(frozen=True)
class Owner:
    """The class a method belongs to, and what its shape says about empty methods.

    ``kind`` is ``protocol`` (a typing Protocol: empty bodies are the declaration),
    ``base`` (abstract, named or used as a base class, or a null object: empty methods are
    defaults and hooks), ``subclass`` (derives from something: an empty method may override
    to disable) or ``plain``.
    """

    node: cst.ClassDef
    kind: str


@dataclass(frozen=True)
class Function:
    node: cst.FunctionDef
    owner: Owner | None


_TRIVIAL_BASES = frozenset({"object", "Generic"})
_BASE_NAME = re.compile(r"^_*(?:Base|Abstract)(?=[A-Z_]|$)|(?:Base|Mixin|ABC|Interface|Protocol|Abstract)$")
_NULL_OBJECT_WORDS = frozenset(
    {"null", "noop", "nop", "dummy", "fake", "mock", "stub", "silent", "disabled", "void", "empty", "nothing", "ignore", "devnull", "sink"}
)
_NO_PREFIX = re.compile(r"^_*No[A-Z]")
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def words(name: str) -> set[str]:
    """The lower-case words of a snake_case or CamelCase name."""
    return {word.lower() for word in _WORD.findall(name)}


def module_functions(module: cst.Module) -> Iterator[Function]:
    """Module-level functions and the methods of module-level classes (and their nested classes)."""
    classes = [statement for statement in module.body if isinstance(statement, cst.ClassDef)]
    base_names = set()
    pending = list(classes)
    while pending:
        klass = pending.pop()
        base_names.update(_last_name(base.value) for base in klass.bases)
        pending.extend(s for s in _body(klass) if isinstance(s, cst.ClassDef))
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef):
            yield Function(statement, None)
        elif isinstance(statement, cst.ClassDef):
            yield from _methods(statement, base_names)


def _methods(klass: cst.ClassDef, base_names: set[str]) -> Iterator[Function]:
    owner = Owner(klass, _class_kind(klass, base_names))
    for statement in _body(klass):
        if isinstance(statement, cst.FunctionDef):
            yield Function(statement, owner)
        elif isinstance(statement, cst.ClassDef):
            yield from _methods(statement, base_names)


def _body(klass: cst.ClassDef) -> tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]:
    return klass.body.body if isinstance(klass.body, cst.IndentedBlock) else ()


def _class_kind(klass: cst.ClassDef, base_names: set[str]) -> str:
    bases = [_last_name(base.value) for base in klass.bases if base.star == ""]
    if "Protocol" in bases:
        return "protocol"
    if _meant_as_base(klass, bases, base_names):
        return "base"
    if any(base not in _TRIVIAL_BASES for base in bases) or len(bases) < len(klass.bases) or klass.keywords:
        return "subclass"
    return "plain"


def _meant_as_base(klass: cst.ClassDef, bases: list[str], base_names: set[str]) -> bool:
    """Abstract, derived from in the module, named or documented as a base, an interface, or
    a null object."""
    metaclasses = [_last_name(k.value) for k in klass.keywords if k.keyword is not None and k.keyword.value == "metaclass"]
    name = klass.name.value
    return (
        "ABC" in bases
        or "ABCMeta" in metaclasses
        or name in base_names
        or _BASE_NAME.search(name) is not None
        or is_null_object_name(name)
        or BASE_CLASS_DOC.search(docstring(klass) or "") is not None
        or _declares_interface(klass)
    )


def _declares_interface(klass: cst.ClassDef) -> bool:
    """A method that only raises ``NotImplementedError`` (the idiom for an abstract method),
    or two or more methods and all of them empty: an interface, whatever its name."""
    methods = [s for s in _body(klass) if isinstance(s, cst.FunctionDef)]
    kinds = [[placeholder_kind(statement) for statement in statements(method)] for method in methods]
    if any(body and all(kind == "`raise NotImplementedError`" for kind in body) for body in kinds):
        return True
    return len(methods) >= 2 and all(all(body) for body in kinds)


def is_null_object_name(name: str) -> bool:
    """``NullCache``, ``DummyLock``, ``NoopTracer``, ``_NoThreads``, ``Devnull``: empty on purpose."""
    return bool(words(name) & _NULL_OBJECT_WORDS) or _NO_PREFIX.match(name) is not None


def _last_name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Subscript):  # Protocol[T], Generic[T]
        node = node.value
    name = dotted_name(node)
    return name.rsplit(".", 1)[-1] if name else ""


def placeholder_kind(statement: cst.CSTNode) -> str | None:
    """How a statement does nothing (``pass``, ``...``, ...), or None when it does something."""
    if isinstance(statement, cst.Pass):
        return "`pass`"
    if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Ellipsis):
        return "`...`"
    if isinstance(statement, cst.Return) and (
        statement.value is None or isinstance(statement.value, cst.Name) and statement.value.value == "None"
    ):
        return "`return None`"
    if isinstance(statement, cst.Raise) and _not_implemented(statement.exc) is not None:
        return "`raise NotImplementedError`"
    return None


def _not_implemented(exception: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """``exception`` itself when it is ``NotImplementedError`` (or the ``NotImplemented`` slip)."""
    target = exception.func if isinstance(exception, cst.Call) else exception
    if target is None:
        return None
    name = dotted_name(target)
    return exception if name in ("NotImplementedError", "builtins.NotImplementedError", "NotImplemented") else None


def decorator_names(function: cst.FunctionDef) -> list[str]:
    """The last dotted part of each decorator, calls stripped: ``abstractmethod``, ``group``."""
    names = []
    for decorator in function.decorators:
        expression = decorator.decorator
        if isinstance(expression, cst.Call):
            expression = expression.func
        name = dotted_name(expression)
        names.append(name.rsplit(".", 1)[-1] if name else "")
    return names


def docstring(definition: cst.FunctionDef | cst.ClassDef) -> str | None:
    """The definition's docstring (raw text, escapes not evaluated), or None."""
    body = definition.body.body
    if not body or not isinstance(body[0], cst.SimpleStatementLine) or not body[0].body:
        return None
    first = body[0].body[0]
    if isinstance(first, cst.Expr) and isinstance(first.value, (cst.SimpleString, cst.ConcatenatedString)):
        return string_text(first.value)
    return None


def string_text(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.SimpleString):
        return node.raw_value
    if isinstance(node, cst.ConcatenatedString):
        return string_text(node.left) + string_text(node.right)
    return ""


def statements(function: cst.FunctionDef) -> list[cst.BaseSmallStatement | cst.BaseCompoundStatement]:
    """The function's statements after its docstring, small statements unpacked."""
    found: list[cst.BaseSmallStatement | cst.BaseCompoundStatement] = []
    body = function.body.body
    if isinstance(function.body, cst.SimpleStatementSuite):
        found.extend(body)  # type: ignore[arg-type]
    else:
        for statement in body:
            if isinstance(statement, cst.SimpleStatementLine):
                found.extend(statement.body)
            else:
                found.append(statement)
    if docstring(function) is not None:
        found = found[1:]
    return found


def comments(node: cst.CSTNode) -> Iterator[str]:
    """The text of every comment in ``node``'s subtree (small subtrees only: a walk)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Comment):
            yield current.value
        else:
            stack.extend(children(current))


def parameter_names(function: cst.FunctionDef) -> list[str]:
    """Positional and keyword parameters, without ``self`` / ``cls``, ``*args`` / ``**kwargs``
    and names starting with an underscore."""
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    names = [param.name.value for param in every]
    if names and names[0] in ("self", "cls"):
        names = names[1:]
    return [name for name in names if not name.startswith("_")]
