"""``[tool.ailint]`` settings: found, validated and resolved once per run.

Selection follows Ruff: a selector is a code or a prefix (``AIL``, ``AIL1``, ``AIL10``,
``AIL101``); the most specific matching selector decides, and ``ignore`` wins a tie.
Rules that are off by default are enabled only by naming their full code; internal
errors are reported unless their full code is ignored.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

import pathspec

from ailint.duplication.detector import Thresholds
from ailint.registry import is_known_selector, rule_for, rules_by_code
from ailint.rule import CstRule, Rule, SemgrepRule, Severity
from ailint.rules.duplication import CloneRule
from ailint.rules.engine import CustomSemgrepRule
from ailint.testfiles import is_test_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_EXCLUDE = (".git", ".venv", "venv", "build", "dist", "node_modules", "__pycache__", ".tox")

_LIST_KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude")
_SEMGREP_KEYS = ("semgrep-packs", "semgrep-timeout", "require-semgrep")
KNOWN_KEYS = frozenset(
    {
        *_LIST_KEYS,
        *_SEMGREP_KEYS,
        "per-file-ignores",
        "rules",
        "require-suppression-reason",
        "duplication",
        "ai-trailers",
        "raise-ai-assisted-severity",
        "tests",
    }
)
DEFAULT_SEMGREP_TIMEOUT = 600
_TESTS_KEYS = frozenset({"test-paths", "source-paths", "test-patterns"})
_DUPLICATION_KEYS = frozenset({"min-statements", "min-tokens", "similarity", "exclude", "include-tests"})


class ConfigError(Exception):
    """A configuration problem, worded as one line that names the offending key or value."""


@dataclass(frozen=True)
class TestLayout:
    """``[tool.ailint.tests]``: which files are tests and which tests cover a module (AIL5xx)."""

    # gitignore-style patterns of test files, besides the usual names (test_*.py, tests/, ...)
    test_paths: tuple[str, ...] = ()
    # patterns of the production code the change rules judge (empty: every file that is not a test)
    source_paths: tuple[str, ...] = ()
    # file names of a module's tests; {module} is the module's file name without ".py"
    test_patterns: tuple[str, ...] = ("test_{module}.py", "{module}_test.py", "{module}_tests.py", "test_{module}_*.py")

    @cached_property
    def _tests(self) -> pathspec.PathSpec:
        return pathspec.GitIgnoreSpec.from_lines(self.test_paths)

    @cached_property
    def _sources(self) -> pathspec.PathSpec:
        return pathspec.GitIgnoreSpec.from_lines(self.source_paths)

    def is_test(self, relative: str) -> bool:
        return is_test_file(relative) or bool(self.test_paths and self._tests.match_file(relative))

    def is_source(self, relative: str) -> bool:
        return not self.is_test(relative) and (not self.source_paths or self._sources.match_file(relative))

    def names_a_test_of(self, test_name: str, module: str) -> bool:
        return any(fnmatch.fnmatchcase(test_name, pattern.format(module=module)) for pattern in self.test_patterns)


@dataclass(frozen=True)
class DuplicationSettings:
    """``[tool.ailint.duplication]``: clone sizes, similarity, and the files that take part."""

    thresholds: Thresholds = Thresholds()
    # Generated code repeats by construction.
    exclude: tuple[str, ...] = ("migrations/",)
    include_tests: bool = False


@dataclass
class Settings:
    """Everything a run needs to know about which rules run where, with which options."""

    root: Path = field(default_factory=Path.cwd)
    source: str = "defaults"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    require_suppression_reason: bool = False
    # The project's own Semgrep packs (files or directories), resolved against ``root``.
    semgrep_packs: tuple[Path, ...] = ()
    semgrep_timeout: int = DEFAULT_SEMGREP_TIMEOUT
    require_semgrep: bool = False
    duplication: DuplicationSettings = field(default_factory=DuplicationSettings)
    # Diff mode: more trailer keys that mark a commit as AI-assisted, and whether findings on
    # lines such commits wrote are reported one severity higher.
    ai_trailers: tuple[str, ...] = ()
    raise_ai_assisted_severity: bool = False
    tests: TestLayout = field(default_factory=TestLayout)
    # Not a [tool.ailint] key: set by ``ailint check``, which finds clones across all the files
    # of the run after the per-file pass; otherwise (flake8, one buffer) clones within the file.
    cross_file: bool = False
    # Not a [tool.ailint] key: set for SARIF output, whose results need each reported
    # line's primaryLocationLineHash, computed in the worker that has the file's bytes.
    line_fingerprints: bool = False

    @cached_property
    def enabled_codes(self) -> frozenset[str]:
        return frozenset(code for code, rule in rules_by_code().items() if self._is_enabled(rule))

    @cached_property
    def cst_rules(self) -> tuple[tuple[type[CstRule], Mapping[str, Any]], ...]:
        """The enabled libcst rules with their resolved options, in code order."""
        return tuple(
            (rule, self.rule_options.get(rule.code, {}))
            for code, rule in sorted(rules_by_code().items())
            if code in self.enabled_codes and issubclass(rule, CstRule)
        )

    @cached_property
    def semgrep_rules(self) -> tuple[type[SemgrepRule], ...]:
        """The enabled rules of ailint's own packs, in code order."""
        return tuple(
            rule
            for code, rule in sorted(rules_by_code().items())
            if code in self.enabled_codes and issubclass(rule, SemgrepRule)
        )

    @property
    def runs_semgrep(self) -> bool:
        """True when a selected rule needs the Semgrep engine."""
        return bool(self.semgrep_rules) or bool(self.semgrep_packs and CustomSemgrepRule.code in self.enabled_codes)

    @cached_property
    def clone_rules(self) -> tuple[type[CloneRule], ...]:
        """The enabled duplication rules."""
        return tuple(
            rule for code, rule in sorted(rules_by_code().items()) if code in self.enabled_codes and issubclass(rule, CloneRule)
        )

    @cached_property
    def clone_codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.clone_rules)

    @cached_property
    def _clone_exclusions(self) -> pathspec.PathSpec:
        return pathspec.GitIgnoreSpec.from_lines(self.duplication.exclude)

    def finds_clones_in(self, path: str) -> bool:
        """Whether ``path`` takes part in clone detection (a duplication rule is on, not excluded)."""
        if not self.clone_rules:
            return False
        relative = self.relative(path)
        if not self.duplication.include_tests and is_test_file(relative):
            return False
        return not self._clone_exclusions.match_file(relative)

    @cached_property
    def _per_file_specs(self) -> tuple[tuple[pathspec.PathSpec, tuple[str, ...]], ...]:
        return tuple(
            (pathspec.GitIgnoreSpec.from_lines([pattern]), codes)
            for pattern, codes in self.per_file_ignores
        )

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Codes and prefixes that ``per-file-ignores`` switch off for ``path``."""
        relative = self.relative(path)
        return tuple(code for spec, codes in self._per_file_specs if spec.match_file(relative) for code in codes)

    def relative(self, path: str) -> str:
        """``path`` relative to the project root, in POSIX form, for pattern matching."""
        candidate = Path(path)
        if candidate.is_absolute():
            try:
                candidate = candidate.relative_to(self.root)
            except ValueError:
                pass
        else:
            try:
                candidate = (Path.cwd() / candidate).relative_to(self.root)
            except ValueError:
                pass
        return candidate.as_posix()

    def _is_enabled(self, rule: type[Rule]) -> bool:
        if not rule.selectable:
            return rule.code not in self.ignore
        selectors = (*(self.select or ()), *self.extend_select)
        if not rule.enabled_by_default and rule.code not in selectors:
            return False
        chosen = max((len(s) for s in selectors if rule.code.startswith(s)), default=-1)
        if self.select is None and rule.enabled_by_default:
            chosen = max(chosen, 0)
        ignored = max((len(s) for s in self.ignore if rule.code.startswith(s)), default=-1)
        return chosen >= 0 and chosen > ignored


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.ailint]`` table."""
    directory = start if start.is_dir() else start.parent
    for candidate_dir in (directory.resolve(), *directory.resolve().parents):
        candidate = candidate_dir / "pyproject.toml"
        if candidate.is_file() and "ailint" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def load_settings(config_file: Path | None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Settings from ``config_file``'s ``[tool.ailint]`` (or defaults), then ``overrides``.

    ``overrides`` use the same keys as the file; ``select`` replaces, ``ignore`` and
    ``extend-select`` add to what the file says.
    """
    table: dict[str, Any] = {}
    root = Path.cwd()
    source = "defaults"
    if config_file is not None:
        data = _read_toml(config_file)
        table = data.get("tool", {}).get("ailint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{config_file}: [tool.ailint] must be a table")
        root = config_file.resolve().parent
        source = str(config_file)
    for key, value in (overrides or {}).items():
        if key in ("ignore", "extend-select", "extend-exclude") and key in table:
            table[key] = [*table[key], *value]
        else:
            table[key] = value
    return settings_from_table(table, root, source)


def settings_from_table(table: Mapping[str, Any], root: Path, source: str) -> Settings:
    """Validate a ``[tool.ailint]`` table and turn it into :class:`Settings`."""
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{source}: unknown key {key!r} in [tool.ailint]")
    lists = {key: _string_list(table, key, source) for key in _LIST_KEYS if key in table}
    _check_selectors(lists, source)
    reason = _flag(table, "require-suppression-reason", source)
    options, severities = _rule_tables(table.get("rules", {}), source)
    packs = tuple(root / pack for pack in _string_list(table, "semgrep-packs", source)) if "semgrep-packs" in table else ()
    for pack in packs:
        if not pack.exists():
            raise ConfigError(f"{source}: semgrep-packs: {pack}: no such file or directory")
    timeout = table.get("semgrep-timeout", DEFAULT_SEMGREP_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        raise ConfigError(f"{source}: semgrep-timeout must be a number of seconds, got {timeout!r}")
    require_semgrep = _flag(table, "require-semgrep", source)
    raise_ai = _flag(table, "raise-ai-assisted-severity", source)
    return Settings(
        root=root,
        source=source,
        select=lists.get("select"),
        ignore=lists.get("ignore", ()),
        extend_select=lists.get("extend-select", ()),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), source),
        exclude=lists.get("exclude", DEFAULT_EXCLUDE),
        extend_exclude=lists.get("extend-exclude", ()),
        rule_options=options,
        severities=severities,
        require_suppression_reason=reason,
        semgrep_packs=packs,
        semgrep_timeout=timeout,
        require_semgrep=require_semgrep,
        duplication=_duplication(table.get("duplication", {}), source),
        ai_trailers=_string_list(table, "ai-trailers", source) if "ai-trailers" in table else (),
        raise_ai_assisted_severity=raise_ai,
        tests=_test_layout(table.get("tests", {}), source),
    )


def _check_selectors(lists: Mapping[str, tuple[str, ...]], source: str) -> None:
    for key in ("select", "ignore", "extend-select"):
        for selector in lists.get(key, ()):
            if not is_known_selector(selector):
                raise ConfigError(f"{source}: {key}: unknown rule code or prefix {selector!r}")


def _flag(table: Mapping[str, Any], key: str, source: str) -> bool:
    """The true-or-false setting ``key`` (false when absent)."""
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key} must be true or false, got {value!r}")
    return value


def _subtable(value: Any, where: str, known: frozenset[str]) -> dict[str, Any]:
    """A ``[tool.ailint.<name>]`` table whose keys are all known."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    for key in value:
        if key not in known:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    return value


def _test_layout(value: Any, source: str) -> TestLayout:
    where = f"{source}: [tool.ailint.tests]"
    value = _subtable(value, where, _TESTS_KEYS)
    lists = {key.replace("-", "_"): _string_list(value, key, where) for key in _TESTS_KEYS if key in value}
    for pattern in lists.get("test_patterns", ()):
        if "{module}" not in pattern:
            raise ConfigError(f"{where}: test-patterns: {pattern!r} must contain {{module}}")
    return TestLayout(**lists)


def _duplication(value: Any, source: str) -> DuplicationSettings:
    where = f"{source}: [tool.ailint.duplication]"
    value = _subtable(value, where, _DUPLICATION_KEYS)
    defaults = DuplicationSettings()
    statements = value.get("min-statements", defaults.thresholds.min_statements)
    tokens = value.get("min-tokens", defaults.thresholds.min_tokens)
    for key, number, least in (("min-statements", statements, 2), ("min-tokens", tokens, 1)):
        if isinstance(number, bool) or not isinstance(number, int) or number < least:
            raise ConfigError(f"{where}: {key} must be an integer of at least {least}, got {number!r}")
    similarity = value.get("similarity", defaults.thresholds.similarity)
    if isinstance(similarity, bool) or not isinstance(similarity, (int, float)) or not 0.5 <= similarity <= 1:
        raise ConfigError(f"{where}: similarity must be a number from 0.5 to 1.0, got {similarity!r}")
    include_tests = value.get("include-tests", defaults.include_tests)
    if not isinstance(include_tests, bool):
        raise ConfigError(f"{where}: include-tests must be true or false, got {include_tests!r}")
    exclude = _string_list(value, "exclude", where) if "exclude" in value else defaults.exclude
    return DuplicationSettings(Thresholds(statements, tokens, float(similarity)), exclude, include_tests)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _string_list(table: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = table[key]
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: {key} must be a list of strings, got {value!r}")
    return tuple(value)


def _per_file_ignores(value: Any, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: per-file-ignores must be a table of glob = [codes]")
    result = []
    for pattern, codes in value.items():
        selectors = _string_list({pattern: codes}, pattern, f"{source}: per-file-ignores")
        for selector in selectors:
            if not is_known_selector(selector):
                raise ConfigError(f"{source}: per-file-ignores {pattern!r}: unknown rule code or prefix {selector!r}")
        result.append((pattern, selectors))
    return tuple(result)


def _rule_tables(value: Any, source: str) -> tuple[dict[str, dict[str, Any]], dict[str, Severity]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [tool.ailint.rules] must be a table of rule codes")
    options: dict[str, dict[str, Any]] = {}
    severities: dict[str, Severity] = {}
    for code, settings in value.items():
        rule = rule_for(code)
        if rule is None:
            raise ConfigError(f"{source}: [tool.ailint.rules.{code}]: unknown rule code {code!r}")
        if not isinstance(settings, dict):
            raise ConfigError(f"{source}: [tool.ailint.rules.{code}] must be a table")
        declared = {option.name: option for option in rule.options}
        for name, raw in settings.items():
            where = f"{source}: [tool.ailint.rules.{code}] {name}"
            if name == "severity":
                try:
                    severities[code] = Severity(raw)
                except ValueError:
                    allowed = ", ".join(level.value for level in Severity)
                    raise ConfigError(f"{where}: expected one of {allowed}, got {raw!r}") from None
                continue
            if name not in declared:
                known = ", ".join(["severity", *declared]) or "severity"
                raise ConfigError(f"{where}: unknown option (known: {known})")
            try:
                options.setdefault(code, {})[name] = declared[name].validate(raw)
            except ValueError as error:
                raise ConfigError(f"{where}: {error}") from None
    return options, severities


def parse_selectors(text: str, flag: str) -> tuple[str, ...]:
    """Split a comma-separated ``--select``-style value and check each selector."""
    selectors = tuple(part.strip() for part in text.split(",") if part.strip())
    for selector in selectors:
        if not is_known_selector(selector):
            raise ConfigError(f"{flag}: unknown rule code or prefix {selector!r}")
    return selectors
