"""What a deletion points at: scratch space, a dangerous place, or an ordinary path.

The verdict follows an expression through the code around the call: names to the value
they were bound to, ``os.path.join`` / ``Path(...)`` / ``/`` / f-strings to their parts.
A path is *temporary* when its base came from ``tempfile``, pytest's ``tmp_path`` or a
safe literal prefix; *dangerous* when it is the filesystem root, a system directory, the
home or current directory, or a wildcard, or when any part of it came from the
environment, ``sys.argv``, command-line arguments, ``input()`` or request data.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

import libcst as cst

from ailint.names import dotted_name
from ailint.rules.destructive.context import Site
from ailint.rules.destructive.scope import class_attribute_values


class TargetKind(enum.Enum):
    TEMPORARY = "temporary"
    DANGEROUS = "dangerous"
    ORDINARY = "ordinary"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    reason: str = ""  # for a dangerous target: "the filesystem root", "an environment variable"...
    untrusted: bool = False  # dangerous because of where its value came from, not where it points


ORDINARY = Target(TargetKind.ORDINARY)
TEMPORARY = Target(TargetKind.TEMPORARY, "a temporary path")

TEMP_FACTORIES = frozenset(
    {
        "tempfile.mkdtemp", "tempfile.mkstemp", "tempfile.mktemp", "tempfile.gettempdir",
        "tempfile.gettempdirb", "tempfile.TemporaryDirectory", "tempfile.NamedTemporaryFile",
        "tempfile.TemporaryFile", "tempfile.SpooledTemporaryFile",
    }
)
TEMP_METHODS = frozenset({"mkdtemp", "mkstemp", "mktemp"})
PYTEST_TEMP_FIXTURES = frozenset({"tmp_path", "tmpdir", "tmp_path_factory", "tmpdir_factory"})
# Calls whose result is a path built from their arguments, the first one being the base.
PATH_BUILDERS = frozenset(
    {
        "os.path.join", "os.path.abspath", "os.path.realpath", "os.path.normpath",
        "os.path.expanduser", "os.path.expandvars", "os.fspath", "os.fsencode", "os.fsdecode",
        "builtins.str", "builtins.bytes", "pathlib.Path", "pathlib.PurePath",
        "pathlib.PosixPath", "pathlib.WindowsPath", "posixpath.join", "ntpath.join",
    }
)
# Methods of a path that return a path under (or equal to) the receiver.
PATH_METHODS = frozenset({"resolve", "absolute", "expanduser", "joinpath", "with_name", "with_suffix", "mktemp"})
LOCATIONS = {
    "pathlib.Path.home": "the home directory",
    "pathlib.Path.cwd": "the current directory",
    "os.getcwd": "the current directory",
    "os.getcwdb": "the current directory",
}
ENVIRONMENT = frozenset({"os.getenv", "os.getenvb", "os.environ.get", "os.environ.__getitem__", "os.environb.get"})
REQUEST_ATTRIBUTES = frozenset(
    {"GET", "POST", "FILES", "args", "form", "values", "json", "data", "query_params", "files", "cookies", "headers"}
)
SYSTEM_DIRECTORIES = frozenset(
    {
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/mnt", "/opt", "/proc", "/root",
        "/sbin", "/srv", "/sys", "/usr", "/var", "/Users", "/System", "/Applications", "/Library",
    }
)
# Names whose value is a known place, and calls whose result is one whatever their arguments.
_NAMED_TARGETS = {
    "sys.argv": Target(TargetKind.DANGEROUS, "sys.argv", untrusted=True),
    "os.curdir": Target(TargetKind.DANGEROUS, "the current directory"),
    "os.path.curdir": Target(TargetKind.DANGEROUS, "the current directory"),
    "os.sep": Target(TargetKind.DANGEROUS, "the filesystem root"),
    "os.path.sep": Target(TargetKind.DANGEROUS, "the filesystem root"),
}
_CALL_TARGETS = {
    **dict.fromkeys(TEMP_FACTORIES, TEMPORARY),
    **{name: Target(TargetKind.DANGEROUS, place) for name, place in LOCATIONS.items()},
    "builtins.input": Target(TargetKind.DANGEROUS, "user input", untrusted=True),
    **dict.fromkeys(ENVIRONMENT, Target(TargetKind.DANGEROUS, "an environment variable", untrusted=True)),
    "tmp_path_factory.mktemp": TEMPORARY,
    "tmpdir_factory.mktemp": TEMPORARY,
}
_WINDOWS_ROOT = re.compile(r"^[A-Za-z]:[\\/]*$")
_MAX_DEPTH = 6


def string_literal(expr: cst.BaseExpression) -> str | None:
    """The value of a plain or implicitly concatenated string literal."""
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        return value.decode("latin-1") if isinstance(value, bytes) else value
    if isinstance(expr, cst.ConcatenatedString):
        left, right = string_literal(expr.left), string_literal(expr.right)
        return left + right if left is not None and right is not None else None
    return None


def classify(expr: cst.BaseExpression, site: Site, depth: int = 0) -> Target:
    """Where ``expr`` points, as seen from the call at ``site``."""
    if depth > _MAX_DEPTH:
        return ORDINARY
    text = string_literal(expr)
    if text is not None:
        return classify_literal(text, site.settings["safe-path-prefixes"])
    if isinstance(expr, cst.Name):
        return _classify_name(expr.value, site, depth)
    if isinstance(expr, cst.Attribute):
        return _classify_attribute(expr, site, depth)
    if isinstance(expr, cst.Subscript):
        return _classify_subscript(expr, site, depth)
    if isinstance(expr, cst.Call):
        return _classify_call(expr, site, depth)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Divide, cst.Add)):
        return _combine([expr.left, expr.right], site, depth)
    if isinstance(expr, cst.FormattedString):
        parts: list[cst.BaseExpression | str] = [
            part.value if isinstance(part, cst.FormattedStringText) else part.expression for part in expr.parts
        ]
        return _combine(parts, site, depth)
    return ORDINARY


def classify_literal(text: str, safe_prefixes: tuple[str, ...] = ()) -> Target:
    stripped = text.strip()
    if stripped in ("/", "//", "\\") or _WINDOWS_ROOT.match(stripped):
        return Target(TargetKind.DANGEROUS, "the filesystem root")
    if stripped in ("~", "~/", "$HOME", "${HOME}", "$HOME/", "%USERPROFILE%"):
        return Target(TargetKind.DANGEROUS, "the home directory")
    if stripped in (".", "./", "..", "../", "$PWD", "${PWD}"):
        return Target(TargetKind.DANGEROUS, "the current directory" if stripped.startswith((".", "$")) and ".." not in stripped else "the parent directory")
    if "*" in stripped or "?" in stripped:
        return Target(TargetKind.DANGEROUS, "a wildcard")
    if stripped.rstrip("/") in SYSTEM_DIRECTORIES:
        return Target(TargetKind.DANGEROUS, f"the system directory {stripped.rstrip('/')}")
    if is_safe_literal(stripped, safe_prefixes):
        return TEMPORARY
    return ORDINARY


def is_safe_literal(path: str, safe_prefixes: tuple[str, ...]) -> bool:
    normalised = path[2:] if path.startswith("./") else path
    for prefix in safe_prefixes:
        bare = prefix.rstrip("/")
        if bare and (normalised.rstrip("/") == bare or normalised.startswith(bare + "/")):
            return True
    return False


def _classify_name(name: str, site: Site, depth: int) -> Target:
    binding = site.binding(name)
    if binding is None:
        return ORDINARY
    if binding.kind == "parameter":
        return TEMPORARY if name in PYTEST_TEMP_FIXTURES else ORDINARY
    if binding.value is None:
        return ORDINARY
    site = site.reading(binding.value)
    if binding.kind == "loop":
        # One entry of a listing: temporary or dangerous as the listed directory is.
        listing = listing_of(binding.value, site)
        return listing.directory_target(site, depth + 1) if listing is not None else ORDINARY
    if binding.index is not None:
        return _classify_unpacked(binding.value, binding.index, site, depth)
    if binding.kind == "assign" and _is_parse_args(binding.value):
        return Target(TargetKind.DANGEROUS, "command-line arguments", untrusted=True)
    return classify(binding.value, site, depth + 1)


def _classify_unpacked(value: cst.BaseExpression, index: int, site: Site, depth: int) -> Target:
    if isinstance(value, (cst.Tuple, cst.List)) and index < len(value.elements):
        return classify(value.elements[index].value, site, depth + 1)
    if isinstance(value, cst.Call) and site.qualify(value.func) == "tempfile.mkstemp" and index == 1:
        return TEMPORARY
    return ORDINARY


def _is_parse_args(value: cst.BaseExpression) -> bool:
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value in ("parse_args", "parse_known_args")
    )


def _classify_attribute(expr: cst.Attribute, site: Site, depth: int) -> Target:
    named = _NAMED_TARGETS.get(site.qualify(expr) or "")
    if named is not None:
        return named
    written = dotted_name(expr) or ""
    head, _, rest = written.partition(".")
    if head == "request" and rest.split(".", 1)[0] in REQUEST_ATTRIBUTES:
        return Target(TargetKind.DANGEROUS, "request data", untrusted=True)
    if head == "self" and rest and "." not in rest and site.klass is not None:
        return _classify_self_attribute(site.klass, rest, site, depth)
    if isinstance(expr.value, cst.Name) and rest:
        return _classify_name_attribute(expr.value, expr.attr.value, site, depth)
    if isinstance(expr.value, cst.Call) and expr.attr.value == "name":
        return classify(expr.value, site, depth + 1)
    return ORDINARY


def _classify_name_attribute(owner: cst.Name, attribute: str, site: Site, depth: int) -> Target:
    """``args.path`` where ``args = parser.parse_args()``, ``tmp.name`` for a temporary file."""
    base = _classify_name(owner.value, site, depth)
    if base.untrusted or (base.kind is TargetKind.TEMPORARY and attribute in ("name", "parent")):
        return base
    return ORDINARY


def _classify_self_attribute(klass: cst.ClassDef, name: str, site: Site, depth: int) -> Target:
    """``self.name``: dangerous if any value the class gives it is, temporary if all are."""
    verdicts = [classify(value, site, depth + 1) for value in class_attribute_values(klass, name, site.shared)]
    dangerous = next((verdict for verdict in verdicts if verdict.kind is TargetKind.DANGEROUS), None)
    if dangerous is not None:
        return dangerous
    if verdicts and all(verdict.kind is TargetKind.TEMPORARY for verdict in verdicts):
        return TEMPORARY
    return ORDINARY


def _classify_subscript(expr: cst.Subscript, site: Site, depth: int) -> Target:
    qualified = site.qualify(expr.value)
    if qualified == "sys.argv":
        return Target(TargetKind.DANGEROUS, "sys.argv", untrusted=True)
    if qualified in ("os.environ", "os.environb"):
        return Target(TargetKind.DANGEROUS, "an environment variable", untrusted=True)
    written = dotted_name(expr.value) or ""
    head, _, rest = written.partition(".")
    if head == "request" and rest in REQUEST_ATTRIBUTES:
        return Target(TargetKind.DANGEROUS, "request data", untrusted=True)
    if isinstance(expr.value, cst.Call) and site.qualify(expr.value.func) == "tempfile.mkstemp":
        return TEMPORARY
    base = classify(expr.value, site, depth + 1)
    return base if base.untrusted else ORDINARY


def _classify_call(call: cst.Call, site: Site, depth: int) -> Target:
    qualified = site.qualify(call.func) or ""
    known = _CALL_TARGETS.get(qualified)
    if known is not None:
        return known
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in TEMP_METHODS:
        return TEMPORARY  # ``self.mkdtemp()``: a test case's helper around tempfile
    arguments = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    if qualified in PATH_BUILDERS:
        return _combine(arguments, site, depth) if arguments else ORDINARY
    if isinstance(call.func, cst.Attribute) and (call.func.attr.value in PATH_METHODS or call.func.attr.value == "format"):
        return _combine([call.func.value, *arguments], site, depth)
    return ORDINARY


def _combine(parts: list[cst.BaseExpression | str], site: Site, depth: int) -> Target:
    """A path made of ``parts``: temporary if its base is, dangerous if any part is untrusted.

    A dangerous place followed by more parts (``Path.home() / ".cache"``) points under it,
    so only a lone part, a wildcard or an untrusted part makes the whole dangerous.
    """
    verdicts = [
        classify_literal(part, site.settings["safe-path-prefixes"]) if isinstance(part, str) else classify(part, site, depth + 1)
        for part in parts
    ]
    meaningful = [
        (part, verdict) for part, verdict in zip(parts, verdicts) if not (isinstance(part, str) and part.strip("/") == "")
    ]
    if not meaningful:
        return verdicts[0] if verdicts else ORDINARY
    first = meaningful[0][1]
    if first.kind is TargetKind.TEMPORARY:
        return TEMPORARY
    for part, verdict in meaningful:
        if verdict.untrusted:
            return verdict
        if isinstance(part, str) and verdict.reason == "a wildcard":
            return verdict
    if len(meaningful) == 1 and len(parts) == 1:
        return first
    return ORDINARY


LISTING_FUNCTIONS = frozenset({"glob.glob", "glob.iglob", "os.listdir", "os.scandir", "os.walk", "os.fwalk"})
LISTING_METHODS = frozenset({"glob", "rglob", "iterdir", "walk"})
_EVERYTHING = frozenset({"*", "**", "*.*"})
_WILDCARD = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Listing:
    """A directory listing or glob: what it lists, and whether it takes every entry."""

    call: cst.Call
    directory: tuple[cst.BaseExpression | str, ...]  # the path parts before any wildcard
    everything: bool

    def directory_target(self, site: Site, depth: int = 0) -> Target:
        if not self.directory:
            return Target(TargetKind.DANGEROUS, "the current directory")
        parts: list[cst.BaseExpression | str] = []
        for part in self.directory:  # rejoin literal runs so safe prefixes see whole paths
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] = f"{parts[-1]}/{part}"
            else:
                parts.append(part)
        return _combine(parts, site, depth)


def listing_of(iterable: cst.BaseExpression, site: Site, depth: int = 0) -> Listing | None:
    """``glob.glob("x/*")``, ``os.listdir(d)``, ``d.rglob("*")``..., through names and ``sorted()``."""
    if isinstance(iterable, cst.Name) and depth < 2:
        return _bound_listing(iterable, site, depth)
    if not isinstance(iterable, cst.Call):
        return None
    qualified = site.qualify(iterable.func) or ""
    if qualified in ("builtins.sorted", "builtins.list", "builtins.reversed", "builtins.enumerate") and iterable.args:
        return listing_of(iterable.args[0].value, site, depth)
    arguments = [arg.value for arg in iterable.args if arg.keyword is None and not arg.star]
    if qualified in ("glob.glob", "glob.iglob"):
        return _glob_listing(iterable, arguments)
    if qualified in LISTING_FUNCTIONS:
        return Listing(iterable, tuple(arguments[:1]), True)
    if isinstance(iterable.func, cst.Attribute) and iterable.func.attr.value in LISTING_METHODS:
        return _method_listing(iterable, iterable.func, arguments)
    return None


def _bound_listing(name: cst.Name, site: Site, depth: int) -> Listing | None:
    """The listing a name was assigned (``paths = glob.glob(...)``)."""
    binding = site.binding(name.value)
    if binding is not None and binding.kind == "assign" and binding.index is None and binding.value is not None:
        return listing_of(binding.value, site, depth + 1)
    return None


def _glob_listing(call: cst.Call, arguments: list[cst.BaseExpression]) -> Listing | None:
    """``glob.glob(pattern)``: the directory is the pattern's parts before the first wildcard."""
    if not arguments:
        return None
    directory, everything = _split_pattern(_path_parts(arguments[0]))
    return Listing(call, directory, everything)


def _method_listing(call: cst.Call, func: cst.Attribute, arguments: list[cst.BaseExpression]) -> Listing:
    """``path.iterdir()``, ``path.walk()``, or ``path.glob(pattern)`` (everything for ``*``, ``**/*``)."""
    if func.attr.value in ("glob", "rglob"):
        pattern = string_literal(arguments[0]) if arguments else None
        everything = pattern is not None and all(part in _EVERYTHING for part in pattern.split("/"))
        return Listing(call, (func.value,), everything)
    return Listing(call, (func.value,), True)


def _path_parts(expr: cst.BaseExpression) -> list[cst.BaseExpression | str]:
    """A path expression as its parts, literal text split at slashes."""
    text = string_literal(expr)
    if text is not None:
        return _literal_path_parts(text)
    if isinstance(expr, cst.FormattedString):
        return _formatted_path_parts(expr)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Divide)):
        return [*_path_parts(expr.left), *_path_parts(expr.right)]
    if isinstance(expr, cst.Call) and isinstance(expr.func, (cst.Attribute, cst.Name)):
        if (dotted_name(expr.func) or "").endswith("path.join"):
            return [piece for arg in expr.args for piece in _path_parts(arg.value)]
    return [expr]


def _literal_path_parts(text: str) -> list[str]:
    """The directories of a literal path; an absolute path's first one keeps its ``/``."""
    pieces = [part for part in text.split("/") if part]
    if text.startswith("/"):
        pieces = ["/" + pieces[0], *pieces[1:]] if pieces else ["/"]
    return pieces


def _formatted_path_parts(expr: cst.FormattedString) -> list[cst.BaseExpression | str]:
    parts: list[cst.BaseExpression | str] = []
    for part in expr.parts:
        if isinstance(part, cst.FormattedStringText):
            parts.extend(piece for piece in part.value.split("/") if piece)
        else:
            parts.append(part.expression)
    return parts


def _split_pattern(parts: list[cst.BaseExpression | str]) -> tuple[tuple[cst.BaseExpression | str, ...], bool]:
    for position, part in enumerate(parts):
        if isinstance(part, str) and _WILDCARD.search(part):
            rest = parts[position:]
            everything = all(isinstance(piece, str) and piece in _EVERYTHING for piece in rest)
            return tuple(parts[:position]), everything
    return tuple(parts), False
