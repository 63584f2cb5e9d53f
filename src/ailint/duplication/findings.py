"""Clones as findings: which code, which message, and every other copy as a related location."""

from __future__ import annotations

from typing import Callable, Iterable

from ailint.duplication.detector import Clone, Copy
from ailint.finding import Finding, Location
from ailint.modules import module_name
from ailint.rules.duplication import (
    CloneRule,
    DuplicateBlockAcrossFilesRule,
    DuplicateBlockInFileRule,
    ReimplementedFunctionRule,
)


def clone_findings(clones: Iterable[Clone], relative: Callable[[str], str]) -> list[Finding]:
    """One finding per reported copy. ``relative`` turns a path into the project-relative one
    that messages show and module names are made from."""
    findings = []
    for clone in clones:
        copy = clone.copy
        same_file_earlier = [other for other in clone.others if other.path == copy.path and other.order < copy.order]
        if clone.same_function:
            rule: type[CloneRule] = ReimplementedFunctionRule
            original = clone.original
            message = rule.message.format(
                name=copy.unit.name,
                original=f"{module_name(original.path)}.{original.unit.name}".lstrip("."),
                other=f"{relative(original.path)}:{original.start[0]}",
            )
        else:
            rule = DuplicateBlockInFileRule if same_file_earlier else DuplicateBlockAcrossFilesRule
            original = same_file_earlier[0] if same_file_earlier else clone.original
            more = len(clone.others) - 1
            message = rule.message.format(
                first=copy.start[0],
                last=copy.end[0],
                other=_where(original, copy, relative),
                similar="" if clone.similarity >= 1 else f" ({clone.similarity:.0%} similar)",
                more=f" and {more} other cop{'y' if more == 1 else 'ies'}" if more else "",
            )
        related = tuple(_location(other, relative) for other in clone.others)
        findings.append(Finding(copy.path, *copy.start, rule.code, message, *copy.end, rule.severity, related))
    return findings


def _where(other: Copy, copy: Copy, relative: Callable[[str], str]) -> str:
    lines = f"{other.start[0]}-{other.end[0]}"
    return f"lines {lines}" if other.path == copy.path else f"{relative(other.path)}:{lines}"


def _location(copy: Copy, relative: Callable[[str], str]) -> Location:
    return Location(copy.path, *copy.start, *copy.end, f"copy in {relative(copy.path)}:{copy.start[0]}")
