"""Which Python environment is the project's: where its imports are installed.

ailint may run from an environment of its own (pipx, pre-commit's hook environment), so the
running interpreter's ``site-packages`` is not necessarily the project's. The first of these
is the project's environment:

1. the rules' ``environment`` option: a virtual environment, a ``site-packages``
   directory, or a Python executable inside an environment (relative to the project root);
2. ``$VIRTUAL_ENV``, when it is not the environment ailint itself runs from;
3. ``<root>/.venv``, then ``<root>/venv``;
4. ``$CONDA_PREFIX``, when it is not the environment ailint itself runs from;
5. the environment ailint runs from, when it is plausibly the project's: it lies inside the
   project root, or has the project itself installed (as ``poetry run`` / ``uv run`` /
   ``pip install -e .`` leave it), or is a base interpreter rather than a virtual environment
   and holds at least half of the declared dependencies (or the project declares none). A
   CI job that installs only ailint into the runner's Python is not the project's
   environment.

When none applies (ailint runs from pipx or pre-commit and the project has no environment
where we look) there is no project environment and the import rules stay silent. The
running interpreter's path is still consulted as evidence that a module exists at all.
Nothing is imported or executed: only directories are listed and files read.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

_SITE_PATTERNS = ("lib/python3*/site-packages", "lib64/python3*/site-packages", "Lib/site-packages", "lib/site-packages")


class EnvironmentNotFound(ValueError):
    """The ``environment`` option names something that is not a Python environment."""


@dataclass(frozen=True)
class Environment:
    """A set of directories modules are imported from, and how it was found."""

    description: str  # for messages: "`.venv`", "$VIRTUAL_ENV (/path)", ...
    paths: tuple[Path, ...]  # site-packages directories (``.pth`` additions come later)
    prefix: Path | None  # the environment's directory, None for a bare site-packages


def running_interpreter() -> Environment:
    """The interpreter ailint runs in, through its ``sys.path`` (standard library included)."""
    # Not the current directory that ``python -m`` puts first: that is the checked tree, not an install.
    here = os.getcwd()
    paths = tuple(dict.fromkeys(Path(entry) for entry in sys.path if entry and entry != here and os.path.isdir(entry)))
    return Environment(f"the interpreter running ailint ({sys.prefix})", paths, Path(sys.prefix))


def explicit_environment(option: str, root: Path) -> Environment:
    """The environment the ``environment`` option names; raises :class:`EnvironmentNotFound`."""
    path = Path(os.path.expanduser(option))
    if not path.is_absolute():
        path = root / path
    if path.is_file():  # a python executable: bin/python or Scripts/python.exe in the environment
        prefix = path.parent.parent
        paths = site_directories(prefix)
        if paths:
            return Environment(f"`{option}`", paths, prefix)
        raise EnvironmentNotFound(f"environment {option!r}: no site-packages found for this executable")
    if not path.is_dir():
        raise EnvironmentNotFound(f"environment {option!r}: no such directory ({path})")
    paths = site_directories(path)
    if paths:
        return Environment(f"`{option}`", paths, path)
    return Environment(f"`{option}`", (path,), None)  # a site-packages directory itself


def project_environment(root: Path, option: str, serves_project: Callable[[Environment, bool], bool]) -> Environment | None:
    """The project's environment by the rules in the module docstring, or None.

    ``serves_project(environment, base)`` tells whether the interpreter running ailint (a
    base interpreter when ``base``) has the project installed, or its dependencies.
    """
    if option:
        return explicit_environment(option, root)
    running = Path(sys.prefix)
    candidates = [
        ("$VIRTUAL_ENV", os.environ.get("VIRTUAL_ENV", "")),
        ("`.venv`", str(root / ".venv")),
        ("`venv`", str(root / "venv")),
        ("$CONDA_PREFIX", os.environ.get("CONDA_PREFIX", "")),
    ]
    for label, value in candidates:
        if not value or not os.path.isdir(value):
            continue
        prefix = Path(value)
        if _same(prefix, running):
            continue  # ailint's own environment: judged below like any running interpreter
        paths = site_directories(prefix)
        if paths:
            description = label if label.startswith("`") else f"{label} ({prefix})"
            return Environment(description, paths, prefix)
    interpreter = running_interpreter()
    if _within(running, root) or serves_project(interpreter, sys.prefix == sys.base_prefix):
        return interpreter
    return None


def site_directories(prefix: Path) -> tuple[Path, ...]:
    """The ``site-packages`` directories of the environment at ``prefix``, and of its base
    interpreter when its ``pyvenv.cfg`` includes the system site-packages."""
    found = [path for pattern in _SITE_PATTERNS for path in sorted(prefix.glob(pattern)) if path.is_dir()]
    config = prefix / "pyvenv.cfg"
    if found and config.is_file() and _includes_system_site(config):
        home = _config_value(config, "home")
        if home:
            base = Path(home).parent
            found += [path for pattern in _SITE_PATTERNS for path in sorted(base.glob(pattern)) if path.is_dir()]
    return tuple(dict.fromkeys(found))


def _includes_system_site(config: Path) -> bool:
    return _config_value(config, "include-system-site-packages").lower() == "true"


def _config_value(config: Path, key: str) -> str:
    try:
        lines = config.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    for line in lines:
        name, _, value = line.partition("=")
        if name.strip().lower() == key:
            return value.strip()
    return ""


def _same(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (OSError, ValueError):
        return False
