"""The flake8 plugin: every per-file rule, through the same pipeline as ``ailint check``.

flake8 hands over the lines it already read (editors pipe unsaved buffers on stdin), so
the plugin never opens the file. ``[tool.ailint]`` is found from the file's directory,
read once per process per configuration file; with ``-j`` every worker does the same.
"""

from __future__ import annotations

import argparse
import ast
from functools import cache
from pathlib import Path
from typing import Any, Iterator

from ailint import __version__
from ailint.check import check_source
from ailint.config import Settings, find_config, load_settings
from ailint.integrations.flake8_semgrep import findings_for
from ailint.packs import pack_rules
from ailint.rules.engine import CustomSemgrepRule
from ailint.rules.test_discipline.across_files import drop_tests_checked_elsewhere


class Flake8Plugin:
    name = "ailint"
    version = __version__
    config_file: str | None = None
    # flake8's options, to find the files of the run; None outside a flake8 run (tests).
    options: argparse.Namespace | None = None
    # False when flake8's --select / --ignore hide every Semgrep code: then Semgrep never starts.
    semgrep_shown: bool = True

    def __init__(self, tree: ast.AST, lines: list[str], filename: str) -> None:
        # ``tree`` is required for flake8 to load an AST plugin; ailint re-parses with libcst.
        self.lines = lines
        self.filename = filename

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--ailint-config",
            metavar="FILE",
            parse_from_config=True,
            help="pyproject.toml to read [tool.ailint] from (default: the nearest one above each file)",
        )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        cls.config_file = options.ailint_config
        cls.options = options
        cls.semgrep_shown = _any_shown(options, [rule.code for rule in pack_rules()] + [CustomSemgrepRule.code])

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        settings = _settings(self.config_file, _directory_of(self.filename))
        text = "".join(self.lines)
        result = check_source(self.filename, text, settings)
        if result.analysed and self.semgrep_shown and settings.runs_semgrep:
            semgrep = findings_for(self.filename, text.encode("utf-8", "surrogatepass"), settings, self.options)
            if semgrep:
                result = check_source(self.filename, text, settings, semgrep)
        [result] = drop_tests_checked_elsewhere([result], settings)
        for finding in result.findings:
            # flake8 columns are 0-based and flake8 adds 1 when printing.
            yield finding.line, finding.column - 1, f"{finding.code} {finding.message}", type(self)


def _any_shown(options: argparse.Namespace, codes: list[str]) -> bool:
    """Whether flake8's own selection shows any of ``codes``."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        decider = DecisionEngine(options)
        return any(decider.decision_for(code) is Decision.Selected for code in codes)
    except (ImportError, AttributeError, TypeError):
        return True


def _directory_of(filename: str) -> Path:
    path = Path(filename)
    return path.parent if filename not in ("stdin", "-") else Path.cwd()


@cache
def _config_for(directory: Path) -> Path | None:
    return find_config(directory)


@cache
def _load(config_file: Path | None) -> Settings:
    return load_settings(config_file)


def _settings(explicit: str | None, directory: Path) -> Settings:
    return _load(Path(explicit) if explicit else _config_for(directory.resolve()))
