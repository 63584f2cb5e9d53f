"""AIL610 / AIL611 on throwaway projects: manifests in tmp_path, a fake site-packages as the environment."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Sequence

import pytest

from ailint.config import settings_from_table
from ailint.project.first_party import local_modules
from ailint.runner import settings_digest

from conftest import FIXTURES, lint

CODES = ["AIL610", "AIL611"]
PROJECT = FIXTURES / "generated_code" / "imports"
MARKER = re.compile(r"#\s*(expect|ok):\s*(AIL61[01])\s*$")


def install(site: Path, distribution: str, modules: Mapping[str, str] | Sequence[str] = (), top_level: bool = True) -> None:
    """A fake installed distribution: its module files (path -> source) and its metadata."""
    files = modules if isinstance(modules, Mapping) else {f"{name}/__init__.py": "" for name in modules}
    for relative, source in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    metadata = site / f"{distribution.replace('-', '_')}-1.0.dist-info"
    metadata.mkdir(parents=True, exist_ok=True)
    (metadata / "RECORD").write_text("".join(f"{relative},,\n" for relative in files))
    if top_level:
        tops = sorted({relative.split("/", 1)[0].split(".", 1)[0] for relative in files})
        (metadata / "top_level.txt").write_text("\n".join(tops) + "\n")


def project(root: Path, pyproject: str | None = None, files: Mapping[str, str] | None = None) -> Path:
    """A project at ``root`` (``files``: relative path -> text) with an empty fake environment at ``root/site``."""
    root.mkdir(parents=True, exist_ok=True)
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject)
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "site").mkdir(exist_ok=True)
    return root


def check(root: Path, code: str, file: str = "app/main.py", codes: Sequence[str] = CODES, environment: str | None = "site", **options):
    rule_options = {} if environment is None else {"environment": environment}
    rule_options.update({name.replace("_", "-"): value for name, value in options.items()})
    return lint(code, select=list(codes), options={c: rule_options for c in codes}, path=str(root / file))


def codes_at(findings) -> list[tuple[str, int]]:
    return sorted((finding.code, finding.line) for finding in findings)


DECLARED = '[project]\nname = "app"\ndependencies = ["PyYAML>=6"]\n'


# The required separation: invented names against real, declared ones.

INVENTED = [
    "import jsonfastlib",
    "from pandas_quick import read_any",
    "from requests_auth_plus.session import AuthSession",
    "import fastyaml_loader as yl",
    "from torchhelpers.training import fit_model",
    "import numpy_ext_utils",
    "from quickcsvreader import CsvReader",
    "import django_autoadmin_plus",
    "from flask_secure_sessions import SecureSession",
    "import httpx_retry_plus",
    "from pydantic_autoschema import generate_schema",
    "import sklearn_pipeline_tools",
    "from openai_toolkit_pro import ChatClient",
    "import langchain_memory_store",
    "from boto3_easy_s3 import upload_file",
    "import asyncio_pool_executor",
    "from sqlalchemy_autorepo import Repository",
    "import crypto_secure_hash",
    "from pdf_text_extractor_pro import extract_text",
    "import matplotlib_quickplot as qp",
    "from redis_cache_decorator import cached",
    "import mongo_orm_lite",
    "from fastapi_auth_jwt_plus import JWTAuth",
    "import tensorflow_easy_layers.dense",
    "from yaml_config_loader.loader import load_config",
    "import env_config_manager",
    "from celery_task_monitor import Monitor",
    "import smtp_mailer_simple, json",
    "from image_resize_utils import resize",
    "import timeseries_forecast_kit as tfk",
]

REAL = {
    "PyYAML": "import yaml",
    "Pillow": "from PIL import Image",
    "scikit-learn": "from sklearn.linear_model import LinearRegression",
    "beautifulsoup4": "from bs4 import BeautifulSoup",
    "python-dateutil": "from dateutil import parser",
    "protobuf": "from google.protobuf import json_format",
    "google-cloud-storage": "from google.cloud import storage",
    "google-cloud-bigquery": "import google.cloud.bigquery as bq",
    "google-cloud-pubsub": "from google.cloud import pubsub_v1",
    "azure-storage-blob": "from azure.storage.blob import BlobServiceClient",
    "PyJWT": "import jwt",
    "python-dotenv": "from dotenv import load_dotenv",
    "opencv-python-headless": "import cv2",
    "requests": "import requests",
    "numpy": "import numpy as np",
    "pandas": "import pandas as pd",
    "attrs": "import attr",
    "GitPython": "from git import Repo",
    "pyzmq": "import zmq",
    "pyserial": "import serial",
    "pycryptodome": "from Crypto.Cipher import AES",
    "pyOpenSSL": "from OpenSSL import crypto",
    "psycopg2-binary": "import psycopg2",
    "mysqlclient": "import MySQLdb",
    "python-docx": "from docx import Document",
    "python-magic": "import magic",
    "djangorestframework": "from rest_framework import serializers",
    "typing-extensions": "from typing_extensions import override",
    "opentelemetry-sdk": "from opentelemetry.sdk.trace import TracerProvider",
    "acme-internal-billing": "from acme_internal_billing.client import Invoices",
}


def test_thirty_invented_names_are_told_from_thirty_declared_real_ones(tmp_path: Path):
    assert len(INVENTED) == len(REAL) == 30
    dependencies = ", ".join(f'"{name}"' for name in REAL)
    root = project(tmp_path / "svc", f'[project]\nname = "svc"\ndependencies = [{dependencies}]\n')
    code = "\n".join([*REAL.values(), *INVENTED]) + "\n"
    findings = check(root, code)
    assert all(finding.code in CODES for finding in findings), [f.message for f in findings]
    invented_lines = list(range(len(REAL) + 1, len(REAL) + len(INVENTED) + 1))
    assert codes_at(findings) == [("AIL610", line) for line in invented_lines]


def test_the_invented_names_are_also_found_when_nothing_is_declared(tmp_path: Path):
    root = project(tmp_path / "svc", '[project]\nname = "svc"\ndependencies = []\n')
    findings = check(root, "\n".join(INVENTED) + "\n")
    assert codes_at(findings) == [("AIL610", line) for line in range(1, 31)]


# AIL611: installed, not declared.

def test_installed_but_undeclared_import_is_ail611(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "PyYAML", ["yaml"])
    install(root / "site", "toolz", ["toolz"])
    findings = check(root, "import yaml\ndef main():\n    from toolz.curried import pipe\n")
    assert codes_at(findings) == [("AIL611", 3)]
    assert "add toolz to its dependencies" in findings[0].message


def test_no_manifest_means_no_ail611_but_still_ail610(tmp_path: Path):
    root = project(tmp_path / "svc", None, {".git/HEAD": "ref: refs/heads/main\n"})
    install(root / "site", "toolz", ["toolz"])
    assert codes_at(check(root, "import toolz\nimport jsonfastlib\n")) == [("AIL610", 2)]


def test_a_pyproject_without_dependencies_declares_nothing(tmp_path: Path):
    root = project(tmp_path / "svc", '[tool.black]\nline-length = 100\n')
    install(root / "site", "toolz", ["toolz"])
    assert check(root, "import toolz\n") == []


def test_a_requirements_file_is_a_manifest(tmp_path: Path):
    root = project(tmp_path / "svc", None, {"requirements.txt": "PyYAML\n"})
    install(root / "site", "toolz", ["toolz"])
    install(root / "site", "PyYAML", ["yaml"])
    assert codes_at(check(root, "import yaml\nimport toolz\n")) == [("AIL611", 2)]


def test_distribution_metadata_maps_odd_import_names(tmp_path: Path):
    # Installed, the distribution's own metadata says what it provides, whatever its name.
    root = project(tmp_path / "svc", '[project]\nname = "svc"\ndependencies = ["weird-dist-name"]\n')
    install(root / "site", "weird-dist-name", ["zz_weird"])
    install(root / "site", "other-dist", ["zz_other"], top_level=False)
    findings = check(root, "import zz_weird\nimport zz_other\n")
    assert codes_at(findings) == [("AIL611", 2)]
    assert "(other-dist)" in findings[0].message


def test_the_project_itself_installed_is_not_undeclared(tmp_path: Path):
    root = project(tmp_path / "svc", '[project]\nname = "svc-core"\ndependencies = []\n')
    install(root / "site", "svc-core", ["svc_core_impl"])
    assert check(root, "import svc_core_impl\n") == []


# Namespace packages are judged on their portions.

def test_namespace_portions_are_resolved_on_the_dotted_prefix(tmp_path: Path):
    root = project(tmp_path / "svc", '[project]\nname = "svc"\ndependencies = ["google-cloud-storage"]\n')
    install(root / "site", "google-cloud-storage", {"google/cloud/storage/__init__.py": ""}, top_level=False)
    install(root / "site", "google-cloud-tasks", {"google/cloud/tasks/__init__.py": ""}, top_level=False)
    code = (
        "from google.cloud import storage\n"
        "import google.cloud.storage.blob\n"
        "from google.cloud import tasks\n"
        "from google.cloud import storage_helpers_plus\n"
        "import google.cloud.bucket_sync_pro\n"
        "from google.cloud import storage, imaginary_api\n"
    )
    findings = check(root, code)
    assert codes_at(findings) == [("AIL610", 4), ("AIL610", 5), ("AIL610", 6), ("AIL611", 3)]
    assert "`google.cloud.imaginary_api`" in next(f.message for f in findings if f.line == 6)
    assert next(f for f in findings if f.line == 6).column == len("from google.cloud import storage, ") + 1


def test_declared_namespace_packages_resolve_without_being_installed(tmp_path: Path):
    root = project(tmp_path / "svc", '[project]\nname = "svc"\ndependencies = ["azure-storage-blob", "google-cloud-secret-manager"]\n')
    code = "from azure.storage.blob import BlobClient\nfrom google.cloud import secretmanager\nfrom azure.storage import queue_fast\n"
    assert codes_at(check(root, code)) == [("AIL610", 3)]


# First-party modules.

def test_first_party_modules_from_the_layout(tmp_path: Path):
    root = project(
        tmp_path / "svc",
        DECLARED,
        {"src/billing/__init__.py": "", "toolbox.py": "", "scripts/helpers_local.py": "", "tests/conftest.py": ""},
    )
    code = "import billing\nfrom toolbox import run\nimport helpers_local\nimport conftest\n"
    assert check(root, code, file="scripts/deploy.py") == []
    # helpers_local sits beside scripts/deploy.py only: from tests/ it is not first-party.
    assert codes_at(check(root, "import helpers_local\nimport conftest\n", file="tests/unit/test_x.py")) == [("AIL610", 1)]


def test_a_local_module_shadowing_a_pypi_name_is_first_party(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED, {"tools/requests.py": ""})
    install(root / "site", "requests", ["requests"])
    assert check(root, "import requests\n", file="tools/fetch.py") == []
    assert codes_at(check(root, "import requests\n", file="app/fetch.py")) == [("AIL611", 1)]


def test_configured_packages_and_the_project_name_are_first_party(tmp_path: Path):
    pyproject = (
        '[project]\nname = "acme-billing"\ndependencies = []\n'
        '[tool.setuptools.package-dir]\n"" = "lib"\n'
        '[tool.hatch.build.targets.wheel]\npackages = ["python/acme_tools"]\n'
        '[tool.pytest.ini_options]\npythonpath = ["testing"]\n'
    )
    files = {"lib/ledger/__init__.py": "", "python/acme_tools/__init__.py": "", "testing/fakes.py": ""}
    root = project(tmp_path / "svc", pyproject, files)
    code = "import acme_billing\nimport ledger\nimport acme_tools\nimport fakes\nimport ledgerx\n"
    assert codes_at(check(root, code)) == [("AIL610", 5)]


def test_relative_imports_are_never_judged(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    assert check(root, "from . import jsonfastlib\nfrom .jsonfastlib import x\nfrom .. import y\n") == []


def test_known_first_and_third_party_options(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz"])
    code = "import generated_protos.orders\nimport vendored_sdk\nimport toolz\n"
    findings = check(root, code, known_first_party=["generated_protos"], known_third_party=["vendored_sdk", "toolz"])
    assert findings == []


# Optional, type-only and platform-specific imports.

def test_guarded_imports_are_optional(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz"])
    code = (
        "try:\n    import jsonfastlib\nexcept ImportError:\n    jsonfastlib = None\n"
        "try:\n    import toolz\nexcept (ModuleNotFoundError, ValueError):\n    toolz = None\n"
        "try:\n    from fastcsv import reader\nexcept Exception:\n    reader = None\n"
        "try:\n    import cfastpickle\nexcept:\n    cfastpickle = None\n"
        "from contextlib import suppress\nwith suppress(ImportError):\n    import orjsonx\n"
    )
    assert check(root, code) == []


def test_the_try_body_and_its_else_are_guarded_not_the_handlers_or_finally(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    code = (
        "try:\n    import ujson as json\nexcept ImportError:\n    import jsonfastlib as json\n"
        "else:\n    import ujson_extras\nfinally:\n    import fastjson_cleanup\n"
        "try:\n    import jsonx_speedups\nexcept ValueError:\n    pass\nelse:\n    import jsonx_more\n"
    )
    assert codes_at(check(root, code)) == [("AIL610", 4), ("AIL610", 8), ("AIL610", 10), ("AIL610", 14)]


def test_stub_files_only_type(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz"])
    code = "import toolz\nfrom madeupmodels import Row\n"
    assert codes_at(check(root, code, file="app/models.pyi")) == [("AIL610", 2)]
    assert codes_at(check(root, code, file="app/models.py")) == [("AIL610", 2), ("AIL611", 1)]


def test_type_checking_imports(tmp_path: Path):
    root = project(tmp_path / "svc", '[project]\nname = "svc"\ndependencies = ["types-boto-stubsy"]\n')
    install(root / "site", "toolz", ["toolz"])
    install(root / "site", "typed-lib-stubs", {"typedlib-stubs/__init__.pyi": ""})
    code = (
        "from typing import TYPE_CHECKING\nimport typing\n"
        "if TYPE_CHECKING:\n    import toolz\n    import typedlib\n    import boto_stubsy\n    import madeupmodels\n"
        "if typing.TYPE_CHECKING:\n    from fakeorm.models import Row\n"
        "else:\n    import toolz as runtime_toolz\n"
    )
    assert codes_at(check(root, code)) == [("AIL610", 7), ("AIL610", 9), ("AIL611", 11)]


def test_platform_and_version_specific_imports_are_never_ail610(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz"])
    code = (
        "import os, sys\n"
        "if sys.platform == 'win32':\n    import win32fake\nelif sys.version_info < (3, 11):\n    import tomlfake\nelse:\n    import posixfake\n"
        "if os.name == 'nt':\n    import toolz\n"
    )
    assert codes_at(check(root, code)) == [("AIL611", 9)]


def test_imports_inside_functions_and_classes_are_judged(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    code = "def load():\n    import yamlturbo\n\nclass Loader:\n    def run(self):\n        from jsonturbo import loads\n"
    assert codes_at(check(root, code)) == [("AIL610", 2), ("AIL610", 6)]


def test_standard_library_of_any_version_and_future(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    code = "from __future__ import annotations\nimport tomllib\nimport distutils.core\nimport asyncore\nimport urllib2\nimport os.path\n"
    assert check(root, code) == []


def test_import_module_calls_are_not_judged(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    assert check(root, "import importlib\nplugin = importlib.import_module('jsonfastlib')\n") == []


# The environment.

def test_without_a_project_environment_both_rules_stay_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.delenv("CONDA_PREFIX", raising=False)
    monkeypatch.setattr(sys, "base_prefix", "/not/the/running/prefix")  # as under pipx: ailint's own venv
    root = project(tmp_path / "svc", DECLARED)
    assert check(root, "import jsonfastlib\nimport pluggy\n", environment=None) == []


def test_the_root_dot_venv_is_the_project_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    root = project(tmp_path / "svc", DECLARED)
    site = root / ".venv" / "lib" / "python3.12" / "site-packages"
    install(site, "toolz", ["toolz"])
    assert codes_at(check(root, "import toolz\nimport jsonfastlib\n", environment=None)) == [("AIL610", 2), ("AIL611", 1)]


def test_virtual_env_variable_is_the_project_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    environment = tmp_path / "envs" / "svc"
    install(environment / "lib" / "python3.11" / "site-packages", "toolz", ["toolz"])
    monkeypatch.setenv("VIRTUAL_ENV", str(environment))
    root = project(tmp_path / "svc", DECLARED)
    assert codes_at(check(root, "import toolz\n", environment=None)) == [("AIL611", 1)]


def test_environment_option_takes_a_python_executable(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "env" / "lib" / "python3.11" / "site-packages", "toolz", ["toolz"])
    (root / "env" / "bin").mkdir()
    (root / "env" / "bin" / "python").write_text("")
    assert codes_at(check(root, "import toolz\n", environment="env/bin/python")) == [("AIL611", 1)]


def test_a_wrong_environment_option_is_reported_not_ignored(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    findings = check(root, "import toolz\n", codes=["AIL610"], environment="no/such/env")
    assert len(findings) == 1 and findings[0].code.startswith("AIL00") and "no/such/env" in findings[0].message


def test_pth_directories_and_editable_installs(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    sibling = tmp_path / "checkouts" / "sibling" / "src"
    (sibling / "sibling_lib").mkdir(parents=True)
    (sibling / "sibling_lib" / "__init__.py").write_text("")
    site = root / "site"
    (site / "__editable__.sibling-1.0.pth").write_text(f"{sibling}\n")
    metadata = site / "sibling-1.0.dist-info"
    metadata.mkdir()
    (metadata / "RECORD").write_text("__editable__.sibling-1.0.pth,,\n")
    (metadata / "direct_url.json").write_text('{"url": "file:///x", "dir_info": {"editable": true}}')
    finder = site / "__editable___mapped_1_0_finder.py"
    finder.write_text(f"MAPPING: dict[str, str] = {{'mapped_lib': '{tmp_path}/mapped/mapped_lib'}}\n")
    mapped = site / "mapped-1.0.dist-info"
    mapped.mkdir()
    (mapped / "RECORD").write_text(f"{finder.name},,\n__editable__.mapped-1.0.pth,,\n")
    (mapped / "direct_url.json").write_text('{"url": "file:///y", "dir_info": {"editable": true}}')
    (site / "__editable__.mapped-1.0.pth").write_text("import __editable___mapped_1_0_finder; __editable___mapped_1_0_finder.install()\n")
    findings = check(root, "import sibling_lib\nimport mapped_lib\n")
    assert codes_at(findings) == [("AIL611", 1), ("AIL611", 2)]
    assert "(sibling)" in findings[0].message and "(mapped)" in findings[1].message


def test_nothing_in_the_environment_is_imported_or_run(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    marker = tmp_path / "ran"
    install(root / "site", "PyYAML", {"yaml/__init__.py": f"open({str(marker)!r}, 'w').close()\n"})
    (root / "site" / "evil.pth").write_text(f"import os; open({str(marker)!r}, 'w').close()\n")
    assert check(root, "import yaml\n") == []
    assert not marker.exists()


# The fixture project.

def _markers(path: Path) -> dict[str, tuple[set[int], set[int]]]:
    markers: dict[str, tuple[set[int], set[int]]] = {code: (set(), set()) for code in CODES}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            markers[match.group(2)][0 if match.group(1) == "expect" else 1].add(number)
    return markers


@pytest.mark.parametrize("relative", ["src/shop/service.py", "scripts/sync.py", "tests/order_checks.py"])
def test_fixture_project(relative: str):
    path = PROJECT / relative
    findings = check(PROJECT, path.read_text(encoding="utf-8"), file=relative, environment="site-packages")
    markers = _markers(path)
    assert any(ok for _, ok in markers.values()), f"{relative} has no tricky negative"
    for code, (expected, _) in markers.items():
        assert sorted(f.line for f in findings if f.code == code) == sorted(expected), [f.message for f in findings]


# The result cache and flake8.

def test_settings_digest_follows_manifests_and_environment(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz"])
    table = {"select": CODES, "rules": {code: {"environment": "site"} for code in CODES}}

    def digest(table: dict = table) -> str:
        return settings_digest(settings_from_table(table, root, "test"))

    off = digest({"select": ["AIL101"]})
    first = digest()
    assert digest() == first
    (root / "pyproject.toml").write_text(DECLARED.replace("PyYAML>=6", "PyYAML>=6.0.1"))
    second = digest()
    assert second != first
    install(root / "site", "pluggy", ["pluggy"])
    assert digest() != second
    # With both rules off nothing of the project counts.
    assert digest({"select": ["AIL101"]}) == off


def test_flake8_reports_both_codes(tmp_path: Path):
    root = project(
        tmp_path / "svc",
        DECLARED + '\n[tool.ailint.rules.AIL610]\nenvironment = "site"\n[tool.ailint.rules.AIL611]\nenvironment = "site"\n',
        {"app/main.py": "import yaml\nimport toolz\nimport jsonfastlib\n", "app/helpers.py": "X = 1\n", "app/cli.py": "import helpers\n"},
    )
    install(root / "site", "PyYAML", ["yaml"])
    install(root / "site", "toolz", ["toolz"])
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "AIL610,AIL611", "app"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    rows = sorted(line.split(" ", 1)[0] + " " + line.split(" ", 2)[1] for line in result.stdout.splitlines())
    assert rows == ["app/main.py:2:8: AIL611", "app/main.py:3:8: AIL610"], (result.stdout, result.stderr)


def test_local_module_listing_is_cached_per_directory(tmp_path: Path):
    (tmp_path / "one.py").write_text("")
    assert "one" in local_modules(tmp_path)
    assert local_modules(tmp_path) is local_modules(tmp_path)


def test_each_missing_module_or_undeclared_distribution_is_reported_once_per_file(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz", "tlz"])
    install(root / "site", "google-cloud-storage", {"google/cloud/storage/__init__.py": ""}, top_level=False)
    code = (
        "import toolz\nimport jsonfastlib\n"
        "try:\n    from toolz import CFast\nexcept ImportError:\n    from toolz import curry\n"
        "def later():\n    import jsonfastlib\n    import tlz\n    from jsonfastlib.sub import x\n"
        "    from pegenx.grammar import Rule\n    from pegenx.parser import Parser\n"
        "    import google.cloud.made_up_one\n    import google.cloud.made_up_two\n"
    )
    assert codes_at(check(root, code)) == [("AIL610", 2), ("AIL610", 11), ("AIL610", 13), ("AIL610", 14), ("AIL611", 1)]


def test_imports_expected_to_fail_in_tests_are_not_reported(tmp_path: Path):
    root = project(tmp_path / "svc", DECLARED)
    code = (
        "import pytest\nimport unittest\n"
        "class T(unittest.TestCase):\n    def test(self):\n        with self.assertRaises(ImportError):\n"
        "            import no_such_module\n"
        "        with self.assertRaisesRegex(ModuleNotFoundError, 'x'):\n            import no_such_module_either\n"
        "def test_missing():\n    with pytest.raises(ImportError):\n        import still_missing\n"
        "    with pytest.raises(ValueError):\n        import jsonfastlib\n"
    )
    assert codes_at(check(root, code)) == [("AIL610", 13)]


@pytest.mark.parametrize(
    "change",
    ["sys.path.insert(0, str(HERE / 'lib'))", "sys.path.append('..')", "sys.path[:0] = ['lib']", "site.addsitedir('vendor')"],
)
def test_a_file_that_changes_sys_path_gets_no_ail610(tmp_path: Path, change: str):
    root = project(tmp_path / "svc", DECLARED)
    install(root / "site", "toolz", ["toolz"])
    code = f"import site, sys\n{change}\nimport vendored_thing\nimport toolz\n"
    assert codes_at(check(root, code)) == [("AIL611", 4)]
    assert codes_at(check(root, "import sys\nprint(sys.path)\nif sys.path == []:\n    pass\nimport vendored_thing\n")) == [("AIL610", 5)]
