"""Dotted module names of files, found the way Python finds packages."""

from __future__ import annotations

from pathlib import Path


def module_name(path: str) -> str:
    """``pkg.mod`` for ``.../pkg/mod.py``: the directories above the file that hold an
    ``__init__.py`` are its packages, so ``src/`` layouts and checkouts anywhere on disk give
    the name an ``import`` statement uses."""
    file = Path(path)
    parts = [] if file.stem == "__init__" else [file.stem]
    directory = file.absolute().parent
    while (directory / "__init__.py").is_file() and directory.parent != directory:
        parts.insert(0, directory.name)
        directory = directory.parent
    return ".".join(parts)
