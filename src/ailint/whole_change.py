"""Whole-change rules (AIL501, AIL502, AIL505): what a change did to its tests.

They compare each changed Python file before and after the change. The "before" text is
rebuilt from the diff itself, so they work the same for ``--diff-base``, ``--staged`` and
``--diff-file``. Both versions are read with Python's ``ast`` (the old version has no tree
of its own), with docstrings, annotations and formatting stripped, so a change that only
touches those is not a functional change.
"""

from __future__ import annotations

import ast
import copy
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Sequence

from ailint.complexity_change import complexity_growth
from ailint.config import Settings, TestLayout
from ailint.diff import PYTHON_SUFFIXES, Change, ChangedFile
from ailint.finding import Finding
from ailint.modules import module_name
from ailint.rule import Rule
from ailint.rules.change_tests import (
    RemovedTestRule,
    UntestedChangeRule,
    UntestedPublicApiRule,
)
from ailint.rules.generated_code.complexity import ComplexityGrewRule

_SKIP_MARKERS = {"skip", "xfail"}
# Methods a framework calls by their name (visitors, unittest, handlers, ``run``): tests
# reach them through their objects, so they are not expected to be named in a test.
_HOOK = re.compile(r"(visit|leave|on|handle|do|setUp|tearDown|run|main|get|post|put|patch|delete)(_|[A-Z]|$)")


@dataclass
class Version:
    """One changed Python file before and after the change."""

    changed: ChangedFile
    absolute: Path
    old: str | None
    new: str | None

    @property
    def path(self) -> str:
        return self.changed.path

    @cached_property
    def old_tree(self) -> ast.Module | None:
        return _parse(self.old)

    @cached_property
    def new_tree(self) -> ast.Module | None:
        return _parse(self.new)

    @cached_property
    def old_behaviour(self) -> ast.Module | None:
        """The old tree without docstrings and annotations (stripped once, for every comparison)."""
        return _stripped(self.old_tree)

    @cached_property
    def new_behaviour(self) -> ast.Module | None:
        return _stripped(self.new_tree)



def change_findings(change: Change, settings: Settings, repository: Sequence[str]) -> list[Finding]:
    """The whole-change rules' findings for ``change``, at paths as the run names them.

    ``repository`` is every file of the repository the run would check (for AIL502, which
    looks for a new name in all the test files, and AIL621, which skips excluded files)."""
    enabled = settings.enabled_codes
    codes = {UntestedChangeRule.code, UntestedPublicApiRule.code, RemovedTestRule.code, ComplexityGrewRule.code}
    if not enabled & codes:
        return []
    versions = list(_versions(change))
    layout = settings.tests
    tests = [v for v in versions if layout.is_test(v.path)]
    sources = [v for v in versions if layout.is_source(v.path)]
    findings: list[Finding] = []
    if UntestedChangeRule.code in enabled:
        findings.extend(_untested_changes(sources, [t for t in tests if t.new is not None], layout))
    if UntestedPublicApiRule.code in enabled:
        findings.extend(_untested_public_api(sources, change.root, settings, repository))
    if RemovedTestRule.code in enabled:
        findings.extend(_removed_tests(tests))
    if ComplexityGrewRule.code in enabled:
        findings.extend(complexity_growth(versions, settings, repository))
    return findings


def _versions(change: Change) -> Iterator[Version]:
    for changed in change.files:
        if not changed.path.endswith(PYTHON_SUFFIXES) or changed.binary:
            continue
        absolute = change.root / changed.path
        new = None
        if not changed.deleted:
            try:
                new = absolute.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
        yield Version(changed, absolute, changed.old_text(new), new)


# --- AIL501: a functional change with no test beside it --------------------------------------


def _untested_changes(sources: list[Version], tests: list[Version], layout: TestLayout) -> Iterator[Finding]:
    for source in sources:
        if source.new is None or not source.changed.lines or _same_behaviour(source.old_behaviour, source.new_behaviour):
            continue
        changed_names = _changed_definitions(source.old_behaviour, source.new_behaviour)
        if any(_covers(test, source, changed_names, layout) for test in tests):
            continue
        first = _first_code_line(source.new, source.changed.lines)
        module = module_name(str(source.absolute))
        expected = layout.test_patterns[0].format(module=PurePosixPath(source.path).stem) if layout.test_patterns else "tests"
        message = UntestedChangeRule.message.format(module=module, expected=expected)
        yield _finding(str(source.absolute), first, UntestedChangeRule, message)


def _first_code_line(text: str, lines: frozenset[int]) -> int:
    """The first changed line that holds code (not a blank line or a comment)."""
    numbered = text.splitlines()
    for line in sorted(lines):
        content = numbered[line - 1].strip() if 0 < line <= len(numbered) else ""
        if content and not content.startswith("#"):
            return line
    return min(lines)


def _same_behaviour(old: ast.Module | None, new: ast.Module | None) -> bool:
    if old is None or new is None:
        return False
    return _behaviour(old) == _behaviour(new)


def _stripped(tree: ast.Module | None) -> ast.Module | None:
    return None if tree is None else _Stripper().visit(copy.deepcopy(tree))


def _behaviour(stripped: ast.AST) -> str:
    """A stripped tree as text: equal for equal behaviour."""
    return ast.dump(stripped, include_attributes=False)


class _Stripper(ast.NodeTransformer):
    def _body(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
        return self.generic_visit(node)

    visit_Module = visit_ClassDef = _body

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.returns = None
        for argument in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs, node.args.vararg, node.args.kwarg]:
            if argument is not None:
                argument.annotation = None
        return self._body(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST | None:
        if node.value is None:
            return None
        return ast.Assign(targets=[node.target], value=self.visit(node.value))


def _definitions(tree: ast.Module | None) -> dict[str, ast.AST]:
    """Top-level functions and classes, and the methods of those classes, by dotted name."""
    found: dict[str, ast.AST] = {}
    for node in tree.body if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[node.name] = node
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[f"{node.name}.{member.name}"] = member
    return found


def _changed_definitions(old: ast.Module | None, new: ast.Module | None) -> set[str]:
    before = {name: _behaviour(node) for name, node in _definitions(old).items()}
    return {name for name, node in _definitions(new).items() if before.get(name) != _behaviour(node)}


def _covers(test: Version, source: Version, changed_names: set[str], layout: TestLayout) -> bool:
    """Whether a changed test plausibly covers ``source``: by its name, by importing the
    module, or by naming a function or class the change touched."""
    stem = PurePosixPath(source.path).stem
    if stem == "__init__":
        stem = PurePosixPath(source.path).parent.name
    name = PurePosixPath(test.path).name
    if layout.names_a_test_of(name, stem):
        return True
    text = test.new or ""
    module = module_name(str(source.absolute))
    if module and _imports(text, module):
        return True
    leaves = {qualified.rsplit(".", 1)[-1] for qualified in changed_names}
    return any(re.search(rf"\b{re.escape(leaf)}\b", text) for leaf in leaves if len(leaf) > 3)


def _imports(text: str, module: str) -> bool:
    parent, _, leaf = module.rpartition(".")
    patterns = [rf"^\s*import\s+{re.escape(module)}\b", rf"^\s*from\s+{re.escape(module)}\s+import\b"]
    if parent:
        patterns.append(rf"^\s*from\s+{re.escape(parent)}\s+import\s+[^\n]*\b{re.escape(leaf)}\b")
    return any(re.search(pattern, text, re.MULTILINE) for pattern in patterns)


# --- AIL502: new public API no test mentions ---------------------------------------------------


def _untested_public_api(
    sources: list[Version], root: Path, settings: Settings, repository: Sequence[str]
) -> Iterator[Finding]:
    new_public: list[tuple[Version, str, int]] = []
    for source in sources:
        if source.new is None:
            continue
        before = _definitions(source.old_tree)
        for qualified, node in _definitions(source.new_tree).items():
            if qualified in before or any(part.startswith("_") for part in qualified.split(".")):
                continue
            if "." in qualified and _HOOK.match(qualified.rsplit(".", 1)[1]):
                continue
            line = getattr(node, "lineno", 1)
            if line in source.changed.lines:
                new_public.append((source, qualified, line))
    if not new_public:
        return
    corpus = "\n".join(_test_texts(root, settings, repository))
    for source, qualified, line in new_public:
        leaf = qualified.rsplit(".", 1)[-1]
        if not re.search(rf"\b{re.escape(leaf)}\b", corpus):
            message = UntestedPublicApiRule.message.format(name=qualified)
            yield _finding(str(source.absolute), line, UntestedPublicApiRule, message)


def _test_texts(root: Path, settings: Settings, repository: Sequence[str]) -> Iterable[str]:
    for path in repository:
        if settings.tests.is_test(os.path.relpath(os.path.abspath(path), root)):
            try:
                yield Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue


# --- AIL505: tests removed, or skipped without a reason ------------------------------------------


def _removed_tests(tests: list[Version]) -> Iterator[Finding]:
    # A test whose name is still defined somewhere in the change was moved, not removed.
    still_there = {name.rsplit(".", 1)[-1] for test in tests for name in _test_names(test.new_tree)}
    for test in tests:
        gone = sorted(name for name in _test_names(test.old_tree) if name.rsplit(".", 1)[-1] not in still_there)
        where = str(test.absolute)
        line = min(test.changed.lines) if test.changed.lines else 1
        for name in gone:
            message = RemovedTestRule.message.format(detail=f"`{name}` was removed")
            yield _finding(where, line, RemovedTestRule, message)
        yield from _skips_without_reason(test, where)


def _test_names(tree: ast.Module | None) -> Iterator[str]:
    for node in tree.body if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            yield node.name
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)) and member.name.startswith("test"):
                    yield f"{node.name}.{member.name}"


def _skips_without_reason(test: Version, where: str) -> Iterator[Finding]:
    if test.new_tree is None:
        return
    for node in ast.walk(test.new_tree):
        for decorator in getattr(node, "decorator_list", ()):
            if decorator.lineno in test.changed.lines and _skip_without_reason(decorator):
                message = RemovedTestRule.message.format(detail=f"`{ast.unparse(decorator)}` added without a reason")
                yield _finding(where, decorator.lineno, RemovedTestRule, message)


def _skip_without_reason(decorator: ast.expr) -> bool:
    call = decorator if isinstance(decorator, ast.Call) else None
    target = call.func if call is not None else decorator
    name = ast.unparse(target)
    if not (name.endswith(tuple(f"mark.{marker}" for marker in _SKIP_MARKERS)) or name in ("unittest.skip", "skip")):
        return False
    if call is None:
        return True
    has_reason = any(keyword.arg == "reason" for keyword in call.keywords)
    if name.endswith("mark.skip") or name in ("unittest.skip", "skip"):
        has_reason = has_reason or any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
    return not has_reason


def _finding(path: str, line: int, rule: type[Rule], message: str) -> Finding:
    return Finding(path, line, 1, rule.code, message, line, 1, rule.severity)


def _parse(text: str | None) -> ast.Module | None:
    if text is None:
        return None
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
