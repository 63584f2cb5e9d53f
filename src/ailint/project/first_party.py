"""The project's own modules, found from its layout and its packaging configuration.

First-party, for a file under the project root:

- every module and package (directories included, namespace packages being importable) at
  the root, in ``src/``, in the directories the packaging configuration names (setuptools'
  ``package-dir`` and ``packages.find.where``, Hatch's wheel ``packages`` and ``sources``,
  Poetry's ``packages``) and in pytest's ``pythonpath``;
- the packages those configurations list, and the project's own name (``my-app`` gives
  ``my_app``) from ``[project]``, Poetry or ``setup.cfg``;
- the modules beside the checked file and in each directory above it up to the root
  (a script importing its sibling, tests importing ``conftest`` or ``helpers``).

A local module that shadows a PyPI name (a ``requests.py`` of the project's own) is
first-party: that is what Python imports.
"""

from __future__ import annotations

import configparser
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ailint.project.aliases import normalise

_MODULE_SUFFIXES = (".py", ".pyi", ".so", ".pyd")


@lru_cache(maxsize=4096)
def local_modules(directory: Path) -> frozenset[str]:
    """The names ``import`` finds in ``directory``: modules, packages, namespace packages."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return frozenset()
    names = set()
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name == "__pycache__":
            continue
        try:
            if entry.is_dir():
                if name.isidentifier():
                    names.add(name)
                continue
        except OSError:
            continue
        if name.endswith(_MODULE_SUFFIXES):
            stem = name.split(".", 1)[0]
            if stem.isidentifier():
                names.add(stem)
    return frozenset(names)


def project_modules(root: Path, pyproject: dict[str, Any]) -> frozenset[str]:
    """The first-party names that do not depend on where the checked file is."""
    names: set[str] = set()
    for directory in (root, root / "src", *_source_directories(root, pyproject)):
        names.update(local_modules(directory))
    names.update(_configured_packages(pyproject))
    names.update(name.replace("-", "_") for name in _project_names(root, pyproject))
    return frozenset(names)


def directories_up_to(directory: Path, root: Path) -> Iterator[Path]:
    """``directory`` and its parents, up to and including ``root`` (only ``directory`` when
    it is not inside ``root``)."""
    yield directory
    if directory == root or root not in directory.parents:
        return
    for parent in directory.parents:
        yield parent
        if parent == root:
            return


def _source_directories(root: Path, pyproject: dict[str, Any]) -> Iterator[Path]:
    tool = _table(pyproject.get("tool"))
    setuptools = _table(tool.get("setuptools"))
    yield from (root / path for path in _table(setuptools.get("package-dir")).values() if isinstance(path, str))
    find = _table(_table(setuptools.get("packages")).get("find"))
    yield from (root / path for path in _strings(find.get("where")))
    wheel = _table(_table(_table(_table(tool.get("hatch")).get("build")).get("targets")).get("wheel"))
    for package in _strings(wheel.get("packages")):
        yield (root / package).parent
    sources = wheel.get("sources")
    yield from (root / path for path in (sources if isinstance(sources, (list, dict)) else ()) if isinstance(path, str))
    for package in _poetry_packages(tool):
        if isinstance(package.get("from"), str):
            yield root / package["from"]
    pytest = _table(_table(tool.get("pytest")).get("ini_options"))
    yield from (root / path for path in _strings(pytest.get("pythonpath")))


def _configured_packages(pyproject: dict[str, Any]) -> Iterator[str]:
    tool = _table(pyproject.get("tool"))
    for package in _strings(_table(tool.get("setuptools")).get("packages")):
        yield package.split(".", 1)[0]
    flit_module = _table(_table(tool.get("flit")).get("module")).get("name")
    if isinstance(flit_module, str):
        yield flit_module.split(".", 1)[0]
    for package in _poetry_packages(tool):
        include = package.get("include")
        if isinstance(include, str):
            yield include.split("/", 1)[0].removesuffix(".py")


def _poetry_packages(tool: dict[str, Any]) -> Iterable[dict[str, Any]]:
    packages = _table(tool.get("poetry")).get("packages")
    return [item for item in packages if isinstance(item, dict)] if isinstance(packages, list) else []


def _project_names(root: Path, pyproject: dict[str, Any]) -> Iterator[str]:
    for table in (_table(pyproject.get("project")), _table(_table(pyproject.get("tool")).get("poetry"))):
        if isinstance(table.get("name"), str):
            yield normalise(table["name"])
    setup_cfg = root / "setup.cfg"
    if setup_cfg.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(setup_cfg, encoding="utf-8")
            if parser.has_option("metadata", "name"):
                yield normalise(parser.get("metadata", "name"))
            if parser.has_option("options", "packages"):
                yield from (line.strip().split(".", 1)[0] for line in parser.get("options", "packages").split() if line.strip())
        except (configparser.Error, UnicodeDecodeError):
            return


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
