"""The commands a process-spawning call runs, as argv words, for the shell and git rules.

``subprocess.run(["rm", "-rf", path])``, ``os.system(f"cd {d} && rm -rf build")`` and
``asyncio.create_subprocess_exec("git", "push", "-f")`` all come down to simple commands: a
program and its arguments. Shell text is split the way a POSIX shell splits it (``shlex``,
with ``;``, ``&&``, ``||``, ``|`` and newlines ending a command); a value interpolated into
the text stays an expression inside its word, so the rules can ask where it came from.
Wrappers that run another command (``sudo``, ``env X=1``, ``nohup``, ``timeout 10``,
``sh -c "..."``) are peeled off, and a ``cd`` or a ``cwd=`` argument is remembered as the
directory the later commands run in.
"""

from __future__ import annotations

import re
import shlex
import string
from dataclasses import dataclass
from typing import Iterator, Sequence, Union

import libcst as cst

from ailint.names import ImportTable, dotted_name
from ailint.rules.destructive.context import Site
from ailint.rules.destructive.targets import (
    ORDINARY,
    TEMPORARY,
    Target,
    TargetKind,
    classify,
    classify_literal,
    is_safe_literal,
    string_literal,
)

# A word is made of literal text, interpolated expressions and values nothing is known about.
Part = Union[str, cst.BaseExpression, None]


@dataclass(frozen=True)
class Word:
    """One argv element; ``parts`` joined make its value."""

    parts: tuple[Part, ...]

    @property
    def literal(self) -> str | None:
        """The word's text when every part of it is literal."""
        if all(isinstance(part, str) for part in self.parts):
            return "".join(self.parts)  # type: ignore[arg-type]
        return None

    def startswith(self, prefix: str) -> bool:
        return bool(self.parts) and isinstance(self.parts[0], str) and self.parts[0].startswith(prefix)

    def describe(self, limit: int = 40) -> str:
        """The word as it would read in the source, interpolations shown as ``{expression}``."""
        pieces = []
        for part in self.parts:
            if isinstance(part, str):
                pieces.append(part)
            elif part is None:
                pieces.append("{...}")
            else:
                pieces.append("{" + " ".join(cst.Module(body=()).code_for_node(part).split()) + "}")
        text = "".join(pieces)
        return text if len(text) <= limit else text[: limit - 3] + "..."


UNKNOWN = Word((None,))
# Where a command runs: a ``cwd=`` expression, then the words of the ``cd`` commands before it.
Place = Union[Word, cst.BaseExpression]


@dataclass(frozen=True)
class Command:
    """A simple command with its wrappers removed: the program first, then its arguments."""

    words: tuple[Word, ...]
    places: tuple[Place, ...] = ()

    @property
    def program(self) -> str | None:
        """The program's base name (``/usr/bin/git`` gives ``git``), when it is literal."""
        first = self.words[0].literal if self.words else None
        return first.rsplit("/", 1)[-1] if first else None

    @property
    def arguments(self) -> tuple[Word, ...]:
        return self.words[1:]


@dataclass(frozen=True)
class _Spawner:
    position: int  # positional index of the command, or of the first argv element
    keyword: str | None = None  # the keyword the command may be passed as instead
    spread: bool = False  # the argv is every positional argument from ``position`` on
    drops_env: bool = False  # ``execle``-style: the last positional argument is the environment
    has_cwd: bool = False  # takes a ``cwd=`` keyword
    argument_list: bool = False  # pexpect.spawn: an ``args`` list after the program


_POPEN = _Spawner(0, "args", has_cwd=True)
PROCESS_CALLERS: dict[str, _Spawner] = {
    "subprocess.run": _POPEN,
    "subprocess.call": _POPEN,
    "subprocess.check_call": _POPEN,
    "subprocess.check_output": _POPEN,
    "subprocess.Popen": _POPEN,
    "subprocess.getoutput": _Spawner(0, "cmd"),
    "subprocess.getstatusoutput": _Spawner(0, "cmd"),
    "os.system": _Spawner(0),
    "os.popen": _Spawner(0),
    "os.execv": _Spawner(1),
    "os.execve": _Spawner(1),
    "os.execvp": _Spawner(1),
    "os.execvpe": _Spawner(1),
    "os.execl": _Spawner(1, spread=True),
    "os.execlp": _Spawner(1, spread=True),
    "os.execle": _Spawner(1, spread=True, drops_env=True),
    "os.execlpe": _Spawner(1, spread=True, drops_env=True),
    "os.spawnv": _Spawner(2),
    "os.spawnve": _Spawner(2),
    "os.spawnvp": _Spawner(2),
    "os.spawnvpe": _Spawner(2),
    "os.spawnl": _Spawner(2, spread=True),
    "os.spawnlp": _Spawner(2, spread=True),
    "os.spawnle": _Spawner(2, spread=True, drops_env=True),
    "os.spawnlpe": _Spawner(2, spread=True, drops_env=True),
    "os.posix_spawn": _Spawner(1),
    "os.posix_spawnp": _Spawner(1),
    "asyncio.create_subprocess_shell": _Spawner(0, "cmd", has_cwd=True),
    "asyncio.create_subprocess_exec": _Spawner(0, spread=True, has_cwd=True),
    "asyncio.subprocess.create_subprocess_shell": _Spawner(0, "cmd", has_cwd=True),
    "asyncio.subprocess.create_subprocess_exec": _Spawner(0, spread=True, has_cwd=True),
    "pexpect.spawn": _Spawner(0, "command", has_cwd=True, argument_list=True),
    "pexpect.spawnu": _Spawner(0, "command", has_cwd=True, argument_list=True),
    "pexpect.run": _Spawner(0, "command", has_cwd=True),
    "pexpect.runu": _Spawner(0, "command", has_cwd=True),
}
# The last part of every caller's name: most calls are rejected on this alone.
CALLER_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in PROCESS_CALLERS)

_OPERATOR_CHARS = "();<>|&\n"
_SENTINEL = re.compile("\ue000([0-9]+)\ue001")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "busybox"})
_QUOTING = frozenset({"shlex.quote", "pipes.quote", "builtins.str", "os.fspath"})
_MAX_DEPTH = 2
_MAX_NESTING = 3
# Wrappers that run the command after their own options: name -> options that take a value,
# and how many positional arguments of their own come before the command.
_WRAPPERS: dict[str, tuple[frozenset[str], int]] = {
    "sudo": (frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group",
                        "--prompt", "--chdir", "--host", "--role", "--type", "--other-user", "--close-from"}), 0),
    "doas": (frozenset({"-u", "-C"}), 0),
    "env": (frozenset({"-u", "--unset", "-C", "--chdir"}), 0),
    "nohup": (frozenset(), 0),
    "exec": (frozenset({"-a"}), 0),
    "command": (frozenset(), 0),
    "builtin": (frozenset(), 0),
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "ionice": (frozenset({"-c", "-n", "--class", "--classdata"}), 0),
    "time": (frozenset({"-f", "-o", "--format", "--output"}), 0),
    "timeout": (frozenset({"-s", "-k", "--signal", "--kill-after"}), 1),
    "stdbuf": (frozenset({"-i", "-o", "-e"}), 0),
    "xargs": (frozenset({"-I", "-n", "-P", "-d", "-L", "-s", "-a", "-E", "--max-args", "--max-procs",
                         "--delimiter", "--max-lines", "--max-chars", "--arg-file", "--eof", "--replace"}), 0),
}


def process_caller(call: cst.Call, imports: ImportTable) -> str | None:
    """The qualified name of the process-spawning function ``call`` calls, or None.

    Rejects nearly every call on the last part of its written name before resolving imports.
    """
    written = dotted_name(call.func)
    if written is None or written.rsplit(".", 1)[-1] not in CALLER_NAMES:
        return None
    qualified = imports.qualify(call.func)
    return qualified if qualified in PROCESS_CALLERS else None


def spawned_commands(call: cst.Call, caller: str, site: Site) -> tuple[Command, ...]:
    """The simple commands ``call`` runs; shared by the rules that inspect the same call."""
    key = ("spawned-commands", call)
    found = site.shared.get(key)
    if found is None:
        found = tuple(_spawned(call, PROCESS_CALLERS[caller], site))
        site.shared[key] = found
    return found


def _spawned(call: cst.Call, spawner: _Spawner, site: Site) -> list[Command]:
    positional = [arg for arg in call.args if arg.keyword is None]
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    places: tuple[Place, ...] = (keywords["cwd"],) if spawner.has_cwd and "cwd" in keywords else ()
    if spawner.spread:
        return _spread_commands(positional[spawner.position:], spawner, site, places)
    command = _command_argument(positional, keywords, spawner)
    if command is None:
        return []
    extra = _argument_list(positional, keywords, spawner)
    if extra is not None:
        rest = argv_words(extra, site)
        return commands_of_argv([argument_word(command, site), *(rest if rest is not None else [UNKNOWN])], places)
    return commands_of(command, site, places)


def _spread_commands(spread: list[cst.Arg], spawner: _Spawner, site: Site, places: tuple[Place, ...]) -> list[Command]:
    """``os.execl(path, "rm", "-rf", target)``: each argument from the spawner's position is one word."""
    if spawner.drops_env and spread:
        spread = spread[:-1]
    words = [Word((arg.value,)) if arg.star else argument_word(arg.value, site) for arg in spread]
    return commands_of_argv(words, places)


def _command_argument(
    positional: list[cst.Arg], keywords: dict[str, cst.BaseExpression], spawner: _Spawner
) -> cst.BaseExpression | None:
    """The command (an argv list or a shell text), passed by position or by keyword."""
    if len(positional) > spawner.position and not positional[spawner.position].star:
        return positional[spawner.position].value
    if spawner.keyword is not None:
        return keywords.get(spawner.keyword)
    return None


def _argument_list(
    positional: list[cst.Arg], keywords: dict[str, cst.BaseExpression], spawner: _Spawner
) -> cst.BaseExpression | None:
    """``pexpect.spawn``'s ``args`` list after the program; None when absent or empty."""
    if not spawner.argument_list:
        return None
    extra = keywords.get("args", positional[1].value if len(positional) > 1 else None)
    if extra is None or (isinstance(extra, (cst.List, cst.Tuple)) and not extra.elements):
        return None
    return extra


def commands_of(expr: cst.BaseExpression, site: Site, places: tuple[Place, ...] = ()) -> list[Command]:
    """The commands an argv list or a shell text runs."""
    words = argv_words(expr, site)
    if words is not None:
        return commands_of_argv(words, places)
    parts = text_parts(expr, site)
    if parts is None:
        return []
    return list(_commands_of_segments(shell_segments(parts), places, 0))


def commands_of_argv(words: Sequence[Word], places: tuple[Place, ...] = ()) -> list[Command]:
    return _unwrap(list(words), places, 0)


def _commands_of_segments(segments: list[list[Word]], places: tuple[Place, ...], nesting: int) -> Iterator[Command]:
    for segment in segments:
        for command in _unwrap(segment, places, nesting):
            if command.program in ("cd", "pushd"):
                target = next((word for word in command.arguments if not word.startswith("-")), Word(("~",)))
                places = (*places, target) if _is_relative(target) else (target,)
            yield command


def _unwrap(words: list[Word], places: tuple[Place, ...], nesting: int) -> list[Command]:
    """The command(s) ``words`` really run once wrappers and ``sh -c`` are peeled off."""
    while words:
        literal = words[0].literal
        if literal is None:
            break
        if _ASSIGNMENT.match(literal):
            words = words[1:]
            continue
        program = literal.rsplit("/", 1)[-1]
        if program in _WRAPPERS:
            takes_value, positionals = _WRAPPERS[program]
            words = _skip_options(words[1:], takes_value)[positionals:]
            continue
        if program in _SHELLS:
            text = _shell_text(words)
            if text is not None and nesting < _MAX_NESTING:
                return list(_commands_of_segments(shell_segments(text.parts), places, nesting + 1))
        break
    return [Command(tuple(words), places)] if words else []


def _skip_options(words: list[Word], takes_value: frozenset[str]) -> list[Word]:
    position = 0
    while position < len(words):
        literal = words[position].literal
        if literal is None or not literal.startswith("-") or literal == "-":
            break
        position += 1
        if literal == "--":
            break
        if literal in takes_value:
            position += 1
    return words[position:]


def _shell_text(words: list[Word]) -> Word | None:
    """The text of ``sh -c "text"`` or ``bash -lc "text"``; None for a script or a bare shell."""
    position = 1
    reads_text = False
    while position < len(words):
        literal = words[position].literal
        if literal is None or not literal.startswith(("-", "+")):
            break
        position += 1
        if literal in ("-o", "+o", "-O", "+O"):
            position += 1
        elif not literal.startswith("--") and "c" in literal[1:]:
            reads_text = True
    return words[position] if reads_text and position < len(words) else None


def shell_segments(parts: Sequence[Part]) -> list[list[Word]]:
    """Shell text split into simple commands' words; redirections are dropped."""
    text, expressions = _with_sentinels(parts)
    segments: list[list[Word]] = [[]]
    skip_next = False
    for token in _tokens(text):
        if token and all(char in _OPERATOR_CHARS for char in token):
            if _apply_operator(token, segments):
                skip_next = True
            continue
        if skip_next:
            skip_next = False
            continue
        segments[-1].append(_word(token, expressions))
    return [segment for segment in segments if segment]


def _with_sentinels(parts: Sequence[Part]) -> tuple[str, list[cst.BaseExpression | None]]:
    """The text with each interpolated expression replaced by a numbered sentinel that the
    shell lexer keeps inside its word, and the expressions by number."""
    expressions: list[cst.BaseExpression | None] = []
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.append(f"\ue000{len(expressions)}\ue001")
            expressions.append(part)
    return "".join(pieces), expressions


def _apply_operator(token: str, segments: list[list[Word]]) -> bool:
    """Ends the current simple command at a shell operator; True for a redirection, whose
    target is the next word and must be dropped."""
    current = segments[-1]
    if token in ("(", ")") and current and current[0].literal == "find":
        current.append(Word((token,)))  # find's grouping, escaped in the shell
    elif "<" in token or ">" in token:
        if current and len(current) > 1 and (current[-1].literal or "").isdigit():
            current.pop()  # the file descriptor of ``2>``
        return True
    elif current:
        segments.append([])
    return False


def _tokens(text: str) -> list[str]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=_OPERATOR_CHARS)
    lexer.whitespace_split = True
    lexer.whitespace = " \t\r"
    try:
        return list(lexer)
    except ValueError:  # unbalanced quotes: keep what can be read
        return re.findall(r"[();<>|&\n]+|[^\s();<>|&]+", text)


def _word(token: str, expressions: list[cst.BaseExpression | None]) -> Word:
    if "\ue000" not in token:
        return Word((token,))
    parts: list[Part] = []
    position = 0
    for match in _SENTINEL.finditer(token):
        if match.start() > position:
            parts.append(token[position:match.start()])
        index = int(match.group(1))
        parts.append(expressions[index] if index < len(expressions) else None)
        position = match.end()
    if position < len(token):
        parts.append(token[position:])
    return Word(tuple(parts))


# --- expressions to words -----------------------------------------------------------------


def argv_words(expr: cst.BaseExpression, site: Site, depth: int = 0) -> list[Word] | None:
    """The words of an argv list (``["rm", "-rf", path]``), or None when ``expr`` is not one."""
    if isinstance(expr, (cst.List, cst.Tuple)):
        return [
            Word((element.value,)) if isinstance(element, cst.StarredElement) else argument_word(element.value, site)
            for element in expr.elements
        ]
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _sum_words(expr, site, depth)
    if isinstance(expr, cst.Name) and depth < _MAX_DEPTH:
        value = _assigned_value(expr, site)
        return argv_words(value, site, depth + 1) if value is not None else None
    if isinstance(expr, cst.Call) and site.qualify(expr.func) == "shlex.split" and expr.args:
        return _split_words(expr.args[0].value, site, depth)
    return None


def _sum_words(expr: cst.BinaryOperation, site: Site, depth: int) -> list[Word] | None:
    """``["rm", "-rf"] + paths``: a side that is not a list literal stands for unknown words."""
    left, right = argv_words(expr.left, site, depth), argv_words(expr.right, site, depth)
    if left is None and right is None:
        return None
    return [*(left if left is not None else [UNKNOWN]), *(right if right is not None else [UNKNOWN])]


def _split_words(text: cst.BaseExpression, site: Site, depth: int) -> list[Word] | None:
    """The words of ``shlex.split(text)``."""
    parts = text_parts(text, site, depth)
    if parts is None:
        return None
    return [word for segment in shell_segments(parts) for word in segment]


def argument_word(expr: cst.BaseExpression, site: Site) -> Word:
    """One argv element: its text when it is built from strings, else the expression itself."""
    parts = text_parts(expr, site)
    return Word(tuple(parts)) if parts is not None else Word((_unquoted(expr, site),))


def text_parts(expr: cst.BaseExpression, site: Site, depth: int = 0) -> list[Part] | None:
    """A string-building expression as literal pieces and interpolated expressions.

    Handles literals, f-strings, ``+``, ``"...".format(...)``, ``"..." % ...``,
    ``" ".join([...])`` and a local name bound to one of those; None for anything else.
    """
    literal = string_literal(expr)
    if literal is not None:
        return [literal]
    if isinstance(expr, cst.FormattedString):
        return _formatted_parts(expr, site, depth)
    if isinstance(expr, cst.ConcatenatedString):
        left, right = text_parts(expr.left, site, depth), text_parts(expr.right, site, depth)
        return [*left, *right] if left is not None and right is not None else None
    if isinstance(expr, cst.BinaryOperation):
        return _operation_parts(expr, site, depth)
    if isinstance(expr, cst.Call):
        return _call_parts(expr, site, depth)
    if isinstance(expr, cst.Name) and depth < _MAX_DEPTH:
        value = _assigned_value(expr, site)
        return text_parts(value, site, depth + 1) if value is not None else None
    return None


def _operation_parts(expr: cst.BinaryOperation, site: Site, depth: int) -> list[Part] | None:
    """``"rm -rf " + path`` (a side that is not text is interpolated) and ``"rm %s" % path``."""
    if isinstance(expr.operator, cst.Add):
        left, right = text_parts(expr.left, site, depth), text_parts(expr.right, site, depth)
        if left is None and right is None:
            return None
        return [
            *(left if left is not None else _interpolated(expr.left, site, depth)),
            *(right if right is not None else _interpolated(expr.right, site, depth)),
        ]
    if isinstance(expr.operator, cst.Modulo):
        template = string_literal(expr.left)
        return _percent_parts(template, expr.right, site, depth) if template is not None else None
    return None


def _call_parts(call: cst.Call, site: Site, depth: int) -> list[Part] | None:
    """``"...".format(...)``, ``" ".join([...])`` and ``shlex.join([...])``."""
    if isinstance(call.func, cst.Attribute):
        return _method_parts(call, call.func, site, depth)
    if site.qualify(call.func) == "shlex.join" and call.args:
        words = argv_words(call.args[0].value, site, depth)
        return _joined(words) if words is not None else None
    return None


def _method_parts(call: cst.Call, func: cst.Attribute, site: Site, depth: int) -> list[Part] | None:
    separator = string_literal(func.value)
    if separator is None:
        return None
    if func.attr.value == "format":
        return _format_parts(separator, call, site, depth)
    if func.attr.value == "join" and separator.strip() == "" and separator and call.args:
        words = argv_words(call.args[0].value, site, depth)
        return _joined(words) if words is not None else None
    return None


def _joined(words: list[Word]) -> list[Part]:
    parts: list[Part] = []
    for position, word in enumerate(words):
        if position:
            parts.append(" ")
        parts.extend(word.parts)
    return parts


def _formatted_parts(expr: cst.FormattedString, site: Site, depth: int) -> list[Part]:
    raw = "r" in expr.prefix.lower()
    parts: list[Part] = []
    for part in expr.parts:
        if isinstance(part, cst.FormattedStringText):
            parts.append(_unescape(part.value, raw))
        else:
            parts.extend(_interpolated(part.expression, site, depth))
    return parts


def _unescape(text: str, raw: bool) -> str:
    text = text.replace("{{", "{").replace("}}", "}")
    if raw or "\\" not in text:
        return text
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return text


def _format_parts(template: str, call: cst.Call, site: Site, depth: int) -> list[Part] | None:
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    parts: list[Part] = []
    automatic = iter(positional)
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for text, field, _, _ in fields:
        if text:
            parts.append(text)
        if field is None:
            continue
        value = _field_value(field, positional, keywords, automatic)
        parts.extend(_interpolated(value, site, depth) if value is not None else [None])
    return parts


def _field_value(
    field: str,
    positional: list[cst.BaseExpression],
    keywords: dict[str, cst.BaseExpression],
    automatic: Iterator[cst.BaseExpression],
) -> cst.BaseExpression | None:
    """The argument a replacement field takes: ``{}`` the next positional one, ``{0}`` by
    index, ``{name}`` by keyword; None when it is missing or the field is an expression."""
    if field == "":
        return next(automatic, None)
    if field.isdigit():
        return positional[int(field)] if int(field) < len(positional) else None
    if field.isidentifier():
        return keywords.get(field)
    return None


_PERCENT = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[hlL]?([diouxXeEfFgGcrsa%])")


def _percent_parts(template: str, values: cst.BaseExpression, site: Site, depth: int) -> list[Part]:
    if isinstance(values, cst.Tuple):
        sequence: list[cst.BaseExpression] = [element.value for element in values.elements]
    else:
        sequence = [values]
    mapping = {}
    if isinstance(values, cst.Dict):
        for element in values.elements:
            key = string_literal(element.key) if isinstance(element, cst.DictElement) else None
            if key is not None:
                mapping[key] = element.value
    parts: list[Part] = []
    position = 0
    used = 0
    for match in _PERCENT.finditer(template):
        parts.append(template[position:match.start()])
        position = match.end()
        if match.group(2) == "%":
            parts.append("%")
            continue
        if match.group(1) is not None:
            value = mapping.get(match.group(1))
        else:
            value = sequence[used] if used < len(sequence) and not isinstance(values, cst.Dict) else None
            used += 1
        parts.extend(_interpolated(value, site, depth) if value is not None else [None])
    parts.append(template[position:])
    return [part for part in parts if part != ""]


def _interpolated(expr: cst.BaseExpression, site: Site, depth: int) -> list[Part]:
    """A value put into a command: its text when it is a known string, else the expression."""
    if isinstance(expr, cst.Name) and depth < _MAX_DEPTH:
        value = _assigned_value(expr, site)
        if value is not None:
            parts = text_parts(value, site, depth + 1)
            if parts is not None:
                return parts
    literal = string_literal(expr)
    if literal is not None:
        return [literal]
    return [_unquoted(expr, site)]


def _unquoted(expr: cst.BaseExpression, site: Site) -> cst.BaseExpression:
    """``shlex.quote(path)`` and ``str(path)`` point where ``path`` points."""
    while isinstance(expr, cst.Call) and len(expr.args) == 1 and site.qualify(expr.func) in _QUOTING:
        expr = expr.args[0].value
    return expr


def _assigned_value(name: cst.Name, site: Site) -> cst.BaseExpression | None:
    binding = site.binding(name.value)
    if binding is None or binding.kind != "assign" or binding.index is not None:
        return None
    return binding.value


# --- where words point ----------------------------------------------------------------------

_DEVICE_STREAMS = frozenset(
    {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/stdin", "/dev/stdout",
     "/dev/stderr", "/dev/tty", "/dev/ptmx"}
)
_TEMP_VARIABLES = frozenset({"TMPDIR", "TMP", "TEMP", "RUNNER_TEMP"})
_SHELL_VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_WILDCARD = re.compile(r"[*?\[]")
_EVERYTHING = frozenset({"*", "**", ".*", "*.*", "*/"})
WILDCARD = "a wildcard"
_WHOLE_PLACE = frozenset({WILDCARD, "the current directory"})


def is_device(path: str) -> bool:
    """A block or character device other than the harmless streams (``/dev/null``...)."""
    if not path.startswith("/dev/") or len(path) == 5:
        return False
    return path not in _DEVICE_STREAMS and not path.startswith("/dev/fd/")


def literal_target(text: str, safe_prefixes: tuple[str, ...]) -> Target:
    """Where a literal shell word points; shell variables and wildcards read like a shell."""
    stripped = text.strip()
    variable = _SHELL_VARIABLE.match(stripped)
    if variable is not None and variable.group(1) not in ("HOME", "PWD"):
        if variable.group(1) in _TEMP_VARIABLES:
            return TEMPORARY
        return Target(TargetKind.DANGEROUS, "a shell variable", untrusted=True)
    if _WILDCARD.search(stripped):
        return _wildcard_target(stripped, safe_prefixes)
    if is_device(stripped):
        return Target(TargetKind.DANGEROUS, "a device")
    return classify_literal(stripped, safe_prefixes)


def _wildcard_target(pattern: str, safe_prefixes: tuple[str, ...]) -> Target:
    """A pattern points where its directory does: ``build/*`` is scratch space, ``/etc/*.conf``
    a system directory, ``src/*`` no worse than ``src``; a bare ``*`` takes the current directory."""
    components = pattern.split("/")
    first = next(position for position, part in enumerate(components) if _WILDCARD.search(part))
    directory = "/".join(components[:first]) or ("/" if pattern.startswith("/") else "")
    if not directory:
        everything = any(part in _EVERYTHING for part in components)
        return Target(TargetKind.DANGEROUS, WILDCARD) if everything else ORDINARY
    if is_safe_literal(directory, safe_prefixes):
        return TEMPORARY
    place = classify_literal(directory, safe_prefixes)
    return place if place.kind is TargetKind.DANGEROUS else ORDINARY


def word_target(word: Word, site: Site) -> Target:
    """Where one word points, following its interpolated expressions."""
    prefixes = site.settings["safe-path-prefixes"]
    literal = word.literal
    if literal is not None:
        return literal_target(literal, prefixes)
    verdicts: list[tuple[Part, Target]] = []
    for position, part in enumerate(word.parts):
        if isinstance(part, str):
            # Text after an interpolation continues its path: ``{d}/*`` is everything in ``d``.
            text = part if position == 0 else part.lstrip("/")
            if text.strip("/"):
                verdicts.append((part, literal_target(text, prefixes)))
        else:
            verdicts.append((part, ORDINARY if part is None else classify(part, site)))
    if not verdicts:
        return ORDINARY
    first = verdicts[0][1]
    if first.kind is TargetKind.TEMPORARY:
        return first
    for part, verdict in verdicts:
        if verdict.untrusted or (isinstance(part, str) and verdict.reason == WILDCARD):
            return verdict
    return first if len(word.parts) == 1 else ORDINARY


def place_target(places: Sequence[Place], site: Site) -> Target | None:
    """Where a command runs, or None when nothing says (the process's own directory)."""
    verdict: Target | None = None
    for place in places:
        own = word_target(place, site) if isinstance(place, Word) else classify(place, site)
        if verdict is None or not (isinstance(place, Word) and _is_relative(place)):
            verdict = own
        elif verdict.kind is TargetKind.TEMPORARY and not _climbs(place):
            continue
        elif not verdict.untrusted:
            verdict = own
    return verdict


def target_of(word: Word, command: Command, site: Site) -> Target:
    """Where an argument of ``command`` points, relative ones seen from where it runs."""
    own = word_target(word, site)
    if not command.places or not _is_relative(word):
        return own
    place = place_target(command.places, site)
    if place is None:
        return own
    if place.kind is TargetKind.TEMPORARY and not _climbs(word):
        return TEMPORARY
    if place.untrusted:
        return place
    if own.reason in _WHOLE_PLACE:
        return place if place.kind is TargetKind.DANGEROUS else ORDINARY
    return own


def _is_relative(word: Word) -> bool:
    first = word.parts[0] if word.parts else None
    return isinstance(first, str) and not first.startswith(("/", "~", "$"))


def _climbs(word: Word) -> bool:
    literal = word.literal
    return literal is None or ".." in literal.split("/")


# --- option helpers shared by the rules -----------------------------------------------------


def split_options(words: Sequence[Word], takes_value: frozenset[str] = frozenset()) -> tuple[list[str], list[Word]]:
    """The literal options (``-rf``, ``--force``) and the other words, ``--`` ending options."""
    options: list[str] = []
    operands: list[Word] = []
    position = 0
    while position < len(words):
        word = words[position]
        literal = word.literal
        position += 1
        if literal == "--":
            operands.extend(words[position:])
            break
        if literal is not None and literal.startswith("-") and literal != "-":
            options.append(literal)
            if literal in takes_value and position < len(words):
                position += 1
        else:
            operands.append(word)
    return options, operands


def has_short_flag(options: Sequence[str], *letters: str) -> bool:
    """Whether a short option cluster (``-rf``, ``-fdx``) holds one of ``letters``."""
    return any(
        not option.startswith("--") and any(letter in option[1:] for letter in letters) for option in options
    )
