"""AI-assisted commits: findings on lines that commits with an assistant's trailer wrote.

A commit counts as AI-assisted when its message carries a trailer that says so: an
``Assisted-by:`` or ``Generated-by:`` trailer, or a ``Co-authored-by:`` naming a known
assistant (or the project's own list, ``ai-trailers``). Which commit last wrote a line
comes from ``git blame`` over the diffed range, for the files that have findings only.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ailint.check import FileResult

# Trailer keys whose presence alone marks a commit (case-insensitive).
MARKING_TRAILERS = ("assisted-by", "generated-by", "ai-assisted", "co-developed-by-ai")
# Co-authors that are assistants: names and addresses they sign with.
ASSISTANTS = re.compile(
    r"claude|anthropic|copilot|chatgpt|openai|codex|cursor|devin|gemini|aider|amazon q|codewhisperer|"
    r"windsurf|codeium|tabnine|sourcegraph cody|jules|\bgpt-\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AssistedCommits:
    """The AI-assisted commits of a range, and the files they touched (the only ones worth a
    ``git blame``)."""

    shas: frozenset[str] = frozenset()
    files: frozenset[Path] = frozenset()


def assisted_commits(root: Path, revisions: str, extra_trailers: Sequence[str] = ()) -> AssistedCommits:
    """The commits in ``revisions`` (a ``git log`` range) with an AI trailer, in one ``git log``."""
    result = subprocess.run(
        ["git", "-c", "core.quotepath=off", "log", "--name-only", "--format=%x1e%H%x1f%(trailers:unfold,only)%x1f", revisions],
        cwd=root, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL, check=False,
    )
    if result.returncode != 0:
        return AssistedCommits()
    marking = {key.lower() for key in (*MARKING_TRAILERS, *extra_trailers)}
    shas, files = set(), set()
    for record in result.stdout.split("\x1e"):
        sha, _, rest = record.partition("\x1f")
        trailers, _, names = rest.partition("\x1f")
        if sha and any(_marks(line, marking) for line in trailers.splitlines()):
            shas.add(sha)
            files.update((root / name).resolve() for name in names.splitlines() if name.strip())
    return AssistedCommits(frozenset(shas), frozenset(files))


def _marks(trailer: str, marking: set[str]) -> bool:
    key, _, value = trailer.partition(":")
    key = key.strip().lower()
    return key in marking or (key == "co-authored-by" and bool(ASSISTANTS.search(value)))


def mark(results: Iterable[FileResult], root: Path, commits: AssistedCommits, raise_severity: bool) -> list[FileResult]:
    """``results`` with ``ai_assisted`` set on findings whose line an AI-assisted commit wrote
    (and their severity one step higher when ``raise_severity``)."""
    marked = []
    for result in results:
        if not result.findings or Path(result.path).resolve() not in commits.files:
            marked.append(result)
            continue
        authors = _blame(root, result.path)
        findings = []
        for finding in result.findings:
            if authors.get(finding.line) in commits.shas:
                severity = finding.severity.raised() if raise_severity else finding.severity
                finding = dataclasses.replace(finding, ai_assisted=True, severity=severity)
            findings.append(finding)
        marked.append(dataclasses.replace(result, findings=findings))
    return marked


def _blame(root: Path, path: str) -> dict[int, str]:
    """Line number -> the commit that last wrote it (uncommitted lines are left out)."""
    result = subprocess.run(
        ["git", "blame", "--porcelain", "--", str(Path(path).absolute())],
        cwd=root, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL, check=False,
    )
    authors: dict[int, str] = {}
    for line in result.stdout.splitlines():
        parts = line.split(" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and parts[1].isdigit() and parts[2].isdigit():
            if parts[0] != "0" * 40:
                authors[int(parts[2])] = parts[0]
    return authors
