"""AIL503 over a whole run: tests whose checks sit in helpers imported from other files.

One file cannot see into ``from tests.helpers import check_order``; the worker keeps the
imported names such a test calls on its finding (``Finding.foreign_helpers``). After the
run, each name is looked up in the project, the way Python would find it from the test
(next to the test, in its parent directories up to the project root, under ``src/``; a
relative import from the test's own package), and the helper is searched like a
same-module one: itself and the helpers it calls in its own module, one level deep. The
finding is dropped when one of them checks something.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Iterator

import libcst as cst

from ailint.check import FileResult
from ailint.config import Settings
from ailint.names import ImportTable
from ailint.rules.test_discipline.checks import ASSERTION_PREFIXES, ModuleTests
from ailint.rules.test_discipline.test_without_assertion import TestWithoutAssertionRule
from ailint.source import Unparsable, decode, parse

# The helper itself (level one from the test) and the helpers it calls (level two).
FOREIGN_DEPTH = 1
# A helper module larger than this is not read: helpers are small, and a run must not stall.
_MAX_HELPER_BYTES = 2_000_000


def drop_tests_checked_elsewhere(results: list[FileResult], settings: Settings) -> list[FileResult]:
    """``results`` without the AIL503 findings of tests that call a checking helper of the project."""
    code = TestWithoutAssertionRule.code
    if code not in settings.enabled_codes:
        return results
    options = settings.rule_options.get(code, {})
    finder = HelperFinder(settings.root, options.get(ASSERTION_PREFIXES.name, ASSERTION_PREFIXES.default))
    kept_results = []
    for result in results:
        checked = [
            finding
            for finding in result.findings
            if finding.code == code and any(finder.checks(result.path, name) for name in finding.foreign_helpers)
        ]
        if checked:
            findings = [finding for finding in result.findings if not any(finding is other for other in checked)]
            result = dataclasses.replace(result, findings=findings)
        kept_results.append(result)
    return kept_results


class HelperFinder:
    """Finds the project files that imported helper names come from, and asks whether they check."""

    def __init__(self, root: Path, prefixes: tuple[str, ...]) -> None:
        self.root = root.resolve()
        self.prefixes = prefixes
        self._modules: dict[Path, ModuleTests | None] = {}

    def checks(self, test_path: str, name: str) -> bool:
        """Whether ``name``, as imported in the test file at ``test_path``, checks something."""
        test_file = Path(os.path.abspath(test_path))
        for module_file, function in self._candidates(test_file, name):
            module = self._module(module_file)
            if module is not None and module.function_checks(function, FOREIGN_DEPTH):
                return True
        return False

    def _candidates(self, test_file: Path, name: str) -> Iterator[tuple[Path, str]]:
        dots = len(name) - len(name.lstrip("."))
        *package, function = name.lstrip(".").split(".")
        if dots:
            bases = [test_file.parents[dots - 1]] if dots <= len(test_file.parents) else []
        else:
            bases = self._search_roots(test_file)
        for base in bases:
            directory = base.joinpath(*package)
            if package:
                yield directory.with_suffix(".py"), function
            yield directory / "__init__.py", function

    def _search_roots(self, test_file: Path) -> list[Path]:
        """The test's directory and its parents up to the project root, then ``src/``."""
        roots = [test_file.parent]
        if test_file.parent.is_relative_to(self.root):
            roots.extend(parent for parent in test_file.parent.parents if parent.is_relative_to(self.root))
        roots.append(self.root / "src")
        return roots

    def _module(self, path: Path) -> ModuleTests | None:
        if path not in self._modules:
            self._modules[path] = self._read(path)
        return self._modules[path]

    def _read(self, path: Path) -> ModuleTests | None:
        try:
            if not path.is_file() or path.stat().st_size > _MAX_HELPER_BYTES:
                return None
            module = parse(decode(path.read_bytes()))
        except (OSError, Unparsable):
            return None
        imports = _ImportCollector()
        try:
            module.visit(imports)
        except RecursionError:
            return None
        return ModuleTests(module, imports.table, self.prefixes, helpers_only=True)


class _ImportCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.table = ImportTable()

    def visit_Import(self, node: cst.Import) -> None:
        self.table.add_import(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.table.add_import_from(node)
