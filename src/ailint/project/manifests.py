"""The dependencies a project declares, read from its manifests without running anything.

Read, at the project root: ``pyproject.toml`` (``[project]`` dependencies and optional
dependencies, ``[dependency-groups]`` of PEP 735, ``[build-system] requires``, Poetry's
dependency tables and groups, PDM's and uv's development dependencies, Hatch environments,
Flit's old metadata, and the requirement files that setuptools' or Hatch's dynamic
dependencies point to), ``setup.cfg`` (``install_requires``, ``extras_require``,
``tests_require``, ``setup_requires``), the literal lists passed to ``setup()`` in
``setup.py`` (and setuptools, which a ``setup.py`` project builds with), ``Pipfile``, the
``deps`` of ``tox.ini``'s test environments, and every ``*requirements*.txt`` /
``*requirements*.in`` at the root and in a ``requirements/`` directory, and the same one
directory down (``docs/requirements.txt``, ``tests/requirements/py3.txt``), following their
``-r`` and ``-c`` includes.

A project *declares* its dependencies when one of those sources exists and holds a
dependency table or list, even an empty one: ``dependencies = []`` says "none".
"""

from __future__ import annotations

import ast
import configparser
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator

from packaging.requirements import InvalidRequirement, Requirement

from ailint.project.aliases import normalise

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


_NAME = re.compile(r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_INCLUDE = re.compile(r"^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?=\S))(\S+)")
_EDITABLE = re.compile(r"^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)")
# At the root, and one level down (docs/requirements.txt, tests/requirements/py3.txt).
_REQUIREMENT_FILES = tuple(
    f"{level}{pattern}"
    for level in ("", "*/")
    for pattern in ("*requirements*.txt", "*requirements*.in", "requirements/*.txt", "requirements/*.in")
)
_MAX_INCLUDES = 50
_TOX_FACTORS = re.compile(r"^[\w{},.!-]+:\s+")


@dataclass(frozen=True)
class Declarations:
    """The distribution names a project declares, and the files they were read from."""

    distributions: frozenset[str]
    files: tuple[Path, ...]
    # False when no manifest holds a dependency list: nothing can be called undeclared.
    declares: bool

    @cached_property
    def normalised(self) -> frozenset[str]:
        return frozenset(normalise(name) for name in self.distributions)


def read_declarations(root: Path, pyproject: dict[str, Any]) -> Declarations:
    """Everything ``root``'s manifests declare; ``pyproject`` is its parsed pyproject.toml."""
    names: list[str] = []
    files: list[Path] = []
    declares = False
    if pyproject:
        files.append(root / "pyproject.toml")
        found, extra_files = _from_pyproject(pyproject, names)
        declares |= found
        for relative in extra_files:
            declares |= _read_requirement_file(root / relative, names, files, set())
    setup_cfg = root / "setup.cfg"
    if setup_cfg.is_file():
        files.append(setup_cfg)
        declares |= _from_setup_cfg(setup_cfg, names)
    setup_py = root / "setup.py"
    if setup_py.is_file():
        files.append(setup_py)
        declares |= _from_setup_py(setup_py, names)
    pipfile = root / "Pipfile"
    if pipfile.is_file():
        files.append(pipfile)
        declares |= _from_pipfile(pipfile, names)
    seen: set[Path] = set()
    tox_ini = root / "tox.ini"
    if tox_ini.is_file():
        files.append(tox_ini)
        declares |= _from_tox_ini(tox_ini, names, files, seen)
    if setup_py.is_file() and "requires" not in _table(pyproject.get("build-system")):
        names.append("setuptools")  # PEP 517's fallback backend for a setup.py project
    for pattern in _REQUIREMENT_FILES:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                declares |= _read_requirement_file(path, names, files, seen)
    return Declarations(frozenset(names), tuple(dict.fromkeys(files)), declares)


def requirement_name(text: str) -> str | None:
    """The distribution name of one requirement string (PEP 508), or None if it has none."""
    text = text.strip()
    if not text or text.startswith(("#", "-")):
        return None
    egg = _EGG.search(text)
    if "://" in text and "@" not in text.split("://", 1)[0]:
        return egg.group(1) if egg else None  # a bare URL names its project only in #egg=
    try:
        return Requirement(text).name
    except InvalidRequirement:
        pass  # a line pip would reject too: take the name it starts with, as below
    match = _NAME.match(text)
    return match.group(1) if match else None


def _from_pyproject(data: dict[str, Any], names: list[str]) -> tuple[bool, list[str]]:
    """Names from pyproject's tables; whether any was found; requirement files it points to."""
    found = False
    for requirements, declares in _pyproject_lists(data):
        found |= declares
        names.extend(_requirement_names(requirements))
    poetry = _table(_table(data.get("tool")).get("poetry"))
    tables = [_table(poetry.get("dependencies")), _table(poetry.get("dev-dependencies"))]
    tables += [_table(_table(group).get("dependencies")) for group in _table(poetry.get("group")).values()]
    for table in tables:
        found |= bool(table)
        names.extend(name for name in table if name.lower() != "python")
    return found, _pyproject_files(_table(data.get("tool")))


def _pyproject_lists(data: dict[str, Any]) -> Iterator[tuple[list[str], bool]]:
    """Each list of requirement strings in pyproject, and whether having it declares
    dependencies (build requirements and Hatch environments come along, but do not)."""
    project = _table(data.get("project"))
    yield _strings(project.get("dependencies")), "dependencies" in project or "optional-dependencies" in project
    for group in _table(project.get("optional-dependencies")).values():
        yield _strings(group), True
    for group in _table(data.get("dependency-groups")).values():
        yield _strings(group), True  # {include-group = ...} tables name other groups, read anyway
    yield _strings(_table(data.get("build-system")).get("requires")), False
    tool = _table(data.get("tool"))
    for group in _table(_table(tool.get("pdm")).get("dev-dependencies")).values():
        yield _strings(group), True
    uv_dev = _strings(_table(tool.get("uv")).get("dev-dependencies"))
    yield uv_dev, bool(uv_dev)
    for environment in _table(_table(tool.get("hatch")).get("envs")).values():
        for key in ("dependencies", "extra-dependencies"):
            yield _strings(_table(environment).get(key)), False
    flit = _table(_table(tool.get("flit")).get("metadata"))
    if "requires" in flit:
        yield _strings(flit.get("requires")), True
        for group in _table(flit.get("requires-extra")).values():
            yield _strings(group), True


def _pyproject_files(tool: dict[str, Any]) -> list[str]:
    """The requirement files setuptools' or Hatch's dynamic dependencies are read from."""
    dynamic = _table(_table(tool.get("setuptools")).get("dynamic"))
    files = _strings(_table(dynamic.get("dependencies")).get("file"))
    for extra in _table(dynamic.get("optional-dependencies")).values():
        files += _strings(_table(extra).get("file"))
    hook = _table(_table(_table(_table(tool.get("hatch")).get("metadata")).get("hooks")).get("requirements_txt"))
    return files + _strings(hook.get("files"))


def _from_setup_cfg(path: Path, names: list[str]) -> bool:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return False
    found = False
    if parser.has_section("options"):
        for key in ("install_requires", "tests_require", "setup_requires"):
            if parser.has_option("options", key):
                found = True
                names.extend(_requirement_names(_lines(parser.get("options", key))))
    if parser.has_section("options.extras_require"):
        found = True
        for _, value in parser.items("options.extras_require"):
            names.extend(_requirement_names(_lines(value)))
    return found


def _from_setup_py(path: Path, names: list[str]) -> bool:
    """The literal requirement lists of ``setup(...)`` (or lists bound to a module-level name)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return False
    found = False
    for literal in _setup_requirements(tree):
        found = True
        for group in literal.values() if isinstance(literal, dict) else [literal]:
            names.extend(_requirement_names(_lines(group) if isinstance(group, str) else _strings(group)))
    return found


def _setup_requirements(tree: ast.Module) -> Iterator[Any]:
    """The values of ``setup()``'s requirement keywords that are literals (or literal constants)."""
    constants: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            constants[statement.targets[0].id] = statement.value
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _calls_setup(node.func):
            continue
        for keyword in node.keywords:
            if keyword.arg not in ("install_requires", "extras_require", "tests_require", "setup_requires"):
                continue
            value = constants.get(keyword.value.id, keyword.value) if isinstance(keyword.value, ast.Name) else keyword.value
            try:
                yield ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue  # computed at run time: nothing to read without running setup.py


def _calls_setup(function: ast.expr) -> bool:
    return (isinstance(function, ast.Name) and function.id == "setup") or (
        isinstance(function, ast.Attribute) and function.attr == "setup"
    )


def _from_pipfile(path: Path, names: list[str]) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tables = [_table(data.get("packages")), _table(data.get("dev-packages"))]
    names.extend(name for table in tables for name in table)
    return any("packages" in key for key in data)


def _from_tox_ini(path: Path, names: list[str], files: list[Path], seen: set[Path]) -> bool:
    """The ``deps`` of tox's test environments, with the requirement files they include."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return False
    found = False
    for section in parser.sections():
        if not section.startswith("testenv") or not parser.has_option(section, "deps"):
            continue
        found = True
        for line in _logical_lines(parser.get(section, "deps")):
            line = _TOX_FACTORS.sub("", line).replace("{toxinidir}", str(path.parent))
            include = _INCLUDE.match(line)
            if include:
                _read_requirement_file(path.parent / include.group(1), names, files, seen)
            elif "{" not in line:
                name = requirement_name(line)
                if name:
                    names.append(name)
    return found


def _read_requirement_file(path: Path, names: list[str], files: list[Path], seen: set[Path]) -> bool:
    """Names from a requirements file and the files it includes; False if it cannot be read."""
    pending = [path]
    read_any = False
    while pending and len(seen) < _MAX_INCLUDES:
        current = pending.pop()
        try:
            resolved = current.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            text = current.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        files.append(current)
        read_any = True
        for line in _logical_lines(text):
            include = _INCLUDE.match(line)
            if include:
                if "://" not in include.group(1):
                    pending.append(current.parent / include.group(1))
                continue
            editable = _EDITABLE.match(line)
            if editable:
                egg = _EGG.search(editable.group(1))
                if egg:
                    names.append(egg.group(1))
                continue
            name = requirement_name(line)
            if name:
                names.append(name)
    return read_any


def _logical_lines(text: str) -> Iterator[str]:
    """Lines with ``\\`` continuations joined and comments (`` #...``) removed."""
    pending = ""
    for raw in text.splitlines():
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        line = re.sub(r"(^|\s)#.*$", "", pending + raw).strip()
        pending = ""
        if line:
            yield line


def _requirement_names(requirements: Iterable[str]) -> Iterator[str]:
    for text in requirements:
        name = requirement_name(text)
        if name:
            yield name


def _lines(value: str) -> list[str]:
    return [line for line in _logical_lines(value) if not line.startswith("[")]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
