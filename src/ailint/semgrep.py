"""The Semgrep engine: one ``semgrep scan`` per run over every target, results as findings.

Semgrep runs as a subprocess with metrics, version checks and ``# nosemgrep`` off (ailint
applies its own suppressions to every engine in one place) and a wall-clock timeout. Its
findings keep Semgrep's columns, which count UTF-8 bytes; :func:`ailint.check.check_source`
converts them with the file's text. Files whose content was scanned before with the same
rules are answered from the cache and not handed to Semgrep again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping, Sequence

from ailint.cache import FindingCache, code_fingerprint
from ailint.config import Settings
from ailint.finding import Finding
from ailint.registry import rule_for
from ailint.rule import SemgrepRule, Severity
from ailint.rules.engine import CustomSemgrepRule

# Semgrep's own per-rule, per-file limit, in seconds; the run as a whole has settings.semgrep_timeout.
PER_FILE_TIMEOUT = 10
# Semgrep skips bigger files by default (1 MB); generated modules can be larger.
MAX_TARGET_BYTES = 5_000_000
# Semgrep's severities, old and new, as ailint's; used for the project's own packs.
_SEVERITY = {
    "INFO": Severity.LOW,
    "LOW": Severity.LOW,
    "WARNING": Severity.MEDIUM,
    "MEDIUM": Severity.MEDIUM,
    "ERROR": Severity.HIGH,
    "HIGH": Severity.HIGH,
    "CRITICAL": Severity.CRITICAL,
}
_NOT_RUN = "the Semgrep packs (AIL3xx, AIL7xx) did not run: {reason}"


@dataclass(frozen=True)
class Target:
    """One file to scan: the path findings report, and what Semgrep reads (a copy, for stdin)."""

    path: str
    data: bytes
    disk_path: str


@dataclass
class SemgrepOutcome:
    """Findings by reported path; ``failure`` says why Semgrep did not run (None: it ran)."""

    findings: dict[str, list[Finding]] = field(default_factory=dict)
    failure: str | None = None
    warnings: list[str] = field(default_factory=list)


def scan_files(files: Sequence[str], settings: Settings, jobs: int, cache_directory: Path | None) -> SemgrepOutcome:
    """:func:`scan` for files on disk."""
    return scan(disk_targets(files), settings, jobs, cache_directory)


def disk_targets(files: Sequence[str]) -> list[Target]:
    """Targets for files on disk; an unreadable one is left to the file runner to report."""
    targets = []
    for path in files:
        try:
            targets.append(Target(path, Path(path).read_bytes(), path))
        except OSError:
            continue
    return targets


def scan_source(path: str, data: bytes, settings: Settings, cache_directory: Path | None) -> SemgrepOutcome:
    """:func:`scan` for text that is not on disk (stdin, an editor's buffer), reported as ``path``.

    Semgrep reads a copy under a temporary directory with the same relative path, so rules
    that look at the path (test files, settings modules) see the real one.
    """
    with tempfile.TemporaryDirectory(prefix="ailint-") as directory:
        relative = Path(settings.relative(path))
        parts = [part for part in relative.parts if part not in ("..", "/", relative.anchor)] or ["stdin.py"]
        copy = Path(directory).joinpath(*parts)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(data)
        return scan([Target(path, data, str(copy))], settings, 1, cache_directory)


def executable() -> str | None:
    """``$AILINT_SEMGREP`` if set, else the ``semgrep`` beside this Python (a pre-commit or CI
    venv), else the one on PATH."""
    chosen = os.environ.get("AILINT_SEMGREP")
    if chosen is not None:
        return shutil.which(chosen) if chosen else None
    beside = os.path.dirname(sys.executable)
    return shutil.which("semgrep", path=os.pathsep.join([beside, os.environ.get("PATH", "")]))


def config_files(settings: Settings) -> list[Path]:
    """The ``--config`` arguments: each enabled pack rule's file, then the project's packs."""
    return [rule.pack_file for rule in settings.semgrep_rules] + list(settings.semgrep_packs)


def cache_for(settings: Settings, directory: Path, program: str) -> FindingCache:
    """The cache of Semgrep findings for this configuration of rules and this Semgrep."""
    return FindingCache(directory, "semgrep", _config_digest(tuple(config_files(settings)), program))


@functools.cache
def _config_digest(configs: tuple[Path, ...], program: str) -> str:
    # Once per process: flake8 asks for every file it checks.
    digest = hashlib.sha256(f"{code_fingerprint()}\0{program}\0{_semgrep_version(program)}\0{PER_FILE_TIMEOUT}\0".encode())
    for config in configs:
        files = sorted(config.rglob("*.y*ml")) if config.is_dir() else [config]
        for file in files:
            digest.update(str(file).encode("utf-8", "surrogatepass") + b"\0")
            try:
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()


def scan(targets: Sequence[Target], settings: Settings, jobs: int, cache_directory: Path | None) -> SemgrepOutcome:
    """Findings of the enabled Semgrep rules for ``targets``: cached ones, then one scan of the rest.

    ``cache_directory`` None turns the cache off.
    """
    outcome = SemgrepOutcome()
    program = executable()
    cache = cache_for(settings, cache_directory, program or "") if cache_directory else None
    pending = _uncached(targets, settings, cache, outcome.findings)
    if not pending:
        return outcome
    if program is None:
        outcome.failure = _NOT_RUN.format(reason="semgrep is not installed (pip install semgrep)")
        return outcome
    report = _run(program, [target.disk_path for target, _ in pending], settings, jobs)
    if isinstance(report, str):
        outcome.failure = _NOT_RUN.format(reason=report)
        return outcome
    by_disk_path = {os.path.normpath(target.disk_path): target for target, _ in pending}
    incomplete = _problem_paths(report, by_disk_path, outcome.warnings)
    for result in report.get("results", ()):
        target = by_disk_path.get(os.path.normpath(result.get("path", "")))
        if target is not None:
            outcome.findings.setdefault(target.path, []).append(_finding(target.path, result))
    for target, key in pending:
        if cache and key and target.path not in incomplete:
            cache.put(key, outcome.findings.get(target.path, ()))
    return outcome


def _uncached(
    targets: Sequence[Target], settings: Settings, cache: FindingCache | None, found: dict[str, list[Finding]]
) -> list[tuple[Target, str | None]]:
    """The targets Semgrep must scan, with their cache keys; the cached findings of the others
    go into ``found``."""
    pending: list[tuple[Target, str | None]] = []
    for target in targets:
        key = cache.key(settings.relative(target.path), target.data) if cache else None
        cached = cache.get(key, target.path) if cache and key else None
        if cached is None:
            pending.append((target, key))
        else:
            found[target.path] = cached
    return pending


def _run(program: str, paths: list[str], settings: Settings, jobs: int) -> dict[str, Any] | str:
    """Semgrep's JSON report, or why there is none."""
    command = [
        program,
        "scan",
        # Without it the semgrep wrapper hands scans to its legacy Python front end, which took
        # 17 s where this takes 7.5 s on 200 stdlib files, with the same findings.
        "--experimental",
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--disable-nosem",
        "--no-git-ignore",
        f"--jobs={jobs}",
        f"--timeout={PER_FILE_TIMEOUT}",
        f"--max-target-bytes={MAX_TARGET_BYTES}",
    ]
    for config in config_files(settings):
        # Absolute: a relative "r/..." would be fetched from the Semgrep registry.
        command.append(f"--config={config.resolve()}")
    command += ["--", *paths]
    environment = {**os.environ, "SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    try:
        completed = subprocess.run(
            command,
            capture_output=True,
            timeout=settings.semgrep_timeout,
            env=environment,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"semgrep timed out after {settings.semgrep_timeout} s (raise semgrep-timeout)"
    except OSError as error:
        return f"semgrep could not be started: {error.strerror or error}"
    try:
        report = json.loads(completed.stdout)
    except ValueError:
        report = None
    if not isinstance(report, dict) or "results" not in report:
        return f"semgrep failed with exit status {completed.returncode}: {_last_line(completed.stderr)}"
    fatal = [error for error in report.get("errors", ()) if error.get("level") == "error" and not error.get("path")]
    if fatal:
        return f"semgrep reported: {_one_line(str(fatal[0].get('message', fatal[0])))}"
    return report


def _problem_paths(report: Mapping[str, Any], targets: Mapping[str, Target], warnings: list[str]) -> set[str]:
    """Reported paths Semgrep did not finish; each timeout or crash also becomes a warning.

    Syntax errors are left out: the libcst engine reports them as AIL001.
    """
    incomplete: set[str] = set()
    for error in report.get("errors", ()):
        target = targets.get(os.path.normpath(str(error.get("path", ""))))
        if target is None:
            continue
        incomplete.add(target.path)
        kind = str(error.get("type", ""))
        if not any(word in kind.lower() for word in ("syntax", "parse", "lexical")):
            warnings.append(f"{target.path}: semgrep: {_one_line(str(error.get('message', kind)))}")
    return incomplete


def _finding(path: str, result: Mapping[str, Any]) -> Finding:
    extra = result.get("extra", {})
    start, end = result["start"], result["end"]
    message = " ".join(str(extra.get("message", "")).split())
    meta = extra.get("metadata", {}) or {}
    rule = rule_for(str(meta.get("ailint-code", "")))
    check_id = str(result.get("check_id", ""))
    if rule is not None and issubclass(rule, SemgrepRule) and check_id.rsplit(".", 1)[-1] == rule.semgrep_id:
        code, severity = rule.code, rule.severity
    else:
        # A rule of the project's own packs: one code for all, the Semgrep id in the message.
        code = CustomSemgrepRule.code
        severity = _SEVERITY.get(str(extra.get("severity", "")).upper(), CustomSemgrepRule.severity)
        message = CustomSemgrepRule.message.format(rule=check_id.rsplit(".", 1)[-1], detail=message)
    return Finding(path, start["line"], start["col"], code, message, end["line"], end["col"], severity)


def _semgrep_version(program: str) -> str:
    try:
        return metadata.version("semgrep")
    except metadata.PackageNotFoundError:
        # A standalone binary: its identity is its path and modification time.
        try:
            return f"{program}@{os.stat(program).st_mtime_ns}"
        except OSError:
            return program


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return _one_line(lines[-1]) if lines else "no error output"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]
