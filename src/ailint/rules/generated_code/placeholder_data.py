"""AIL603's test for hard-coded sample data: records of literals, and values that look fake."""

from __future__ import annotations

import functools
import re
from typing import Iterator

import libcst as cst

# Values a person types when making data up, not when copying it from a real source.
_FAKE_TEXT = re.compile(
    r"\b(?:john|jane) (?:doe|smith)\b|@example\.(?:com|org|net)\b|\bexample\.(?:com|org|net)\b|\blorem ipsum\b|"
    r"\b555-\d{4}\b|\(555\)|\b123-456-?\d*\b|\b123 main st|\banytown\b|\bacme (?:corp|inc)|"
    r"\b(?:sample|dummy|fake|mock|test) (?:user|product|item|data|customer|order|name|title|description)s?\b|"
    r"^(?:product|item|user|customer|sample) (?:[a-c1-3])$|"
    r"^(?:alice|bob|charlie|dave|eve)(?: (?:smith|johnson|jones|doe|brown|williams))?$|"
    r"^(?:alice|bob|charlie|john|jane|user)@",
    re.IGNORECASE,
)
_LITERAL_NAMES = frozenset({"True", "False", "None"})
# A comment or docstring that says the data is made up.
MOCK_NOTE = re.compile(
    r"\b(?:mock(?:ed)?|dummy|fake|sample|hard-?coded|example|placeholder|simulated?|stub(?:bed)?) "
    r"(?:data|response|responses|records?|results?|values|rows|users|items|products|orders|payload)\b|"
    r"\bfor (?:demonstration|demo|illustration)(?: purposes)?\b",
    re.IGNORECASE,
)


def fake_value(node: cst.CSTNode) -> str | None:
    """The first string in ``node`` (a literal expression) that looks made up."""
    for leaf in _leaves(node):
        if isinstance(leaf, cst.SimpleString) and _FAKE_TEXT.search(leaf.raw_value):
            return leaf.raw_value
    return None


def names_in(node: cst.CSTNode) -> set[str]:
    """Plain names used in a literal expression (parameters returned as values)."""
    return {leaf.value for leaf in _leaves(node) if isinstance(leaf, cst.Name)}


def _leaves(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """What a literal expression is made of: the items of its containers, recursively."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.List, cst.Tuple, cst.Set)):
            stack.extend(element.value for element in current.elements)
        elif isinstance(current, cst.Dict):
            for element in current.elements:
                if isinstance(element, cst.DictElement):
                    stack.extend((element.key, element.value))
        elif isinstance(current, cst.ConcatenatedString):
            stack.extend((current.left, current.right))
        else:
            yield current


def is_literal(node: cst.BaseExpression, names: frozenset[str] = frozenset()) -> bool:
    """A constant: strings, numbers, True / False / None, and containers of them (and ``names``)."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float, cst.Imaginary)):
        return not isinstance(node, cst.ConcatenatedString) or all(
            isinstance(part, cst.SimpleString) for part in (node.left, node.right)
        )
    if isinstance(node, cst.Name):
        return node.value in _LITERAL_NAMES or node.value in names
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return isinstance(node.expression, (cst.Integer, cst.Float))
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return all(isinstance(element, cst.Element) and is_literal(element.value, names) for element in node.elements)
    if isinstance(node, cst.Dict):
        return all(
            isinstance(element, cst.DictElement) and is_literal(element.key, names) and is_literal(element.value, names)
            for element in node.elements
        )
    return False


def records(node: cst.BaseExpression, names: frozenset[str] = frozenset()) -> list[cst.Dict]:
    """Two or more dicts of constants (or of ``names``) that read as records: the items of a
    list, the values of a dict, or the records held by one value of a wrapping dict
    (``{"results": [...]}``)."""
    if isinstance(node, (cst.List, cst.Tuple)) and all(isinstance(e, cst.Element) for e in node.elements):
        return _all_records([element.value for element in node.elements], names)
    if isinstance(node, cst.Dict) and all(isinstance(element, cst.DictElement) for element in node.elements):
        values = [element.value for element in node.elements]
        return _all_records(values, names) or next(filter(None, (records(value, names) for value in values)), [])
    return []


def _all_records(items: list[cst.BaseExpression], names: frozenset[str]) -> list[cst.Dict]:
    is_record = functools.partial(single_record, names=names)
    return items if len(items) >= 2 and all(map(is_record, items)) else []  # type: ignore[return-value]


def single_record(node: cst.BaseExpression, names: frozenset[str] = frozenset()) -> bool:
    """One dict with two or more string keys whose values are literals or ``names``."""
    return (
        isinstance(node, cst.Dict)
        and len(node.elements) >= 2
        and all(isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) for e in node.elements)
        and is_literal(node, names)
    )
