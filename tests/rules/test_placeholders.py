"""AIL601-AIL603: placeholder bodies, elision comments, sample data, beyond the rules' own examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, lint

from ailint.rules.generated_code.placeholder_text import elision
from ailint.rules.generated_code.placeholders import RULES

PLACEHOLDER_FIXTURES = FIXTURES / "generated_code" / "placeholders"
# Where each fixture file is linted from (default: ``src/app/<name>``, production code).
FIXTURE_PATHS = {"fakes.py": "tests/fakes.py", "factories.py": "tests/factories.py"}
MARKER = re.compile(r"\s*#\s*(expect|ok):\s*(AIL\d{3})\b.*$")


def fixture_cases(directory: Path, paths: dict[str, str]) -> list:
    """One case per (fixture file, code marked in it)."""
    cases = []
    for path in sorted(directory.iterdir()):
        markers = (MARKER.search(line) for line in path.read_text(encoding="utf-8").split("\n"))
        codes = sorted({marker[2] for marker in markers if marker is not None})
        cases.extend(pytest.param(path, code, paths.get(path.name, f"src/app/{path.name}"), id=f"{path.name}-{code}") for code in codes)
    return cases


def check_fixture(path: Path, code: str, lint_path: str) -> None:
    """The findings of ``code`` are exactly the lines marked ``# expect: code``.

    Markers are removed before linting (a marker after a comment would change the comment),
    which keeps every line where it was.
    """
    expected, ok, lines = [], [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        marker = MARKER.search(line)
        if marker is not None and marker[2] == code:
            (expected if marker[1] == "expect" else ok).append(number)
        lines.append(MARKER.sub("", line))
    assert len(ok) >= len(expected), f"{path.name}: fewer tricky negatives than positives for {code}"
    findings = lint("\n".join(lines), select=code, path=lint_path)
    assert sorted(f.line for f in findings) == expected, "\n".join(f"{f.line}: {f.message}" for f in findings)


@pytest.mark.parametrize(("path", "code", "lint_path"), fixture_cases(PLACEHOLDER_FIXTURES, FIXTURE_PATHS))
def test_fixture_findings_are_exactly_the_expected_lines(path: Path, code: str, lint_path: str):
    check_fixture(path, code, lint_path)


def _lines(code: str, select: str, path: str = "src/app/module.py") -> list[int]:
    return [f.line for f in lint(code, select=select, path=path)]


def test_rules_are_registered_in_code_order_with_their_names():
    assert [(rule.code, rule.name) for rule in RULES] == [
        ("AIL601", "placeholder-body"),
        ("AIL602", "elision-comment"),
        ("AIL603", "sample-data-return"),
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_has_enough_examples_and_notes(rule):
    assert len(rule.invalid) >= 4 and len(rule.valid) >= 6 and rule.docs.notes


# --- AIL601 -----------------------------------------------------------------------------


def test_placeholder_message_names_the_function_and_the_body():
    (finding,) = lint("def export(rows):\n    raise NotImplementedError()\n", select="AIL601")
    assert "`export`" in finding.message and "raise NotImplementedError" in finding.message
    assert (finding.line, finding.column) == (1, 5)


@pytest.mark.parametrize(
    "code",
    [
        "class Store:\n    def save(self):\n        # TODO: write to disk\n        pass\n\nclass DiskStore(Store):\n    pass\n",
        "class Handler(Base):\n    def handle(self):\n        pass  # FIXME\n",
        "class Job(ABC):\n    def run(self):\n        \"\"\"Not implemented yet.\"\"\"\n",
        "class Job(Base):\n    def run(self):\n        raise NotImplementedError('coming soon')\n",
        "def handler(event):\n    # ... existing code ...\n    pass\n",
    ],
    ids=["base-class-todo", "subclass-fixme", "abc-docstring", "subclass-error-message", "elision"],
)
def test_a_body_that_says_it_is_unfinished_is_reported_in_any_class(code: str):
    assert len(_lines(code, "AIL601")) == 1


@pytest.mark.parametrize(
    "code",
    [
        "class Handler:\n    def emit(self, record):\n        \"\"\"This version is intended to be implemented by subclasses.\"\"\"\n"
        "        raise NotImplementedError\n",
        "class Storage:\n    def path(self, name):\n        \"\"\"Backends that can't be opened should not implement this method.\"\"\"\n"
        "        raise NotImplementedError(\"This backend doesn't support absolute paths.\")\n",
        "def legacy():\n    # TODO: deprecated, remove in 3.0; does nothing now\n    pass\n",
    ],
    ids=["implemented-by-subclasses", "not-supported", "todo-but-deliberate"],
)
def test_unfinished_words_that_also_say_deliberate_are_not_reported(code: str):
    assert _lines(code, "AIL601") == []


@pytest.mark.parametrize(
    "code",
    [
        "class Loader:\n    def load(self, name):\n        raise NotImplementedError('subclasses load')\n\n    def reset(self):\n        pass\n",
        "class Handler:\n    \"\"\"Interface for SAX events.\"\"\"\n\n    def characters(self, text):\n        pass\n",
        "class LexicalHandler:\n    def comment(self, text):\n        \"\"\"A comment.\"\"\"\n\n    def start_cdata(self):\n        \"\"\"Start of CDATA.\"\"\"\n",
        "class _NoThreads:\n    def append(self, thread):\n        pass\n",
        "class Devnull:\n    def write(self, text):\n        pass\n",
        "class Base:\n    pass\n\nclass Service(Base):\n    def start(self):\n        pass\n",
        "class _C:\n    def f(self):\n        pass\n\nMethodType = type(_C().f)\n",
        "class Shape(metaclass=abc.ABCMeta):\n    def area(self):\n        pass\n",
    ],
    ids=["has-abstract-method", "docstring-interface", "all-methods-empty", "no-prefix", "devnull", "subclass",
         "used-as-value", "abcmeta"],
)
def test_classes_meant_to_be_derived_from_or_null_objects_are_not_reported(code: str):
    assert _lines(code, "AIL601") == []


def test_a_placeholder_among_real_methods_of_a_plain_class_is_reported():
    code = (
        "class EmailService:\n    def __init__(self, host):\n        self.host = host\n\n"
        "    def send_welcome(self, user):\n        \"\"\"Send the welcome email.\"\"\"\n        pass\n\n"
        "    def send_reset(self, user):\n        \"\"\"Send the reset email.\"\"\"\n        pass\n"
    )
    assert _lines(code, "AIL601") == [5, 9]


def test_a_placeholder_the_module_calls_is_still_reported():
    code = "def notify(user):\n    pass\n\ndef signup(user):\n    notify(user)\n"
    assert _lines(code, "AIL601") == [1]


@pytest.mark.parametrize(
    "path", ["tests/test_shop.py", "src/shop/conftest.py", "src/idlelib/idle_test/mock_idle.py", "src/app/fakes.py", "shop.pyi"]
)
def test_stubs_tests_and_test_support_are_not_checked(path: str):
    assert _lines("def send_invoice(order):\n    pass\n", "AIL601", path=path) == []


def test_return_none_is_a_placeholder_only_when_it_says_so():
    assert _lines("def get_token():\n    \"\"\"The token.\"\"\"\n    return None\n", "AIL601") == []
    assert _lines("def get_token():\n    # XXX not implemented yet\n    return None\n", "AIL601") == [1]


# --- AIL602 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comment",
    [
        "# ... rest of the code",
        "# ... existing code ...",
        "# …existing code…",
        "# existing code here",
        "# Keep existing code",
        "# previous code remains the same",
        "# TODO: implement",
        "# TODO: implement this",
        "# TODO: Implement the logic",
        "# FIXME: add implementation here",
        "# In a real implementation, this would query the database",
        "# In a real application you'd cache this",
        "# Add your logic here",
        "# your code here",
        "# (rest unchanged)",
        "# rest of the function unchanged",
        "# implementation goes here",
        "# ... (same as before)",
        "# Other methods remain unchanged",
        "# [snip]",
        "# (code omitted for brevity)",
        "# Placeholder implementation",
        "# Replace this with the actual API call",
    ],
)
def test_elision_comments(comment: str):
    assert elision(comment)


@pytest.mark.parametrize(
    "comment",
    [
        "# TODO: handle retries",
        "# TODO: implement caching once the API is stable",
        "# the rest of the code assumes UTC",
        "# Process the rest of the file",
        "# same as above, for the y axis",
        "# Existing code paths rely on this flag",
        "# existing file",
        "# ### Other Methods ###",
        "# (same string length) but must be skipped",
        "# (the rest of the world)",
        "# final NEWLINE are omitted for brevity.",
        "# ...",
        "# XXX: this is a hack",
    ],
)
def test_ordinary_comments_are_not_elisions(comment: str):
    assert not elision(comment)


def test_elision_comments_are_reported_in_test_files_too():
    assert _lines("def test_x():\n    # ... rest of the test\n    assert True\n", "AIL602", path="tests/test_x.py") == [2]


# --- AIL603 -----------------------------------------------------------------------------


def test_sample_data_message_gives_the_evidence():
    (finding,) = lint("def list_users():\n    return [{'name': 'John Doe', 'a': 1}, {'name': 'x', 'a': 2}]\n", select="AIL603")
    assert "`list_users`" in finding.message and "John Doe" in finding.message


def test_ignored_parameter_is_evidence_only_for_records():
    assert _lines("def search(query):\n    return [{'a': 1, 'b': 2}, {'a': 3, 'b': 4}]\n", "AIL603") == [1]
    assert _lines("def search(query):\n    return {'a': 1, 'b': 2}\n", "AIL603") == []


def test_a_comment_saying_mock_data_is_evidence():
    code = "def fetch_orders(user_id):\n    # Sample data for now\n    return [{'id': 1, 'user': user_id}, {'id': 2, 'user': user_id}]\n"
    (finding,) = lint(code, select="AIL603")
    assert "'Sample data'" in finding.message
    assert _lines(code.replace("Sample data", "Cached"), "AIL603") == []


def test_camel_case_fetchers_and_methods_are_checked():
    code = "class Api:\n    def getUsers(self):\n        return [{'email': 'a@example.com', 'n': 1}, {'email': 'b@example.com', 'n': 2}]\n"
    assert _lines(code, "AIL603") == [2]


def test_sample_data_in_test_files_is_not_reported():
    code = "def fetch_users(org):\n    return [{'id': 1, 'n': 'a'}, {'id': 2, 'n': 'b'}]\n"
    assert _lines(code, "AIL603", path="tests/helpers.py") == []
    assert _lines(code, "AIL603") == [1]


def test_a_function_that_computes_is_not_sample_data():
    code = "def get_users(rows):\n    return [{'id': row.id, 'name': 'John Doe'} for row in rows]\n"
    assert _lines(code, "AIL603") == []
