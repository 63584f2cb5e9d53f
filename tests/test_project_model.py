"""The project model behind AIL610 / AIL611: manifests, aliases, installed modules, first-party names."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from ailint.project.aliases import import_names, normalise, provides, stub_target
from ailint.project.environment import EnvironmentNotFound, explicit_environment, project_environment, site_directories
from ailint.project.first_party import directories_up_to, project_modules
from ailint.project.installed import Installed
from ailint.project.manifests import read_declarations, requirement_name
from ailint.project.model import Origin, project_model, project_root

from conftest import REPO


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def declared(root: Path, pyproject: dict | None = None) -> set[str]:
    return {normalise(name) for name in read_declarations(root, pyproject or {}).distributions}


# Requirement strings and files.

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("requests>=2.31", "requests"),
        ("PyYAML[ext] ~= 6.0 ; python_version >= '3.8'", "PyYAML"),
        ("my_pkg @ https://example.invalid/my_pkg-1.0.tar.gz", "my_pkg"),
        ("https://example.invalid/archive.zip#egg=zipped_pkg", "zipped_pkg"),
        ("https://example.invalid/archive.zip", None),
        ("--index-url https://example.invalid/simple", None),
        ("# a comment", None),
        ("", None),
        ("broken-line >=>= 1", "broken-line"),
    ],
)
def test_requirement_names(text: str, name: str | None):
    assert requirement_name(text) == name


def test_requirements_files_follow_includes_and_skip_options(tmp_path: Path):
    write(
        tmp_path,
        {
            "requirements.txt": "-r requirements/base.txt\n-c constraints.txt\nflask  # the web app\n--hash=sha256:abc\n",
            "requirements/base.txt": "-e git+https://example.invalid/repo.git#egg=editable_thing\n"
            "-e ./local/path\nrequests>=2 \\\n    --hash=sha256:def\n-r base.txt\n",
            "constraints.txt": "urllib3<3\n",
            "dev-requirements.txt": "pytest\n",
            "requirements/test.in": "hypothesis\n",
        },
    )
    declarations = read_declarations(tmp_path, {})
    assert declarations.declares
    assert declared(tmp_path) == {"flask", "requests", "urllib3", "editable-thing", "pytest", "hypothesis"}
    assert tmp_path / "constraints.txt" in declarations.files


def test_pyproject_tables(tmp_path: Path):
    pyproject = {
        "build-system": {"requires": ["setuptools>=61"]},
        "project": {"dependencies": ["attrs"], "optional-dependencies": {"cli": ["click"]}},
        "dependency-groups": {"test": ["pytest", {"include-group": "lint"}], "lint": ["ruff"]},
        "tool": {
            "poetry": {
                "dependencies": {"python": "^3.10", "httpx": "*"},
                "group": {"docs": {"dependencies": {"mkdocs": "*"}}},
                "dev-dependencies": {"black": "*"},
            },
            "pdm": {"dev-dependencies": {"lint": ["flake8"]}},
            "uv": {"dev-dependencies": ["mypy"]},
            "hatch": {"envs": {"default": {"dependencies": ["coverage"]}}},
        },
    }
    assert declared(tmp_path, pyproject) == {
        "setuptools", "attrs", "click", "pytest", "ruff", "httpx", "mkdocs", "black", "flake8", "mypy", "coverage",
    }


def test_dynamic_dependencies_point_to_requirement_files(tmp_path: Path):
    write(tmp_path, {"reqs/main.txt": "numpy\n"})
    pyproject = {
        "project": {"dynamic": ["dependencies"]},
        "tool": {"setuptools": {"dynamic": {"dependencies": {"file": ["reqs/main.txt"]}}}},
    }
    declarations = read_declarations(tmp_path, pyproject)
    assert declarations.declares and declared(tmp_path, pyproject) == {"numpy"}


def test_a_pyproject_without_dependency_tables_declares_nothing(tmp_path: Path):
    assert not read_declarations(tmp_path, {"project": {"name": "x", "dynamic": ["dependencies"]}}).declares
    assert read_declarations(tmp_path, {"project": {"name": "x", "dependencies": []}}).declares


def test_setup_cfg_setup_py_and_pipfile(tmp_path: Path):
    write(
        tmp_path,
        {
            "setup.cfg": "[metadata]\nname = legacy\n[options]\ninstall_requires =\n    six\n    pytz>=2020\n"
            "[options.extras_require]\nyaml = PyYAML\n",
            "setup.py": "from setuptools import setup\nREQUIRES = ['docopt']\n"
            "setup(name='legacy', install_requires=REQUIRES, extras_require={'fast': ['ujson']}, tests_require=compute())\n",
            "Pipfile": '[packages]\nrequests = "*"\n[dev-packages]\npytest = "*"\n',
        },
    )
    assert declared(tmp_path) == {"six", "pytz", "pyyaml", "docopt", "ujson", "requests", "pytest", "setuptools"}


def test_malformed_manifests_are_tolerated(tmp_path: Path):
    write(tmp_path, {"setup.cfg": "[options\nbroken", "setup.py": "setup(", "Pipfile": "[packages\n", "requirements.txt": "\x00\n-r\n"})
    assert read_declarations(tmp_path, {}).distributions == {"setuptools"}  # what a setup.py builds with


# Distribution names to import names.

@pytest.mark.parametrize(
    ("distribution", "module"),
    [
        ("PyYAML", "yaml"),
        ("Pillow", "PIL.Image"),
        ("opencv-python-headless", "cv2"),
        ("scikit-learn", "sklearn.svm"),
        ("beautifulsoup4", "bs4"),
        ("python-dateutil", "dateutil.parser"),
        ("protobuf", "google.protobuf.message"),
        ("PyJWT", "jwt"),
        ("python-dotenv", "dotenv"),
        ("pycryptodome", "Crypto.Cipher"),
        ("pyOpenSSL", "OpenSSL.crypto"),
        ("attrs", "attr"),
        ("mysqlclient", "MySQLdb"),
        ("psycopg2-binary", "psycopg2.extras"),
        ("GitPython", "git"),
        ("pywin32", "win32api"),
        ("my-pkg", "my_pkg"),
        ("My.Dotted_Name", "my_dotted_name"),
        ("zope.interface", "zope.interface.verify"),
        ("backports.zoneinfo", "backports.zoneinfo"),
        ("google-cloud-storage", "google.cloud.storage"),
        ("google-cloud-secret-manager", "google.cloud.secretmanager"),
        ("google-cloud-pubsub", "google.cloud.pubsub_v1"),
        ("azure-storage-blob", "azure.storage.blob"),
        ("opentelemetry-exporter-otlp-proto-http", "opentelemetry.exporter.otlp.proto.http"),
        ("qdrant-client", "qdrant_client"),
        ("pinecone-client", "pinecone"),
    ],
)
def test_declared_distributions_provide_their_import_names(distribution: str, module: str):
    assert provides(import_names(distribution), module)


@pytest.mark.parametrize(
    ("distribution", "module"),
    [
        ("google-cloud-storage", "google.cloud.bigquery"),
        ("google-cloud-storage", "google"),
        ("protobuf", "google.cloud.storage"),
        ("requests", "requests_auth_plus"),
        ("azure-storage-blob", "azure.identity"),
    ],
)
def test_name_variants_do_not_cover_other_modules(distribution: str, module: str):
    assert not provides(import_names(distribution), module)


def test_stub_packages_name_what_they_type():
    assert stub_target("types-requests") == "requests"
    assert stub_target("pandas-stubs") == "pandas"
    assert stub_target("requests") is None


# Installed modules, read from disk.

def test_locate_regular_namespace_and_missing_modules(tmp_path: Path):
    write(tmp_path, {"pkg/__init__.py": "", "single.py": "", "ext.cpython-311-x86_64-linux-gnu.so": "", "ns/part/__init__.py": ""})
    installed = Installed([tmp_path])
    assert installed.locate("pkg.anything.deeper").prefix == "pkg"
    assert installed.locate("single").prefix == "single"
    assert installed.locate("ext").prefix == "ext"
    assert installed.locate("ns.part.mod").prefix == "ns.part"
    assert installed.locate("ns").namespace
    assert installed.locate("ns.other") is None
    assert installed.locate("absent") is None


def test_namespace_portions_across_directories(tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    write(first, {"company/alpha/__init__.py": ""})
    write(second, {"company/beta/__init__.py": ""})
    installed = Installed([first, second])
    assert installed.locate("company.alpha").prefix == "company.alpha"
    assert installed.locate("company.beta.x").prefix == "company.beta"
    assert installed.locate("company.gamma") is None


def test_owners_from_top_level_and_record(tmp_path: Path):
    write(
        tmp_path,
        {
            "yaml/__init__.py": "",
            "PyYAML-6.0.dist-info/top_level.txt": "yaml\n_yaml\n",
            "google/cloud/storage/__init__.py": "",
            "google/cloud/storage/blob.py": "",
            "google_cloud_storage-2.0.dist-info/RECORD": "google/cloud/storage/__init__.py,sha256=x,1\n"
            "google/cloud/storage/blob.py,,\ngoogle_cloud_storage-2.0.dist-info/RECORD,,\n../../bin/gcs,,\n",
            "google/protobuf/__init__.py": "",
            "protobuf-5.0.dist-info/top_level.txt": "google\n",
            "protobuf-5.0.dist-info/RECORD": "google/protobuf/__init__.py,,\n",
            "six.py": "",
            "six-1.16.dist-info/RECORD": '"six.py",,\n',
            "legacy_pkg/__init__.py": "",
            "Legacy_Pkg-0.1-py3.11.egg-info/installed-files.txt": "../legacy_pkg/__init__.py\n",
        },
    )
    installed = Installed([tmp_path])
    assert installed.distributions["pyyaml"] == {"yaml", "_yaml"}
    assert installed.distributions["google-cloud-storage"] == {"google.cloud.storage"}
    assert installed.distributions["protobuf"] == {"google.protobuf"}
    assert installed.owners["six"] == {"six"}
    assert installed.owners["legacy_pkg"] == {"legacy-pkg"}
    assert "google" not in installed.owners


def test_pth_files_add_plain_directories_only(tmp_path: Path):
    extra = write(tmp_path / "extra", {"added_mod.py": ""})
    site = write(tmp_path / "site", {"paths.pth": f"# comment\n{extra}\n../missing\nimport sys; sys.exit(1)\n"})
    installed = Installed([site])
    assert installed.locate("added_mod").prefix == "added_mod"
    assert extra in installed.paths and len(installed.paths) == 2


# Environments.

def test_site_directories_of_a_virtual_environment(tmp_path: Path):
    write(tmp_path / "venv", {"lib/python3.12/site-packages/x.py": "", "pyvenv.cfg": "home = /nonexistent/bin\n"})
    assert site_directories(tmp_path / "venv") == (tmp_path / "venv/lib/python3.12/site-packages",)


def test_system_site_packages_are_included_when_the_venv_says_so(tmp_path: Path):
    base = write(tmp_path / "base", {"lib/python3.12/site-packages/system_mod.py": ""})
    venv = write(
        tmp_path / "venv",
        {"lib/python3.12/site-packages/x.py": "", "pyvenv.cfg": f"home = {base}/bin\ninclude-system-site-packages = true\n"},
    )
    assert site_directories(venv)[-1] == base / "lib/python3.12/site-packages"


def test_explicit_environment_forms(tmp_path: Path):
    write(tmp_path, {"env/lib/python3.11/site-packages/x.py": "", "env/bin/python": "", "bare/x.py": ""})
    assert explicit_environment("env", tmp_path).paths == (tmp_path / "env/lib/python3.11/site-packages",)
    assert explicit_environment("env/bin/python", tmp_path).prefix == tmp_path / "env"
    assert explicit_environment(str(tmp_path / "bare"), tmp_path).paths == (tmp_path / "bare",)
    with pytest.raises(EnvironmentNotFound):
        explicit_environment("nowhere", tmp_path)


def test_ailints_own_isolated_environment_is_not_taken_for_the_projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)  # pre-commit sets it to its own hook environment
    monkeypatch.delenv("CONDA_PREFIX", raising=False)
    monkeypatch.setattr(sys, "base_prefix", "/not/the/running/prefix")
    assert project_environment(tmp_path, "", lambda _, base: False) is None
    assert project_environment(tmp_path, "", lambda _, base: True) is not None  # it has the project installed


# First-party names and the project root.

def test_project_root_is_the_nearest_marked_directory(tmp_path: Path):
    write(tmp_path, {"repo/.git/HEAD": "", "repo/sub/requirements-dev.txt": "", "repo/sub/pkg/mod.py": "", "repo/other/x.py": ""})
    assert project_root(str(tmp_path / "repo/sub/pkg/mod.py")) == tmp_path / "repo/sub"
    assert project_root(str(tmp_path / "repo/other/x.py")) == tmp_path / "repo"
    assert project_root(str(tmp_path / "loose/script.py")) == tmp_path / "loose"


def test_directories_up_to_the_root(tmp_path: Path):
    assert list(directories_up_to(tmp_path / "a" / "b", tmp_path)) == [tmp_path / "a" / "b", tmp_path / "a", tmp_path]
    assert list(directories_up_to(Path("/elsewhere"), tmp_path)) == [Path("/elsewhere")]


def test_project_modules_from_layout_and_configuration(tmp_path: Path):
    write(tmp_path, {"src/app/__init__.py": "", "manage.py": "", ".hidden/x.py": "", "data-files/x.txt": "", "my_ext.pyi": ""})
    pyproject = {"project": {"name": "Acme-Web"}, "tool": {"poetry": {"packages": [{"include": "api", "from": "python"}]}}}
    names = project_modules(tmp_path, pyproject)
    assert {"app", "manage", "src", "acme_web", "api", "my_ext"} <= names
    assert ".hidden" not in names and "data-files" not in names


# The whole model, on ailint's own repository.

def test_model_of_ailints_repository():
    model = project_model(REPO)
    assert model.declares and "pyyaml" in model.declarations.normalised
    assert model.environment is not None
    assert model.resolve("yaml").origin is Origin.DECLARED
    assert model.resolve("_pytest.fixtures").origin is Origin.DECLARED  # pytest's metadata names _pytest
    assert model.resolve("os.path").origin is Origin.STANDARD
    assert model.resolve("jsonfastlib").origin is Origin.MISSING
    assert model.is_first_party("ailint.rule", REPO / "tests")
    assert model.is_first_party("conftest", REPO / "tests" / "rules")


def test_model_is_built_once_per_root_and_cheaply(tmp_path: Path):
    write(tmp_path, {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["requests"]\n'})
    start = time.perf_counter()
    model = project_model(tmp_path, sys.prefix)  # the environment running the tests
    assert model.installed is not None and model.installed.distributions  # read every distribution's metadata
    elapsed = time.perf_counter() - start
    assert project_model(tmp_path, sys.prefix) is model
    assert elapsed < 2.0, f"building the model took {elapsed * 1000:.0f} ms"


def test_requirement_files_one_directory_down(tmp_path: Path):
    write(tmp_path, {"docs/requirements.txt": "sphinx\n", "tests/requirements/py3.txt": "Pillow\n", "a/b/requirements.txt": "deep\n"})
    assert declared(tmp_path) == {"sphinx", "pillow"}


def test_tox_deps_and_the_setuptools_of_a_setup_py_project(tmp_path: Path):
    write(
        tmp_path,
        {
            "tox.ini": "[tox]\nenvlist = py3\n[testenv]\ndeps =\n    -e .\n    py{310,311}: -r{toxinidir}/tests/reqs.txt\n"
            "    pytest >= 8\n    {env:EXTRA_DEPS:}\n[testenv:lint]\ndeps = flake8\n[flake8]\nmax-line-length = 100\n",
            "tests/reqs.txt": "hypothesis\n",
            "setup.py": "from setuptools import setup\nsetup(name='x')\n",
        },
    )
    declarations = read_declarations(tmp_path, {})
    assert declarations.declares
    assert declared(tmp_path) == {"hypothesis", "pytest", "flake8", "setuptools"}
    assert "setuptools" not in declared(tmp_path, {"build-system": {"requires": ["hatchling"]}})


def test_a_base_interpreter_is_the_projects_when_it_holds_the_declared_dependencies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.delenv("CONDA_PREFIX", raising=False)
    monkeypatch.setattr(sys, "base_prefix", sys.prefix)  # as if ailint ran from a base interpreter
    installed = write(tmp_path / "served", {"pyproject.toml": '[project]\nname = "a"\ndependencies = ["pluggy", "iniconfig"]\n'})
    assert project_model(installed).environment is not None
    # A CI job that installed only ailint: none of the project's dependencies are there.
    missing = write(tmp_path / "ci", {"pyproject.toml": '[project]\nname = "b"\ndependencies = ["gizmo-lib", "widget-lib"]\n'})
    assert project_model(missing).environment is None
    nothing = write(tmp_path / "script", {"pyproject.toml": '[tool.black]\n'})
    assert project_model(nothing).environment is not None
