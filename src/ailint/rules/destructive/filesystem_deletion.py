"""AIL201: a recursive delete, or any delete aimed at a dangerous path."""

from __future__ import annotations

import libcst as cst

from ailint.rule import Confidence, Docs, Invalid, Severity, Valid
from ailint.rules.destructive.context import CONTEXT_NOTE, DestructiveCallRule
from ailint.rules.destructive.deletions import deletion, is_candidate, mass_deletion_listing
from ailint.rules.destructive.targets import Target, TargetKind, classify


class FilesystemDeletionRule(DestructiveCallRule):
    code = "AIL201"
    name = "filesystem-deletion"
    summary = "A recursive delete, or a file delete aimed at a dangerous path"
    message = (
        "`{function}` deletes a whole directory tree: make sure the path is one this code "
        "created, or use `tempfile.TemporaryDirectory`"
    )
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = (73,)
    docs = Docs(
        what="`shutil.rmtree` on any path that is not known to be temporary (medium), and "
        "`shutil.rmtree`, `os.remove`, `os.unlink`, `os.rmdir`, `os.removedirs` and "
        "`pathlib.Path.unlink` / `rmdir` on a dangerous target (high): the filesystem root, a "
        "system directory, the home or current directory, a wildcard, or a path built from an "
        "environment variable, `sys.argv`, parsed command-line arguments, `input()` or request "
        "data. Names are followed to what they were bound to (`target = os.environ['OUT']`), "
        "through `os.path.join`, `Path(...)`, `/`, `+` and f-strings.",
        why="Agents delete to \"start clean\": they wipe an output directory, a cache, a checkout. "
        "With a path from the environment or the command line, one unset variable or one wrong "
        "argument turns that into deleting a home directory or a whole disk, with the user's "
        "permissions and no undo. Recursive deletes deserve a reviewer's look every time.",
        bad="import os\nimport shutil\n\nshutil.rmtree(os.environ['BUILD_DIR'])\n",
        good="import shutil\nimport tempfile\n\nwork = tempfile.mkdtemp()\ntry:\n    build(work)\n"
        "finally:\n    shutil.rmtree(work)\n",
        fix="Delete only what the code created: keep scratch data in `tempfile.TemporaryDirectory()` "
        "or pytest's `tmp_path`. When the path comes from outside, resolve it and check that it "
        "lies under an allowed root (`path.resolve().is_relative_to(root)`) and is not the root "
        "itself; put the delete behind a `--dry-run` / confirmation flag.",
        notes="Deleting a single file at an ordinary computed path (`os.remove(lock_path)`) is "
        "routine and not flagged; only a dangerous target makes it worth a finding. A delete whose "
        "target is an entry of a `glob` or `listdir` loop is reported once, by AIL202 "
        "(mass-file-deletion), not here. `.unlink()` / `.rmdir()` count only on values known to be "
        "`pathlib` paths (`Path(...)`, `a / b` from one, `Path.home()`, a loop over `.glob()`), "
        "so `shared_memory.unlink()` is not confused with them. Functions must be imported: a "
        "local function called `remove` or `rmtree` is not flagged. " + CONTEXT_NOTE,
    )
    valid = (
        Valid("import shutil, tempfile\n\ntmpdir = tempfile.mkdtemp()\nshutil.rmtree(tmpdir)\n"),
        Valid(
            "import os, tempfile\n\nwith tempfile.NamedTemporaryFile(delete=False) as tmp:\n"
            "    tmp.write(data)\nos.remove(tmp.name)\n"
        ),
        Valid("import os\n\nos.remove(lock_path)\n"),
        Valid("import shutil\n\ndef test_build(tmp_path):\n    shutil.rmtree(tmp_path / 'out')\n"),
        Valid("import shutil\n\nshutil.rmtree('build')\n"),
        Valid("def rmtree(path):\n    print(path)\n\nrmtree('/')\n"),
        Valid("items.remove(item)\nshm.unlink()\n"),
        Valid(
            "import shutil, tempfile\n\nclass Job:\n    def setUp(self):\n        self.workdir = tempfile.mkdtemp()\n\n"
            "    def tearDown(self):\n        shutil.rmtree(self.workdir)\n"
        ),
        Valid("import shutil\n\nshutil.rmtree(out_dir)\n", options={"report-guarded": False}, path="tests/test_x.py"),
    )
    invalid = (
        Invalid("import shutil\n\nshutil.rmtree(out_dir)\n", line=3),
        Invalid("from shutil import rmtree as nuke\nimport sys\n\nnuke(sys.argv[1])\n", line=4),
        Invalid("import os\n\nos.remove(os.path.expanduser('~'))\n", line=3),
        Invalid("from pathlib import Path\n\ntarget = Path(input('path? '))\ntarget.unlink()\n", line=4),
        Invalid(
            "import os, shutil\n\ndef clean(args):\n    base = os.environ.get('DATA_DIR', '/srv/data')\n"
            "    shutil.rmtree(os.path.join(base, 'cache'))\n",
            line=5,
        ),
        Invalid("import shutil\n\nshutil.rmtree('/')\n", line=3),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not is_candidate(node, self.imports):
            return
        site = self.site(node)
        removal = deletion(node, site)
        if removal is None or mass_deletion_listing(removal, site) is not None:
            return
        target = classify(removal.target, site)
        if target.kind is TargetKind.TEMPORARY:
            return
        if target.kind is TargetKind.DANGEROUS:
            self.flag(site, dangerous_message(removal.function, target), Severity.HIGH, dangerous=True)
        elif removal.recursive:
            self.flag(site, self.message.format(function=removal.function), Severity.MEDIUM)


def dangerous_message(function: str, target: Target) -> str:
    if target.untrusted:
        what = f"a path built from {target.reason}"
    elif target.reason == "a wildcard":
        what = "a wildcard path"
    else:
        what = target.reason
    return f"`{function}` deletes {what}: check the path against an allowed root before deleting"
