"""AIL4xx: copy-paste, found by the clone index (:mod:`ailint.duplication`), not by a visitor.

Clones within one file are found file by file (so flake8 and editors show them); clones
across files need every file of the run and are found once per ``ailint check`` run.
"""

from __future__ import annotations

from typing import ClassVar

from ailint.rule import Confidence, Docs, Invalid, Rule, Severity, Valid

_HELPER = """\
def monthly_totals(orders):
    if not orders:
        return {}
    totals = {}
    for order in orders:
        if order.cancelled:
            continue
        month = order.created.strftime("%Y-%m")
        totals.setdefault(month, 0)
        totals[month] += order.amount
    return totals
"""
# The same function pasted with its names and literals changed: a type-2 clone.
_PASTED = """\
def weekly_totals(invoices):
    if not invoices:
        return {}
    sums = {}
    for invoice in invoices:
        if invoice.cancelled:
            continue
        week = invoice.created.strftime("%G-W%V")
        sums.setdefault(week, 0)
        sums[week] += invoice.amount
    return sums
"""
_BLOCK = """\
    rows = fetch(query)
    if not rows:
        log.warning("no rows for %s", query)
        return []
    cleaned = [row.strip() for row in rows if row]
    cleaned.sort(key=str.lower)
    report.write(cleaned)
    report.flush()
"""


# The same shape with two names swapped: a copy, but not the same function (min vs max).
_LARGER = """\
def larger(self, other, context):
    if self.is_special or other.is_special:
        return self.check_nans(other, context)
    order = self.copy_abs().compare(other.copy_abs())
    if order == 0:
        order = self.compare_total(other)
    if order == -1:
        answer = other
    else:
        answer = self
    return answer.fix(context)
"""
_SMALLER = _LARGER.replace("larger", "smaller").replace("answer = other", "answer = @").replace(
    "answer = self", "answer = other"
).replace("answer = @", "answer = self")
_EXPORT = "def export(query):\n" + _BLOCK + "    return len(cleaned)\n"
_PREVIEW = "def preview(query):\n" + _BLOCK + "    return cleaned[:10]\n"


class CloneRule(Rule):
    """A rule answered by the clone index. ``spans_files``: its copies can be in two files, so
    only a whole run (not flake8's one file) can tell whether a suppression of it is unused."""

    spans_files: ClassVar[bool] = False
    severity = Severity.LOW


class DuplicateBlockInFileRule(CloneRule):
    code = "AIL401"
    name = "duplicate-block-in-file"
    summary = "A block of code that repeats an earlier block of the same file"
    message = "lines {first}-{last} repeat {other}{similar}{more}: move the shared code into one function"
    confidence = Confidence.MEDIUM
    docs = Docs(
        what="A run of at least 6 statements and 50 tokens that repeats an earlier run in the same "
        "file, with identifiers and literals allowed to differ and a few statements added, removed "
        "or changed (80% of the statements must match). Reported on the later copy; the message "
        "and SARIF `relatedLocations` give the other copies.",
        why="Asked for a variant of existing behaviour, assistants paste the block and edit it "
        "instead of extracting a function. The copies then drift: a fix lands in one and not the "
        "other, and reviewers read the same logic twice.",
        bad=_EXPORT + "\n\n" + _PREVIEW,
        good="def load_rows(query):\n" + _BLOCK + "    return cleaned\n\n\n"
        "def export(query):\n    return len(load_rows(query))\n\n\n"
        "def preview(query):\n    return load_rows(query)[:10]\n",
        fix="Move the shared statements into one function and call it from both places; pass what "
        "differs as parameters. If the copies are meant to evolve apart, suppress the finding on "
        "either copy with a reason.",
        notes="Imports, docstrings, `__all__`, assignments of literals (settings, tables), decorators "
        "(so `pytest.mark.parametrize` tables), nested definitions and `if __name__ == \"__main__\":` "
        "stanzas are left out of the comparison. Thresholds and excluded paths are set under "
        "`[tool.ailint.duplication]`; test files count only with `include-tests = true`. A "
        "suppression on either copy silences the finding.",
    )
    valid = (
        Valid("def export(query):\n" + _BLOCK + "\n\ndef preview(query):\n    rows = fetch(query)\n    return rows[:10]\n"),
        # Only a three-statement prologue in common.
        Valid(
            "def a(path):\n    data = read(path)\n    if not data:\n        return None\n    return parse(data)\n\n\n"
            "def b(path):\n    data = read(path)\n    if not data:\n        return None\n    tree = build(data)\n"
            "    tree.prune()\n    tree.save(path)\n    audit(tree)\n    return tree\n"
        ),
        Valid("import os\nimport sys\nimport json\nimport re\nimport time\nimport math\nimport typing\n" * 2),
        Valid(
            "FIRST = 1\nSECOND = 'two'\nTHIRD = 3.0\nFOURTH = None\nFIFTH = [1, 2, 3]\nSIXTH = {'a': 1}\n"
            "ONE = 2\nTWO = 'three'\nTHREE = 4.0\nFOUR = None\nFIVE = [4, 5, 6]\nSIX = {'b': 2}\n"
        ),
        Valid(_EXPORT + "\n\n" + _PREVIEW, path="tests/test_export.py"),
        Valid(_EXPORT + "\n\n" + _PREVIEW, path="app/migrations/0002_export.py"),
    )
    invalid = (
        Invalid(_EXPORT + "\n\n" + _PREVIEW, line=14),
        Invalid(
            _EXPORT + "\n\n"
            + _PREVIEW.replace("cleaned.sort(key=str.lower)", "cleaned.reverse()").replace("report.flush()", "report.close()"),
            line=14,
        ),
    )


class DuplicateBlockAcrossFilesRule(CloneRule):
    code = "AIL402"
    name = "duplicate-block-across-files"
    summary = "A block of code that repeats a block of another file"
    message = "lines {first}-{last} repeat {other}{similar}{more}: share one implementation"
    confidence = Confidence.MEDIUM
    spans_files = True
    docs = Docs(
        what="A run of at least 6 statements and 50 tokens that repeats one in another file (an "
        "earlier one in path order), with identifiers and literals allowed to differ and a few "
        "statements added, removed or changed. Reported on the later copy, with the other copies in "
        "the message and in SARIF `relatedLocations`.",
        why="An assistant sees one file at a time: it rewrites a helper that already exists two "
        "directories away, or pastes a handler from a sibling module. Duplicated code across "
        "modules is where fixes get lost.",
        bad="# reports/export.py\n" + _EXPORT + "\n\n# reports/preview.py\n" + _PREVIEW,
        good="# reports/rows.py\ndef load_rows(query):\n" + _BLOCK + "\n\n# reports/preview.py\n"
        "from reports.rows import load_rows\n\n\ndef preview(query):\n    return load_rows(query)[:10]\n",
        fix="Keep one copy in a module both places can import, and call it. If the copies must stay "
        "apart (vendored code, generated code), exclude their paths under `[tool.ailint.duplication]` "
        "or suppress the finding on either copy.",
        notes="Needs every file of the run, so it is reported by `ailint check` (CLI, pre-commit, SARIF) "
        "and not by the flake8 plugin, which sees one file at a time; that is also why it has no "
        "single-file code example: tests/test_duplication.py checks it on real trees.",
    )
    valid = (Valid("def export(query):\n" + _BLOCK),)


class ReimplementedFunctionRule(CloneRule):
    code = "AIL403"
    name = "reimplemented-function"
    summary = "A function whose body is a copy of an existing function"
    spans_files = True
    message = "`{name}` re-implements `{original}` ({other}): call it instead"
    severity = Severity.MEDIUM
    docs = Docs(
        what="A function or method whose whole body is the same as an earlier one's once "
        "identifiers and literals are normalised (at least 6 statements and 50 tokens). The "
        "message names the original by its dotted path, within the file or across files.",
        why="Code assistants re-create helpers they were not shown: the project gains a second "
        "`monthly_totals` under another name, tested separately or not at all.",
        bad=_HELPER + "\n\n" + _PASTED,
        good=_HELPER + "\n\ndef weekly_totals(invoices):\n    return monthly_totals(invoices)\n",
        fix="Delete the copy and call the original, generalising it with a parameter if the copies "
        "differed only in a literal or a name.",
        notes="Across files it is reported by `ailint check` only; the flake8 plugin reports copies "
        "within one file. Methods that override a parent's method with the same body are reported too: "
        "the override is dead weight.",
    )
    valid = (
        Valid(_HELPER),
        Valid(_HELPER + "\n\n" + _PASTED.replace("        sums[week] += invoice.amount\n", "        sums[week] -= invoice.amount\n")),
        Valid("def a(x):\n    return x + 1\n\n\ndef b(y):\n    return y + 1\n"),
        Valid(_LARGER + "\n\n" + _SMALLER),
    )
    invalid = (
        Invalid(_HELPER + "\n\n" + _PASTED, line=14),
        Invalid(_HELPER + "\n\n@cache\n" + _PASTED, line=15),
    )


DUPLICATION_RULES: tuple[type[CloneRule], ...] = (
    DuplicateBlockInFileRule,
    DuplicateBlockAcrossFilesRule,
    ReimplementedFunctionRule,
)
