"""AIL630-AIL632: chat text, Markdown fences and debugger calls, beyond the rules' own examples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, lint
from test_placeholders import check_fixture, fixture_cases

from ailint.engine import lint_source
from ailint.rules.generated_code.artifacts import RULES
from ailint.rules.generated_code.artifacts_text import chat_phrase, scan_unparsable

ARTIFACT_FIXTURES = FIXTURES / "generated_code" / "artifacts"


@pytest.mark.parametrize(("path", "code", "lint_path"), fixture_cases(ARTIFACT_FIXTURES, {}))
def test_fixture_findings_are_exactly_the_expected_lines(path: Path, code: str, lint_path: str):
    check_fixture(path, code, lint_path)


def test_rules_are_registered_in_code_order_with_their_names():
    assert [(rule.code, rule.name) for rule in RULES] == [
        ("AIL630", "assistant-chat-text"),
        ("AIL631", "markdown-fence"),
        ("AIL632", "debugger-call"),
    ]


# --- AIL630: the phrase list ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "As an AI language model, I cannot browse the internet.",
        "Here's the updated code:",
        "Here\u2019s the corrected version of your function",
        "Here is the corrected version",
        "Below is the refactored implementation.",
        "I hope this helps!",
        "Let me know if you have any questions.",
        "Certainly! Here is the code.",
        "Sure! Here's what changed:",
        "I've updated the function to handle None",
        "Note: I've kept the old name for compatibility",
        "In this updated version, the cache is thread safe",
        "Happy coding!",
        "I apologize for the confusion.",
        "Feel free to ask if anything is unclear",
    ],
)
def test_chat_phrases(text: str):
    assert chat_phrase(text)


@pytest.mark.parametrize(
    "text",
    [
        "Here is an example of how to use it:",
        "Here is the list of supported codecs.",
        "Note: the result is cached.",
        "Make sure, before calling this, that the lock is held.",
        "I have no idea why this works on Windows.",
        "Let me explain the algorithm.",
        "Of course the caller may pass None.",
        "This is the updated value of the counter.",
        "We hope this helps future maintainers find the bug.",
        "Sure-footed parsing of dates.",
    ],
)
def test_ordinary_prose_is_not_chat(text: str):
    assert chat_phrase(text) is None


def test_chat_text_in_a_string_that_is_not_a_statement_is_not_reported():
    code = 'PROMPT = "Answer briefly. I hope this helps."\nlog("Let me know if you have any questions")\n'
    assert lint(code, select="AIL630") == []


def test_chat_text_in_a_comment_is_reported_in_test_files_too():
    findings = lint("# I hope this helps!\ndef test_x():\n    assert True\n", select="AIL630", path="tests/test_x.py")
    assert [(f.line, f.column) for f in findings] == [(1, 1)]


# --- the scan of files that do not parse (AIL630 / AIL631) ---------------------------------

PASTED = (
    "Here's the updated code:\n"
    "\n"
    "```python\n"
    "def size(path):\n"
    '    """Size.\n'
    "\n"
    "    ```python\n"
    "    size('a')\n"
    "    ```\n"
    '    """\n'
    "    return os.path.getsize(path)\n"
    "```\n"
    "\n"
    "Let me know if you have any questions!\n"
)


def test_unparsable_file_keeps_its_syntax_error_and_names_fences_and_chat_lines():
    linted = lint_source("pasted.py", PASTED, [])
    assert [(f.code, f.line, f.column) for f in linted.findings] == [
        ("AIL001", 1, 5),
        ("AIL630", 1, 1),
        ("AIL631", 3, 1),
        ("AIL631", 12, 1),
        ("AIL630", 14, 1),
    ]
    fence = linted.findings[2]
    assert fence.end_column == 10 and "```python" in fence.message


def test_selection_applies_to_the_scan():
    assert [f.code for f in lint(PASTED, select="AIL631")] == ["AIL631", "AIL631"]
    assert [f.code for f in lint(PASTED, select="AIL001")] == ["AIL001"]


def test_scan_ignores_strings_comments_and_python_lines():
    text = (
        "x = '''\n```\n'''\n"  # a fence in a triple-quoted string
        "# ```python\n"  # a fence in a comment
        'print("I hope this helps")\n'  # a statement that contains a phrase
        "if reply == 'Here is the code:':\n"  # a compound statement's header
        'print "Here is the updated code:"\n'  # Python 2: the phrase is in a string
        "def broken(:\n"
    )
    assert list(scan_unparsable(text)) == []


def test_scan_finds_chat_in_comments_and_indented_fences():
    text = "def f():\n    ```py\n    return 1  # I've updated the function for you\n"
    assert [(a.kind, a.line, a.column) for a in scan_unparsable(text)] == [("fence", 2, 5), ("chat", 3, 15)]


def test_scan_survives_an_unterminated_triple_quoted_string():
    assert [a.line for a in scan_unparsable('```\nx = """\n```\n')] == [1]


def test_flake8_reports_only_e999_for_a_pasted_answer(tmp_path: Path):
    # flake8 does not run plugins on a file its own parser rejects: documented in AIL630/AIL631.
    (tmp_path / "pasted.py").write_text(PASTED)
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "AIL,E999", "pasted.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["E999"]


# --- AIL632 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "import pdb; pdb.set_trace()\n",
        "import ipdb\nipdb.set_trace()\n",
        "import pudb\npudb.set_trace()\n",
        "from pdb import set_trace\nset_trace()\n",
        "import pdb as debugger_module\ndebugger_module.pm()\n",
        "import debugpy\ndebugpy.breakpoint()\n",
        "import pydevd_pycharm\npydevd_pycharm.settrace('localhost', port=5678)\n",
        "from celery.contrib import rdb\nrdb.set_trace()\n",
        "from IPython.core.debugger import Pdb\nPdb().set_trace()\n",
    ],
)
def test_debugger_calls(code: str):
    assert [f.code for f in lint(code, select="AIL632", path="src/app/tool.py")] == ["AIL632"]


@pytest.mark.parametrize(
    "code",
    [
        "import pdb\n",
        "import pdb\nclass Debugger(pdb.Pdb):\n    pass\n",
        "from .debug import set_trace\nset_trace()\n",
        "breakpoint = print\nbreakpoint()\n",
        "import pdb\nif os.environ.get('PDB'):\n    pdb.set_trace()\n",
        "import pdb\nif settings.DEBUG:\n    breakpoint()\n",
        "import pdb\ndef post_mortem_on_error(tb):\n    pdb.post_mortem(tb)\n",
        "sys.settrace(tracer)\n",
    ],
)
def test_not_debugger_calls_or_deliberate_debugging(code: str):
    assert lint(code, select="AIL632", path="src/app/tool.py") == []


@pytest.mark.parametrize("path", ["Lib/pdb.py", "src/pudb/debugger.py", "Lib/bdb.py", "tests/test_tool.py", "conftest.py"])
def test_debuggers_own_code_and_tests_are_not_checked(path: str):
    assert lint("import pdb\npdb.set_trace()\nbreakpoint()\n", select="AIL632", path=path) == []


def test_include_tests_reports_debugger_calls_in_tests():
    findings = lint(
        "def test_x():\n    breakpoint()\n", select="AIL632", path="tests/test_x.py", options={"AIL632": {"include-tests": True}}
    )
    assert [(f.line, f.column) for f in findings] == [(2, 5)]
    assert "`breakpoint()`" in findings[0].message
