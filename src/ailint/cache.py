"""Stores keyed by file content: Semgrep findings, and each file's whole libcst result.

A key covers the file's path (rules can depend on it), its content with line endings
normalised (flake8 hands over text, the CLI reads bytes) and a digest of everything else
that decides the findings: ailint's version, the engine's version and the rules. A changed
file, rule or tool misses; nothing is ever invalidated by time. The store lives in the
user's cache directory, never in the scanned tree, and a store that cannot be written
just means no caching.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator, Sequence

from ailint import __version__
from ailint.finding import Finding
from ailint.rule import Severity

try:  # POSIX only; where it is missing, concurrent runs may scan the same file twice.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def default_directory() -> Path:
    """``$AILINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/ailint``, else ``~/.cache/ailint``."""
    explicit = os.environ.get("AILINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ailint"


def content_digest(data: bytes) -> bytes:
    """The part of a key that depends on the file: content with BOM and line endings normalised."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return hashlib.sha256(data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")).digest()


@functools.cache
def code_fingerprint() -> str:
    """ailint's version and its installed modules' sizes and times: an edited checkout (same
    version, new code) must not be answered with results of the old code."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(package.rglob("*.py")):
        try:
            stat = module.stat()
        except OSError:
            continue
        digest.update(f"{module.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def content_key(path: str, data: bytes) -> str:
    """The key of one file: its path (rules can depend on it) and its normalised content."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass") + b"\0" + content_digest(data)).hexdigest()


class FindingCache:
    """Findings per (path, content) for one configuration, under ``directory/kind/digest``."""

    def __init__(self, directory: Path, kind: str, config_digest: str) -> None:
        self.root = directory / kind / config_digest[:32]

    def key(self, path: str, data: bytes) -> str:
        return content_key(path, data)

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The findings stored under ``key``, reported at ``path``; None when there are none."""
        try:
            with open(self._file(key), encoding="utf-8") as handle:
                return [_finding(path, entry) for entry in json.load(handle)]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        target = self._file(key)
        entries = [
            [f.line, f.column, f.end_line, f.end_column, f.code, f.message, f.severity.value] for f in findings
        ]
        _write(target, entries)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's lock: processes of one run take turns to fill it."""
        if fcntl is None:
            yield
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = open(self.root / "lock", "a+b")
        except OSError:
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"


def _finding(path: str, entry: list) -> Finding:
    line, column, end_line, end_column, code, message, severity = entry
    return Finding(path, line, column, code, message, end_line, end_column, Severity(severity))


class ResultCache:
    """Per-file results of the libcst pass for one configuration, under ``directory/results/digest``,
    as JSON documents (see :mod:`ailint.result_codec`)."""

    def __init__(self, directory: Path, config_digest: str) -> None:
        self.root = directory / "results" / config_digest[:32]

    def get(self, key: str) -> Any | None:
        try:
            with open(self.root / key[:2] / f"{key}.json", encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        _write(self.root / key[:2] / f"{key}.json", value)


def _write(target: Path, value: Any) -> None:
    """Write then rename, so a reader never sees half an entry; a store that cannot be
    written just means no caching."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out, separators=(",", ":"))
        os.replace(temporary, target)
    except OSError:
        return
