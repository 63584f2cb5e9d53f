"""AIL610 / AIL611: imports of packages that do not exist, or that the project does not declare.

Both rules judge each ``import`` against the model of the file's project
(:mod:`ailint.project`): the standard library, the project's own modules, the dependencies
its manifests declare, and what its environment has installed. The model is built once per
project root per process; the per-file work is the import statements of the traversal.

The contract, for an absolute import (relative imports are first-party, never judged):

- resolved, never reported: a standard-library module (of any Python 3 version, and the
  Python 2 names); a first-party module (see :mod:`ailint.project.first_party`) or one named
  by ``known-first-party``; a module named by ``known-third-party``; a module a declared
  distribution provides (its installed metadata, else the alias table and name variants);
  a namespace prefix (``from google.cloud import storage`` is judged on ``google.cloud.storage``).
- **AIL610** reports a module found nowhere: not resolved as above, not installed in the
  project's environment, not in the interpreter running ailint, not a widely used package,
  and, for type-checking imports, no ``<name>-stubs`` installed and no ``types-<name>``
  declared. Only when the project's environment is known (see
  :mod:`ailint.project.environment`), and not in a file that changes ``sys.path``.
- **AIL611** reports a module installed in the project's environment, owned by a
  distribution the manifests do not declare. Only when the environment is known and the
  project declares its dependencies somewhere (see :mod:`ailint.project.manifests`).
- Each code reports a missing module (AIL610) or an undeclared distribution (AIL611) once
  per file, at its first import.
- Optional imports are never reported: in the body (or the ``else:``, which runs only when
  the body's imports worked) of a ``try`` whose handlers catch ``ImportError``,
  ``ModuleNotFoundError``, ``Exception`` or everything, or in the body of a ``with``
  statement expecting those errors (``suppress(ImportError)``, a test's
  ``assertRaises(ImportError)`` or ``pytest.raises(ImportError)``). The code handles the absence.
- Imports under ``if TYPE_CHECKING:``, and every import of a ``.pyi`` stub file, are
  type-only: never AIL611 (stub and dev packages), AIL610 only when no stub package provides
  them either.
- Imports under a platform or version test (``sys.platform``, ``sys.version_info``,
  ``os.name``, ``platform.system()``...) are never AIL610: the package may exist only
  elsewhere (``win32api``, a backport); they can be AIL611.
- Imports inside functions are imports like any other. ``importlib.import_module`` and
  ``__import__`` are not judged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Collection, Mapping

import libcst as cst

from ailint.names import dotted_name
from ailint.project.model import Origin, ProjectModel, Resolution, fingerprint, project_model, project_root, source_directory
from ailint.rule import Confidence, CstRule, Docs, Invalid, Option, Rule, Severity, Valid

IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
# Context managers whose body may fail with the exceptions they are given.
EXPECTING_CONTEXTS = frozenset({"suppress", "assertRaises", "assertRaisesRegex", "raises"})
# Text that shows the file changes the import path at run time.
PATH_CHANGE = re.compile(r"sys\.path\s*(?:\.\s*(?:insert|append|extend)\b|\[|\+?=[^=])|\baddsitedir\b")
# Names in an `if` test that make its branches platform- or version-specific.
PLATFORM_TESTS = frozenset(
    {
        "sys.platform", "sys.version_info", "sys.implementation", "sys.hexversion", "sys.maxsize",
        "os.name", "platform.system", "platform.machine", "platform.python_implementation",
        "platform.python_version", "platform.python_version_tuple", "platform.platform",
        "six.PY2", "six.PY3", "PY2", "PY3", "PYPY", "IS_PYPY", "WINDOWS", "IS_WINDOWS", "MACOS",
        "IS_MACOS", "LINUX", "IS_LINUX",
    }
)
CODES = ("AIL610", "AIL611")

ENVIRONMENT = Option(
    "environment",
    str,
    "",
    "The project's Python environment: a virtual environment directory, a site-packages "
    "directory or a Python executable, relative to the checked file's project root. Empty: the first of "
    "$VIRTUAL_ENV, `.venv`, `venv`, $CONDA_PREFIX, or the interpreter running ailint when it is "
    "the project's. Set it the same for AIL610 and AIL611.",
)
KNOWN_FIRST_PARTY = Option(
    "known-first-party",
    list,
    (),
    "Modules (top-level names or dotted prefixes) that belong to the project although its "
    "layout does not show them, say generated at build time.",
)
KNOWN_THIRD_PARTY = Option(
    "known-third-party",
    list,
    (),
    "Modules (top-level names or dotted prefixes) to accept as provided by the project's "
    "dependencies: installed by other means (a system package, a base image) or declared in a "
    "manifest ailint does not read.",
)
_OPTIONS = (ENVIRONMENT, KNOWN_FIRST_PARTY, KNOWN_THIRD_PARTY)
_SHARED_NOTES = (
    "The project root is the nearest directory above the file with a `pyproject.toml`, "
    "`setup.cfg`, `setup.py`, `requirements*.txt` or `.git`. First-party modules: those at the "
    "root, in `src/`, in the directories the packaging configuration names (setuptools, Hatch, "
    "Poetry, pytest's `pythonpath`), the project's own name, and the modules beside the checked "
    "file or in a directory above it up to the root (a local `requests.py` shadows the PyPI "
    "package). Declared dependencies are read from `pyproject.toml` (`[project]` dependencies "
    "and extras, `[dependency-groups]`, `[build-system] requires`, Poetry, PDM, uv, Hatch "
    "environments, setuptools' and Hatch's dynamic requirement files), `setup.cfg`, the literal "
    "lists of `setup.py`, `Pipfile`, the `deps` of `tox.ini`, and `*requirements*.txt` / "
    "`requirements/*.txt` at the root and one directory down (`docs/`, `tests/requirements/`) with "
    "their `-r` / `-c` includes; not noxfiles or CI files. Distribution names map to import names through the "
    "installed metadata (`top_level.txt`, `RECORD`; nothing is imported), else a curated alias "
    "table (`yaml` for PyYAML, `PIL` for Pillow, `sklearn` for scikit-learn, ...) and the name's "
    "variants (`my-pkg` gives `my_pkg`, `google-cloud-storage` gives `google.cloud.storage`); "
    "namespace packages are judged on their portion (`google.cloud.storage`), never on the shared "
    "prefix. The project's environment is the `environment` option, else `$VIRTUAL_ENV`, "
    "`<root>/.venv`, `<root>/venv`, `$CONDA_PREFIX`, else the interpreter running ailint if it lies "
    "in the project, has the project installed, or is a base interpreter (not a virtual "
    "environment) holding at least half of the declared dependencies; when ailint runs from an "
    "environment of its own (pipx, pre-commit, a CI job that installed only ailint) and none of "
    "these exists, both rules stay silent. Results are cached with a fingerprint of the manifests and of the environment's "
    "listing, taken for the project of the configuration's root: a change in another project's "
    "manifests, or a new module beside a file, shows after `--no-cache`."
)


class _ImportRule(CstRule):
    """The traversal both codes share: imports, and the `try` / `if` / `with` around them."""

    options = _OPTIONS

    def visit_Module(self, node: cst.Module) -> None:
        self._model: ProjectModel | None = None
        self._try_guards: list[bool] = []
        self._with_guards: list[bool] = []
        self._if_kinds: list[tuple[bool, bool]] = []  # (type-checking test, platform test)
        self._reported: set[object] = set()
        self._guarded = 0
        self._type_only = int(self.file.path.endswith(".pyi"))  # a stub file only ever types
        self._conditional = 0
        self._directory = source_directory(self.file.path)
        # Imports of a file that changes sys.path come from directories known only at run time.
        text = self.file.text
        self._path_changed = ("sys.path" in text or "addsitedir" in text) and PATH_CHANGE.search(text) is not None
        self._first_party = tuple(self.settings["known-first-party"])
        self._third_party = tuple(self.settings["known-third-party"])

    @property
    def model(self) -> ProjectModel:
        if self._model is None:
            self._model = project_model(project_root(self.file.path), self.settings["environment"])
        return self._model

    # Optional imports: try / except ImportError, with suppress(ImportError).

    def visit_Try(self, node: cst.Try) -> None:
        self._try_guards.append(any(_catches_import_errors(handler.type) for handler in node.handlers))

    def leave_Try(self, original_node: cst.Try) -> None:
        self._try_guards.pop()

    def visit_Try_body(self, node: cst.Try) -> None:
        self._guarded += self._try_guards[-1]

    def leave_Try_body(self, node: cst.Try) -> None:
        self._guarded -= self._try_guards[-1]

    # The `else:` of an optional import runs only when it worked: it belongs to the same option.
    visit_Try_orelse = visit_Try_body
    leave_Try_orelse = leave_Try_body

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._try_guards.append(any(_catches_import_errors(handler.type) for handler in node.handlers))

    def leave_TryStar(self, original_node: cst.TryStar) -> None:
        self._try_guards.pop()

    def visit_TryStar_body(self, node: cst.TryStar) -> None:
        self._guarded += self._try_guards[-1]

    def leave_TryStar_body(self, node: cst.TryStar) -> None:
        self._guarded -= self._try_guards[-1]

    visit_TryStar_orelse = visit_TryStar_body
    leave_TryStar_orelse = leave_TryStar_body

    def visit_With(self, node: cst.With) -> None:
        self._with_guards.append(any(_suppresses_import_errors(item.item) for item in node.items))

    def leave_With(self, original_node: cst.With) -> None:
        self._with_guards.pop()

    def visit_With_body(self, node: cst.With) -> None:
        self._guarded += self._with_guards[-1]

    def leave_With_body(self, node: cst.With) -> None:
        self._guarded -= self._with_guards[-1]

    # Type-only and platform-specific imports.

    def visit_If(self, node: cst.If) -> None:
        test = dotted_name(node.test)
        type_checking = test is not None and (test == "TYPE_CHECKING" or test.endswith(".TYPE_CHECKING"))
        self._if_kinds.append((type_checking, _tests_platform(node.test)))

    def leave_If(self, original_node: cst.If) -> None:
        self._if_kinds.pop()

    def visit_If_body(self, node: cst.If) -> None:
        type_checking, platform = self._if_kinds[-1]
        self._type_only += type_checking
        self._conditional += platform

    def leave_If_body(self, node: cst.If) -> None:
        type_checking, platform = self._if_kinds[-1]
        self._type_only -= type_checking
        self._conditional -= platform

    def visit_If_orelse(self, node: cst.If) -> None:
        self._conditional += self._if_kinds[-1][1]

    def leave_If_orelse(self, node: cst.If) -> None:
        self._conditional -= self._if_kinds[-1][1]

    # The imports themselves.

    def visit_Import(self, node: cst.Import) -> None:
        if self._guarded:
            return
        for alias in node.names:
            module = dotted_name(alias.name)
            if module is not None:
                self._judge(module, alias)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if self._guarded or node.relative or node.module is None:
            return
        module = dotted_name(node.module)
        if module is None or self._accepted(module):
            return
        resolution = self.model.resolve(module, bool(self._type_only))
        if resolution.origin is not Origin.NAMESPACE:
            self._report_if_wanted(module, resolution, node)
        elif not isinstance(node.names, cst.ImportStar):
            # `from google.cloud import storage`: each name is a module of the namespace.
            for alias in node.names:
                name = dotted_name(alias.name)
                if name is not None:
                    self._judge(f"{module}.{name}", alias)

    def _judge(self, module: str, node: cst.CSTNode) -> None:
        if self._accepted(module):
            return
        self._report_if_wanted(module, self.model.resolve(module, bool(self._type_only)), node)

    def _accepted(self, module: str) -> bool:
        """First-party, or named by the options: never judged further."""
        return (
            _starts_with(module, self._first_party)
            or _starts_with(module, self._third_party)
            or self.model.is_first_party(module, self._directory)
        )

    def _report_if_wanted(self, module: str, resolution: Resolution, node: cst.CSTNode) -> None:
        finding = self._finding(module, resolution)
        if finding is None:
            return
        key, message = finding
        if key not in self._reported:  # one finding per missing module or distribution and file
            self._reported.add(key)
            self.report(node, message)

    def _finding(self, module: str, resolution: Resolution) -> tuple[object, str] | None:
        """What to report about ``module`` (a key to report it once per file, the message), or None."""
        raise NotImplementedError


class UnknownImportRule(_ImportRule):
    code = "AIL610"
    name = "import-not-found"
    summary = "An import of a package that is nowhere to be found: likely invented"
    message = (
        "`{module}` is not in the standard library, the project, its declared dependencies or "
        "{environment}: an invented package name? Check that it exists before installing it"
    )
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = (1357,)
    cwe_titles = {1357: "Reliance on Insufficiently Trustworthy Component"}
    references = (
        "https://arxiv.org/abs/2406.10279",
        "https://packaging.python.org/en/latest/specifications/dependency-specifiers/",
        "https://docs.python.org/3/library/importlib.metadata.html#package-distributions",
    )
    docs = Docs(
        what="An `import` whose top-level module (or namespace package portion) is not in the "
        "standard library, is not part of the project, is provided by no declared dependency, and "
        "is installed neither in the project's environment nor in the interpreter running ailint.",
        why="Code models invent package names: about one in five packages suggested by the models "
        "studied by Spracklen et al. (2024) does not exist, and the same invented names come back "
        "again and again. Attackers register them on PyPI (\"slopsquatting\"), so the `pip install` "
        "that makes the generated code run installs their package. An import that resolves nowhere "
        "is either such a name or a dependency nobody declared; both need a human before anything "
        "is installed.",
        bad="from jsonfastlib import fast_loads\n\nsettings = fast_loads(text)\n",
        good="import json\n\nsettings = json.loads(text)\n",
        fix="Check the name on PyPI and in the library's documentation: what does the code need, "
        "which real package provides it? Use that package (or the standard library), declare it in "
        "the project's dependencies, then install it. If the module is the project's own but its "
        "layout hides it, or is installed by other means, name it in `known-first-party` or "
        "`known-third-party`.",
        notes="Precision first: the rule reports nothing for an import that resolves, and nothing "
        "when it cannot tell where the project's packages are installed. Also silent for: optional "
        "imports (`try: import ujson as json` / `except ImportError:`, and that `try`'s `else:`; `with "
        "suppress(ImportError):`, a test's `with self.assertRaises(ImportError):`); files that change "
        "`sys.path` (`sys.path.insert(...)`, `site.addsitedir(...)`), whose imports come from "
        "directories known only at run time; imports under a platform or version test (`if sys.platform == \"win32\": import win32api`), whose package "
        "may exist only there; widely used packages that are merely not installed (a curated list: "
        "they exist, even if undeclared); relative imports; `importlib.import_module(...)`. "
        "Type-checking imports (`if TYPE_CHECKING:`, and all imports of `.pyi` files) also resolve through installed `<name>-stubs` "
        "and declared `types-<name>` packages. An installed module a declared distribution does not "
        "provide is AIL611's, not this rule's. Each missing module is reported once per file, at its "
        "first import. Only the top-level distribution (or the namespace "
        "portion) is checked: `from requests.fancy import x` with requests installed is not "
        "reported. " + _SHARED_NOTES,
    )
    valid = (
        Valid("import os\nimport yaml\nfrom libcst import matchers as m\n"),
        Valid("try:\n    import ujson as json\nexcept ImportError:\n    import json\n"),
        Valid("try:\n    import jsonfastlib\nexcept (ImportError, AttributeError):\n    jsonfastlib = None\n"),
        Valid("from . import helpers\nfrom .models import User\n"),
        Valid("from ailint.rule import CstRule\n"),
        Valid("import sys\n\nif sys.platform == 'win32':\n    import win32api\nelse:\n    import fcntl\n"),
        Valid("import jsonfastlib\n", options={"known-third-party": ["jsonfastlib"]}),
        Valid("import conftest\n", path="tests/example_test.py"),
        Valid("import requests\n"),
        Valid("from contextlib import suppress\n\nwith suppress(ImportError):\n    import orjsonx\n"),
        Valid("import numpyx.core\n", options={"known-first-party": ["numpyx"]}),
    )
    invalid = (
        Invalid("import jsonfastlib\n", line=1),
        Invalid("import os\nfrom requests_auth_plus.session import AuthSession\n", line=2),
        Invalid("def load(path):\n    import yamlfast as yaml\n    return yaml.load(path)\n", line=2),
        Invalid("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from fastjsonmodels import Model\n", line=4),
        Invalid("try:\n    import ujson as json\nexcept ImportError:\n    import jsonfastlib as json\n", line=4),
        Invalid("try:\n    import pandas_quick\nexcept ValueError:\n    pass\n", line=2),
    )

    def _finding(self, module: str, resolution: Resolution) -> tuple[object, str] | None:
        if resolution.origin is not Origin.MISSING or self._conditional or self._path_changed:
            return None
        environment = self.model.environment
        if environment is None:
            return None  # ailint runs from its own environment: "not installed" would mean nothing
        return self._missing_part(module), self.message.format(module=module, environment=environment.description)

    def _missing_part(self, module: str) -> str:
        """The shallowest prefix of ``module`` that is missing (``pegen`` for ``pegen.grammar``,
        ``google.cloud.made_up`` below the ``google.cloud`` namespace): one finding per file."""
        parts = module.split(".")
        for end in range(1, len(parts)):
            prefix = ".".join(parts[:end])
            if self.model.resolve(prefix, bool(self._type_only)).origin is Origin.MISSING:
                return prefix
        return module


class UndeclaredImportRule(_ImportRule):
    code = "AIL611"
    name = "undeclared-import"
    summary = "An import of an installed package that no manifest declares"
    message = "`{module}` is installed ({distribution}) but no manifest of the project declares it: add {distribution} to its dependencies"
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    references = (
        "https://packaging.python.org/en/latest/specifications/pyproject-toml/#dependencies-optional-dependencies",
        "https://peps.python.org/pep-0735/",
    )
    docs = Docs(
        what="An `import` of a module that is installed in the project's environment, whose "
        "distribution none of the project's manifests declares (`pyproject.toml`, `setup.cfg`, "
        "`setup.py`, `Pipfile`, requirements files). Only in projects that declare their "
        "dependencies somewhere.",
        why="Assistants import whatever happens to be installed on the machine they run on: a "
        "package pulled in by another one (`requests` through a tool, `typing_extensions` through "
        "pydantic), or one installed by hand while trying things out. The code works here and "
        "breaks on a clean install, in CI or for users, and nobody decided to depend on that "
        "package or pinned it.",
        bad="import requests\n\n\ndef fetch(url):\n    return requests.get(url, timeout=10).json()\n",
        good="import yaml\n\n\ndef load(path):\n    with open(path) as handle:\n        return yaml.safe_load(handle)\n",
        fix="Declare the distribution the message names in the project's dependencies (an extra or "
        "a dependency group if only tests or tools need it), or stop using it. If the manifest that "
        "declares it is one ailint does not read, name the module in `known-third-party`.",
        notes="The examples are checked in ailint's own repository, whose `pyproject.toml` declares "
        "PyYAML but not requests (installed there as a dependency of a dependency). Not reported: "
        "optional imports (inside `try` / `except ImportError`), type-checking imports (`if "
        "TYPE_CHECKING:` and `.pyi` files: stub and development packages), modules installed without metadata "
        "that names their distribution, and any import in a project that declares no dependencies "
        "at all (no manifest: nothing to compare with). A module found nowhere is AIL610's. Each "
        "undeclared distribution is reported once per file, at its first import. "
        + _SHARED_NOTES,
    )
    valid = (
        Valid("import yaml\nimport libcst.matchers as m\n"),
        Valid("try:\n    import requests\nexcept ImportError:\n    requests = None\n"),
        Valid("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import requests\n"),
        Valid("import jsonfastlib\n"),
        Valid("import requests\n", options={"known-third-party": ["requests"]}),
        Valid("import pytest\nfrom _pytest.monkeypatch import MonkeyPatch\n"),
        Valid("from ailint.project import model\n"),
    )
    invalid = (
        Invalid("import requests\n", line=1),
        Invalid("import os\n\nfrom pluggy import HookimplMarker\n", line=3),
        Invalid("def fetch(url):\n    import requests\n    return requests.get(url, timeout=10)\n", line=2),
    )

    def _finding(self, module: str, resolution: Resolution) -> tuple[object, str] | None:
        if resolution.origin is not Origin.UNDECLARED or self._type_only:
            return None
        if self.model.environment is None or not self.model.declares:
            return None
        distribution = " / ".join(resolution.distributions)
        return resolution.distributions, self.message.format(module=module, distribution=distribution)


def _catches_import_errors(kind: cst.BaseExpression | None) -> bool:
    if kind is None:
        return True  # a bare except
    if isinstance(kind, cst.Tuple):
        return any(_catches_import_errors(element.value) for element in kind.elements)
    name = dotted_name(kind)
    return name is not None and name.rpartition(".")[2] in IMPORT_ERRORS


def _suppresses_import_errors(item: cst.BaseExpression) -> bool:
    """``suppress(ImportError)``, or a test's ``assertRaises(ImportError)`` / ``pytest.raises(...)``."""
    if not isinstance(item, cst.Call):
        return False
    name = dotted_name(item.func)
    if name is None or name.rpartition(".")[2] not in EXPECTING_CONTEXTS:
        return False
    return any(_catches_import_errors(argument.value) for argument in item.args)


def _tests_platform(test: cst.BaseExpression) -> bool:
    """Whether an `if` test mentions the platform or the Python version (``sys.platform ==
    "win32"``, ``not PY2``, ``platform.system() in (...)``, ``sys.version_info[:2] >= (3, 11)``)."""
    stack: list[cst.BaseExpression] = [test]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.Name, cst.Attribute)):
            if dotted_name(node) in PLATFORM_TESTS:
                return True
        elif isinstance(node, cst.Comparison):
            stack.append(node.left)
            stack.extend(target.comparator for target in node.comparisons)
        elif isinstance(node, cst.BooleanOperation):
            stack.extend((node.left, node.right))
        elif isinstance(node, cst.UnaryOperation):
            stack.append(node.expression)
        elif isinstance(node, cst.Call):
            stack.append(node.func)
        elif isinstance(node, cst.Subscript):
            stack.append(node.value)
    return False


def _starts_with(module: str, prefixes: Collection[str]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def dependency_fingerprint(root: Path, enabled_codes: Collection[str], rule_options: Mapping[str, Mapping[str, Any]]) -> str:
    """What AIL610 / AIL611 results depend on besides a file's content (empty when both are
    off), for the result cache: the manifests and environment of the project at ``root``."""
    environments = sorted({str(rule_options.get(code, {}).get("environment", "")) for code in CODES if code in enabled_codes})
    if not environments:
        return ""
    project = project_root(str(root / "pyproject.toml"))
    return "\0".join(fingerprint(project, environment) for environment in environments)


RULES: tuple[type[Rule], ...] = (UnknownImportRule, UndeclaredImportRule)
