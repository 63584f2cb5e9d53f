"""What a rule is: its identity, documentation, options and examples, and the libcst visitor base.

A rule is one class. Everything about it lives on the class: the code, the name, the
severity, the documentation sections, the typed options and the valid / invalid examples
that are both its tests and its docs. The engine instantiates rule classes once per file.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Mapping

import libcst as cst

CODE_PATTERN = re.compile(r"^AIL[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

FAMILIES: Mapping[str, str] = {
    "0": "engine",
    "1": "error-handling",
    "2": "destructive-calls",
    "3": "infrastructure",
    "4": "duplication",
    "5": "tests",
    "6": "generated-code-smells",
    "7": "security",
}


class Severity(enum.Enum):
    """How bad a finding is; reporters map it to their own levels (SARIF error/warning/note)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for low up to 3 for critical: for picking the worst of several."""
        return _SEVERITY_ORDER.index(self)

    def lowered(self) -> Severity:
        """One step less severe (low stays low)."""
        return _SEVERITY_ORDER[max(self.rank - 1, 0)]

    def raised(self) -> Severity:
        """One step more severe (critical stays critical)."""
        return _SEVERITY_ORDER[min(self.rank + 1, len(_SEVERITY_ORDER) - 1)]


_SEVERITY_ORDER = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)


class Confidence(enum.Enum):
    """How sure the rule is that a finding is a real problem (SARIF precision)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Docs:
    """The fixed documentation sections every rule fills in.

    ``bad`` and ``good`` are code; the example tests check that ``bad`` is flagged and
    ``good`` is not, so the documentation cannot drift from the behaviour.
    """

    what: str
    why: str
    bad: str
    good: str
    fix: str
    notes: str = ""


@dataclass(frozen=True)
class Option:
    """A typed, documented rule option, set under ``[tool.ailint.rules.AILnnn]``."""

    name: str
    type: type  # bool, int, str, or list (a list of strings, stored as a tuple)
    default: Any
    help: str

    def validate(self, value: Any) -> Any:
        """Return ``value`` converted to the option's type, or raise ``ValueError``."""
        if self.type is bool:
            if not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {value!r}")
            return value
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"expected an integer, got {value!r}")
            return value
        if self.type is str:
            if not isinstance(value, str):
                raise ValueError(f"expected a string, got {value!r}")
            return value
        if self.type is list:
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"expected a list of strings, got {value!r}")
            return tuple(value)
        raise TypeError(f"unsupported option type {self.type!r}")


@dataclass(frozen=True)
class Valid:
    """Code the rule must not flag.

    ``options`` are the rule's own options; ``config`` are other ``[tool.ailint]`` settings.
    """

    code: str
    options: Mapping[str, Any] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    path: str = "example.py"


@dataclass(frozen=True)
class Invalid:
    """Code the rule must flag exactly once, at ``line`` (1-based)."""

    code: str
    line: int
    options: Mapping[str, Any] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    path: str = "example.py"


class Rule:
    """Identity, docs, options and examples shared by every kind of rule.

    Rules reported by the engine itself (parse errors, suppression problems) subclass this
    directly; rules that inspect the syntax tree subclass :class:`CstRule`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]  # one line for indexes and SARIF shortDescription
    message: ClassVar[str]
    severity: ClassVar[Severity] = Severity.MEDIUM
    confidence: ClassVar[Confidence] = Confidence.HIGH
    enabled_by_default: ClassVar[bool] = True
    # False for findings a run must never hide by accident (internal errors): only ignoring
    # the full code turns them off, whatever is selected.
    selectable: ClassVar[bool] = True
    docs: ClassVar[Docs]
    # CWE ids that describe the weakness (SARIF tags ``external/cwe/cwe-N``).
    cwe: ClassVar[tuple[int, ...]] = ()
    # Titles of cited CWEs that ruledocs.CWE_TITLES lacks (pack rules carry their own).
    cwe_titles: ClassVar[Mapping[int, str]] = {}
    # Further reading: the API or standard the rule is about.
    references: ClassVar[tuple[str, ...]] = ()
    # GitHub's 0.0-10.0 score, only for rules with a security impact.
    security_severity: ClassVar[float | None] = None
    options: ClassVar[tuple[Option, ...]] = ()
    valid: ClassVar[tuple[Valid, ...]] = ()
    invalid: ClassVar[tuple[Invalid, ...]] = ()

    @classmethod
    def family(cls) -> str:
        return FAMILIES[cls.code[3]]

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        return {option.name: option.default for option in cls.options}


class SemgrepRule(Rule):
    """A rule implemented in one of ailint's Semgrep packs.

    The YAML file is the rule's one home: :mod:`ailint.packs` builds one subclass per file
    from its metadata, and its annotated ``.py`` test beside it holds the examples.
    """

    pack_file: ClassVar[Path]
    semgrep_id: ClassVar[str]


@dataclass(frozen=True)
class Report:
    """A rule's raw report: the node to point at and the message; the engine adds positions."""

    node: cst.CSTNode
    message: str
    severity: Severity | None = None
    # See Finding.foreign_helpers.
    foreign_helpers: tuple[str, ...] = ()


@dataclass
class SourceFile:
    """What a rule may know about the file besides its tree.

    ``shared`` holds analyses that several rules of the same file need and build lazily
    (say, the bindings of one function): the first rule to ask builds it, the rest reuse it.
    """

    path: str
    module: cst.Module
    shared: dict[Any, Any] = field(default_factory=dict)
    # The decoded source the tree was parsed from, for analyses that need the text itself
    # (radon's complexity, comments scanned line by line) without generating code again.
    text: str = ""


class CstRule(Rule, cst.BatchableCSTVisitor):
    """A rule that runs in the engine's single batched libcst traversal.

    Subclasses implement ``visit_<Node>`` / ``leave_<Node>`` methods, keep state in
    attributes (a batched visitor cannot prune subtrees) and call :meth:`report`. They
    declare metadata they need in ``METADATA_DEPENDENCIES``; the engine resolves only those.
    """

    _visitor_names: ClassVar[dict[type, tuple[str, ...]]] = {}

    def __init__(self, options: Mapping[str, Any] | None = None, file: SourceFile | None = None) -> None:
        super().__init__()
        self.settings: Mapping[str, Any] = {**self.default_options(), **(options or {})}
        self.file = file if file is not None else SourceFile("<unknown>", cst.Module(body=()))
        self.reports: list[Report] = []

    def report(
        self,
        node: cst.CSTNode,
        message: str | None = None,
        severity: Severity | None = None,
        foreign_helpers: tuple[str, ...] = (),
    ) -> None:
        self.reports.append(Report(node, message or self.message, severity, foreign_helpers))

    @classmethod
    def get_inherited_dependencies(cls) -> frozenset[Any]:
        # libcst caches this on the first class asked and subclasses inherit that cache, so
        # a rule deriving from another class could lose its own declared metadata.
        cached = cls.__dict__.get("_declared_metadata")
        if cached is None:
            cached = frozenset(
                provider
                for klass in cls.__mro__
                if issubclass(klass, cst.MetadataDependent)
                for provider in klass.METADATA_DEPENDENCIES
            )
            cls._declared_metadata = cached
        return cached

    def get_visitors(self) -> Mapping[str, Any]:
        # libcst inspects every attribute of every instance; the names only depend on the class.
        names = CstRule._visitor_names.get(type(self))
        if names is None:
            names = tuple(super().get_visitors())
            CstRule._visitor_names[type(self)] = names
        return {name: getattr(self, name) for name in names}
