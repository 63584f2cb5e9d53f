"""What an environment has installed: its modules on disk and the distributions that own them.

Read without importing or executing anything: directory listings give the modules (as
``pkgutil.iter_modules`` would, namespace packages included), ``.pth`` files add the plain
directories they list (editable installs; their ``import`` lines are not run), and each
distribution's metadata (``top_level.txt``, else ``RECORD``, and setuptools' editable
finders' ``MAPPING``) says which modules it owns. A distribution *owns* the shallowest
regular module of each of its files: ``google/cloud/storage/blob.py`` of
google-cloud-storage gives ``google.cloud.storage`` when ``google`` and ``google.cloud``
are namespace packages, so a namespace shared by many distributions never proves that
one of them is there.
"""

from __future__ import annotations

import ast
import csv
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable

from ailint.project.aliases import normalise

_MODULE_SUFFIXES = (".py", ".pyi", ".pyc", ".so", ".pyd")
_METADATA_SUFFIXES = (".dist-info", ".egg-info")


@dataclass(frozen=True)
class Location:
    """Where an import was found: the dotted prefix that is a module or regular package
    (the rest may be attributes or submodules it makes), or the whole name as a namespace."""

    prefix: str
    namespace: bool = False


class _Directory:
    """One directory's importable entries."""

    __slots__ = ("modules", "directories")

    def __init__(self, path: Path) -> None:
        self.modules: set[str] = set()
        self.directories: set[str] = set()
        try:
            entries = list(os.scandir(path))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            try:
                is_directory = entry.is_dir()
            except OSError:
                continue
            if is_directory:
                self.directories.add(name)
            elif name.endswith(_MODULE_SUFFIXES):
                self.modules.add(name.split(".", 1)[0])


class _Listings(dict[Path, _Directory]):
    """Directory listings, each read once."""

    def __missing__(self, path: Path) -> _Directory:
        listing = self[path] = _Directory(path)
        return listing

    def is_regular_package(self, path: Path) -> bool:
        return "__init__" in self[path].modules

    def has_module(self, directory: Path, name: str) -> bool:
        """Whether ``directory/name`` is a module or a regular package."""
        listing = self[directory]
        return name in listing.modules or (name in listing.directories and self.is_regular_package(directory / name))


class Installed:
    """The modules and distributions of an environment's ``site-packages`` directories."""

    def __init__(self, site_directories: Iterable[Path]) -> None:
        self.site_directories = tuple(site_directories)
        self._listings = _Listings()
        added = [directory for site in self.site_directories for directory in _pth_directories_of(site)]
        self.paths: tuple[Path, ...] = tuple(dict.fromkeys([*self.site_directories, *added]))
        # Top-level modules that setuptools' editable finders map to source directories.
        self._mapped = frozenset(
            name
            for site in self.site_directories
            for entry in self._listings[site].modules
            if entry.startswith("__editable___") and entry.endswith("_finder")
            for name in _finder_mapping(site / f"{entry}.py")
        )

    def locate(self, module: str) -> Location | None:
        """Where ``module`` would be imported from, or None when no directory has it."""
        parts = module.split(".")
        if parts[0] in self._mapped:
            return Location(parts[0])
        directories = list(self.paths)
        for index, part in enumerate(parts):
            portions: list[Path] = []
            for directory in directories:
                if self._listings.has_module(directory, part):
                    return Location(".".join(parts[: index + 1]))
                if part in self._listings[directory].directories:
                    portions.append(directory / part)  # a namespace portion: look one level down
            if not portions:
                return None
            directories = portions
        return Location(module, namespace=True)

    def has_directory(self, name: str) -> bool:
        """Whether a top-level directory ``name`` exists (``requests-stubs``, for instance)."""
        return any(name in self._listings[directory].directories for directory in self.paths)

    @cached_property
    def distributions(self) -> dict[str, frozenset[str]]:
        """Normalised distribution name -> the dotted modules it owns (see the module doc)."""
        owned: dict[str, set[str]] = {}
        for site in self.site_directories:
            for name in sorted(self._listings[site].directories):
                if name.endswith(_METADATA_SUFFIXES):
                    distribution = normalise(name.rsplit(".", 1)[0].split("-", 1)[0])
                    owned.setdefault(distribution, set()).update(self._owned_modules(site, site / name))
        return {name: frozenset(modules) for name, modules in owned.items()}

    @cached_property
    def owners(self) -> dict[str, frozenset[str]]:
        """Dotted module -> the distributions that own it."""
        table: dict[str, set[str]] = {}
        for distribution, modules in self.distributions.items():
            for module in modules:
                table.setdefault(module, set()).add(distribution)
        return {module: frozenset(names) for module, names in table.items()}

    def holds(self, distribution: str) -> bool:
        return normalise(distribution) in self.distributions

    def _owned_modules(self, site: Path, metadata: Path) -> set[str]:
        """The modules the distribution whose metadata directory is ``metadata`` owns."""
        tops = [top.replace("/", ".").replace("\\", ".") for top in _read_lines(metadata / "top_level.txt")]
        regular = {top for top in tops if self._listings.has_module(site, top.split(".", 1)[0])}
        if tops and len(regular) == len(tops):
            return regular
        # No top_level.txt (hatchling, flit, poetry, maturin wheels), a namespace portion,
        # or an editable install: the list of installed files says which.
        record = _record_paths(metadata)
        modules = regular | _roots(record)
        if not record:
            modules.update(tops)  # no list of files: take top_level.txt's word
        if _is_editable(metadata):
            modules.update(self._editable_modules(site, record))
        return modules

    def _editable_modules(self, site: Path, record: list[str]) -> set[str]:
        """Top-level modules of an editable install: from the directories its ``.pth`` lists,
        or from the ``MAPPING`` literal of the import finder setuptools generates for it."""
        modules: set[str] = set()
        for path in record:
            if "/" in path:
                continue
            if path.endswith(".pth"):
                for directory in _pth_directories(site / path):
                    listing = self._listings[directory]
                    modules.update(name for name in listing.modules | listing.directories if name.isidentifier())
            elif path.startswith("__editable__") and path.endswith("_finder.py"):
                modules.update(_finder_mapping(site / path))
        return modules


def _record_paths(metadata: Path) -> list[str]:
    """The installed files RECORD (wheels) or installed-files.txt (eggs) lists, relative to site-packages."""
    try:
        with (metadata / "RECORD").open(encoding="utf-8", errors="replace", newline="") as handle:
            lines = handle.read().splitlines()
    except OSError:
        prefix = metadata.name + "/"
        return [os.path.normpath(prefix + line).replace("\\", "/") for line in _read_lines(metadata / "installed-files.txt")]
    paths = []
    for line in lines:
        if line.startswith('"'):  # a quoted path (it holds a comma): rare, let csv read it
            row = next(csv.reader([line]), None)
            path = row[0] if row else ""
        else:
            path = line.split(",", 1)[0]
        if path and not path.startswith(("../", "/")):
            paths.append(path.replace("\\", "/"))
    return paths


def _roots(paths: list[str]) -> set[str]:
    """The shallowest regular module of each installed Python file."""
    modules = [path for path in paths if path.endswith(_MODULE_SUFFIXES) and "__pycache__" not in path]
    initialised = {path.rpartition("/")[0] for path in modules if path.rpartition("/")[2].startswith("__init__.")}
    roots = {_root(path, initialised) for path in modules}
    roots.discard(None)
    return roots  # type: ignore[return-value]


def _root(path: str, initialised: set[str]) -> str | None:
    """The shallowest regular module holding the file at ``path`` (relative to site-packages):
    the shallowest directory with an ``__init__``, else the module itself; None for a file
    that cannot be imported (in metadata, data, scripts or ``*-stubs`` directories)."""
    top, _, rest = path.partition("/")
    if top in initialised:  # the usual case: a regular top-level package
        return top
    parts = path.split("/")
    if not all(part.isidentifier() for part in parts[:-1]):
        return None
    if rest:
        for end in range(2, len(parts)):
            if "/".join(parts[:end]) in initialised:
                return ".".join(parts[:end])
    stem = parts[-1].split(".", 1)[0]
    return ".".join([*parts[:-1], stem]) if stem.isidentifier() else None


def _is_editable(metadata: Path) -> bool:
    try:
        data = json.loads((metadata / "direct_url.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and bool(data.get("dir_info", {}).get("editable"))


def _finder_mapping(path: Path) -> set[str]:
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return set()
    for statement in tree.body:
        target = statement.target if isinstance(statement, ast.AnnAssign) else (
            statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else None
        )
        if isinstance(target, ast.Name) and target.id == "MAPPING" and statement.value is not None:
            try:
                mapping = ast.literal_eval(statement.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return set()
            return {name for name in mapping if isinstance(name, str)} if isinstance(mapping, dict) else set()
    return set()


def _pth_directories_of(site: Path) -> list[Path]:
    """Directories the ``.pth`` files of ``site`` add, in the order ``site`` processes them
    (alphabetically); their ``import`` lines are not run."""
    try:
        names = sorted(entry for entry in os.listdir(site) if entry.endswith(".pth"))
    except OSError:
        return []
    return [directory for name in names for directory in _pth_directories(site / name)]


def _pth_directories(pth: Path) -> list[Path]:
    directories = []
    for line in _read_lines(pth):
        if line.startswith(("#", "import ", "import\t")):
            continue
        directory = Path(line)
        if not directory.is_absolute():
            directory = pth.parent / directory
        if directory.is_dir():
            directories.append(directory)
    return directories


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]
