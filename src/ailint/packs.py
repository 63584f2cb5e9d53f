"""ailint's Semgrep packs: where they are installed and the rule classes built from them.

Each YAML file under the packs directory holds one Semgrep rule whose ``metadata`` carries
its ailint code, summary and documentation; this module turns each into a
:class:`~ailint.rule.SemgrepRule` subclass so that selection, docs, ``ailint explain`` and
SARIF treat pack rules exactly like libcst rules.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from ailint.rule import Confidence, Docs, SemgrepRule, Severity

_PACKAGE = Path(__file__).resolve().parent
# Where a wheel installs the packs, and where they live in a source checkout.
_INSTALLED = _PACKAGE / "packs"
_CHECKOUT = _PACKAGE.parent.parent / "rules"

_CWE = re.compile(r"^CWE-(?P<id>[0-9]+): (?P<title>\S.*)$")
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(Exception):
    """A pack file that is not a well-formed ailint rule, worded as one line."""


def packs_dir() -> Path:
    """The directory holding ailint's own packs (``semgrep --config`` accepts it as is)."""
    return _INSTALLED if _INSTALLED.is_dir() else _CHECKOUT


def pack_files(directory: Path | None = None) -> list[Path]:
    """Every rule file of the packs, in a stable order."""
    root = directory or packs_dir()
    return sorted(root.rglob("*.yaml")) if root.is_dir() else []


@cache
def pack_rules() -> tuple[type[SemgrepRule], ...]:
    """One rule class per pack file, in code order."""
    rules = [rule_from_file(path) for path in pack_files()]
    return tuple(sorted(rules, key=lambda rule: rule.code))


def rule_from_file(path: Path) -> type[SemgrepRule]:
    """The rule class for one pack file; raises :class:`PackError` when the file is malformed."""
    try:
        with path.open(encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=_SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        raise PackError(f"{path}: cannot read rule: {error}") from None
    rules = document.get("rules") if isinstance(document, dict) else None
    if not isinstance(rules, list) or len(rules) != 1 or not isinstance(rules[0], dict):
        raise PackError(f"{path}: expected exactly one rule under `rules:`")
    try:
        return _rule_class(path, rules[0])
    except (KeyError, TypeError, ValueError) as error:
        raise PackError(f"{path}: {type(error).__name__}: {error}") from None


def _rule_class(path: Path, rule: Mapping[str, Any]) -> type[SemgrepRule]:
    metadata = rule["metadata"]
    docs = metadata["docs"]
    code = metadata["ailint-code"]
    cwes = [_CWE.match(entry) for entry in metadata.get("cwe", ())]
    if not all(cwes):
        raise ValueError("cwe entries must read `CWE-<n>: <title>`")
    attributes = {
        "code": code,
        "name": rule["id"],
        "summary": metadata["summary"],
        "message": " ".join(rule["message"].split()),
        "severity": Severity(rule["severity"].lower()),
        "confidence": Confidence(metadata["confidence"].lower()),
        "docs": Docs(
            what=docs["what"].strip(),
            why=docs["why"].strip(),
            bad=docs["bad"],
            good=docs["good"],
            fix=docs["fix"].strip(),
            notes=(
                f"A Semgrep rule: `{rule['id']}` in `{path.relative_to(path.parents[1]).as_posix()}` of "
                "ailint's packs. It runs when Semgrep is installed; see docs/semgrep.md."
            ),
        ),
        "cwe": tuple(int(match["id"]) for match in cwes if match),
        "cwe_titles": {int(match["id"]): match["title"] for match in cwes if match},
        "references": tuple(metadata.get("references", ())),
        "security_severity": float(metadata["security-severity"]) if "security-severity" in metadata else None,
        "pack_file": path,
        "semgrep_id": rule["id"],
        "__module__": __name__,
        "__doc__": metadata["summary"],
    }
    return type(f"Pack{code}", (SemgrepRule,), attributes)
