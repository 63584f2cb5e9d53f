"""AIL601-AIL603: code that looks finished and is not: empty bodies, comments where code was
left out, and hard-coded sample data standing in for a real source."""

from __future__ import annotations

import re
from pathlib import PurePath

import libcst as cst

from ailint.rule import Confidence, CstRule, Docs, Invalid, Rule, Severity, Valid
from ailint.rules.generated_code.placeholder_bodies import (
    Function,
    comments,
    decorator_names,
    docstring,
    module_functions,
    parameter_names,
    placeholder_kind,
    statements,
    words,
)
from ailint.rules.generated_code.placeholder_data import MOCK_NOTE, fake_value, names_in, records, single_record
from ailint.rules.generated_code.placeholder_text import DELIBERATE, UNFINISHED, UNFINISHED_ERROR, elision
from ailint.testfiles import is_test_file
from ailint.traversal import children

# Decorators that declare a function whose body is not meant to run.
_DECLARING_DECORATORS = frozenset(
    {
        "abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod", "overload",
        "type_check_only", "hookspec", "singledispatch", "singledispatchmethod",
    }
)
# Decorators whose function is commonly empty on purpose: click / typer groups and callbacks.
_EMPTY_BY_DESIGN_DECORATORS = frozenset({"group", "callback"})
# Methods of duck-typed protocols that have nothing to do in many implementations.
_DUCK_TYPED_NO_OPS = frozenset({"flush", "close", "create_module", "exec_module", "invalidate_caches"})
# Names of event hooks, empty until someone needs them: ``before_save``, ``on_close``.
_HOOK_PREFIXES = frozenset({"before", "after", "on", "pre", "post"})
_TEST_SUPPORT_WORDS = frozenset({"test", "tests", "mock", "mocks", "fake", "fakes", "stub", "stubs", "dummy"})
_DELIBERATE_NAME_WORDS = frozenset(
    {
        "noop", "nop", "dummy", "null", "nothing", "ignore", "ignored", "pass", "passthrough", "empty", "stub",
        "fake", "mock", "void", "blank", "discard", "disabled", "unused", "default", "placeholder",
    }
)


def _error_message(body: list[cst.CSTNode]) -> str:
    for statement in body:
        if isinstance(statement, cst.Raise) and isinstance(statement.exc, cst.Call) and statement.exc.args:
            argument = statement.exc.args[0].value
            if isinstance(argument, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
                return cst.Module(body=()).code_for_node(argument)
    return ""


class PlaceholderBodyRule(CstRule):
    code = "AIL601"
    name = "placeholder-body"
    summary = "A function body that is only `pass`, `...` or `raise NotImplementedError`"
    message = "`{name}` has a placeholder body ({what}): it looks finished but does nothing"
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    docs = Docs(
        what="A function or method whose body, after its docstring, is only `pass`, `...`, "
        "`raise NotImplementedError(...)`, `return None` / `return`, or nothing at all, and that "
        "nothing marks as deliberately empty.",
        why="Asked for a module, an assistant writes the skeleton first: every function with a "
        "docstring describing what it will do and `pass` as its body, and fills in what the "
        "conversation gets to. The rest ships as is: callers get `None`, the tests that mock them "
        "pass, and the docstring says the work is done.",
        bad="def send_invoice(order):\n    \"\"\"Email the invoice PDF to the customer.\"\"\"\n    pass\n",
        good="def send_invoice(order):\n    \"\"\"Email the invoice PDF to the customer.\"\"\"\n"
        "    mailer.send(order.customer.email, render_invoice(order))\n",
        fix="Implement the function, or delete it. If it must exist and stay empty, say so: make it "
        "`@abstractmethod`, or write why in its docstring (\"Does nothing: ...\").",
        notes="Only module-level functions and the methods of module-level classes (and of their "
        "nested classes) are judged: a `def` under `if` / `try` or inside another function is "
        "a fallback or a callback. Never reported: `.pyi` stubs; test files, and test support "
        "whose file or directory name has a `test`, `mock`, `fake`, `stub` or `dummy` word "
        "(`idle_test/`, `mock_tk.py`); functions decorated `@abstractmethod` (any `abstract*`), `@overload`, "
        "`@type_check_only`, `@hookspec`, `@singledispatch`, and any decorated function whose "
        "body is `...` (the decorator does the work: `@deprecated_alias(new) def old(): ...`); "
        "methods of a `Protocol` class.\n\n"
        "A body that says it is unfinished is reported in any other class: an elision comment "
        "(AIL602), a `TODO` / `FIXME` / \"not implemented yet\" / \"implement me\" / \"to be "
        "implemented\" comment or docstring, or `raise NotImplementedError(...)` with a message "
        "saying TODO, yet, WIP or placeholder, unless the same text says the emptiness is meant "
        "(\"to be implemented by subclasses\").\n\n"
        "Otherwise an empty body is reported only in a module-level function or a method of a "
        "plain class, and not when:\n\n"
        "- the class derives from anything but `object` / `Generic`, or has a metaclass or other "
        "keywords: an empty method there usually overrides one of the base to turn it off;\n"
        "- the class looks meant to be derived from: it derives from `ABC` or has metaclass "
        "`ABCMeta`; another class of the module derives from it; its name starts with `Base` / "
        "`Abstract` or ends with `Base`, `Mixin`, `ABC`, `Interface`, `Protocol`, `Abstract`; its "
        "docstring says interface, abstract, base class, subclass, override, protocol, hook or "
        "mixin; one of its methods only raises `NotImplementedError`; or it has two or more "
        "methods and all are empty (an interface);\n"
        "- the class is a null object by name (`NullCache`, `DummyLock`, `NoopTracer`, "
        "`_NoThreads`, `Devnull`, `EventSink`);\n"
        "- the method only raises `NotImplementedError` (Python's idiom for an abstract method), "
        "is a dunder, or is a duck-typed method with often nothing to do (`flush`, `close`, "
        "`create_module`, `exec_module`, `invalidate_caches`);\n"
        "- the class's own code reaches the method through `self` / `cls` (a hook it calls), or "
        "the module uses the function or method as a value rather than calling it (a callback: "
        "`progress=default_progress`, `type(_C().f)`);\n"
        "- the name says so (`noop`, `dummy`, `null`, `ignore`, `default`, `stub`, `fake`, "
        "`placeholder`...) or names an event hook (`before_*`, `after_*`, `on_*`, `pre_*`, "
        "`post_*`), or the decorator is a click / typer `group` or `callback`;\n"
        "- the docstring, a comment or the error message says the emptiness is meant: no-op, "
        "nothing, intentional, deliberate, empty, override, subclass, hook, default, not "
        "supported, ignore, silence, disable, compatibility, interface, abstract, stub, dummy, "
        "callback, deprecated, monkeypatch, \"called when / by ...\";\n"
        "- the body is `return None` / `return`: an explicit \"no value\", unless a comment or "
        "docstring says it is unfinished.",
    )
    valid = (
        Valid("from abc import ABC, abstractmethod\n\nclass Store(ABC):\n    @abstractmethod\n    def save(self, item):\n        pass\n"),
        Valid("from typing import Protocol\n\nclass Reader(Protocol):\n    def read(self, n: int) -> bytes: ...\n"),
        Valid("from typing import overload\n\n@overload\ndef parse(x: int) -> int: ...\n@overload\ndef parse(x: str) -> str: ...\n"
              "def parse(x):\n    return x\n"),
        Valid("def parse(data):\n    pass\n", path="parse.pyi"),
        Valid("def on_shutdown():\n    \"\"\"Does nothing by default; plugins replace it.\"\"\"\n"),
        Valid("class Job:\n    def run(self):\n        self.before()\n        work()\n\n    def before(self):\n        pass\n"),
        Valid("class Handler:\n    def handle(self):\n        raise NotImplementedError\n\n"
              "class EchoHandler(Handler):\n    def handle(self):\n        return echo()\n"),
        Valid("class BaseExporter:\n    def export(self, rows):\n        raise NotImplementedError\n"),
        Valid("class QuietHandler(logging.Handler):\n    def emit(self, record):\n        pass\n"),
        Valid("class FakeClient:\n    def send(self, message):\n        pass\n", path="tests/fakes.py"),
        Valid("class Connection:\n    def __exit__(self, *exc):\n        pass\n"),
        Valid("def noop(*args, **kwargs):\n    pass\n"),
        Valid("def default_progress(done, total):\n    pass\n\ndef copy(src, dst, progress=default_progress):\n    progress(1, 1)\n"),
        Valid("def find_user(user_id):\n    return None\n"),
        Valid("class Exporter:\n    def export(self, rows):\n        raise NotImplementedError\n"),
        Valid("class Shape:\n    def area(self):\n        \"\"\"Subclasses override this.\"\"\"\n        pass\n"),
        Valid("try:\n    from _speedups import crc\nexcept ImportError:\n    def crc(data):\n        pass\n"),
        Valid("def outer():\n    def ignore_errors(error):\n        pass\n    return ignore_errors\n"),
    )
    invalid = (
        Invalid("def send_invoice(order):\n    \"\"\"Email the invoice.\"\"\"\n    pass\n", line=1),
        Invalid("class PaymentService:\n    def refund(self, payment_id):\n        \"\"\"Refund a payment.\"\"\"\n        ...\n", line=2),
        Invalid("def sync_inventory():\n    raise NotImplementedError\n", line=1),
        Invalid("def export_report(rows):\n    \"\"\"Write the rows to the quarterly report.\"\"\"\n", line=1),
        Invalid("class OrderView(View):\n    def post(self, request):\n        # TODO: implement\n        pass\n", line=2),
        Invalid("class BaseWorker:\n    def run(self):\n        raise NotImplementedError(\"TODO: not done yet\")\n", line=2),
        Invalid("def get_token(user):\n    \"\"\"Return the user's API token.\"\"\"\n    # TODO: ask the auth service\n    return None\n", line=1),
    )

    def visit_Module(self, node: cst.Module) -> None:
        path = self.file.path
        if path.endswith(".pyi") or is_test_file(path) or _is_test_support(path):
            return
        unchecked: list[tuple[Function, str]] = []  # reported unless used as a callback or a hook
        for function in module_functions(node):
            verdict = self._verdict(function)
            if verdict is None:
                continue
            what, certain = verdict
            if certain:
                self._report(function, what)
            else:
                unchecked.append((function, what))
        if not unchecked:
            return
        names = {function.node.name.value for function, _ in unchecked}
        values = _used_as_values(node, names)
        hooks: dict[int, set[str]] = {}
        for function, what in unchecked:
            name = function.node.name.value
            if name in values:
                continue
            if function.owner is not None:
                klass = function.owner.node
                if id(klass) not in hooks:
                    hooks[id(klass)] = _reached_through_self(klass)
                if name in hooks[id(klass)]:
                    continue
            self._report(function, what)

    def _report(self, function: Function, what: str) -> None:
        name = function.node.name
        self.report(name, self.message.format(name=name.value, what=what))

    def _verdict(self, function: Function) -> tuple[str, bool] | None:
        """None when not a placeholder; else what the body is and whether the verdict is final
        (False: report unless the function turns out to be used as a callback or a hook)."""
        body = statements(function.node)
        kinds = [placeholder_kind(statement) for statement in body]
        if not all(kinds) or _declared(function, kinds):
            return None
        what = next((kind for kind in kinds if kind and "raise" in kind), kinds[0] if kinds else "only a docstring")
        says = _what_it_says(function.node, body)
        if says == "unfinished":
            return what, True
        if says == "deliberate" or "`return None`" in kinds or _empty_by_design(function, what):
            return None
        return what, False


def _what_it_says(node: cst.FunctionDef, body: list) -> str | None:
    """``unfinished`` or ``deliberate`` when the docstring, comments or error message say so.

    An elision comment always means unfinished; otherwise a word saying the emptiness is
    meant ("to be implemented by subclasses") wins over one saying it is unfinished.
    """
    doc = docstring(node) or ""
    error = _error_message(body)
    remarks = [*comments(node.body), *(line.comment.value for line in node.leading_lines if line.comment)]
    if any(elision(remark) for remark in remarks):
        return "unfinished"
    if any(DELIBERATE.search(note) for note in (doc, error, *remarks)):
        return "deliberate"
    if any(UNFINISHED.search(note) for note in (doc, *remarks)) or UNFINISHED_ERROR.search(error):
        return "unfinished"
    return None


def _declared(function: Function, kinds: list[str | None]) -> bool:
    """A declaration whose body never runs: abstract, overload, Protocol member, hook spec,
    or any decorated ``...`` (the decorator does the work: ``@replaced_by(new) def old(): ...``)."""
    if function.owner is not None and function.owner.kind == "protocol":
        return True
    decorators = decorator_names(function.node)
    if decorators and kinds == ["`...`"]:
        return True
    return any(name in _DECLARING_DECORATORS or name.startswith("abstract") for name in decorators)


def _empty_by_design(function: Function, what: str) -> bool:
    """Whether an empty body that says nothing about itself is most likely meant."""
    if function.owner is not None and (function.owner.kind != "plain" or "raise" in what):
        return True  # ``raise NotImplementedError`` is the idiom for an abstract method
    name = function.node.name.value
    if name.startswith("__") and name.endswith("__") or name in _DUCK_TYPED_NO_OPS:
        return True
    if name.lstrip("_").split("_", 1)[0] in _HOOK_PREFIXES:
        return True
    decorators = decorator_names(function.node)
    return bool(words(name) & _DELIBERATE_NAME_WORDS) or any(d in _EMPTY_BY_DESIGN_DECORATORS for d in decorators)


def _is_test_support(path: str) -> bool:
    """Test helpers that ``is_test_file`` does not know: ``idle_test/x.py``, ``mock_tk.py``,
    ``fakes.py``. Only the file and its directory count, not where the project lives."""
    file = PurePath(path.replace("\\", "/"))
    return any(words(name) & _TEST_SUPPORT_WORDS for name in (file.stem, file.parent.name))


def _used_as_values(module: cst.Module, names: set[str]) -> set[str]:
    """Which of ``names`` the module uses other than by calling or defining them, as a plain
    name or an attribute (``callback=on_done``, ``type(_C().f)``): callbacks, not calls."""
    skipped: set[int] = set()
    used: set[str] = set()
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call):
            skipped.add(id(node.func.attr if isinstance(node.func, cst.Attribute) else node.func))
        elif isinstance(node, cst.FunctionDef):
            skipped.add(id(node.name))
        elif isinstance(node, cst.Attribute):
            if node.attr.value in names and id(node.attr) not in skipped:
                used.add(node.attr.value)
            skipped.add(id(node.attr))
        elif isinstance(node, cst.Name) and node.value in names and id(node) not in skipped:
            used.add(node.value)
        stack.extend(children(node))
    return used


def _reached_through_self(klass: cst.ClassDef) -> set[str]:
    """Attribute names the class's own code reaches through ``self`` or ``cls``: its hooks."""
    found: set[str] = set()
    stack: list[cst.CSTNode] = [klass.body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("self", "cls"):
            found.add(node.attr.value)
        stack.extend(children(node))
    return found


class ElisionCommentRule(CstRule):
    code = "AIL602"
    name = "elision-comment"
    summary = "A comment standing where an assistant left code out (`# ... rest of the code`)"
    message = "comment marks code that was left out: {comment!r}"
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    docs = Docs(
        what="A comment that stands for code that is not there: `# ... rest of the code`, "
        "`# ... existing code ...`, `# existing code here`, `# (rest unchanged)`, `# ... (same as "
        "before)`, `# TODO: implement`, `# your code here`, `# Add your logic here`, "
        "`# implementation goes here`, `# In a real implementation, ...`, `# code omitted for "
        "brevity`.",
        why="An assistant shortens its answers by eliding the parts it did not change, and says so "
        "in a comment. Pasted over the original file, the answer deletes those parts: the comment "
        "is all that is left of them. \"In a real implementation...\" marks a stand-in for the "
        "real logic.",
        bad="class Cart:\n    def add(self, item):\n        self.items.append(item)\n\n"
        "    # ... rest of the methods unchanged ...\n",
        good="class Cart:\n    def add(self, item):\n        self.items.append(item)\n\n"
        "    def total(self):\n        return sum(item.price for item in self.items)\n",
        fix="Restore the code the comment stands for (from version control, or from the previous "
        "answer) and delete the comment. For \"in a real implementation\", write the real one.",
        notes="The patterns match whole comments or unambiguous phrases "
        "(`ailint.rules.generated_code.placeholder_text`): `# TODO: handle retries` names real "
        "work and is not reported, nor `# the rest of the code assumes UTC`, nor `# same as "
        "above` (it describes code that is there); a note set apart with `...` or brackets "
        "(`# ... (same as before)`) is. Every file is checked, tests included.",
    )
    valid = (
        Valid("# TODO: handle retries\nfetch()\n"),
        Valid("# The rest of the code assumes UTC.\nnow = utcnow()\n"),
        Valid("x = compute()  # same as above, for the y axis\n"),
        Valid("# Existing code paths rely on this flag.\nLEGACY = True\n"),
        Valid("# TODO: implement caching once the API is stable\nresult = fetch()\n"),
        Valid('def f():\n    """... rest of the code"""\n'),
        Valid("# Here is the real implementation; the C one is faster.\ndef f():\n    return 1\n"),
    )
    invalid = (
        Invalid("def f():\n    setup()\n    # ... rest of the code\n", line=3),
        Invalid("class A:\n    # ... existing code ...\n    def g(self):\n        return 1\n", line=2),
        Invalid("def handler(event):\n    # TODO: implement this\n    pass\n", line=2),
        Invalid("def score(user):\n    # In a real implementation, this would query the model.\n    return 0.5\n", line=2),
        Invalid("def f():\n    return 1  # (rest unchanged)\n", line=2),
        Invalid("def f():\n    # Add your logic here\n    return None\n", line=2),
        Invalid("import os\n# ... (same as before)\n", line=2),
    )

    def visit_Comment(self, node: cst.Comment) -> None:
        if elision(node.value):
            self.report(node, self.message.format(comment=node.value))


_FETCHER = re.compile(
    r"^_*(?:fetch|get|load|query|list|search|retrieve|read|find|lookup|pull|download|scrape)(?:_|[A-Z]|$)"
)


class SampleDataReturnRule(CstRule):
    code = "AIL603"
    name = "sample-data-return"
    summary = "A data-fetching function that returns hard-coded sample records"
    message = "`{name}` returns hard-coded sample data ({evidence}) instead of fetching it"
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    docs = Docs(
        what="Outside tests, a function named like a data source (`fetch_*`, `get_*`, `load_*`, "
        "`query_*`, `list_*`, `search_*`, `retrieve_*`, `read_*`, `find_*`, `lookup_*`...) whose "
        "body is only `return <literal>` (or `x = <literal>; return x`), where the literal holds "
        "records (two or more dicts of constants or parameters: a list of them, a dict of them, "
        "or one value of a wrapping dict) and either a value looks made up (\"John Doe\", "
        "`@example.com`, \"Lorem ipsum\", `555-1234`, \"Sample product\", \"Alice\"), a comment "
        "or the docstring says so (\"mock data\", \"for demonstration\"), or a parameter goes "
        "unused (`search_users(query)` ignores its query); or one dict record with a made-up "
        "value.",
        why="Asked for a function that talks to a database or an API it cannot see, an assistant "
        "returns mock data \"for demonstration\". The code runs, the UI shows the records, and "
        "nothing reveals that no query ever happens.",
        bad="def fetch_customers(region):\n    return [\n        {\"id\": 1, \"name\": \"John Doe\", \"email\": \"john@example.com\"},\n"
        "        {\"id\": 2, \"name\": \"Jane Smith\", \"email\": \"jane@example.com\"},\n    ]\n",
        good="def fetch_customers(region):\n    return db.query(Customer).filter_by(region=region).all()\n",
        fix="Fetch the data from its real source. Keep sample data in tests, fixtures or a clearly "
        "named module (`demo_data.py`) loaded on purpose.",
        notes="Constant tables are common in real code (`get_choices()` returning a list of pairs, a "
        "mapping of settings): pairs and other tuples are not records, and a list of dicts is "
        "only reported with made-up values or an ignored parameter. Only module-level functions "
        "and methods of module-level classes are checked; test and fixture files are skipped.",
    )
    valid = (
        Valid("def get_choices():\n    return [(\"draft\", \"Draft\"), (\"published\", \"Published\")]\n"),
        Valid("def get_columns():\n    return [{\"name\": \"id\", \"width\": 8}, {\"name\": \"title\", \"width\": 40}]\n"),
        Valid("def fetch_users(session):\n    return session.get('/users').json()\n"),
        Valid("def get_users():\n    return [{'name': 'John Doe'}, {'name': 'Jane Doe'}]\n", path="tests/factories.py"),
        Valid("def build_users():\n    return [{'id': 1, 'name': 'John Doe'}, {'id': 2, 'name': 'Jane Doe'}]\n"),
        Valid("def get_defaults(kind):\n    return {'retries': 3, 'timeout': 10}\n"),
        Valid("def load_config():\n    return {\"debug\": {\"level\": 1, \"color\": True}, \"http\": {\"port\": 80, \"host\": \"x\"}}\n"),
    )
    invalid = (
        Invalid("def fetch_orders(customer_id):\n    return [{'id': 1, 'total': 9.5}, {'id': 2, 'total': 3.0}]\n", line=1),
        Invalid("def get_user(user_id):\n    \"\"\"Look the user up.\"\"\"\n    return {'id': user_id, 'name': 'John Doe', 'email': 'john@example.com'}\n", line=1),
        Invalid(
            "class ProductRepository:\n    def search_products(self, query):\n        # Mock data for demonstration\n"
            "        products = [\n            {'name': 'Product A', 'price': 10},\n            {'name': 'Product B', 'price': 20},\n"
            "        ]\n        return products\n",
            line=2,
        ),
        Invalid("def list_posts():\n    return {'results': [{'title': 'Lorem ipsum', 'id': 1}, {'title': 'Dolor', 'id': 2}], 'count': 2}\n", line=1),
    )

    def visit_Module(self, node: cst.Module) -> None:
        if is_test_file(self.file.path):
            return
        for function in module_functions(node):
            name = function.node.name.value
            if not _FETCHER.match(name):
                continue
            returned = _returned_literal(function.node)
            if returned is None:
                continue
            evidence = self._evidence(function.node, returned)
            if evidence:
                self.report(function.node.name, self.message.format(name=name, evidence=evidence))

    def _evidence(self, function: cst.FunctionDef, returned: cst.BaseExpression) -> str | None:
        parameters = frozenset(parameter_names(function))
        fake = fake_value(returned)
        found = records(returned, parameters)
        if not found:
            return f"made-up value {fake!r}" if fake is not None and single_record(returned, parameters) else None
        if fake is not None:
            return f"{len(found)} records, made-up value {fake!r}"
        note = next(filter(None, map(MOCK_NOTE.search, _notes(function))), None)
        if note is not None:
            return f"{len(found)} records, {note.group()!r}"
        unused = sorted(parameters - names_in(returned))
        return f"{len(found)} records, parameter `{unused[0]}` unused" if unused else None


def _notes(function: cst.FunctionDef) -> list[str]:
    """The function's docstring and comments, and the comments just above it."""
    leading = (line.comment.value for line in function.leading_lines if line.comment)
    return [docstring(function) or "", *comments(function.body), *leading]


def _returned_literal(function: cst.FunctionDef) -> cst.BaseExpression | None:
    """The expression of a body that is only ``return <expr>`` or ``x = <expr>; return x``."""
    body = statements(function)
    if len(body) == 1 and isinstance(body[0], cst.Return):
        return body[0].value
    if (
        len(body) == 2
        and isinstance(body[0], cst.Assign)
        and len(body[0].targets) == 1
        and isinstance(body[0].targets[0].target, cst.Name)
        and isinstance(body[1], cst.Return)
        and isinstance(body[1].value, cst.Name)
        and body[1].value.value == body[0].targets[0].target.value
    ):
        return body[0].value
    return None


RULES: tuple[type[Rule], ...] = (PlaceholderBodyRule, ElisionCommentRule, SampleDataReturnRule)
