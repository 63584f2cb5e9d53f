"""AIL202: deleting every entry of a glob or directory listing in a loop."""

from __future__ import annotations

import libcst as cst

from ailint.names import dotted_name
from ailint.rule import Confidence, Docs, Invalid, Severity, Valid
from ailint.rules.destructive.context import CONTEXT_NOTE, DestructiveCallRule, Site, mentions_guard, snippet
from ailint.rules.destructive.deletions import deletion, is_candidate, mass_deletion_listing
from ailint.rules.destructive.scope import COMPREHENSIONS
from ailint.rules.destructive.targets import TargetKind
from ailint.traversal import walk_scope


class MassFileDeletionRule(DestructiveCallRule):
    code = "AIL202"
    name = "mass-file-deletion"
    summary = "Files deleted one by one over a glob or directory listing"
    message = "`{function}` in a loop over `{listing}` deletes every entry it yields{where}: {advice}"
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = (73,)
    docs = Docs(
        what="A delete (`os.remove`, `os.unlink`, `Path.unlink`, `shutil.rmtree`, ...) whose "
        "target is an entry of a loop or comprehension over `glob.glob`, `glob.iglob`, "
        "`os.listdir`, `os.scandir`, `os.walk`, `Path.glob`, `Path.rglob` or `Path.iterdir`, "
        "directly or through a name bound to the listing. High when the listing takes every "
        "entry (`*`, `listdir`, `iterdir`) of a dangerous directory (root, home, current "
        "directory, or one from the environment or the command line), medium otherwise.",
        why="\"Clean up the old files\" is a typical request to an assistant, and the loop it writes "
        "deletes whatever the pattern matches in whatever directory the script runs from. One "
        "wrong base directory or a pattern broader than intended empties a directory of data.",
        bad="import glob\nimport os\n\nfor path in glob.glob(os.path.join(os.environ['DATA'], '*')):\n"
        "    os.remove(path)\n",
        good="import glob\nimport os\n\nfor path in glob.glob(os.path.join(export_dir, 'report-*.csv')):\n"
        "    if is_expired(path):\n        os.remove(path)\n",
        fix="Narrow the pattern to the files the code owns (a prefix and extension), resolve the "
        "directory and check it against an allowed root, add a dry-run mode that lists what "
        "would go, or keep the files in a `tempfile.TemporaryDirectory` that cleans itself.",
        notes="A loop that deletes under a temporary directory or a safe literal prefix (`/tmp/...`, "
        "`build/`) is not flagged, and a delete inside such a loop is reported here rather than "
        "by AIL201, once. A delete under an `if` that picks entries (`if is_expired(path):`, "
        "`if name.endswith('.tmp'):`), or in an `except` block after a check of the entry, is taken as selective and not flagged; a test of the entry's "
        "kind only (`is_dir()`, `os.path.isfile`) or a guard (`if not dry_run:`) does not count "
        "as picking. " + CONTEXT_NOTE,
    )
    valid = (
        Valid("import glob, os, tempfile\n\nwork = tempfile.mkdtemp()\nfor f in glob.glob(work + '/*'):\n    os.remove(f)\n"),
        Valid("import os\n\nfor f in files_to_remove:\n    os.remove(f)\n"),
        Valid("import glob, os\n\nfor f in glob.glob('build/*.o'):\n    os.remove(f)\n"),
        Valid("import os\n\nfor name in os.listdir(cache):\n    if name.endswith('.tmp'):\n        os.remove(os.path.join(cache, name))\n"),
        Valid("import glob\n\nfor f in glob.glob('*.log'):\n    print(f)\n"),
        Valid("def test_cleanup(tmp_path):\n    for p in tmp_path.iterdir():\n        p.unlink()\n"),
    )
    invalid = (
        Invalid("import glob, os\n\nfor f in glob.glob('*.pyc'):\n    os.remove(f)\n", line=4),
        Invalid("import os\n\nfor name in os.listdir('.'):\n    os.remove(name)\n", line=4),
        Invalid("from pathlib import Path\n\nfor p in Path(out).glob('**/*.csv'):\n    p.unlink()\n", line=4),
        Invalid("import os, shutil\n\n[shutil.rmtree(e.path) for e in os.scandir(root) if e.is_dir()]\n", line=3),
        Invalid(
            "import os\n\nfor top, dirs, files in os.walk(root):\n    for name in files:\n"
            "        os.remove(os.path.join(top, name))\n",
            line=5,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not is_candidate(node, self.imports):
            return
        site = self.site(node)
        removal = deletion(node, site)
        if removal is None:
            return
        listing = mass_deletion_listing(removal, site)
        if listing is None or _filtered(node, site):
            return
        directory = listing.directory_target(site)
        dangerous = directory.kind is TargetKind.DANGEROUS and (listing.everything or directory.untrusted)
        where = f" in {directory.reason}" if directory.kind is TargetKind.DANGEROUS else ""
        advice = (
            "check the directory against an allowed root and narrow the pattern"
            if dangerous
            else "narrow the pattern to the files this code owns, or add a dry-run"
        )
        message = self.message.format(function=removal.function, listing=snippet(listing.call), where=where, advice=advice)
        self.flag(site, message, Severity.HIGH if dangerous else Severity.MEDIUM, dangerous=dangerous)


def _filtered(call: cst.Call, site: Site) -> bool:
    """Whether an ``if`` between the loop and the delete picks which entries go."""
    for ancestor in site.facts.ancestors(call):
        if isinstance(ancestor, cst.For):
            return False
        if isinstance(ancestor, COMPREHENSIONS):
            clause = ancestor.for_in
            while clause is not None:
                if any(_picks(condition.test, site) for condition in clause.ifs):
                    return True
                clause = clause.inner_for_in
            return False
        if isinstance(ancestor, (cst.If, cst.IfExp)) and _picks(ancestor.test, site):
            return True
        if isinstance(ancestor, cst.ExceptHandler):  # deletes only the entries that failed a check
            return True
    return False


def _picks(test: cst.BaseExpression, site: Site) -> bool:
    """A test that selects entries: not a guard flag, not only a check of the entry's kind."""
    if mentions_guard(test, site):
        return False
    calls = [node for node in walk_scope(test) if isinstance(node, cst.Call)]
    kind_checks = [call for call in calls if (dotted_name(call.func) or "").rsplit(".", 1)[-1] in _KIND_CHECKS]
    return not calls or len(kind_checks) < len(calls)


_KIND_CHECKS = frozenset({"is_dir", "is_file", "is_symlink", "isdir", "isfile", "islink", "exists"})
