"""AIL204: git commands that rewrite or throw away history and uncommitted work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import libcst as cst

from ailint.names import dotted_name
from ailint.rule import Docs, Invalid, Severity, Valid
from ailint.rules.destructive.commands import (
    Command,
    Place,
    Word,
    argument_word,
    argv_words,
    commands_of,
    has_short_flag,
    place_target,
    process_caller,
    spawned_commands,
    split_options,
)
from ailint.rules.destructive.context import CONTEXT_NOTE, DestructiveCallRule, Site
from ailint.rules.destructive.targets import TargetKind, string_literal


@dataclass(frozen=True)
class _GitDanger:
    label: str
    severity: Severity
    consequence: str
    fix: str


_GLOBAL_OPTIONS_WITH_VALUE = frozenset(
    {"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--exec-path", "--super-prefix"}
)
_REPOSITORY_OPTIONS = ("-C", "--git-dir", "--work-tree")
_WHOLE_TREE = frozenset({".", "./", "*", ":/", ":/*", ":(top)", ":(top)*"})
_PUSH_VALUES = frozenset({"-o", "--push-option", "--repo", "--receive-pack", "--exec"})
_FORCE_PUSH = (
    "it replaces the remote branch with the local one and drops whatever others pushed to it",
    "use `--force-with-lease`, which refuses when the remote moved, or push to a new branch",
)
_DISCARD = "it overwrites uncommitted changes in the working tree, which git cannot give back"

# GitPython: methods that may run one of the commands below, and ``Git.execute`` keywords that
# configure the call rather than become git options.
_GITPYTHON_METHODS = frozenset(
    {"push", "reset", "clean", "branch", "checkout", "restore", "delete_head", "execute"}
)
_EXECUTE_KEYWORDS = frozenset(
    {
        "as_process", "istream", "with_extended_output", "with_exceptions", "with_stdout", "universal_newlines",
        "shell", "env", "max_chunk_size", "kill_after_timeout", "stdout_as_string", "strip_newline_in_stdout",
        "output_stream", "insert_kwargs_after", "progress", "allow_unsafe_protocols", "allow_unsafe_options",
        "refspec",
    }
)
_REPOSITORY_FACTORIES = {"Repo": 0, "init": 0, "clone_from": 1}
_REPOSITORY_KEYWORDS = {"Repo": "path", "init": "path", "clone_from": "to_path"}


def git_danger(arguments: Sequence[Word]) -> _GitDanger | None:
    """What the git command with these arguments (after ``git``) destroys, or None."""
    subcommand, rest = _subcommand(arguments)
    judge = _JUDGES.get(subcommand)
    return judge(rest) if judge is not None else None


def repository_places(arguments: Sequence[Word]) -> list[Place]:
    """The directories git's global options (``-C dir``, ``--work-tree=dir``) point it at."""
    places: list[Place] = []
    position = 0
    while position < len(arguments):
        literal = arguments[position].literal
        if literal is None or not literal.startswith("-"):
            break
        if literal in _REPOSITORY_OPTIONS and position + 1 < len(arguments):
            places.append(arguments[position + 1])
        elif literal.startswith(tuple(f"{option}=" for option in _REPOSITORY_OPTIONS[1:])):
            places.append(Word((literal.split("=", 1)[1],)))
        position += 2 if literal in _GLOBAL_OPTIONS_WITH_VALUE else 1
    return places


def _subcommand(arguments: Sequence[Word]) -> tuple[str | None, Sequence[Word]]:
    position = 0
    while position < len(arguments):
        literal = arguments[position].literal
        if literal is None or not literal.startswith("-"):
            return literal, arguments[position + 1:]
        position += 2 if literal in _GLOBAL_OPTIONS_WITH_VALUE else 1
    return None, ()


def _push(rest: Sequence[Word]) -> _GitDanger | None:
    options, operands = split_options(rest, _PUSH_VALUES)
    if "--dry-run" in options or has_short_flag(options, "n"):
        return None
    literals = [word.literal or "" for word in operands]
    flag = _force_push_flag(options, literals)
    if flag is not None:
        return _GitDanger(f"git push {flag}", Severity.HIGH, *_FORCE_PUSH)
    deleted = _deleting_push_flag(options, literals)
    if deleted is not None:
        return _GitDanger(
            f"git push {deleted}", Severity.MEDIUM,
            "it deletes the remote branch, and the commits only it held, for everyone",
            "delete remote branches by hand, or only ones your code created",
        )
    return None


def _force_push_flag(options: Sequence[str], refspecs: list[str]) -> str | None:
    """``--force``, ``-f`` or a ``+branch`` refspec, as written; None for a normal push."""
    flag = next((option for option in options if option == "--force"), None)
    if flag is None and has_short_flag(options, "f"):
        flag = "-f"
    if flag is None:
        flag = next((literal for literal in refspecs if literal.startswith("+") and len(literal) > 1), None)
    return flag


def _deleting_push_flag(options: Sequence[str], refspecs: list[str]) -> str | None:
    """A ``:branch`` refspec or ``--delete`` / ``-d``, as written; None when nothing is deleted."""
    deleted = next((literal for literal in refspecs if literal.startswith(":") and len(literal) > 1), None)
    if deleted is None and ("--delete" in options or has_short_flag(options, "d")):
        deleted = "--delete"
    return deleted


def _reset(rest: Sequence[Word]) -> _GitDanger | None:
    options, _ = split_options(rest)
    if "--hard" not in options:
        return None
    return _GitDanger(
        "git reset --hard", Severity.HIGH,
        "it throws away every uncommitted change in the index and the working tree",
        "commit or `git stash` first, or use `git reset --keep` / `--soft`",
    )


def _branch(rest: Sequence[Word]) -> _GitDanger | None:
    options, _ = split_options(rest)
    deletes = "--delete" in options or has_short_flag(options, "d")
    forced = "--force" in options or has_short_flag(options, "f")
    if not (has_short_flag(options, "D") or (deletes and forced)):
        return None
    return _GitDanger(
        "git branch -D", Severity.MEDIUM,
        "it deletes the branch even when its commits are merged nowhere",
        "use `git branch -d`, which refuses to drop unmerged work",
    )


def _restore(rest: Sequence[Word]) -> _GitDanger | None:
    options, operands = split_options(rest, frozenset({"-s", "--source"}))
    staged_only = ("--staged" in options or has_short_flag(options, "S")) and not (
        "--worktree" in options or has_short_flag(options, "W")
    )
    if staged_only or not any(word.literal in _WHOLE_TREE for word in operands):
        return None
    return _GitDanger("git restore .", Severity.MEDIUM, _DISCARD, "commit or `git stash` the changes first")


def _clean(rest: Sequence[Word]) -> _GitDanger | None:
    options, _ = split_options(rest, frozenset({"-e", "--exclude"}))
    forced = "--force" in options or has_short_flag(options, "f")
    dry = {"--dry-run", "--interactive"} & set(options) or has_short_flag(options, "n", "i")
    if not forced or dry:
        return None
    flags = [option for option in options if not option.startswith(("-e", "--exclude"))]
    return _GitDanger(
        " ".join(["git clean", *flags]), Severity.HIGH,
        "it deletes untracked files, which git never stored and cannot restore",
        "run `git clean -n` and show the list first, or move the files aside",
    )


def _checkout(rest: Sequence[Word]) -> _GitDanger | None:
    options, operands = split_options(rest, frozenset({"-b", "-B", "--orphan", "--conflict"}))
    if "--force" in options or has_short_flag(options, "f"):
        label = "git checkout -f"
    elif any(word.literal in _WHOLE_TREE for word in operands):
        label = "git checkout ."
    else:
        return None
    return _GitDanger(label, Severity.MEDIUM, _DISCARD, "commit or `git stash` the changes first")


_JUDGES: dict[str | None, Callable[[Sequence[Word]], _GitDanger | None]] = {
    "push": _push,
    "reset": _reset,
    "clean": _clean,
    "branch": _branch,
    "checkout": _checkout,
    "restore": _restore,
}


# --- GitPython ------------------------------------------------------------------------------


_IMPLIED = {
    "reset": ("working_tree", ("reset", "--hard")),
    "delete_head": ("force", ("branch", "-D")),
    "checkout": ("force", ("checkout", "-f")),
}


def gitpython_shape(call: cst.Call, func: cst.Attribute) -> bool:
    """Whether a method call in a GitPython module may run a destructive git command (no lookups)."""
    method = func.attr.value
    if isinstance(func.value, cst.Attribute) and func.value.attr.value == "git":
        return True
    if method == "push":
        return bool(call.args)
    keyword = _IMPLIED.get(method, (None,))[0]
    return any(arg.keyword is not None and arg.keyword.value == keyword and _is_true(arg.value) for arg in call.args)


def gitpython_commands(call: cst.Call, func: cst.Attribute, site: Site) -> list[Command]:
    """The git command a GitPython call of :func:`gitpython_shape` runs, in the repository it opened."""
    method = func.attr.value
    receiver = func.value
    place = _repository_path(receiver, site)
    places: tuple[Place, ...] = (place,) if place is not None else ()
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "git":
        return _git_method_commands(call, method, positional, site, places)
    if method == "push":
        return [_push_command(call, positional, site, places)]
    return [Command((_literal("git"), *map(_literal, _IMPLIED[method][1])), places)]


def _git_method_commands(
    call: cst.Call, method: str, positional: list[cst.BaseExpression], site: Site, places: tuple[Place, ...]
) -> list[Command]:
    """``repo.git.<subcommand>(...)``: the method names the subcommand; ``execute`` takes a whole command."""
    if method == "execute":
        return commands_of(positional[0], site, places) if positional else []
    words = [_literal("git"), _literal(method.replace("_", "-")), *_option_words(call),
             *(argument_word(value, site) for value in positional)]
    return [Command(tuple(words), places)]


def _push_command(
    call: cst.Call, positional: list[cst.BaseExpression], site: Site, places: tuple[Place, ...]
) -> Command:
    """``remote.push(...)``: refspecs by position or as ``refspec=``, options as keywords."""
    refspecs: list[Word] = [argument_word(value, site) for value in positional]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "refspec":
            refspecs.extend(argv_words(arg.value, site) or [argument_word(arg.value, site)])
    return Command((_literal("git"), _literal("push"), *_option_words(call), *refspecs), places)


def _literal(text: str) -> Word:
    return Word((text,))


def _is_true(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "True"


def _option_words(call: cst.Call) -> list[Word]:
    """GitPython's keyword-to-option conversion: ``force=True`` is ``--force``, ``D=True`` ``-D``."""
    words = []
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value in _EXECUTE_KEYWORDS:
            continue
        name = arg.keyword.value
        option = f"-{name}" if len(name) == 1 else f"--{name.replace('_', '-')}"
        if _is_true(arg.value):
            words.append(_literal(option))
            continue
        value = string_literal(arg.value)
        if value is None and isinstance(arg.value, cst.Integer):
            value = arg.value.value
        if value is not None:  # an unknown value may be False: precision first
            words.append(_literal(f"{option}{value}" if len(name) == 1 else f"{option}={value}"))
    return words


def _repository_path(expr: cst.BaseExpression, site: Site, depth: int = 0) -> cst.BaseExpression | None:
    """The path a GitPython object's repository was opened at: ``Repo(path)``, ``Repo.init(path)``."""
    if depth > 4:
        return None
    if isinstance(expr, cst.Name):
        binding = site.binding(expr.value)
        if binding is None or binding.value is None or binding.index is not None or binding.kind == "loop":
            return None
        return _repository_path(binding.value, site, depth + 1)
    if isinstance(expr, cst.Attribute):
        return _repository_path(expr.value, site, depth + 1)
    if not isinstance(expr, cst.Call):
        return None
    factory = _repository_factory(expr)
    if factory is not None:
        return _path_argument(expr, factory)
    if isinstance(expr.func, cst.Attribute):
        return _repository_path(expr.func.value, site, depth + 1)
    return None


def _repository_factory(call: cst.Call) -> str | None:
    """``Repo``, ``init`` or ``clone_from`` when ``call`` opens a repository, else None."""
    written = dotted_name(call.func) or ""
    factory = written.rsplit(".", 1)[-1]
    if factory in _REPOSITORY_FACTORIES and (factory == "Repo" or written.endswith(f"Repo.{factory}")):
        return factory
    return None


def _path_argument(call: cst.Call, factory: str) -> cst.BaseExpression | None:
    """The path argument of a repository factory call, by position or by keyword."""
    position = _REPOSITORY_FACTORIES[factory]
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    if len(positional) > position:
        return positional[position]
    keyword = _REPOSITORY_KEYWORDS[factory]
    return next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == keyword), None)


def _imports_gitpython(modules: Sequence[cst.BaseExpression | None]) -> bool:
    return any(
        module is not None and (dotted_name(module) or "").split(".", 1)[0] == "git" for module in modules
    )


class DestructiveGitCommandRule(DestructiveCallRule):
    code = "AIL204"
    name = "destructive-git-command"
    summary = "`git push --force`, `reset --hard`, `clean -f` or `branch -D` run from Python"
    message = "`{command}` run through `{caller}`: {consequence}; {fix}"
    severity = Severity.HIGH
    docs = Docs(
        what="A git command run from Python that rewrites shared history or throws away work: "
        "`git push --force` / `-f` / a `+refspec` (high), `git reset --hard` (high), `git clean -f` "
        "and its `-fd` / `-fdx` forms (high), deleting a remote branch with `git push --delete` / "
        "`:branch`, `git branch -D`, and discarding local changes with `git checkout -f`, `git "
        "checkout .` / `git checkout -- .` or `git restore .` (medium). The command may go through "
        "any process call AIL203 knows (argv list or shell text, `sudo` and `sh -c` looked through, "
        "git's global options such as `-C dir` and `-c k=v` skipped) or through GitPython when the "
        "module imports `git`: `repo.git.push(force=True)`, `repo.git.clean(\"-fdx\")`, "
        "`remote.push(force=True)`, `repo.head.reset(working_tree=True)`, "
        "`repo.delete_head(name, force=True)`, `head.checkout(force=True)`.",
        why="Coding agents run git with the user's credentials. When a push is rejected, the quick "
        "\"fix\" is `--force`, which silently replaces a teammate's commits on the remote; when the "
        "tree is dirty, `git reset --hard`, `git checkout .` or `git clean -fdx` make it clean by "
        "destroying the uncommitted and untracked work that was there, which git never stored and "
        "cannot restore. Written into a script or a tool, the command runs again on every machine "
        "it reaches.",
        bad="import subprocess\n\n\ndef publish(branch):\n"
        "    subprocess.run([\"git\", \"push\", \"--force\", \"origin\", branch], check=True)\n",
        good="import subprocess\n\n\ndef publish(branch):\n"
        "    subprocess.run([\"git\", \"push\", \"--force-with-lease\", \"origin\", branch], check=True)\n",
        fix="Push with `--force-with-lease` (and `--force-if-includes`), which refuses when the remote "
        "has commits you have not seen, or push to a new branch. Before discarding changes, commit or "
        "`git stash` them; use `git reset --keep` or `--soft`, `git branch -d` (refuses unmerged "
        "branches), and `git clean -n` to show what would go. Leave remote branch deletion to people.",
        notes="`--force-with-lease` alone is the fix and not flagged; given together with `--force`, "
        "the `--force` wins and is flagged; a push with `-n` / `--dry-run` changes nothing. `git "
        "clean` with `-n` / `--dry-run` or `-i` is not flagged, "
        "nor `git branch -d`, `git reset --soft` / `--mixed` / `--keep`, `git checkout -b`, `git "
        "checkout -- one_file.py` (a single path, deliberately) or `git restore --staged .` (it only "
        "unstages). A command whose repository is temporary (a `cwd=`, `cd` or `-C` into a "
        "`tempfile` directory or `tmp_path`, or a GitPython `Repo` opened there) is not flagged: "
        "tests and tools build scratch repositories all the time. GitPython keyword options count "
        "only with a literal value (`force=True`); `force=args.force` may be false and is not "
        "flagged. Severity does not depend on the branch: a force push to a feature branch can "
        "destroy a colleague's work as well as one to `main`. " + CONTEXT_NOTE,
    )
    valid = (
        Valid("import subprocess\n\nsubprocess.run([\"git\", \"push\", \"--force-with-lease\", \"origin\", branch])\n"),
        Valid("import subprocess\n\nsubprocess.run(\"git clean -n -d\", shell=True)\n"),
        Valid("import subprocess\n\nsubprocess.run([\"git\", \"reset\", \"--soft\", \"HEAD~1\"])\n"),
        Valid("import subprocess\n\nsubprocess.run([\"git\", \"checkout\", \"-b\", \"feature/login\"])\n"),
        Valid("import subprocess\n\nsubprocess.run([\"git\", \"branch\", \"-d\", merged])\n"),
        Valid("import subprocess\n\nsubprocess.run([\"git\", \"restore\", \"--staged\", \".\"])\n"),
        Valid(
            "import subprocess\nimport tempfile\n\nwork = tempfile.mkdtemp()\n"
            "subprocess.run([\"git\", \"reset\", \"--hard\"], cwd=work)\n"
        ),
        Valid("from git import Repo\n\nrepo = Repo('.')\nrepo.remote().push(force=args.force)\n"),
        Valid("stack.push(force=True)\nrepo.git.reset('--hard')\n"),
    )
    invalid = (
        Invalid("import subprocess\n\nsubprocess.run([\"git\", \"push\", \"-f\", \"origin\", \"main\"])\n", line=3),
        Invalid("import os\n\nos.system(\"git fetch && git reset --hard origin/main\")\n", line=3),
        Invalid("import subprocess\n\nsubprocess.check_call([\"git\", \"-C\", repo, \"clean\", \"-fdx\"])\n", line=3),
        Invalid("import git\n\nrepo = git.Repo(path)\nrepo.git.push(\"origin\", \"main\", force=True)\n", line=4),
        Invalid("from git import Repo\n\nrepo = Repo('.')\nrepo.head.reset('HEAD~1', index=True, working_tree=True)\n",
                line=4),
        Invalid("import subprocess\n\nsubprocess.run(\"git checkout -- .\", shell=True)\n", line=3),
    )

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self._gitpython = False

    def visit_Import(self, node: cst.Import) -> None:
        super().visit_Import(node)
        self._gitpython = self._gitpython or _imports_gitpython([alias.name for alias in node.names])

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        super().visit_ImportFrom(node)
        self._gitpython = self._gitpython or (not node.relative and _imports_gitpython([node.module]))

    def visit_Call(self, node: cst.Call) -> None:
        caller = process_caller(node, self.imports)
        if caller is not None:
            site = self.site(node)
            commands: Sequence[Command] = spawned_commands(node, caller, site)
        elif (
            self._gitpython
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in _GITPYTHON_METHODS
            and gitpython_shape(node, node.func)
        ):
            site = self.site(node)
            commands = gitpython_commands(node, node.func, site)
            caller = " ".join(cst.Module(body=()).code_for_node(node.func).split())
        else:
            return
        worst: tuple[_GitDanger, Command] | None = None
        for command in commands:
            if command.program != "git":
                continue
            danger = git_danger(command.arguments)
            if danger is None or _in_scratch_repository(command, site):
                continue
            if worst is None or (danger.severity is Severity.HIGH and worst[0].severity is not Severity.HIGH):
                worst = (danger, command)
        if worst is not None:
            danger = worst[0]
            message = self.message.format(
                command=danger.label, caller=caller, consequence=danger.consequence, fix=danger.fix
            )
            self.flag(site, message, danger.severity)


def _in_scratch_repository(command: Command, site: Site) -> bool:
    place = place_target((*command.places, *repository_places(command.arguments)), site)
    return place is not None and place.kind is TargetKind.TEMPORARY
