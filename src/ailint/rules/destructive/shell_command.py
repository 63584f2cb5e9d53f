"""AIL203: ``rm -rf``, ``find -delete``, ``dd of=/dev/...``, ``mkfs`` and friends run from Python."""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from ailint.rule import Docs, Invalid, Severity, Valid
from ailint.rules.destructive.commands import (
    Command,
    Word,
    has_short_flag,
    is_device,
    process_caller,
    spawned_commands,
    split_options,
    target_of,
)
from ailint.rules.destructive.context import CONTEXT_NOTE, DestructiveCallRule, Site
from ailint.rules.destructive.targets import ORDINARY, Target, TargetKind


@dataclass(frozen=True)
class _Danger:
    """What one command destroys: its label for the message, the words it destroys, how badly."""

    label: str
    targets: tuple[Word, ...]
    consequence: str
    critical: bool = False  # critical rather than high on a dangerous target
    always_high: bool = False  # at least high whatever the target (devices)
    keeps_temporary: bool = False  # a temporary target does not make it harmless
    narrowed: bool = False  # the command picks matches by name or age under the target


_RM_CONSEQUENCE = "the whole tree goes at once, with no prompt and no undo"
_FIND_OPTIONS = frozenset({"-H", "-L", "-P", "-O0", "-O1", "-O2", "-O3"})
_FIND_PREDICATES = ("-", "(", "!", ",", ")")
_FIND_EXECUTORS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
_FIND_NARROWING = frozenset(
    {
        "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname",
        "-ilname", "-newer", "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-size", "-empty",
        "-user", "-group", "-inum", "-samefile", "-links",
    }
)
_DELETERS = frozenset({"rm", "shred", "unlink"})
_SYMBOLIC_MODE = re.compile(r"^([ugoa]*)([-+=])([rwxXst]*)$")


def _danger(command: Command) -> _Danger | None:
    program = command.program
    if program is None:
        return None
    arguments = command.arguments
    if program == "rm":
        return _rm(arguments)
    if program == "find":
        return _find(arguments)
    if program == "dd":
        return _dd(arguments)
    if program.startswith("mkfs") or program == "mke2fs":
        _, operands = split_options(arguments, frozenset({"-t", "-L", "-b", "-N", "-I", "-E", "-O", "-m", "-c"}))
        return _Danger(program, tuple(operands), "it formats the device and every file on it is gone",
                       critical=True, always_high=True)
    if program == "shred":
        _, operands = split_options(arguments, frozenset({"-n", "-s", "--iterations", "--size", "--random-source"}))
        return _Danger("shred", tuple(operands), "it overwrites the files so that no recovery tool brings them back")
    if program == "truncate":
        return _truncate(arguments)
    if program == "chmod":
        return _chmod(arguments)
    return None


def _rm(arguments: tuple[Word, ...]) -> _Danger | None:
    options, operands = split_options(arguments)
    recursive = "--recursive" in options or has_short_flag(options, "r", "R")
    unprotected = "--no-preserve-root" in options
    if not (recursive or unprotected):
        return None
    return _Danger(" ".join(["rm", *options]), tuple(operands), _RM_CONSEQUENCE, critical=unprotected)


def _find(arguments: tuple[Word, ...]) -> _Danger | None:
    position = 0
    while position < len(arguments) and arguments[position].literal in _FIND_OPTIONS:
        position += 1
    starts = []
    while position < len(arguments) and not (arguments[position].literal or "").startswith(_FIND_PREDICATES):
        starts.append(arguments[position])
        position += 1
    expression = [word.literal for word in arguments[position:]]
    label = None
    if "-delete" in expression:
        label = "find -delete"
    for index, literal in enumerate(expression[:-1]):
        following = (expression[index + 1] or "").rsplit("/", 1)[-1]
        if literal in _FIND_EXECUTORS and following in _DELETERS:
            label = f"find {literal} {following}"
    if label is None:
        return None
    narrowed = any(literal in _FIND_NARROWING for literal in expression)
    return _Danger(label, tuple(starts) or (Word((".",)),), "every match is deleted, with no prompt and no undo",
                   narrowed=narrowed)


def _dd(arguments: tuple[Word, ...]) -> _Danger | None:
    for word in arguments:
        if not word.startswith("of="):
            continue
        first = word.parts[0][3:]  # type: ignore[index]
        output = Word((first, *word.parts[1:]) if first else word.parts[1:])
        literal = output.literal
        if (literal is not None and is_device(literal)) or (literal is None and first.startswith("/dev/")):
            return _Danger("dd", (output,),
                           "it overwrites the device block by block, partition table and filesystems included",
                           critical=True, always_high=True)
    return None


def _truncate(arguments: tuple[Word, ...]) -> _Danger | None:
    options, operands = split_options(arguments, frozenset({"-s", "--size", "-r", "--reference"}))
    literals = [word.literal for word in arguments]
    emptied = any(literal in ("-s0", "--size=0") for literal in literals) or any(
        literal in ("-s", "--size") and following == "0" for literal, following in zip(literals, literals[1:])
    )
    if not emptied:
        return None
    return _Danger("truncate -s 0", tuple(operands), "it empties the files in place")


def _chmod(arguments: tuple[Word, ...]) -> _Danger | None:
    options, operands = split_options(arguments, frozenset({"--reference"}))
    if not ("--recursive" in options or has_short_flag(options, "R")) or not operands:
        return None
    mode = operands[0].literal
    if mode is None or not _world_writable(mode):
        return None
    return _Danger(f"chmod -R {mode}", tuple(operands[1:]),
                   "everything under it becomes writable by every user of the machine", keeps_temporary=True)


def _world_writable(mode: str) -> bool:
    if mode.isdigit():
        return len(mode) >= 3 and int(mode[-1]) & 2 != 0
    for clause in mode.split(","):
        match = _SYMBOLIC_MODE.match(clause)
        if match is not None and set(match.group(1)) & {"a", "o"} and match.group(2) in "+=" and "w" in match.group(3):
            return True
    return False


class DestructiveShellCommandRule(DestructiveCallRule):
    code = "AIL203"
    name = "destructive-shell-command"
    summary = "`rm -rf`, `find -delete`, `dd`, `mkfs` or `chmod -R 777` run from Python"
    message = "`{command}` on {target} run through `{caller}`: {consequence}"
    severity = Severity.HIGH
    docs = Docs(
        what="A process call (`subprocess.run`, `Popen`, `os.system`, `os.popen`, the `os.exec*` and "
        "`os.spawn*` families, `asyncio.create_subprocess_*`, `pexpect`) whose command is a recursive "
        "`rm` (`-r`, `-R`, `-rf`, `--recursive`) or `rm --no-preserve-root`, `find ... -delete` or "
        "`find ... -exec rm`, `dd of=/dev/...`, `mkfs`, `shred`, `truncate -s 0`, or `chmod -R 777` / "
        "`a+rwx`. The command may be an argv list, shell text (literal, f-string, `+`, `.format`, `%`), "
        "or a local name bound to one; shell text is split at `;`, `&&`, `||` and `|`, and wrappers "
        "such as `sudo`, `env X=1`, `nohup`, `timeout 10`, `xargs` and `sh -c \"...\"` are looked "
        "through. Severity is high (critical for `--no-preserve-root`, `dd` and `mkfs`) when a target "
        "is dangerous: the root, a system directory, the home or current directory, a bare wildcard, a "
        "shell variable, or a value from the environment, `sys.argv` or user input; medium otherwise. "
        "`dd` onto a device and `mkfs` are always at least high.",
        why="Agents reach for the shell: \"clean the build\" becomes `os.system(f\"rm -rf {path}\")`, "
        "\"reset the disk image\" becomes `dd`. The command runs with the user's permissions and "
        "nothing checks what the path turned out to be: an empty variable, a relative path run from "
        "the wrong directory or a wildcard in the home directory deletes far more than meant, and "
        "unlike the trash or version control, `rm -rf` and `shred` leave nothing to restore.",
        bad="import subprocess\n\n\ndef clean(output_dir):\n"
        "    subprocess.run(f\"rm -rf {output_dir}/*\", shell=True, check=True)\n",
        good="import shutil\nfrom pathlib import Path\n\n\ndef clean(output_dir):\n"
        "    output = Path(output_dir).resolve()\n"
        "    if output == Path.home() or output.parent == output:\n"
        "        raise ValueError(f\"refusing to clean {output}\")\n"
        "    shutil.rmtree(output)\n",
        fix="Do the work in Python, where the path can be checked: `shutil.rmtree` / `Path.unlink` "
        "on a path that was resolved and compared with the places that must never go (the root, the "
        "home directory, the repository). Create scratch space with `tempfile` so that deleting it "
        "is obviously safe. If a shell command is unavoidable, pass an argv list (no `shell=True`), "
        "quote nothing by hand, and put the call behind a dry-run flag or a confirmation.",
        notes="Precision decisions: a target under the temporary area (`/tmp/...`, `$TMPDIR`, a "
        "directory from `tempfile.mkdtemp()`, a `cwd=` or an earlier `cd` into one) or under "
        "`safe-path-prefixes` (`build/*` included) is not flagged, except for `chmod -R 777`, which "
        "opens a shared temporary directory to every local user. `rm -f` without a recursive flag is "
        "not flagged. A literal wildcard points where its directory does: a bare `*` or `.*` takes the "
        "current directory (high), `/*`, `~/*` and `/etc/*.conf` a dangerous place (high), `src/*` "
        "is no worse than `src` and `*.egg-info` is a selection (medium); an interpolated directory "
        "followed by `/*` (`f\"{out}/*\"`) is high, since an empty value turns it into `/*`. `find` "
        "with a `-name`, `-path`, `-mtime` or "
        "similar test only picks matches, so a dangerous starting point (`find . -name '*.pyc' "
        "-delete`) is medium, unless it is untrusted. `dd` writing to `/dev/null` and the other "
        "streams is a read test, not flagged. A string that is never passed to a process call is "
        "never flagged, and a command string is inspected with or without `shell=True` (without it "
        "the call fails, but the intent is the same). Local names are followed two assignments deep; "
        "a command built by a function call or read from a file is not seen. One finding per call, "
        "for its worst command. " + CONTEXT_NOTE,
    )
    valid = (
        Valid("import subprocess\n\nsubprocess.run([\"rm\", \"-f\", lockfile], check=True)\n"),
        Valid("import os\n\nos.system(\"rm -rf /tmp/build-cache\")\n"),
        Valid(
            "import subprocess\nimport tempfile\n\nscratch = tempfile.mkdtemp()\n"
            "subprocess.run([\"rm\", \"-rf\", scratch], check=True)\n"
        ),
        Valid(
            "import subprocess\n\n\ndef reset_workspace(tmp_path):\n"
            "    subprocess.run(\"rm -rf *\", shell=True, cwd=tmp_path)\n"
        ),
        Valid("command = \"rm -rf /\"\nprint(f\"never run {command}\")\n"),
        Valid("def system(command):\n    log.info(command)\n\n\nsystem(\"rm -rf /\")\n"),
        Valid("import subprocess\n\nsubprocess.run([\"dd\", \"if=/dev/sda\", \"of=/dev/null\", \"bs=1M\"])\n"),
        Valid("import subprocess\n\nsubprocess.run([\"chmod\", \"-R\", \"755\", \"public\"])\n"),
        Valid("import os\n\nos.system(\"find /tmp/uploads -mtime +7 -delete\")\n"),
    )
    invalid = (
        Invalid("import subprocess\n\nsubprocess.run([\"rm\", \"-rf\", \"/\"])\n", line=3),
        Invalid("import os\n\n\ndef reset(path):\n    os.system(f\"rm -rf {path}\")\n", line=5),
        Invalid("import subprocess as sp\n\nsp.check_call(\"cd project && sudo rm -fr ~\", shell=True)\n", line=3),
        Invalid("from os import system\n\nsystem(\"find . -name '*.log' -exec rm {} +\")\n", line=3),
        Invalid("import subprocess\n\nsubprocess.run([\"sudo\", \"dd\", \"if=image.iso\", \"of=/dev/sdb\"])\n", line=3),
        Invalid("import os\n\nos.system(\"chmod -R 777 /var/www\")\n", line=3),
    )

    def visit_Call(self, node: cst.Call) -> None:
        caller = process_caller(node, self.imports)
        if caller is None:
            return
        site = self.site(node)
        worst: tuple[Severity, str, bool] | None = None
        for command in spawned_commands(node, caller, site):
            danger = _danger(command)
            if danger is None:
                continue
            verdict = _judge(danger, command, site, caller)
            if verdict is not None and (worst is None or verdict[0].rank > worst[0].rank):
                worst = verdict
        if worst is not None:
            severity, message, dangerous = worst
            self.flag(site, message, severity, dangerous=dangerous)




def _judge(danger: _Danger, command: Command, site: Site, caller: str) -> tuple[Severity, str, bool] | None:
    """The severity and message for ``danger``, or None when its targets are all scratch space."""
    verdicts = _verdicts(danger, command, site)
    dangerous = next(((word, verdict) for word, verdict in verdicts if verdict.kind is TargetKind.DANGEROUS), None)
    temporary = [verdict.kind is TargetKind.TEMPORARY for _, verdict in verdicts]
    if temporary and all(temporary) and not danger.keeps_temporary:
        return None
    if dangerous is not None:
        severity = Severity.CRITICAL if danger.critical else Severity.HIGH
        target = _describe(*dangerous)
    else:
        severity = Severity.HIGH if danger.always_high else Severity.MEDIUM
        target = _describe(verdicts[0][0], verdicts[0][1]) if verdicts else "its input"
    message = DestructiveShellCommandRule.message.format(
        command=danger.label, target=target, caller=caller, consequence=danger.consequence
    )
    return severity, message, dangerous is not None or danger.always_high


def _verdicts(danger: _Danger, command: Command, site: Site) -> list[tuple[Word, Target]]:
    """Each target word of ``danger`` with what it points at."""
    verdicts = [(word, target_of(word, command, site)) for word in danger.targets]
    if danger.narrowed:
        # A name or age test picks matches under a dangerous place; an untrusted place stays dangerous.
        verdicts = [
            (word, ORDINARY if verdict.kind is TargetKind.DANGEROUS and not verdict.untrusted else verdict)
            for word, verdict in verdicts
        ]
    return verdicts


def _describe(word: Word, verdict: Target) -> str:
    text = f"`{word.describe()}`"
    return f"{text} ({verdict.reason})" if verdict.kind is TargetKind.DANGEROUS else text
