"""AIL620, AIL621: functions too complex to review, and functions a change made much more complex.

The number is radon's cyclomatic complexity, computed on Python's ``ast`` (radon does not
read libcst trees). AIL620 parses the file's text with ``ast`` once, and only when the
file defines a function; it then pairs radon's functions with the libcst ``FunctionDef``
nodes of the same traversal by order (both walk the definitions in source order), checked
name by name, so that the report points at the function's name. AIL621 judges a change as
a whole and lives in :mod:`ailint.complexity_change`; its class here carries its docs.
"""

from __future__ import annotations

import ast
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import libcst as cst
from radon.complexity import cc_visit_ast
from radon.visitors import ComplexityVisitor, Function

from ailint.rule import Confidence, CstRule, Docs, Invalid, Option, Rule, Severity, SourceFile, Valid
from ailint.rules.change_tests import ChangeRule

RADON_DOCS = "https://radon.readthedocs.io/en/latest/intro.html#cyclomatic-complexity"

_COUNTED = (
    "The number is radon's cyclomatic complexity of the function (what `radon cc --no-assert` "
    "prints): 1, plus 1 for each `if` / `elif`, conditional expression, `for` / `while` (and "
    "their `else`), `except` clause, `try` ... `else`, comprehension and each of its `if`s, "
    "each extra operand of `and` / `or`, and each `case` of a `match` but a catch-all (`case _`). "
    "`assert` is not counted (radon counts it unless told `--no-assert`; an assertion is a check, "
    "not a path to follow). A function defined inside another, and the methods of a class "
    "defined inside it, are measured on their own and add nothing to the enclosing function; a "
    "`lambda` is not reported on its own and its conditions count in the function around it; "
    "decorators, default values and annotations are not counted. Methods count like functions "
    "(radon's class totals are not used). When CPython cannot parse a file that libcst can (newer "
    "syntax than the Python running ailint), nothing is reported for it."
)


@dataclass(frozen=True)
class Measured:
    """One function's complexity: its dotted name (``Class.method``, ``outer.inner``), the
    line of its ``def`` (not of a decorator) and the column where the statement starts."""

    name: str
    line: int
    column: int
    complexity: int


def measure(tree: ast.Module) -> list[Measured]:
    """Every function and method of ``tree`` in source order, with radon's complexity.

    May raise ``RecursionError`` on very deeply nested code."""
    by_position = _radon_functions(tree)
    measured = []
    for name, node in _definitions(tree):
        complexity = by_position.get((node.lineno, node.col_offset))
        if complexity is None:
            # radon drops the methods of a class defined inside a function: measure them alone.
            complexity = ComplexityVisitor.from_ast(node, no_assert=True).functions[0].complexity
        measured.append(Measured(name, node.lineno, node.col_offset, complexity))
    return measured


def parse_text(text: str) -> ast.Module | None:
    """``text`` as an ``ast`` module, or None when CPython cannot parse it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes and the like: not ours to report
            return ast.parse(text.removeprefix("\ufeff"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _radon_functions(tree: ast.Module) -> dict[tuple[int, int], int]:
    """Complexity of every function radon reports, by the position of its ``def``."""
    found: dict[tuple[int, int], int] = {}
    pending = list(cc_visit_ast(tree, no_assert=True))
    while pending:
        block = pending.pop()
        if isinstance(block, Function):
            found[(block.lineno, block.col_offset)] = block.complexity
            pending.extend(block.closures)
        else:
            pending.extend(block.methods)
            pending.extend(block.inner_classes)
    return found


_Definition = (ast.FunctionDef, ast.AsyncFunctionDef)
_Scope = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Where a definition can be: statements, and the bodies of except clauses and match cases.
_Holder = (ast.stmt, ast.excepthandler, ast.match_case)


def _definitions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every ``def`` in source order (the order libcst visits them), with its dotted name."""
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        if isinstance(node, _Scope):
            prefix = f"{prefix}{node.name}"
            if isinstance(node, _Definition):
                yield prefix, node
            prefix += "."
        children = [child for child in ast.iter_child_nodes(node) if isinstance(child, _Holder)]
        stack.extend((child, prefix) for child in reversed(children))


def _branches(count: int, name: str = "a", indent: int = 4) -> str:
    """``count`` ``if`` statements on ``name`` (``count`` decisions), for the examples."""
    pad = " " * indent
    return "".join(f"{pad}if {name} == {n}:\n{pad}    return {n}\n" for n in range(count))


class ComplexFunctionRule(CstRule):
    code = "AIL620"
    name = "complex-function"
    summary = "A function whose cyclomatic complexity (radon) is above the limit"
    message = "`{name}` has a cyclomatic complexity of {complexity}, above the limit of {limit}: split it"
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    options = (
        Option("max-complexity", int, 15, "The highest cyclomatic complexity a function may have."),
    )
    references = (RADON_DOCS,)
    docs = Docs(
        what="A function or method whose cyclomatic complexity, as radon computes it, is above "
        "`max-complexity` (15): the number of independent paths through it. Reported on the "
        "function's name, on its `def` line.",
        why="Assistants extend code where it already is: each new case becomes one more `elif`, "
        "each failure one more `try`, each option one more flag to test, until one function "
        "decides everything. Such functions read fine line by line, yet nobody can check every "
        "path in a review, and the generated tests exercise two or three of them.",
        bad="def shipping_cost(order):\n"
        "    if not order.items:\n"
        "        return 0\n"
        "    weight = sum(item.weight for item in order.items)\n"
        "    if order.country == \"US\":\n"
        "        rate = 5 if weight < 10 else 9\n"
        "    elif order.country in (\"CA\", \"MX\"):\n"
        "        rate = 8 if weight < 10 else 14\n"
        "    elif order.country in EUROPE:\n"
        "        rate = 10 if weight < 5 else 18\n"
        "    else:\n"
        "        rate = 25\n"
        "    if order.express and not order.po_box:\n"
        "        rate *= 2\n"
        "    elif order.express:\n"
        "        raise ValueError(\"no express delivery to a PO box\")\n"
        "    if order.coupon == \"FREESHIP\" or order.total > 100:\n"
        "        rate = 0\n"
        "    for item in order.items:\n"
        "        if item.fragile:\n"
        "            rate += 3\n"
        "    return rate\n",
        good="# one row per country or region: weight limit, light rate, heavy rate\n"
        "RATES = {\"US\": (10, 5, 9), \"CA\": (10, 8, 14), \"MX\": (10, 8, 14), \"EU\": (5, 10, 18)}\n"
        "\n\n"
        "def shipping_cost(order):\n"
        "    if not order.items or order.coupon == \"FREESHIP\" or order.total > 100:\n"
        "        return 0\n"
        "    rate = base_rate(order.region, sum(item.weight for item in order.items))\n"
        "    rate = with_express(order, rate)  # the PO-box check lives there\n"
        "    return rate + 3 * sum(1 for item in order.items if item.fragile)\n"
        "\n\n"
        "def base_rate(region, weight):\n"
        "    limit, light, heavy = RATES.get(region, (0, 25, 25))\n"
        "    return light if weight < limit else heavy\n",
        fix="Split the function by responsibility (validate, compute, apply), turn `if` / `elif` "
        "chains over a value into a lookup table or a dispatch dictionary, and return early "
        "instead of nesting. Raise the limit under `[tool.ailint.rules.AIL620]` if your team "
        "agrees on another number.",
        notes=_COUNTED
        + " In diff mode with `--diff-scope lines` (the default) the finding sits on the `def` line, "
        "so it shows for a new function or a changed signature; a function whose body grew while its "
        "`def` line stayed is what AIL621 reports. Ruff's C901 (limit 10) and flake8's mccabe count "
        "differently: they leave out `and` / `or` and comprehensions, and add a nested function's "
        "branches to the function around it.",
    )
    valid = (
        Valid("def f(a):\n    if a:\n        return 1\n    return 2\n"),
        # exactly at the limit: 14 decisions, complexity 15
        Valid("def f(a):\n" + _branches(14)),
        # a complex nested function is measured alone, not added to the outer one
        Valid("def outer(a):\n    def inner(b):\n" + _branches(10, "b", 8) + "    if a:\n        return inner\n" + _branches(10)),
        # asserts are not counted
        Valid("def test_values(v):\n" + "".join(f"    assert v[{n}] == {n}\n" for n in range(20))),
        # branches in a class body belong to no function
        Valid("class Config:\n" + "".join(f"    if FLAG_{n}:\n        x{n} = {n}\n" for n in range(20))),
        # a lambda is not reported on its own
        Valid("handler = lambda a: " + " ".join(f"{n} if a == {n} else" for n in range(20)) + " 0\n"),
        Valid("def f(a):\n" + _branches(20), options={"max-complexity": 25}),
    )
    invalid = (
        # 15 decisions: complexity 16
        Invalid("def f(a):\n" + _branches(15), line=1),
        # reported on the def line, not the decorator's
        Invalid(
            "@app.route('/orders')\n@login_required\ndef orders(request):\n"
            + "".join(f"    if request.args.get('k{n}') and request.user.level > {n}:\n        return {n}\n" for n in range(8)),
            line=3,
        ),
        Invalid("class Importer:\n    async def run(self, rows):\n        async for row in rows:\n" + _branches(15, "row", 12), line=2),
        # only the nested function is over the limit: one finding, on it
        Invalid(
            "def outer(a):\n    if a:\n        return None\n\n    def inner(b):\n" + _branches(16, "b", 8) + "    return inner\n",
            line=5,
        ),
        Invalid("def f(a):\n" + _branches(6), line=1, options={"max-complexity": 5}),
    )

    def __init__(self, options: Mapping[str, Any] | None = None, file: SourceFile | None = None) -> None:
        super().__init__(options, file)
        self._functions: list[cst.FunctionDef] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node)

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self._functions:
            return  # no function, no need to parse the file again
        tree = parse_text(self.file.text)
        if tree is None:
            return
        try:
            measured = measure(tree)
        except RecursionError:
            return
        names = [unicodedata.normalize("NFKC", node.name.value) for node in self._functions]
        if names != [function.name.rsplit(".", 1)[-1] for function in measured]:
            return  # the two parsers disagree on the definitions: pairing them would misreport
        limit = self.settings["max-complexity"]
        for node, function in zip(self._functions, measured):
            if function.complexity > limit:
                message = self.message.format(name=function.name, complexity=function.complexity, limit=limit)
                self.report(node.name, message)


class ComplexityGrewRule(ChangeRule):
    code = "AIL621"
    name = "complexity-grew"
    summary = "A change made an existing function much more complex"
    message = "`{name}` grew from complexity {old} to {new} in this change (+{growth}, more than {limit}): split it"
    severity = Severity.LOW
    confidence = Confidence.HIGH
    options = (
        Option(
            "max-growth",
            int,
            5,
            "How much a function's cyclomatic complexity may grow in one change before it is reported.",
        ),
    )
    references = (RADON_DOCS,)
    docs = Docs(
        what="A function or method that existed before the change and whose cyclomatic complexity "
        "(as AIL620 counts it) grew by more than `max-growth` (5) in the change, whatever its new "
        "complexity. Old and new functions are matched by dotted name in the same file "
        "(`Class.method`, `outer.inner`). Reported in diff mode only, on the function's name.",
        why="An assistant asked for one more case adds one more branch to the function that "
        "already handles the others. Each change looks small and stays under AIL620's limit, or "
        "the function was over it long ago and nobody looks any more; the growth itself is the "
        "moment to ask for a split, and the diff is where a reviewer can see it.",
        bad="# app/pricing.py before the change: complexity 3\n"
        "def discount(order):\n"
        "    if order.total > 100:\n"
        "        return 10\n"
        "    return 5 if order.member else 0\n"
        "\n"
        "# after: complexity 10 (+7)\n"
        "def discount(order):\n"
        "    if order.total > 100 and order.member:\n"
        "        return 15\n"
        "    if order.total > 100:\n"
        "        return 10\n"
        "    if order.coupon and order.coupon.valid and not order.coupon.used:\n"
        "        return order.coupon.percent\n"
        "    if order.first and order.country in NEW_MARKETS:\n"
        "        return 20\n"
        "    return 5 if order.member else 0\n",
        good="# after: complexity 4 (+1); the new cases live in functions of their own\n"
        "def discount(order):\n"
        "    if order.total > 100:\n"
        "        return 15 if order.member else 10\n"
        "    return max(coupon_discount(order), welcome_discount(order), 5 if order.member else 0)\n",
        fix="Put the new cases in functions of their own, or replace the growing `if` chain with a "
        "table; raise `max-growth` under `[tool.ailint.rules.AIL621]` if the change really is one "
        "decision.",
        notes="Reported by `ailint check` in diff mode only (`--diff-base`, `--staged`, `--diff-file`), "
        "whatever `--diff-scope` says: the `def` line of a function whose body grew is often not a "
        "changed line, so AIL620's finding there would be dropped. It needs the code before the "
        "change, which one file cannot give: that is why it has no single-file code example "
        "(tests/test_complexity_change.py builds git repositories). Only files that are not tests "
        "count (see `[tool.ailint.tests]`); excluded files are skipped. A new function, a new file, "
        "or a function renamed or moved (into a class, to another file) has no old version and is "
        "judged by AIL620 alone; deleted functions and files are not reported. A renamed file is "
        "compared with its old content (when git sees the rename). Two definitions with the same "
        "dotted name (a property's getter and setter) are matched in order. Changes to docstrings, "
        "comments or formatting change no complexity. A file that does not parse before or after "
        "the change is skipped. "
        + _COUNTED,
    )
    valid = (Valid("x = 1\n"),)


RULES: tuple[type[Rule], ...] = (ComplexFunctionRule, ComplexityGrewRule)
