"""A file's code as comparable units: each function body and the module's own statements.

A unit is a flat list of entries, one per statement line or compound-statement header, in
source order. Each entry is a hash of the statement's normalised tokens: identifiers
become ``N`` and literals ``L`` (so renamed and re-valued copies match), while attribute
names, keyword-argument names and node kinds stay (so ``self.save()`` and ``self.delete()``
differ). Only the hashes, token counts and lines travel to the whole-run index, so a
worker process can send them back cheaply.

Left out because they repeat by nature, not by copy-paste: imports, docstrings,
``__all__``, data tables (collections of literals), decorators, nested definitions (they
are units of their own) and ``if __name__ == "__main__":`` stanzas.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass
from typing import Iterator, Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange

from ailint.positions import positions_of
from ailint.traversal import children

MODULE_UNIT = "<module>"

_LITERALS = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString)
_WHITESPACE = frozenset(
    {
        cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.EmptyLine,
        cst.Newline, cst.Comment, cst.Asynchronous,
    }
)
# Punctuation: the node kinds around it already say what it separates.
_PUNCTUATION = frozenset(
    {
        cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
        cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Comma, cst.Dot, cst.Colon, cst.Semicolon,
        cst.AssignEqual, cst.ImportStar,
    }
)
# Tokens libcst prints without a node of their own: a call's parentheses, an assignment's "=".
_IMPLIED_PUNCTUATION = {cst.Call: 2, cst.AssignTarget: 1}
_TABLE_SIZE = 3  # collections of literals with this many elements or more are data, not logic


@dataclass(frozen=True, eq=False)
class Unit:
    """One function body (or the module's top-level statements) as compact entry columns.

    Arrays, not tuples of ints: the whole run's units stay in memory until the index is
    built, and an array costs 4 to 8 bytes an entry where a tuple of ints costs about 40.
    """

    name: str  # dotted within the module ("Class.method"), or MODULE_UNIT
    line: int  # the ``def`` line, or the first entry's line
    column: int
    is_function: bool
    hashes: array  # "Q": one hash per entry
    tokens: array  # "I": the entry's token count
    spans: array  # "I": start line, start column, end line, end column (1-based) per entry
    renaming: int = 0  # see _renaming: equal for copies whose names changed consistently

    @property
    def size(self) -> int:
        return len(self.hashes)

    def start(self, entry: int) -> tuple[int, int]:
        return self.spans[4 * entry], self.spans[4 * entry + 1]

    def end(self, entry: int) -> tuple[int, int]:
        return self.spans[4 * entry + 2], self.spans[4 * entry + 3]


def units_of(module: cst.Module, min_statements: int, min_tokens: int) -> list[Unit]:
    """The units of ``module`` big enough to be reported as clones."""
    pending: list[tuple[str, cst.CSTNode | None, list[_Entry]]] = []
    top = list(_entries(module.body, skip_docstring=True, top_level=True))
    pending.append((MODULE_UNIT, None, top))
    for name, function in _functions(module.body, ""):
        pending.append((name, function, list(_entries(function.body.body, skip_docstring=True))))
    kept = [
        (name, node, entries)
        for name, node, entries in pending
        if len(entries) >= min_statements and sum(entry[1] for entry in entries) >= min_tokens
    ]
    nodes = [entry for _, node, entries in kept for entry in ([node] if node is not None else []) + [e[2] for e in entries]]
    positions = positions_of(module, nodes)
    return [_unit(name, node, entries, positions) for name, node, entries in kept]


def _unit(name: str, node: cst.CSTNode | None, entries: list[_Entry], positions: Mapping[cst.CSTNode, CodeRange]) -> Unit:
    """The unit of a function (``node``) or of the module's top level (no node): it starts
    where the function does, or at its first entry."""
    spans = array("I")
    for _, _, entry, _ in entries:
        where = positions[entry]
        spans.extend((where.start.line, where.start.column + 1, where.end.line, where.end.column + 1))
    start = positions[node].start if node is not None else None
    line, column = (start.line, start.column + 1) if start is not None else (spans[0], spans[1])
    hashes = array("Q", (entry[0] for entry in entries))
    tokens = array("I", (entry[1] for entry in entries))
    return Unit(name, line, column, node is not None, hashes, tokens, spans, _renaming(entries))


def _renaming(entries: list[_Entry]) -> int:
    """A hash of how the unit uses its identifiers: each replaced by the order of its first
    use. Two bodies that match after normalisation and also here are the same code with names
    changed consistently; ``if c: a = x else: a = y`` and its swapped twin are not."""
    first_use: dict[str, int] = {}
    pattern = [first_use.setdefault(name, len(first_use)) for entry in entries for name in entry[3]]
    return int.from_bytes(hashlib.blake2b(array("I", pattern).tobytes(), digest_size=8).digest(), "little")


def _functions(body: Sequence[cst.CSTNode], prefix: str) -> Iterator[tuple[str, cst.FunctionDef]]:
    """Every function and method under ``body``, nested ones included, with dotted names."""
    for statement in body:
        if isinstance(statement, cst.FunctionDef):
            name = prefix + statement.name.value
            yield name, statement
            yield from _functions(_inner(statement.body), name + ".")
        elif isinstance(statement, cst.ClassDef):
            yield from _functions(_inner(statement.body), prefix + statement.name.value + ".")
        elif isinstance(statement, cst.BaseCompoundStatement):
            for block in _blocks(statement):
                yield from _functions(block, prefix)


def _inner(suite: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    return suite.body if isinstance(suite, cst.IndentedBlock) else ()


def _blocks(statement: cst.BaseCompoundStatement) -> Iterator[Sequence[cst.CSTNode]]:
    """The statement lists nested in a compound statement (bodies, else, handlers, cases)."""
    body = getattr(statement, "body", None)
    if isinstance(body, cst.BaseSuite):
        yield _inner(body)
    for handler in getattr(statement, "handlers", ()):
        yield _inner(handler.body)
    for case in getattr(statement, "cases", ()):
        yield _inner(case.body)
    clause = getattr(statement, "orelse", None)
    if isinstance(clause, cst.If):
        yield from _blocks(clause)
    elif clause is not None:
        yield _inner(clause.body)
    final = getattr(statement, "finalbody", None)
    if final is not None:
        yield _inner(final.body)


def _entries(
    body: Sequence[cst.CSTNode], *, skip_docstring: bool = False, top_level: bool = False
) -> Iterator[_Entry]:
    """(hash, tokens, node) for each statement line and compound header, in source order."""
    for index, statement in enumerate(body):
        if isinstance(statement, cst.SimpleStatementLine):
            if skip_docstring and index == 0 and _is_docstring(statement):
                continue
            parts = [small for small in statement.body if not _is_boilerplate(small)]
            if parts:
                tokens = _Tokens()
                for small in parts:
                    _normalise(small, tokens)
                yield _entry(tokens, statement)
        elif isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        elif isinstance(statement, cst.BaseCompoundStatement):
            if top_level and _is_main_guard(statement):
                continue
            yield from _compound(statement)


def _compound(statement: cst.BaseCompoundStatement) -> Iterator[_Entry]:
    header = _Tokens(type(statement).__name__)
    for name in _header_fields(statement):
        value = getattr(statement, name)
        for item in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(item, cst.CSTNode):
                _normalise(item, header)
    yield _entry(header, statement, colons=1)
    body = getattr(statement, "body", None)
    if isinstance(body, cst.BaseSuite):
        yield from _entries(_inner(body))
    clause = getattr(statement, "orelse", None)
    while clause is not None:
        if isinstance(clause, cst.If):  # elif
            yield from _compound(clause)
            break
        yield _entry(_Tokens("Else"), clause, colons=1)
        yield from _entries(_inner(clause.body))
        clause = None
    for handler in getattr(statement, "handlers", ()):
        tokens = _Tokens(type(handler).__name__)
        if handler.type is not None:
            _normalise(handler.type, tokens)
        yield _entry(tokens, handler, colons=1)
        yield from _entries(_inner(handler.body))
    for case in getattr(statement, "cases", ()):
        tokens = _Tokens("MatchCase")
        _normalise(case.pattern, tokens)
        if case.guard is not None:
            _normalise(case.guard, tokens)
        yield _entry(tokens, case, colons=1)
        yield from _entries(_inner(case.body))
    final = getattr(statement, "finalbody", None)
    if final is not None:
        yield _entry(_Tokens("Finally"), final, colons=1)
        yield from _entries(_inner(final.body))


def _header_fields(statement: cst.BaseCompoundStatement) -> tuple[str, ...]:
    return tuple(name for name in ("test", "target", "iter", "items", "subject") if hasattr(statement, name))


class _Tokens:
    """A statement's normalised tokens, a count close to its lexical token count, and the
    identifiers the normalisation hid (to tell a renamed copy from a reshuffled one)."""

    __slots__ = ("kinds", "punctuation", "names")

    def __init__(self, *kinds: str) -> None:
        self.kinds = list(kinds)
        self.punctuation = 0  # brackets, commas, dots, "=": counted, not hashed (trailing commas)
        self.names: list[str] = []

    def __len__(self) -> int:
        return len(self.kinds) + self.punctuation


def _normalise(node: cst.CSTNode, out: _Tokens) -> None:
    kind = type(node)
    if kind is cst.Name:
        out.kinds.append("N")
        out.names.append(node.value)
    elif kind is cst.Attribute:
        _normalise(node.value, out)
        out.kinds.append("." + node.attr.value)
        out.punctuation += 1
    elif isinstance(node, _LITERALS):
        out.kinds.append("L")
    elif kind is cst.Arg:
        if node.keyword is not None:
            out.kinds.append(node.keyword.value + "=")
            out.punctuation += 1
        elif node.star:
            out.kinds.append(node.star)
        _normalise(node.value, out)
    elif kind in _WHITESPACE:
        return
    elif kind in _PUNCTUATION:
        out.punctuation += 1
    else:
        out.kinds.append(kind.__name__)
        out.punctuation += _IMPLIED_PUNCTUATION.get(kind, 0)
        for child in children(node):
            _normalise(child, out)


# An entry: its hash, its token count, the node it starts at, the identifiers in it.
_Entry = tuple[int, int, cst.CSTNode, tuple[str, ...]]


def _entry(tokens: _Tokens, node: cst.CSTNode, colons: int = 0) -> _Entry:
    return _hash(tokens), len(tokens) + colons, node, tuple(tokens.names)


def _hash(tokens: _Tokens) -> int:
    # Stable across processes (``hash()`` of a str is salted per interpreter).
    return int.from_bytes(hashlib.blake2b("\0".join(tokens.kinds).encode(), digest_size=8).digest(), "little")


def _is_docstring(statement: cst.SimpleStatementLine) -> bool:
    first = statement.body[0]
    return isinstance(first, cst.Expr) and isinstance(first.value, (cst.SimpleString, cst.ConcatenatedString))


def _is_boilerplate(small: cst.BaseSmallStatement) -> bool:
    if isinstance(small, (cst.Import, cst.ImportFrom)):
        return True
    if isinstance(small, cst.Assign):
        if any(isinstance(t.target, cst.Name) and t.target.value == "__all__" for t in small.targets):
            return True
        return _all_literal(small.value)
    if isinstance(small, cst.AnnAssign):
        return small.value is None or _all_literal(small.value)
    if isinstance(small, cst.Expr):
        return _is_table(small.value)
    return False


def _is_table(value: cst.BaseExpression) -> bool:
    """A collection of literals (nested ones too): data, whose shape repeats legitimately."""
    if not isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return False
    return len(value.elements) >= _TABLE_SIZE and _all_literal(value)


def _all_literal(value: cst.BaseExpression) -> bool:
    if isinstance(value, _LITERALS):
        return True
    if isinstance(value, cst.Name):
        return value.value in ("None", "True", "False")
    if isinstance(value, cst.UnaryOperation):
        return _all_literal(value.expression)
    if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
        return all(_all_literal(element.value) for element in value.elements)
    if isinstance(value, cst.Dict):
        return all(
            isinstance(element, cst.DictElement) and _all_literal(element.key) and _all_literal(element.value)
            for element in value.elements
        )
    return False


def _is_main_guard(statement: cst.BaseCompoundStatement) -> bool:
    if not isinstance(statement, cst.If) or not isinstance(statement.test, cst.Comparison):
        return False
    left = statement.test.left
    return isinstance(left, cst.Name) and left.value == "__name__"
