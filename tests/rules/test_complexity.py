"""Behaviour of AIL620 (complex-function) that the rule's own examples cannot express."""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import sys

import pytest
from radon.complexity import add_inner_blocks, cc_visit
from radon.visitors import Function

from ailint.rules.generated_code import complexity
from ailint.rules.generated_code.complexity import measure

from conftest import lint


def _ifs(count: int, indent: str = "    ", name: str = "a") -> str:
    return "".join(f"{indent}if {name} == {n}:\n{indent}    return {n}\n" for n in range(count))


def _flagged(code: str, limit: int | None = None, **kwargs) -> list[tuple[int, int, str]]:
    options = {"AIL620": {"max-complexity": limit}} if limit is not None else None
    return [(f.line, f.column, f.message) for f in lint(code, select="AIL620", options=options, **kwargs)]


def _complexities(code: str, limit: int = 0) -> dict[int, int]:
    """Line -> complexity of every function over ``limit``, read back from the messages."""
    found = {}
    for line, _, message in _flagged(code, limit):
        found[line] = int(re.search(r"complexity of (\d+)", message)[1])
    return found


def test_the_message_names_the_function_its_complexity_and_the_limit():
    code = "class Router:\n    def route(self, a):\n" + _ifs(15, "        ")
    assert _flagged(code) == [
        (2, 9, "`Router.route` has a cyclomatic complexity of 16, above the limit of 15: split it")
    ]


def test_the_limit_is_exclusive():
    assert _flagged("def f(a):\n" + _ifs(14)) == []
    assert [line for line, _, _ in _flagged("def f(a):\n" + _ifs(15))] == [1]


def test_the_limit_is_configurable():
    code = "def f(a):\n" + _ifs(4)
    assert _flagged(code, limit=5) == []
    assert [line for line, _, _ in _flagged(code, limit=4)] == [1]


def test_the_finding_is_on_the_name_not_the_decorator():
    code = "@cached\n@retry(times=3 if fast else 1)\nasync def fetch(a):\n" + _ifs(15)
    [(line, column, message)] = _flagged(code)
    assert (line, column) == (3, 11)
    assert message.startswith("`fetch` has a cyclomatic complexity of 16,")  # the decorator's `if` is not counted


def test_nested_functions_are_measured_alone_with_dotted_names():
    code = (
        "def outer(a):\n"
        "    def inner(b):\n" + _ifs(3, "        ", "b")
        + "        class Local:\n"
        "            def method(self, c):\n" + _ifs(2, "                ", "c")
        + "        return Local\n"
        + _ifs(1)
    )
    assert _complexities(code) == {1: 2, 2: 4, 10: 3}
    assert [message.split("`")[1] for _, _, message in _flagged(code, 0)] == ["outer", "outer.inner", "outer.inner.Local.method"]


def test_a_lambdas_conditions_count_in_the_enclosing_function():
    code = "def f(items):\n    return sorted(items, key=lambda i: 0 if i.urgent else 1 if i.due else 2)\n"
    assert _complexities(code) == {1: 3}


def test_asserts_are_not_counted_but_boolean_operators_and_comprehensions_are():
    code = "def f(a, b):\n    assert a\n    assert b\n    return [x for x in a if x and b]\n"
    assert _complexities(code) == {1: 4}  # 1 + comprehension + its `if` + one `and`


def test_a_match_counts_its_cases_but_not_the_catch_all():
    code = "def f(a):\n    match a:\n        case 1:\n            pass\n        case 2:\n            pass\n        case _:\n            pass\n"
    assert _complexities(code) == {1: 3}


def test_definitions_of_the_same_name_are_measured_each_on_its_own():
    code = (
        "if FAST:\n    def f(a):\n" + _ifs(16, "        ")
        + "else:\n    def f(a):\n        return a\n"
        "class C:\n    @property\n    def x(self):\n        return 1\n"
        "    @x.setter\n    def x(self, value):\n" + _ifs(16, "        ", "value")
    )
    flagged = _flagged(code)
    assert [(line, message.split("`")[1]) for line, _, message in flagged] == [(2, "f"), (43, "C.x")]


def test_a_unicode_name_that_python_normalises_is_still_paired():
    code = "def \ufb01le(a):\n" + _ifs(15)  # the "fi" ligature: ast says `file`, libcst keeps the ligature
    assert [(line, message.split("`")[1]) for line, _, message in _flagged(code)] == [(1, "file")]


def test_a_file_without_functions_is_not_parsed_again(monkeypatch):
    def fail(text):
        raise AssertionError("parsed")

    monkeypatch.setattr(complexity, "parse_text", fail)
    assert _flagged("class C:\n" + _ifs(20, name="X").replace("return", "y =")) == []


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the running Python parses PEP 695 generics")
def test_syntax_only_libcst_reads_reports_nothing_and_does_not_crash():
    code = "def pick[T](a: T) -> T:\n" + _ifs(20)
    assert lint(code, select="AIL620") == []  # an internal error would be reported whatever is selected


def test_recursion_in_radon_reports_nothing_and_keeps_the_other_rules(monkeypatch):
    def too_deep(tree):
        raise RecursionError

    monkeypatch.setattr(complexity, "measure", too_deep)
    code = "def f(a):\n" + _ifs(20) + "    try:\n        pass\n    except:\n        pass\n"
    assert [(f.code, f.line) for f in lint(code, select=["AIL620", "AIL101"])] == [("AIL101", 44)]


def test_pairing_stops_when_the_parsers_disagree(monkeypatch):
    real = complexity.measure
    monkeypatch.setattr(complexity, "measure", lambda tree: real(tree)[1:])
    assert _flagged("def f(a):\n" + _ifs(20) + "\ndef g(a):\n" + _ifs(20)) == []


def test_the_numbers_are_radons_on_a_real_module():
    source = inspect.getsource(argparse)
    # radon leaves out the methods of classes defined in functions; argparse has none.
    expected = {
        block.lineno: block.complexity
        for block in add_inner_blocks(cc_visit(source, no_assert=True))
        if isinstance(block, Function)
    }
    assert len(expected) > 100
    assert _complexities(source) == expected


def test_measure_lists_every_definition_in_source_order():
    tree = ast.parse(
        "def a():\n    def b():\n        pass\n    return b\n\n"
        "class C:\n    try:\n        def d(self):\n            pass\n    except ImportError:\n        async def e(self):\n            pass\n"
        "\ndef f():\n    pass\n"
    )
    assert [(m.name, m.line) for m in measure(tree)] == [("a", 1), ("a.b", 2), ("C.d", 8), ("C.e", 11), ("f", 14)]
