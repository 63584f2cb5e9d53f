"""Semgrep findings for flake8's per-file plugin calls, paying Semgrep's start-up once per run.

flake8 calls the plugin once per file, in several processes with ``-j``. The first call
that misses the cache takes the cache's lock and scans every file flake8 is going to
check in one ``semgrep scan``, filling the cache; the other calls, in any process, wait
for the lock and then read their file's findings from the cache. An unchanged tree is
answered from the cache with no scan at all. Text that is not on disk (an editor's buffer
on stdin, a file edited since) is scanned on its own.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from ailint import cache, semgrep
from ailint.config import Settings
from ailint.finding import Finding

MAX_LINE = 2000

# Set when Semgrep failed in this process, so each file does not try again.
_failure: str | None = None


def findings_for(filename: str, data: bytes, settings: Settings, options: argparse.Namespace | None) -> list[Finding]:
    """Findings of the enabled Semgrep rules for one file flake8 is checking."""
    if _failure is not None:
        return []
    directory = cache.default_directory()
    store = semgrep.cache_for(settings, directory, semgrep.executable() or "")
    key = store.key(settings.relative(filename), data)
    found = store.get(key, filename)
    if found is not None:
        return found
    if _reads_stdin(filename, options):
        return _finish(semgrep.scan_source(filename, data, settings, directory), filename)
    with store.locked():
        found = store.get(key, filename)
        if found is not None:
            return found
        targets = [target for target in semgrep.disk_targets(_checked_files(filename, options)) if _fits(target.data)]
        outcome = semgrep.scan(targets, settings, os.cpu_count() or 1, directory)
        if outcome.failure is not None:
            return _finish(outcome, filename)
    found = store.get(key, filename)
    if found is not None:
        return found
    # flake8's text is not what is on disk: scan the text itself.
    return _finish(semgrep.scan_source(filename, data, settings, directory), filename)


def _fits(data: bytes) -> bool:
    """False for files Semgrep may spend minutes on: lines of thousands of characters are
    minified or generated code, or deeply nested expressions (libcst reports those itself).
    Such a file is still scanned on its own if flake8's libcst pass could analyse it."""
    return all(len(line) <= MAX_LINE for line in data.split(b"\n"))


def _finish(outcome: semgrep.SemgrepOutcome, filename: str) -> list[Finding]:
    global _failure
    if outcome.failure is not None:
        _failure = outcome.failure
        print(f"ailint: warning: {outcome.failure}", file=sys.stderr)
    return outcome.findings.get(filename, [])


def _reads_stdin(filename: str, options: argparse.Namespace | None) -> bool:
    return filename in ("-", "stdin") or (options is not None and list(options.filenames or ()) == ["-"])


def _checked_files(filename: str, options: argparse.Namespace | None) -> Sequence[str]:
    """The files this flake8 run checks, found the way flake8 finds them."""
    if options is None:
        return [filename]
    try:
        from flake8.discover_files import expand_paths

        files = list(
            expand_paths(
                paths=options.filenames or ["."],
                stdin_display_name=options.stdin_display_name,
                filename_patterns=options.filename,
                exclude=(*options.exclude, *options.extend_exclude),
            )
        )
    except (ImportError, AttributeError, TypeError, OSError):
        # Another flake8 than the one this was written against: scan this file alone.
        return [filename]
    return files if filename in files else [*files, filename]
