"""The one record every engine produces and every reporter formats."""

from __future__ import annotations

from dataclasses import dataclass, field

from ailint.rule import Rule, Severity


@dataclass(frozen=True)
class Location:
    """Another place a finding involves (the other copies of a clone): SARIF relatedLocations."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str = ""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Lines and columns are 1-based; columns count code points."""

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    severity: Severity = field(default=Severity.MEDIUM, compare=False)
    related: tuple[Location, ...] = field(default=(), compare=False)
    # Diff mode: the line was last written by a commit with an AI-assistant trailer.
    ai_assisted: bool = field(default=False, compare=False)
    # A finding that holds unless a function of another module checks something (AIL503: a
    # test that calls imported helpers). Dotted names as the module imports them, relative
    # ones with their leading dots; a whole run resolves them in the project and drops the
    # finding when one of them checks.
    foreign_helpers: tuple[str, ...] = field(default=(), compare=False)


def point_finding(path: str, line: int, column: int, rule: type[Rule], message: str) -> Finding:
    """A finding of an engine-level rule that points at a single position."""
    return Finding(path, line, column, rule.code, message, line, column, rule.severity)
