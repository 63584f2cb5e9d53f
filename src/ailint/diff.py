"""Diff mode: which files and lines a change touched, from git or from a patch file.

``git diff`` runs as a subprocess (never through a shell) with renames detected and no
context lines; ``unidiff`` parses its output, or any unified diff given as a file.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import unidiff

from ailint.check import FileResult
from ailint.finding import Finding

PYTHON_SUFFIXES = (".py", ".pyi")
ENGINE_PREFIX = "AIL0"
SCOPES = ("lines", "files")


class DiffError(Exception):
    """Why the change cannot be read, worded as one line for the user (exit status 2)."""


@dataclass(frozen=True)
class ChangedFile:
    path: str  # relative to the repository root, POSIX, the name after the change
    lines: frozenset[int]  # lines of the new file that were added or changed
    added: bool = False
    deleted: bool = False
    binary: bool = False
    # (first line in the new file, how many lines there, the old lines in their place, context
    # included) per hunk: enough to rebuild the old file from the new one, whatever the diff
    # came from and however much context it has.
    hunks: tuple[tuple[int, int, tuple[str, ...]], ...] = ()

    def old_text(self, new_text: str | None) -> str | None:
        """The file before the change (None for an added file)."""
        if self.added:
            return None
        lines = [] if self.deleted or new_text is None else new_text.splitlines(keepends=True)
        for start, length, removed in sorted(self.hunks, reverse=True):
            index = start if length == 0 else start - 1  # a pure deletion sits after line `start`
            lines[index : index + length] = removed
        return "".join(lines)


@dataclass(frozen=True)
class Change:
    """The files a change touched, relative to ``root``; ``base`` says what it was diffed against."""

    root: Path
    files: tuple[ChangedFile, ...]
    base: str
    problems: list[str] = field(default_factory=list)
    # The commits the change is made of, as a ``git log`` range (None: not commits, e.g. staged).
    revisions: str | None = None
    by_path: dict[str, ChangedFile] = field(init=False, repr=False, compare=False)

    def lookup(self, path: str) -> ChangedFile | None:
        """The change of ``path`` (as the run names it), if the change touched it."""
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return None
        return self.by_path.get(relative)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_path", {f.path: f for f in self.files})


def repository_root(start: Path, flag: str) -> Path:
    """The top of the git work tree holding ``start``."""
    result = _git(["rev-parse", "--show-toplevel"], start)
    if result.returncode != 0:
        raise DiffError(f"{flag} needs a git repository: {start} is not inside one")
    return Path(result.stdout.strip()).resolve()


def from_git(start: Path, base: str | None, staged: bool) -> Change:
    """The change of the index against HEAD (``staged``), or of the work tree against the
    merge base of ``base`` and HEAD (what a pull request against ``base`` changes)."""
    flag = "--staged" if staged else "--diff-base"
    root = repository_root(start, flag)
    command = ["diff", "--no-color", "--no-ext-diff", "--find-renames", "--unified=0", "--src-prefix=a/", "--dst-prefix=b/"]
    if staged:
        command.append("--cached")
        label = "the staged changes"
    else:
        assert base is not None
        merge_base = _merge_base(root, base)
        command.append(merge_base)
        label = f"the changes since {base}"
    result = _git(command, root)
    if result.returncode != 0:
        detail = " ".join(result.stderr.split())[:300] or f"exit status {result.returncode}"
        raise DiffError(f"{flag}: git diff failed: {detail}")
    change = _parse(result.stdout, root, label)
    return change if staged else dataclasses.replace(change, revisions=f"{merge_base}..HEAD")


def from_patch(patch: Path, start: Path) -> Change:
    """A unified diff from a file, with paths relative to the repository holding ``start``
    (or to ``start`` outside a repository)."""
    try:
        text = patch.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as error:
        raise DiffError(f"--diff-file: {patch}: {error.strerror or error}") from None
    result = _git(["rev-parse", "--show-toplevel"], start)
    root = Path(result.stdout.strip()).resolve() if result.returncode == 0 else start.resolve()
    try:
        return _parse(text, root, f"the changes in {patch}")
    except unidiff.UnidiffParseError as error:
        raise DiffError(f"--diff-file: {patch}: not a unified diff: {error}") from None


def _merge_base(root: Path, base: str) -> str:
    """The commit where HEAD's history left ``base``, or a one-line reason there is none."""
    if _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], root).returncode == 0:
        found = _git(["merge-base", base, "HEAD"], root)
        if found.returncode == 0:
            return found.stdout.strip()
        reason = f"--diff-base {base}: it shares no history with HEAD in this clone"
    else:
        reason = f"--diff-base {base}: no such commit or branch in this clone"
    shallow = _git(["rev-parse", "--is-shallow-repository"], root).stdout.strip() == "true"
    if shallow:
        reason += (
            "; the clone is shallow: fetch the base and enough history "
            f"(git fetch --deepen=200 origin {base.split('/')[-1]}, or fetch-depth: 0 in actions/checkout)"
        )
    raise DiffError(reason)


def _parse(text: str, root: Path, label: str) -> Change:
    files = []
    problems = []
    for patched in unidiff.PatchSet(text):
        # From the headers, not unidiff's is_added_file, which also says so for an empty file
        # that gains lines.
        added = patched.source_file == "/dev/null"
        deleted = patched.target_file == "/dev/null"
        path = _strip(patched.source_file if deleted else patched.target_file)
        binary = bool(getattr(patched, "is_binary_file", False))
        if binary and path.endswith(PYTHON_SUFFIXES):
            problems.append(f"{path}: binary in the diff, not checked")
        lines = frozenset(
            line.target_line_no for hunk in patched for line in hunk if line.is_added and line.target_line_no
        )
        hunks = tuple(
            (hunk.target_start, hunk.target_length, tuple(line.value for line in hunk.source_lines()))
            for hunk in patched
        )
        files.append(ChangedFile(path, lines, added, deleted, binary, hunks))
    return Change(root, tuple(files), label, problems)


def _strip(name: str) -> str:
    for prefix in ("a/", "b/"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _git(arguments: Iterable[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *arguments],
            cwd=cwd,
            capture_output=True,
            text=True,
            errors="surrogateescape",
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise DiffError("diff mode needs git, which is not installed") from None


def on_changed_lines(results: list[FileResult], change: Change, scope: str) -> list[FileResult]:
    """``results`` with only the findings a change is answerable for.

    ``scope`` "lines": findings whose range touches an added or changed line, and the
    engine's own findings (a file that no longer parses); "files": every finding of a
    changed file.
    """
    if scope == "files":
        return results
    restricted = []
    for result in results:
        changed = change.lookup(result.path)
        lines = changed.lines if changed is not None else frozenset()
        restricted.append(
            dataclasses.replace(
                result,
                findings=[f for f in result.findings if _touches(f, lines)],
                suppressed=[f for f in result.suppressed if _touches(f, lines)],
            )
        )
    return restricted


def _touches(finding: Finding, lines: frozenset[int]) -> bool:
    if finding.code.startswith(ENGINE_PREFIX):
        return True
    last = max(finding.end_line, finding.line)
    return any(line in lines for line in range(finding.line, last + 1))
