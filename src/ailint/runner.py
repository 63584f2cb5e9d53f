"""Lint many files: one process per core, results in a stable order whatever the job count."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Mapping, Sequence

from ailint import result_codec, semgrep
from ailint.cache import ResultCache, code_fingerprint, content_key
from ailint.check import FileResult, check_source
from ailint.config import Settings
from ailint.duplication.run import add_clones
from ailint.finding import Finding, point_finding
from ailint.rules.engine import InternalErrorRule, UnreadableFileRule
from ailint.rules.generated_code.imports import dependency_fingerprint
from ailint.rules.test_discipline.across_files import drop_tests_checked_elsewhere
from ailint.semgrep import SemgrepOutcome

# Below this many files per worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 4

# A file to check and the Semgrep engine's findings for it.
_Work = tuple[str, Sequence[Finding]]

_settings: Settings | None = None
_cache: ResultCache | None = None


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_files(
    files: list[str],
    settings: Settings,
    jobs: int,
    semgrep: Mapping[str, list[Finding]] | None = None,
    cache_directory: Path | None = None,
) -> list[FileResult]:
    """Check ``files`` (already discovered) and return their results sorted by path.

    ``semgrep`` holds the Semgrep engine's findings by path, merged into each file's result.
    With a ``cache_directory``, a file whose content was checked before with the same
    settings and ailint version is answered from the cache.
    """
    work = [(path, (semgrep or {}).get(path, ())) for path in files]
    jobs = max(1, min(jobs, len(files) // MIN_FILES_PER_JOB))
    cache = ResultCache(cache_directory, settings_digest(settings)) if cache_directory else None
    if jobs == 1:
        _init_worker(settings, cache)
        results = [_check_path(item) for item in work]
    else:
        results = _check_in_pool(work, settings, jobs, cache)
    return sorted(results, key=lambda result: result.path)


def settings_digest(settings: Settings) -> str:
    """Everything besides a file's path and content that decides its result (for AIL610 /
    AIL611, the project's manifests and installed environment too)."""
    project = dependency_fingerprint(settings.root, settings.enabled_codes, settings.rule_options)
    return hashlib.sha256(f"{code_fingerprint()}\0{settings!r}\0{project}".encode("utf-8", "surrogatepass")).hexdigest()


def check_with_semgrep(
    files: list[str], settings: Settings, jobs: int, cache_directory: Path | None, context: Sequence[str] = ()
) -> tuple[list[FileResult], SemgrepOutcome | None]:
    """:func:`check_files`, then one Semgrep scan of the files the libcst engine could analyse,
    then what needs the other files: tests checked by helpers of other files, and clones.

    The few files Semgrep reports on go through the pipeline again with its findings, so
    suppressions, selection and severity treat both engines' findings together. ``context``
    files (the rest of the tree, in diff mode) are only cut into units, so that a clone in
    ``files`` of code elsewhere is found; nothing is reported on them.
    """
    results = check_files(files, settings, jobs, cache_directory=cache_directory)
    outcome = None
    if settings.runs_semgrep:
        outcome = semgrep.scan_files([result.path for result in results if result.analysed], settings, jobs, cache_directory)
        flagged = [result.path for result in results if outcome.findings.get(result.path)]
        if flagged:
            merged = check_files(flagged, settings, jobs, outcome.findings, cache_directory)
            redone = {result.path: result for result in merged}
            results = [redone.get(result.path, result) for result in results]
    results = drop_tests_checked_elsewhere(results, settings)
    if not (context and settings.clone_rules):
        return add_clones(results, settings), outcome
    units_only = dataclasses.replace(settings, select=settings.clone_codes, extend_select=(), ignore=())
    others = check_files(list(context), units_only, jobs, cache_directory=cache_directory)
    checked = {result.path for result in results}
    merged = add_clones([*results, *others], settings, changed=checked)
    return [result for result in merged if result.path in checked], outcome


def check_stdin_with_semgrep(
    source: bytes, display_name: str, settings: Settings, cache_directory: Path | None
) -> tuple[FileResult, SemgrepOutcome | None]:
    """:func:`check_with_semgrep` for source read from stdin."""
    result = check_stdin(source, display_name, settings)
    outcome = None
    if settings.runs_semgrep and result.analysed:
        outcome = semgrep.scan_source(display_name, source, settings, cache_directory)
        found = outcome.findings.get(display_name)
        if found:
            result = check_stdin(source, display_name, settings, found)
    [result] = drop_tests_checked_elsewhere([result], settings)
    return result, outcome


def _check_in_pool(files: list[_Work], settings: Settings, jobs: int, cache: ResultCache | None) -> list[FileResult]:
    chunksize = max(1, min(16, len(files) // (jobs * 8)))
    results: list[FileResult] = []
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings, cache)) as pool:
            for result in pool.map(_check_path, files, chunksize=chunksize):
                results.append(result)
    except BrokenProcessPool:
        # A worker died (a crash in native code, the OOM killer). Results arrive in order, so
        # the rest are unchecked: check them one at a time to pin the crash on its file.
        results.extend(_check_one_by_one(files[len(results) :], settings))
    return results


def _check_one_by_one(files: list[_Work], settings: Settings) -> list[FileResult]:
    results: list[FileResult] = []
    pool: ProcessPoolExecutor | None = None
    try:
        for item in files:
            path = item[0]
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(settings,))
            try:
                results.append(pool.submit(_check_path, item).result())
            except BrokenProcessPool:
                pool.shutdown()
                pool = None
                message = InternalErrorRule.message.format(
                    rule="the worker", detail="the process checking this file died (a crash in native code?)"
                )
                results.append(FileResult(path, [point_finding(path, 1, 1, InternalErrorRule, message)], [], analysed=False))
    finally:
        if pool is not None:
            pool.shutdown()
    return results


def check_stdin(
    source: bytes, display_name: str, settings: Settings, semgrep: Sequence[Finding] = ()
) -> FileResult:
    return _guarded(display_name, source, settings, semgrep)


def _init_worker(settings: Settings, cache: ResultCache | None = None) -> None:
    global _settings, _cache
    _settings, _cache = settings, cache


def _check_path(item: _Work) -> FileResult:
    assert _settings is not None
    path, semgrep = item
    try:
        with open(path, "rb") as handle:
            source = handle.read()
    except OSError as error:
        if UnreadableFileRule.code not in _settings.enabled_codes:
            return FileResult(path, [], [], analysed=False)
        message = UnreadableFileRule.message.format(detail=error.strerror or str(error))
        return FileResult(path, [point_finding(path, 1, 1, UnreadableFileRule, message)], [], analysed=False)
    if _cache is None:
        return _guarded(path, source, _settings, semgrep)
    key = content_key(path, source)
    if semgrep:  # the file's result with the Semgrep engine's findings merged in
        key = hashlib.sha256(f"{key}\0{sorted(semgrep)!r}".encode("utf-8", "surrogatepass")).hexdigest()
    cached = _cache.get(key)
    if cached is not None:
        try:
            return result_codec.decode(path, cached)
        except (KeyError, TypeError, ValueError):
            pass  # an entry from another layout or a damaged file: check again and rewrite it
    result = _guarded(path, source, _settings, semgrep)
    if not any(finding.code == InternalErrorRule.code for finding in result.findings):
        _cache.put(key, result_codec.encode(result))
    return result


def _guarded(path: str, source: bytes, settings: Settings, semgrep: Sequence[Finding]) -> FileResult:
    try:
        return check_source(path, source, settings, semgrep)
    except Exception as error:  # a bug outside the rules: report it for this file, go on
        detail = f"{type(error).__name__}: {error}".splitlines()[0]
        message = InternalErrorRule.message.format(rule="the pipeline", detail=detail)
        return FileResult(path, [point_finding(path, 1, 1, InternalErrorRule, message)], [], analysed=False)
