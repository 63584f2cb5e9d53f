"""AIL621: functions whose cyclomatic complexity a change grew by more than a step.

Each changed Python file that is not a test is measured before and after the change with
radon, on the ``ast`` trees the whole-change rules already parsed. A function is compared
with the function of the same dotted name (and the same rank among definitions of that
name) in the old version of the same file; functions with no old version are AIL620's.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from ailint.config import Settings
from ailint.finding import Finding
from ailint.rules.generated_code.complexity import ComplexityGrewRule, Measured, measure

if TYPE_CHECKING:  # whole_change calls this module
    from ailint.whole_change import Version

_Key = tuple[str, int]  # dotted name, rank among the file's definitions of that name
_DEF = re.compile(r"(?:async\s+)?def\s+")


def complexity_growth(versions: Iterable[Version], settings: Settings, repository: Sequence[str]) -> Iterator[Finding]:
    """AIL621's findings over the changed files ``versions``.

    Only files the run would check (``repository``: excludes apply) that are not tests."""
    options = {**ComplexityGrewRule.default_options(), **settings.rule_options.get(ComplexityGrewRule.code, {})}
    limit = max(options["max-growth"], 0)  # a function that did not grow never counts
    checked = {os.path.abspath(path) for path in repository}
    for version in versions:
        if settings.tests.is_test(version.path) or os.path.abspath(version.absolute) not in checked:
            continue
        if version.old_tree is None or version.new_tree is None:
            continue  # added, deleted, or unparsable on one side: nothing to compare
        try:
            before = _by_key(measure(version.old_tree))
            after = measure(version.new_tree)
        except RecursionError:
            continue
        for key, function in zip(_keys(after), after):
            old = before.get(key)
            if old is None or function.complexity - old.complexity <= limit:
                continue
            growth = function.complexity - old.complexity
            message = ComplexityGrewRule.message.format(
                name=function.name, old=old.complexity, new=function.complexity, growth=growth, limit=limit
            )
            column = _name_column(version.new, function)
            yield Finding(
                str(version.absolute), function.line, column, ComplexityGrewRule.code, message,
                function.line, column, ComplexityGrewRule.severity,
            )


def _keys(functions: list[Measured]) -> list[_Key]:
    seen: dict[str, int] = {}
    keys = []
    for function in functions:
        rank = seen.get(function.name, 0)
        seen[function.name] = rank + 1
        keys.append((function.name, rank))
    return keys


def _by_key(functions: list[Measured]) -> dict[_Key, Measured]:
    return dict(zip(_keys(functions), functions))


def _name_column(text: str | None, function: Measured) -> int:
    """The 1-based column of the function's name, where AIL620 reports (the ``def`` if not found)."""
    lines = (text or "").split("\n")
    line = lines[function.line - 1] if function.line <= len(lines) else ""
    found = _DEF.match(line, function.column)
    return (found.end() if found else function.column) + 1
