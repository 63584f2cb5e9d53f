"""The ``ailint`` command: ``check``, ``rules``, ``explain`` and ``packs``.

Exit status: 0 nothing reported, 1 findings reported, 2 usage, configuration or internal error.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from ailint import __version__, cache
from ailint.ai_assisted import assisted_commits, mark
from ailint.check import FileResult, add_run_findings
from ailint.config import (
    ConfigError,
    Settings,
    find_config,
    load_settings,
    parse_selectors,
)
from ailint.diff import (
    SCOPES,
    Change,
    DiffError,
    from_git,
    from_patch,
    on_changed_lines,
)
from ailint.discovery import discover
from ailint.finding import Finding
from ailint.packs import packs_dir
from ailint.registry import rule_for, rules_by_code
from ailint.report import RunReport, SarifOptions, reporters
from ailint.report.sarif import LEVELS, at_or_above
from ailint.ruledocs import render_markdown
from ailint.rules.engine import InternalErrorRule
from ailint.runner import check_stdin_with_semgrep, check_with_semgrep, default_jobs
from ailint.semgrep import SemgrepOutcome
from ailint.whole_change import change_findings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out, worded as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ailint", description="A linter for code written by AI assistants.")
    parser.add_argument("--version", action="version", version=f"ailint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="*", default=["."], help="files or directories; '-' reads stdin")
    check.add_argument("--format", choices=sorted(reporters()), default="text")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to enable (replaces config)")
    check.add_argument("--ignore", metavar="CODES", help="comma-separated codes or prefixes to disable")
    check.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to enable in addition")
    check.add_argument("--extend-exclude", metavar="PATTERNS", help="comma-separated gitignore-style patterns to skip")
    check.add_argument("--config", metavar="FILE", help="pyproject.toml to read [tool.ailint] from")
    check.add_argument("--jobs", "-j", type=_positive_int, default=default_jobs(), help="processes (default: cores)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    check.add_argument(
        "--fail-on",
        choices=LEVELS[::-1],
        help="exit 1 only for findings at or above this SARIF level (error: high and critical, "
        "warning: also medium, note: all); default: any finding",
    )
    check.add_argument("--statistics", action="store_true", help="also print the number of findings per code")
    check.add_argument("--stdin-filename", metavar="PATH", help="the path to report for source read from stdin")
    check.add_argument(
        "--require-semgrep",
        action="store_true",
        default=None,
        help="exit 2 when the Semgrep packs (AIL3xx, AIL7xx) cannot run (default: warn and go on)",
    )
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache of results")
    diff = check.add_argument_group("diff mode: report what a change did")
    source = diff.add_mutually_exclusive_group()
    source.add_argument("--diff-base", metavar="REV", help="check the changes since the merge base of REV and HEAD (CI: origin/main)")
    source.add_argument("--staged", action="store_true", help="check the staged changes (pre-commit)")
    source.add_argument("--diff-file", metavar="PATCH", help="check the changes of a unified diff")
    diff.add_argument(
        "--diff-scope",
        choices=SCOPES,
        default="lines",
        help="report findings on changed lines (default) or anywhere in changed files",
    )
    sarif = check.add_argument_group("SARIF output (--format sarif)")
    sarif.add_argument("--sarif-category", metavar="NAME", help="runs[0].automationDetails.id (a code scanning category)")
    sarif.add_argument(
        "--sarif-help-base-url",
        metavar="URL",
        default=SarifOptions.help_base_url,
        help="where the rule pages live; a rule's helpUri is URL/CODE.md (default: %(default)s)",
    )
    sarif.add_argument(
        "--sarif-include-suppressed",
        action="store_true",
        help="also write suppressed findings, marked with SARIF suppressions",
    )

    commands.add_parser("rules", help="list every rule")
    commands.add_parser("packs", help="print the directory of ailint's Semgrep packs (for semgrep --config)")
    explain = commands.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "rules":
            return _list_rules()
        if args.command == "explain":
            return _explain(args.code)
        if args.command == "packs":
            print(packs_dir())
            return EXIT_CLEAN
        return _check(args)
    except (ConfigError, UsageError, DiffError) as error:
        print(f"ailint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_CLEAN


def _check(args: argparse.Namespace) -> int:
    reading_stdin = args.paths == ["-"]
    if "-" in args.paths and not reading_stdin:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    settings = _settings(args, reading_stdin)
    if args.format == "sarif":
        settings = dataclasses.replace(settings, line_fingerprints=True)
    cache_directory = None if args.no_cache else cache.default_directory()
    problems: list[str] = []
    if reading_stdin:
        result, outcome = check_stdin_with_semgrep(
            sys.stdin.buffer.read(), args.stdin_filename or "stdin", settings, cache_directory
        )
        results = [result]
    else:
        settings = dataclasses.replace(settings, cross_file=True)
        results, outcome, problems = _check_paths(args, settings, cache_directory)
    semgrep_failed = outcome is not None and outcome.failure is not None
    if outcome is not None:
        problems = [*problems, *outcome.warnings, *([outcome.failure] if outcome.failure else [])]
    report = RunReport(results, settings, problems, _sarif_options(args))
    for problem in problems:
        print(f"ailint: warning: {problem}", file=sys.stderr)
    _write(reporters()[args.format](report, args.statistics), args.output)
    return _exit_status(report.findings, semgrep_failed, args, settings)


def _check_paths(
    args: argparse.Namespace, settings: Settings, cache_directory: Path | None
) -> tuple[list[FileResult], SemgrepOutcome | None, list[str]]:
    """The results for the paths on the command line (only their changed lines in diff mode),
    the Semgrep outcome, and the problems met finding the files and the change."""
    excludes = (*settings.exclude, *settings.extend_exclude)
    found = discover(args.paths, settings.root, excludes)
    change = _change(args)
    if change is None:
        results, outcome = check_with_semgrep(found.files, settings, args.jobs, cache_directory)
        return results, outcome, found.problems
    results, outcome = _check_change(change, found.files, excludes, args, settings, cache_directory)
    return results, outcome, [*found.problems, *change.problems]


def _check_change(
    change: Change,
    files: list[str],
    excludes: tuple[str, ...],
    args: argparse.Namespace,
    settings: Settings,
    cache_directory: Path | None,
) -> tuple[list[FileResult], SemgrepOutcome | None]:
    """Diff mode: the changed ``files`` checked against the rest of the repository, kept to the
    changed lines, with the findings about the change as a whole and its AI-assisted commits."""
    targets = [path for path in files if change.lookup(path) is not None]
    # The whole repository, walked once: clone originals and the test files AIL502 reads.
    repository = discover([str(change.root)], settings.root, excludes).files
    chosen = {os.path.abspath(path) for path in targets}
    context = [path for path in repository if os.path.abspath(path) not in chosen]
    results, outcome = check_with_semgrep(targets, settings, args.jobs, cache_directory, context)
    results = on_changed_lines(results, change, args.diff_scope)
    results = add_run_findings(results, change_findings(change, settings, repository), settings)
    if change.revisions is not None:
        commits = assisted_commits(change.root, change.revisions, settings.ai_trailers)
        results = mark(results, change.root, commits, settings.raise_ai_assisted_severity)
    return results, outcome


def _exit_status(findings: list[Finding], semgrep_failed: bool, args: argparse.Namespace, settings: Settings) -> int:
    if any(finding.code == InternalErrorRule.code for finding in findings):
        return EXIT_ERROR
    if semgrep_failed and (args.require_semgrep or settings.require_semgrep):
        return EXIT_ERROR
    if args.fail_on is not None:
        findings = [finding for finding in findings if at_or_above(finding.severity, args.fail_on)]
    return EXIT_FINDINGS if findings and not args.exit_zero else EXIT_CLEAN


def _change(args: argparse.Namespace) -> Change | None:
    if args.staged or args.diff_base is not None:
        return from_git(Path.cwd(), args.diff_base, args.staged)
    if args.diff_file is not None:
        return from_patch(Path(args.diff_file), Path.cwd())
    return None


def _sarif_options(args: argparse.Namespace) -> SarifOptions:
    if args.sarif_category is not None and not args.sarif_category.strip("/"):
        raise UsageError("--sarif-category: expected a name, got an empty one")
    return SarifOptions(
        category=args.sarif_category,
        help_base_url=args.sarif_help_base_url,
        include_suppressed=args.sarif_include_suppressed,
    )


def _settings(args: argparse.Namespace, reading_stdin: bool) -> Settings:
    overrides: dict[str, Any] = {}
    for flag in ("select", "ignore", "extend_select"):
        value = getattr(args, flag)
        if value is not None:
            overrides[flag.replace("_", "-")] = list(parse_selectors(value, "--" + flag.replace("_", "-")))
    if args.extend_exclude:
        overrides["extend-exclude"] = [part.strip() for part in args.extend_exclude.split(",") if part.strip()]
    if args.config:
        config = Path(args.config)
        if not config.is_file():
            raise UsageError(f"--config: {args.config}: no such file")
    else:
        config = find_config(_start_directory(args, reading_stdin))
    return load_settings(config, overrides)


def _start_directory(args: argparse.Namespace, reading_stdin: bool) -> Path:
    """Where to look for ``pyproject.toml``: above the linted paths (or the stdin file name)."""
    if reading_stdin:
        return Path(args.stdin_filename).resolve().parent if args.stdin_filename else Path.cwd()
    absolute = [os.path.abspath(path) for path in args.paths]
    common = Path(os.path.commonpath(absolute))
    return common if common.is_dir() else common.parent


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"--output: cannot write {output}: {error.strerror}") from None


def _list_rules() -> int:
    for code, rule in sorted(rules_by_code().items()):
        state = "on" if rule.enabled_by_default else "off"
        print(f"{code}  {rule.name:<32} {rule.family():<24} {state}")
    return EXIT_CLEAN


def _explain(code: str) -> int:
    rule = rule_for(code.upper())
    if rule is None:
        print(f"ailint: error: unknown rule code {code!r} (see `ailint rules`)", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(render_markdown(rule))
    return EXIT_CLEAN


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value
