"""AIL630-AIL632: what an assistant's session leaves in a file besides code: its chat text,
the Markdown fences of its answer, and the debugger calls of a debugging round."""

from __future__ import annotations

from pathlib import PurePath

import libcst as cst

from ailint.finding import Finding
from ailint.names import ImportTracking
from ailint.rule import Confidence, CstRule, Docs, Invalid, Option, Rule, Severity, Valid
from ailint.rules.generated_code.artifacts_text import chat_phrase, scan_unparsable
from ailint.rules.generated_code.placeholder_bodies import string_text
from ailint.testfiles import is_test_file


class AssistantChatTextRule(CstRule):
    code = "AIL630"
    name = "assistant-chat-text"
    summary = "An assistant's conversational text left in a comment, docstring or bare line"
    message = "assistant chat text left in the code: {phrase!r}"
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    docs = Docs(
        what="A comment, a docstring (or any string statement) or, in a file that does not parse, a "
        "bare line of text containing something an assistant says to its user: \"As an AI language "
        "model\", \"Here's the updated code\", \"I hope this helps\", \"Let me know if you have any "
        "questions\", \"Certainly! Here is\", \"I've updated the function\", \"Note: I've ...\", "
        "\"In this updated version\", \"Happy coding!\".",
        why="The text was meant for the chat window, not for the file: someone pasted the whole answer "
        "without reading it. The code around it is as unreviewed as the prose, and a bare line of "
        "prose is a syntax error that takes the module down at import.",
        bad="def total(items):\n    # Here's the updated code with the discount applied:\n"
        "    return sum(item.price for item in items)\n",
        good="def total(items):\n    # Prices already include the discount.\n"
        "    return sum(item.price for item in items)\n",
        fix="Delete the chat text; keep only what a maintainer needs to know, in the project's voice.",
        notes="The phrases are a fixed, case-insensitive list (`ailint.rules.generated_code.artifacts_text`) "
        "checked against the standard library and Django: ordinary documentation prose such as "
        "\"here is an example\" or \"note: the cache\" does not match. String literals that are not "
        "statements (arguments, assignments, list items) are not checked: applications that talk "
        "to language models keep these phrases as data, to detect refusals for instance. When "
        "the file does not parse, its lines are scanned instead: a line outside strings that "
        "contains a phrase before any quote, or that starts with \"Here's\" / \"Here is\" and "
        "ends with a colon, and that is not a Python statement on its own, is reported along "
        "with the syntax error (AIL001), as are comments with a phrase; docstrings are not "
        "checked then. Every file is checked, tests included. flake8 does not run plugins on a file its "
        "own parser rejects (it reports E999), so flake8 users see those as E999 only.",
    )
    valid = (
        Valid('def parse(text):\n    """Here is an example of the syntax: ``a = 1``."""\n'),
        Valid("# Note: the cache is shared between threads.\nCACHE = {}\n"),
        Valid('REFUSALS = ["As an AI language model", "I cannot help with that"]\n'),
        Valid("def reply():\n    return \"I hope this helps\"\n"),
        Valid('"""Let me explain the design: every request gets its own session."""\n'),
        Valid("# Sure, this is slow, but it runs once.\nwarm_up()\n"),
        Valid("# Here is the updated list of mirrors.\nMIRRORS = []\n"),
    )
    invalid = (
        Invalid("def load(path):\n    \"\"\"Load the file.\n\n    I hope this helps!\n    \"\"\"\n    return open(path).read()\n", line=2),
        Invalid("# As an AI language model, I cannot run this code.\nimport os\n", line=1),
        Invalid("x = compute()  # I've updated the function to handle None\n", line=1),
        Invalid("def f():\n    pass\n\nLet me know if you have any questions!\n", line=4),
        Invalid("Certainly! Here is the refactored module:\n\nimport os\n", line=1),
        Invalid("# Here\u2019s the corrected version:\ndef f():\n    return 1\n", line=1),
    )

    def visit_Module(self, node: cst.Module) -> None:
        # Most files have no phrase anywhere: one search of the text spares every node a match.
        self._active = not self.file.text or chat_phrase(self.file.text) is not None

    def visit_Comment(self, node: cst.Comment) -> None:
        if self._active and (phrase := chat_phrase(node.value[1:])):
            self.report(node, self.message.format(phrase=phrase))

    def visit_Expr(self, node: cst.Expr) -> None:
        if self._active and isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            phrase = chat_phrase(string_text(node.value))
            if phrase:
                self.report(node.value, self.message.format(phrase=phrase))


class MarkdownFenceRule(Rule):
    code = "AIL631"
    name = "markdown-fence"
    summary = "A Markdown code fence outside strings: an assistant's answer pasted whole"
    message = "Markdown code fence {fence!r} in a Python file: the assistant's answer was pasted whole"
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    docs = Docs(
        what="A line that starts, outside any string, with a Markdown code fence: three backticks, "
        "alone or followed by a language name (`python`). Such a line is always a syntax error, so it "
        "is reported along with the syntax error (AIL001), once per fence line.",
        why="An assistant answers in Markdown: prose, then the code between fences. Pasting the whole "
        "answer leaves the fences (and usually the prose, see AIL630) in the module, which no longer "
        "imports. The syntax error alone points at the first fence; this names the cause and "
        "every fence to delete.",
        bad="# Pasted whole: the answer's fence lines (three backticks, the first followed by\n"
        "# `python`) stand before and after the code, where these comments are.\n"
        "def add(a, b):\n    return a + b\n",
        good="def add(a, b):\n    return a + b\n",
        fix="Delete the fence lines and any prose of the answer around them, then reread the code.",
        notes="Fences inside strings (a Markdown docstring with an example) and inside comments "
        "(Markdown quoted in a comment) are legitimate and not reported. Lines are scanned only "
        "when the file does not parse. flake8 does not run plugins on a file its own parser "
        "rejects (it reports E999), so flake8 users see E999 only; `ailint check` reports both. "
        "The example above describes the fences instead of showing them: this page is Markdown, "
        "and a fence inside its code block would end the block.",
    )
    valid = (
        Valid('def add(a, b):\n    """Add.\n\n    ```python\n    add(1, 2)\n    ```\n    """\n    return a + b\n'),
        Valid('EXAMPLE = """\n```python\nprint(1)\n```\n"""\n'),
        Valid("# ```python\n# print(1)\n# ```\nx = 1\n"),
        Valid("x = 1\n"),
    )
    invalid = (
        Invalid("```python\nimport os\n", line=1),
        Invalid("import os\n\n\n```\n", line=4),
        Invalid("def f():\n    ```python\n    return 1\n", line=2),
        Invalid('"""Docs.\n```python\nx = 1\n```\n"""\n~~~\n```py\n', line=7),
    )


def artifacts_in_unparsable(path: str, text: str) -> list[Finding]:
    """AIL630 / AIL631 findings for a file that does not parse: scanned line by line.

    The engine calls this only when parsing failed, and keeps its syntax-error finding too;
    the caller applies the selection.
    """
    findings = []
    for artifact in scan_unparsable(text):
        if artifact.kind == "fence":
            rule: type[Rule] = MarkdownFenceRule
            message = rule.message.format(fence=artifact.text)
        else:
            rule = AssistantChatTextRule
            message = rule.message.format(phrase=artifact.text)
        end = artifact.column + len(artifact.text)
        findings.append(Finding(path, artifact.line, artifact.column, rule.code, message, artifact.line, end, rule.severity))
    return findings


# Calls that stop the program in a debugger, by the name their module's imports give them.
DEBUGGER_CALLS = frozenset(
    {
        "pdb.set_trace", "pdb.post_mortem", "pdb.pm",
        "ipdb.set_trace", "ipdb.sset_trace", "ipdb.post_mortem", "ipdb.pm",
        "pudb.set_trace", "pudb.post_mortem", "pudb.pm", "pudb.start",
        "pdbpp.set_trace", "pdbpp.post_mortem", "pdbr.set_trace", "pdbr.post_mortem",
        "rpdb.set_trace", "remote_pdb.set_trace", "web_pdb.set_trace", "wdb.set_trace", "madbg.set_trace",
        "celery.contrib.rdb.set_trace", "IPython.core.debugger.set_trace", "trepan.api.debug",
        "debugpy.breakpoint", "pydevd.settrace", "pydevd_pycharm.settrace",
    }
)
# Modules whose debugger objects stop the program when told to: ``pdb.Pdb().set_trace()``.
_DEBUGGER_MODULES = frozenset(name.rsplit(".", 1)[0] for name in DEBUGGER_CALLS)
# A module or package of a debugger itself, whose own code calls these.
_DEBUGGER_PACKAGE_NAMES = frozenset(module.split(".")[0] for module in _DEBUGGER_MODULES) - {"celery", "IPython"} | {"bdb"}
_STOPPING_METHODS = frozenset({"set_trace", "post_mortem", "settrace"})
_CALLED_NAMES = frozenset(name.rsplit(".", 1)[1] for name in DEBUGGER_CALLS) | {"breakpoint"}
# A function or an ``if`` test that mentions one of these is a deliberate debugging feature.
_DEBUG_WORDS = ("debug", "pdb", "break", "post_mortem", "postmortem")
INCLUDE_TESTS = Option("include-tests", bool, False, "Also report debugger calls in test and fixture files.")


class DebuggerCallRule(CstRule, ImportTracking):
    code = "AIL632"
    name = "debugger-call"
    summary = "A `breakpoint()` / `pdb.set_trace()` left in the code"
    message = "debugger call `{call}` left in the code: it stops the program and waits for a terminal"
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    options = (INCLUDE_TESTS,)
    cwe = (489,)
    cwe_titles = {489: "Active Debug Code"}
    docs = Docs(
        what="A call that enters a debugger: the builtin `breakpoint()`, `pdb.set_trace()`, "
        "`pdb.post_mortem()`, `pdb.Pdb().set_trace()`, `__import__('pdb').set_trace()`, and the "
        "same from `ipdb`, `pudb`, `pdbpp`, `pdbr`, `remote_pdb`, `web_pdb`, `rpdb`, `wdb`, "
        "`madbg`, `celery.contrib.rdb`, IPython's debugger, `debugpy.breakpoint()` and PyCharm's "
        "`pydevd.settrace()`. Names are resolved through the module's imports: "
        "`from pdb import set_trace as st; st()` is found, a `breakpoint` the module defines is not "
        "the builtin.",
        why="Debugging a failure with an assistant goes through rounds of `breakpoint()` and "
        "`import pdb; pdb.set_trace()`, and one of them survives the last edit. In production the "
        "process stops and waits for input on a terminal nobody watches; behind a web server the "
        "request hangs; under CI the job times out.",
        bad="def charge(order):\n    import pdb; pdb.set_trace()\n    return gateway.charge(order.total)\n",
        good="def charge(order):\n    logger.debug(\"charging %s\", order.id)\n    return gateway.charge(order.total)\n",
        fix="Delete the call (and its import). To debug on demand, run under `python -m pdb` or set "
        "`PYTHONBREAKPOINT`, or put the call behind an explicit debug option.",
        notes="Not reported: test and fixture files (set `include-tests = true` to report them); "
        "modules of a debugger itself (a file or package named `pdb`, `bdb`, `ipdb`, `pudb`...); "
        "and deliberate debugging features, that is calls inside a function whose name, or an "
        "`if` whose test, mentions `debug`, `pdb`, `break` (`breakpoint`, `break_on_error`) or "
        "`post_mortem` (`if options.pdb: pdb.post_mortem(tb)`, `def debug(self): ...`). `import pdb` alone is "
        "not reported: the standard library's tools and test runners import it legitimately.",
    )
    valid = (
        Valid("def breakpoint():\n    return 42\n\nbreakpoint()\n"),
        Valid("from .tools import set_trace\n\nset_trace()\n"),
        Valid("import pdb\n\ndef debug(self, tb):\n    pdb.post_mortem(tb)\n"),
        Valid("import pdb\n\ntry:\n    main()\nexcept Exception:\n    if options.pdb:\n        pdb.post_mortem()\n    raise\n"),
        Valid("import pdb\n\ndef test_pay():\n    pdb.set_trace()\n", path="tests/test_pay.py"),
        Valid("import pdb\n\nclass Shell(pdb.Pdb):\n    pass\n"),
        Valid("tracer.set_trace()\n"),
        Valid("debugger.breakpoint()\n"),
    )
    invalid = (
        Invalid("def pay(order):\n    breakpoint()\n    return order.total\n", line=2),
        Invalid("import pdb\n\ndef pay(order):\n    pdb.set_trace()\n", line=4),
        Invalid("from ipdb import set_trace as st\n\nst()\n", line=3),
        Invalid("import pdb\n\npdb.Pdb().set_trace()\n", line=3),
        Invalid("__import__('pdb').set_trace()\n", line=1),
        Invalid("import pudb\n\ntry:\n    run()\nexcept Exception:\n    pudb.post_mortem()\n", line=6),
        Invalid("import pdb\n\ndef test_pay():\n    pdb.set_trace()\n", line=4, path="tests/test_pay.py", options={"include-tests": True}),
    )

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        path = self.file.path
        self._skipped = _is_debugger_module(path) or (not self.settings["include-tests"] and is_test_file(path))
        # The enclosing function names and ``if`` tests, judged only when a debugger call is found.
        self._context: list[str | cst.BaseExpression] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._context.append(node.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._context.pop()

    def visit_If(self, node: cst.If) -> None:
        self._context.append(node.test)

    def leave_If(self, original_node: cst.If) -> None:
        self._context.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if self._skipped:
            return
        func = node.func
        # Attribute calls are filtered by name first; a plain name may be an alias (``st()``).
        if not isinstance(func, cst.Name) and not (isinstance(func, cst.Attribute) and func.attr.value in _CALLED_NAMES):
            return
        call = self._debugger_call(func)
        if call is not None and not any(_about_debugging(context) for context in self._context):
            self.report(node, self.message.format(call=f"{call}()"))

    def _debugger_call(self, func: cst.BaseExpression) -> str | None:
        if isinstance(func, cst.Name) and func.value == "breakpoint":
            return "breakpoint" if self.imports.qualify(func) == "builtins.breakpoint" else None
        imported = self.imports.imported(func)
        if imported in DEBUGGER_CALLS:
            return imported
        if isinstance(func, cst.Attribute) and func.attr.value in _STOPPING_METHODS and isinstance(func.value, cst.Call):
            maker = func.value
            module = self._debugger_module_of(maker)
            if module is not None:
                return f"{module}...{func.attr.value}"
        return None

    def _debugger_module_of(self, call: cst.Call) -> str | None:
        """``pdb`` for ``pdb.Pdb()`` or ``__import__('pdb')``, else None."""
        if isinstance(call.func, cst.Name) and call.func.value == "__import__" and call.args:
            argument = call.args[0].value
            if isinstance(argument, cst.SimpleString) and argument.raw_value in _DEBUGGER_MODULES:
                return f"__import__({argument.value})"
            return None
        imported = self.imports.imported(call.func)
        if imported is None:
            return None
        module = imported.rsplit(".", 1)[0]
        return module if module in _DEBUGGER_MODULES else None


def _about_debugging(context: str | cst.BaseExpression) -> bool:
    """Whether a function name, or a name, attribute or string in an ``if`` test, mentions debugging."""
    stack: list[str | cst.CSTNode] = [context]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            lowered = node.lower()
            if any(word in lowered for word in _DEBUG_WORDS):
                return True
        elif isinstance(node, (cst.Name, cst.SimpleString)):
            stack.append(node.value)
        else:
            stack.extend(_parts(node))
    return False


def _parts(node: cst.CSTNode) -> list[cst.CSTNode]:
    if isinstance(node, cst.Attribute):
        return [node.value, node.attr]
    if isinstance(node, cst.Call):
        return [node.func, *node.args]
    if isinstance(node, cst.Subscript):
        return [node.value, *node.slice]
    if isinstance(node, cst.UnaryOperation):
        return [node.expression]
    if isinstance(node, cst.BooleanOperation):
        return [node.left, node.right]
    if isinstance(node, cst.Comparison):
        return [node.left, *node.comparisons]
    if isinstance(node, cst.ComparisonTarget):
        return [node.comparator]
    if isinstance(node, cst.Arg):
        return [node.value]
    if isinstance(node, cst.SubscriptElement):
        return [node.slice]
    if isinstance(node, cst.Index):
        return [node.value]
    return []


def _is_debugger_module(path: str) -> bool:
    """A debugger's own code: a module or package named like one of the debuggers."""
    parts = PurePath(path.replace("\\", "/")).parts
    names = [PurePath(part).stem for part in parts[-1:]] + list(parts[:-1])
    return any(name in _DEBUGGER_PACKAGE_NAMES for name in names)


RULES: tuple[type[Rule], ...] = (AssistantChatTextRule, MarkdownFenceRule, DebuggerCallRule)
