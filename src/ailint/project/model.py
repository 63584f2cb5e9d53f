"""One project's model: its root, declared dependencies, environment and own modules.

Built once per project root (and ``environment`` option) per process and shared by every
file of that project; what depends on the checked file (the modules beside it and above
it) is a directory listing cached per directory. :meth:`ProjectModel.resolve` answers, for
one imported module, where it comes from.
"""

from __future__ import annotations

import enum
import hashlib
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ailint.project.aliases import WELL_KNOWN, import_names, normalise, provides, stub_target
from ailint.project.environment import Environment, project_environment, running_interpreter
from ailint.project.first_party import directories_up_to, local_modules, project_modules
from ailint.project.installed import Installed
from ailint.project.manifests import Declarations, read_declarations
from ailint.project.stdlib import is_standard

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_ROOT_FILES = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


class Origin(enum.Enum):
    """Where an imported module comes from, as far as the model can tell."""

    STANDARD = "standard library"
    DECLARED = "declared dependency"
    # The name is only a namespace prefix (``google.cloud``): the next name decides.
    NAMESPACE = "namespace"
    # Installed in the project's environment, owned by no declared distribution.
    UNDECLARED = "installed, undeclared"
    # Installed, but owned by no distribution we can read (a .pth directory, a bare copy):
    # it resolves, and we cannot say whether a declaration covers it.
    INSTALLED = "installed"
    # Not in the project's environment, but known to exist: in the interpreter running
    # ailint, or a widely used package.
    EXISTS = "exists elsewhere"
    MISSING = "not found"


@dataclass(frozen=True)
class Resolution:
    origin: Origin
    distributions: tuple[str, ...] = ()


@dataclass
class ProjectModel:
    root: Path
    declarations: Declarations
    first_party: frozenset[str]
    environment: Environment | None
    installed: Installed | None
    interpreter: Installed
    # The project's own distribution names (normalised): installed, they are not undeclared.
    own_distributions: frozenset[str] = frozenset()
    _resolved: dict[tuple[str, bool], Resolution] = field(default_factory=dict, repr=False)

    @property
    def declares(self) -> bool:
        return self.declarations.declares

    def is_first_party(self, module: str, directory: Path) -> bool:
        """``module``'s top-level name is the project's, or beside or above ``directory``."""
        top = module.partition(".")[0]
        if top in self.first_party or top.lower() in self.first_party:
            return True
        return any(top in local_modules(parent) for parent in directories_up_to(directory, self.root))

    def resolve(self, module: str, type_only: bool = False) -> Resolution:
        """Where ``module`` (absolute, dotted) comes from, first-party aside (see
        :meth:`is_first_party`). ``type_only`` imports also resolve through stub packages."""
        key = (module, type_only)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(module, type_only)
        return found

    def _resolve(self, module: str, type_only: bool) -> Resolution:
        if is_standard(module):
            return Resolution(Origin.STANDARD)
        if provides(self.declared_modules, module) or (type_only and provides(self.declared_stubs, module)):
            return Resolution(Origin.DECLARED)
        installed = self._resolve_installed(module)
        if installed is not None:
            return installed
        if self._is_declared_namespace(module):
            return Resolution(Origin.NAMESPACE)
        if type_only and self.installed is not None and self.installed.has_directory(module.partition(".")[0] + "-stubs"):
            return Resolution(Origin.EXISTS)
        location = self.interpreter.locate(module)
        if location is not None:
            return Resolution(Origin.NAMESPACE if location.namespace else Origin.EXISTS)
        if provides(_WELL_KNOWN_LOWER, module):
            return Resolution(Origin.EXISTS)
        return Resolution(Origin.MISSING)

    def _resolve_installed(self, module: str) -> Resolution | None:
        """Where ``module`` comes from if the project's environment has it, else None."""
        location = self.installed.locate(module) if self.installed is not None else None
        if location is None or self.installed is None:
            return None
        if location.namespace:
            return Resolution(Origin.NAMESPACE)
        owners = self.installed.owners.get(location.prefix, frozenset())
        if not owners:
            return Resolution(Origin.INSTALLED)
        if owners & (self.declarations.normalised | self.own_distributions):
            return Resolution(Origin.DECLARED)
        return Resolution(Origin.UNDECLARED, tuple(sorted(owners)))

    def _is_declared_namespace(self, module: str) -> bool:
        prefix = module.lower() + "."
        return any(name.startswith(prefix) for name in self.declared_modules)

    @cached_property
    def declared_modules(self) -> frozenset[str]:
        """Lower-case dotted modules the declared distributions provide: their installed
        metadata where they are installed, and the alias table and name variants always."""
        names: set[str] = set()
        installed = self.installed.distributions if self.installed is not None else {}
        for distribution in self.declarations.distributions:
            names.update(import_names(distribution))
            names.update(module.lower() for module in installed.get(normalise(distribution), ()))
        return frozenset(names)

    @cached_property
    def declared_stubs(self) -> frozenset[str]:
        """Modules that declared stub packages (``types-requests``, ``pandas-stubs``) type."""
        return frozenset(filter(None, (stub_target(name) for name in self.declarations.distributions)))


_WELL_KNOWN_LOWER = frozenset(name.lower() for name in WELL_KNOWN)


def project_root(path: str) -> Path:
    """The nearest directory at or above the file with a ``pyproject.toml``, ``setup.cfg``,
    ``setup.py``, ``requirements*.txt`` or ``.git``; the file's own directory when none has."""
    return _root_of(source_directory(path))


def source_directory(path: str) -> Path:
    """The directory of the checked file (the current one for source read from stdin)."""
    if path in ("", "-", "stdin", "<stdin>", "<unknown>"):
        return Path.cwd()
    return Path(os.path.abspath(path)).parent


@lru_cache(maxsize=1024)
def _root_of(directory: Path) -> Path:
    for candidate in (directory, *directory.parents):
        if _is_root(candidate):
            return candidate
    return directory


def _is_root(directory: Path) -> bool:
    if any((directory / name).exists() for name in _ROOT_FILES):
        return True
    try:
        return any(name.startswith("requirements") and name.endswith(".txt") for name in os.listdir(directory))
    except OSError:
        return False


@lru_cache(maxsize=64)
def project_model(root: Path, environment: str = "") -> ProjectModel:
    """The model of the project at ``root``; ``environment`` is the rules' option (may be empty).

    Raises :class:`ailint.project.environment.EnvironmentNotFound` when the option names
    no environment.
    """
    pyproject = _read_pyproject(root / "pyproject.toml")
    declarations = read_declarations(root, pyproject)
    first_party = project_modules(root, pyproject)
    own = _table(pyproject.get("project")).get("name") or _table(_table(pyproject.get("tool")).get("poetry")).get("name")
    interpreter = _interpreter()

    def serves_project(_: Environment, base: bool) -> bool:
        """Whether the running interpreter (the only one asked) is the project's."""
        if isinstance(own, str) and interpreter.holds(own):
            return True
        wanted = declarations.normalised
        return base and (not wanted or 2 * len(wanted & interpreter.distributions.keys()) >= len(wanted))

    found = project_environment(root, environment, serves_project)
    if found is None:
        installed = None
    elif found.paths == interpreter.site_directories:
        installed = interpreter
    else:
        installed = Installed(found.paths)
    own_distributions = frozenset({normalise(own)} if isinstance(own, str) else ())
    return ProjectModel(root, declarations, first_party, found, installed, interpreter, own_distributions)


@lru_cache(maxsize=1)
def _interpreter() -> Installed:
    return Installed(running_interpreter().paths)


def _read_pyproject(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def fingerprint(root: Path, environment: str = "") -> str:
    """A digest of what the model of ``root`` is built from: the manifests' paths, sizes and
    modification times, the environment's site-packages listings and ``.pth`` files, and the
    root's and ``src/``'s listings. Cheap: a few ``stat`` and ``listdir`` calls."""
    parts: list[str] = [str(root), environment, os.environ.get("VIRTUAL_ENV", ""), os.environ.get("CONDA_PREFIX", "")]
    try:
        model = project_model(root, environment)
    except ValueError as error:  # a wrong `environment` option: every file reports it
        return hashlib.sha256(f"{parts}\0{error}".encode("utf-8", "surrogatepass")).hexdigest()
    for path in model.declarations.files:
        parts.append(f"{path}:{_stat(path)}")
    for directory in (root, root / "src"):
        parts.append(f"{directory}:{sorted(_listdir(directory))}")
    if model.installed is not None:
        for site in model.installed.paths:
            names = sorted(_listdir(site))
            parts.append(f"{site}:{names}")
            parts.extend(f"{name}:{_stat(site / name)}" for name in names if name.endswith(".pth"))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _stat(path: Path) -> str:
    try:
        status = path.stat()
    except OSError:
        return "missing"
    return f"{status.st_size}:{status.st_mtime_ns}"


def _listdir(directory: Path) -> list[str]:
    try:
        return os.listdir(directory)
    except OSError:
        return []
