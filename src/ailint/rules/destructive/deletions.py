"""Which calls delete files, and what they delete: shared by AIL201 and AIL202."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from ailint.names import ImportTable, dotted_name
from ailint.rules.destructive.context import Site
from ailint.rules.destructive.scope import Binding
from ailint.rules.destructive.targets import Listing, TargetKind, listing_of

RECURSIVE_DELETERS = frozenset({"shutil.rmtree"})
FILE_DELETERS = frozenset({"os.remove", "os.unlink", "os.rmdir", "os.removedirs"})
PATH_DELETE_METHODS = frozenset({"unlink", "rmdir"})
# Last parts of every name above: visit_Call rejects everything else before resolving names.
CANDIDATE_NAMES = frozenset({"rmtree", "remove", "unlink", "rmdir", "removedirs"})
PATH_CONSTRUCTORS = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
PATH_RETURNING_METHODS = frozenset({"resolve", "absolute", "expanduser", "joinpath", "with_name", "with_suffix"})


@dataclass(frozen=True)
class Deletion:
    """A call that deletes ``target``; ``recursive`` when it takes a whole tree."""

    call: cst.Call
    function: str  # as the message shows it: "shutil.rmtree", "Path.unlink"
    target: cst.BaseExpression
    recursive: bool


def is_candidate(call: cst.Call, imports: ImportTable) -> bool:
    """Cheap pre-check before any analysis: an imported deleter, or a ``.unlink()`` / ``.rmdir()``."""
    func = call.func
    if isinstance(func, cst.Attribute):
        if func.attr.value not in CANDIDATE_NAMES:
            return False
        if func.attr.value in PATH_DELETE_METHODS:
            return True
    elif not isinstance(func, cst.Name):
        return False
    qualified = imports.imported(func)  # a bare name may be an alias: ``from shutil import rmtree as nuke``
    return qualified in RECURSIVE_DELETERS or qualified in FILE_DELETERS


def deletion(call: cst.Call, site: Site) -> Deletion | None:
    """The deletion a candidate ``call`` performs, or None when it deletes nothing we know of."""
    qualified = site.imports.imported(call.func) or ""
    if qualified in RECURSIVE_DELETERS or qualified in FILE_DELETERS:
        target = _first_argument(call)
        return Deletion(call, qualified, target, qualified in RECURSIVE_DELETERS) if target is not None else None
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in PATH_DELETE_METHODS and is_path(func.value, site):
        return Deletion(call, f"Path.{func.attr.value}", func.value, False)
    return None


def is_path(expr: cst.BaseExpression, site: Site, depth: int = 0) -> bool:
    """Whether ``expr`` is a ``pathlib`` path: built by ``Path(...)``, ``/``, or bound to one."""
    if depth > 3:
        return False
    if isinstance(expr, cst.Call):
        return _returns_path(expr, site, depth)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide):
        return is_path(expr.left, site, depth + 1)
    if isinstance(expr, cst.Name):
        return _names_path(expr, site, depth)
    return False


def _returns_path(call: cst.Call, site: Site, depth: int) -> bool:
    """``Path(...)``, ``Path.home()``, or a path method that returns a path (``p.resolve()``)."""
    qualified = site.qualify(call.func) or ""
    if qualified in PATH_CONSTRUCTORS or qualified in ("pathlib.Path.home", "pathlib.Path.cwd"):
        return True
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in PATH_RETURNING_METHODS:
        return is_path(call.func.value, site, depth + 1)
    return False


def _names_path(name: cst.Name, site: Site, depth: int) -> bool:
    """A name bound to a path, or the variable of a loop over ``glob`` / ``iterdir``."""
    binding = site.binding(name.value)
    if binding is None or binding.value is None:
        return False
    if binding.kind == "loop":
        listing = listing_of(binding.value, site)
        return listing is not None and _yields_paths(listing)
    return binding.index is None and is_path(binding.value, site, depth + 1)


def _yields_paths(listing: Listing) -> bool:
    func = listing.call.func
    return isinstance(func, cst.Attribute) and func.attr.value in ("glob", "rglob", "iterdir")


def _first_argument(call: cst.Call) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is None and not arg.star:
            return arg.value
        if arg.keyword is not None and arg.keyword.value in ("path", "name"):
            return arg.value
    return None


def mass_deletion_listing(removal: Deletion, site: Site) -> Listing | None:
    """The listing a deletion runs over, when its target is an entry of a glob or listdir loop.

    Names are followed through plain assignments (``fn = os.path.join(path, fn)``) to the
    loop variable they were built from.
    """
    return _listing_behind(removal.target, removal.call, site, depth=0)


def _listing_behind(expr: cst.BaseExpression, at: cst.CSTNode, site: Site, depth: int) -> Listing | None:
    for name in _names_in(expr):
        binding: Binding | None = site.binding(name, at)
        if binding is None or binding.value is None:
            continue
        if binding.kind == "assign" and depth < 2:
            listing = _listing_behind(binding.value, binding.value, site, depth + 1)
        elif binding.kind == "loop":
            listing = listing_of(binding.value, site)
        else:
            continue
        if listing is not None and listing.directory_target(site).kind is not TargetKind.TEMPORARY:
            return listing
    return None


def _names_in(expr: cst.BaseExpression) -> list[str]:
    """Plain names used to build a path: ``f``, ``os.path.join(root, name)`` -> root, name."""
    found: list[str] = []
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            found.append(node.value)
        elif isinstance(node, cst.Attribute):
            name = dotted_name(node)
            if name is None:
                stack.append(node.value)
            else:  # ``entry.path`` depends on ``entry``; a module head has no loop binding anyway
                found.append(name.split(".", 1)[0])
        elif isinstance(node, cst.Call):
            stack.extend(arg.value for arg in node.args)
            if isinstance(node.func, cst.Attribute):
                stack.append(node.func.value)
        elif isinstance(node, cst.BinaryOperation):
            stack.extend((node.left, node.right))
        elif isinstance(node, cst.FormattedString):
            stack.extend(part.expression for part in node.parts if isinstance(part, cst.FormattedStringExpression))
    return found
