"""The context that changes a destructive call's verdict, shared by the whole AIL2xx family.

Three things, documented once in ``docs/destructive-calls.md``:

* **Guards.** A call under ``if not dry_run:``, ``if args.yes:``, ``if click.confirm(...):``,
  or after an early exit such as ``if dry_run: return``, was meant to be deliberate: its
  severity drops one step (``report-guarded = false`` hides it instead).
* **Tests and fixtures.** Tests create and destroy their own data all the time; findings in
  test files are dropped unless the target is dangerous (``include-tests = true`` keeps all).
* **Temporary and safe paths.** Deleting what the code created with ``tempfile`` or got from
  pytest's ``tmp_path``, or a literal path under ``safe-path-prefixes``, is not flagged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

import libcst as cst

from ailint.names import ImportTable, ImportTracking, dotted_name
from ailint.rule import CstRule, Option, Severity
from ailint.rules.destructive.scope import Binding, Scope, ScopeFacts, scope_facts
from ailint.testfiles import is_test_file
from ailint.traversal import walk_scope

GUARD_NAMES = Option(
    "guard-names",
    list,
    (
        "dry_run", "dryrun", "dry", "noop", "no_op", "simulate", "confirm", "confirmed",
        "confirmation", "yes", "assume_yes", "force", "really", "interactive",
    ),
    "Names (variables, attributes, option keys) whose test in an `if` marks a deliberate, "
    "opted-in destructive call.",
)
CONFIRM_FUNCTIONS = Option(
    "confirm-functions",
    list,
    (
        "click.confirm", "typer.confirm", "rich.prompt.Confirm.ask", "questionary.confirm",
        "input", "confirm", "ask_yes_no", "query_yes_no", "prompt_yes_no", "yes_no",
    ),
    "Functions that ask the user to confirm; a dotted entry must match the resolved name, a "
    "bare entry matches the last part of the called name.",
)
REPORT_GUARDED = Option(
    "report-guarded",
    bool,
    True,
    "Report guarded calls with their severity lowered one step; false hides them.",
)
INCLUDE_TESTS = Option(
    "include-tests",
    bool,
    False,
    "Also report calls in test and fixture files whose target is not dangerous.",
)
SAFE_PATH_PREFIXES = Option(
    "safe-path-prefixes",
    list,
    ("/tmp/", "/var/tmp/", "tmp/", ".tmp/", "build/", "dist/", "__pycache__/", ".pytest_cache/", ".mypy_cache/"),
    "Literal paths at or under these prefixes are scratch space: deleting them is not flagged.",
)
FAMILY_OPTIONS = (GUARD_NAMES, CONFIRM_FUNCTIONS, REPORT_GUARDED, INCLUDE_TESTS, SAFE_PATH_PREFIXES)

CONTEXT_NOTE = (
    "Guards, test files and temporary paths change the verdict as described in "
    "[destructive-calls](../destructive-calls.md): a guarded call (`if not dry_run:`, "
    "`if click.confirm(...):`, an earlier `if dry_run: return`) is reported one severity lower, "
    "test and fixture files are skipped unless the target is dangerous, and targets created "
    "with `tempfile`, pytest's `tmp_path` or under `safe-path-prefixes` are not flagged."
)

_EXITS = frozenset({"sys.exit", "builtins.exit", "builtins.quit", "os._exit"})


@dataclass(frozen=True)
class Site:
    """A candidate call with what is known around it."""

    call: cst.Call
    scope: Scope
    facts: ScopeFacts
    klass: cst.ClassDef | None
    imports: ImportTable
    shared: dict[Any, Any]
    settings: Mapping[str, Any]

    # Where names are read: the call, or the value of an assignment being followed, so that
    # ``victim = os.fsencode(victim)`` reads the previous ``victim``.
    reading_at: cst.CSTNode | None = None

    def binding(self, name: str, at: cst.CSTNode | None = None) -> Binding | None:
        if at is None:
            at = self.reading_at if self.reading_at is not None else self.call
        return self.facts.binding(name, at)

    def reading(self, at: cst.CSTNode) -> Site:
        """This site, with names read at ``at`` instead of at the call."""
        return dataclasses.replace(self, reading_at=at)

    def qualify(self, expr: cst.BaseExpression) -> str | None:
        return self.imports.qualify(expr)


class DestructiveCallRule(CstRule, ImportTracking):
    """Base of the AIL2xx rules: tracks the enclosing scope and applies the family's context."""

    options = FAMILY_OPTIONS

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self._enclosing: list[cst.Module | cst.ClassDef | cst.FunctionDef] = [node]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._enclosing.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._enclosing.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._enclosing.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._enclosing.pop()

    def site(self, call: cst.Call) -> Site:
        """The context of ``call``; built lazily and shared with the family's other rules."""
        scope: Scope = self.file.module
        klass = None
        for position in range(len(self._enclosing) - 1, -1, -1):
            node = self._enclosing[position]
            if isinstance(node, (cst.FunctionDef, cst.Module)):
                scope = node
                outer = self._enclosing[position - 1] if position else None
                klass = outer if isinstance(outer, cst.ClassDef) else None
                break
        facts = scope_facts(scope, self.file.shared)
        return Site(call, scope, facts, klass, self.imports, self.file.shared, self.settings)

    def flag(self, site: Site, message: str, severity: Severity, dangerous: bool = False) -> None:
        """Report ``site`` unless its context says otherwise; guards lower the severity."""
        if not dangerous and not self.settings["include-tests"] and is_test_file(self.file.path):
            return
        guard = guard_of(site)
        if guard is not None:
            if not self.settings["report-guarded"]:
                return
            severity = severity.lowered()
            message = f"{message} (guarded by {guard}: severity lowered)"
        self.report(site.call, message, severity)


def guard_of(site: Site) -> str | None:
    """A short description of what guards the call, or None when nothing does."""
    child: cst.CSTNode = site.call
    for ancestor in site.facts.ancestors(site.call):
        test = _guarding_test(ancestor, child)
        if test is not None and mentions_guard(test, site):
            return f"`{snippet(test)}`"
        for statement in _statements_before(ancestor, child):
            if _is_exit_guard(statement, site):
                return "an earlier check that exits"
        child = ancestor
    if isinstance(site.scope, cst.FunctionDef):
        for decorator in site.scope.decorators:
            target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
            if site.qualify(target) in ("click.confirmation_option", "typer.confirm"):
                return "`@click.confirmation_option`"
    return None


def _guarding_test(ancestor: cst.CSTNode, child: cst.CSTNode) -> cst.BaseExpression | None:
    if isinstance(ancestor, (cst.If, cst.While)) and child is not ancestor.test:
        return ancestor.test
    if isinstance(ancestor, cst.IfExp) and child is not ancestor.test:
        return ancestor.test
    if isinstance(ancestor, cst.BooleanOperation) and child is ancestor.right:
        return ancestor.left
    return None


def _statements_before(ancestor: cst.CSTNode, child: cst.CSTNode) -> list[cst.CSTNode]:
    body = ancestor.body if isinstance(ancestor, (cst.Module, cst.IndentedBlock)) else None
    if body is None:
        return []
    for position, statement in enumerate(body):
        if statement is child:
            return list(body[:position])
    return []


def _is_exit_guard(statement: cst.CSTNode, site: Site) -> bool:
    """``if dry_run: return``, ``if not click.confirm(...): sys.exit()``, ``click.confirm(..., abort=True)``."""
    if isinstance(statement, cst.If):
        return mentions_guard(statement.test, site) and _exits(statement.body, site)
    if isinstance(statement, cst.SimpleStatementLine):
        for small in statement.body:
            if isinstance(small, cst.Assert) and mentions_guard(small.test, site):
                return True
            call = small.value if isinstance(small, cst.Expr) else getattr(small, "value", None)
            if isinstance(call, cst.Call) and _is_confirm_call(call, site) and any(
                arg.keyword is not None and arg.keyword.value == "abort" for arg in call.args
            ):
                return True
    return False


def _exits(block: cst.BaseSuite, site: Site) -> bool:
    for node in walk_scope(block):
        if isinstance(node, (cst.Return, cst.Raise, cst.Continue, cst.Break)):
            return True
        if isinstance(node, cst.Call) and site.qualify(node.func) in _EXITS:
            return True
    return False


def mentions_guard(test: cst.BaseExpression, site: Site) -> bool:
    """Whether an ``if`` test reads a guard flag or asks the user to confirm."""
    names = {name.lower() for name in site.settings["guard-names"]}
    for node in walk_scope(test):
        if isinstance(node, cst.Name) and _normalised(node.value) in names:
            return True
        if isinstance(node, cst.Attribute) and _normalised(node.attr.value) in names:
            return True
        if isinstance(node, cst.SimpleString) and _normalised(node.evaluated_value or "") in names:
            return True
        if isinstance(node, cst.Call) and _is_confirm_call(node, site):
            return True
    return False


def _normalised(name: str | bytes) -> str:
    text = name.decode("latin-1") if isinstance(name, bytes) else name
    return text.lstrip("-_").replace("-", "_").lower()


def _is_confirm_call(call: cst.Call, site: Site) -> bool:
    qualified = site.qualify(call.func) or ""
    written = dotted_name(call.func) or ""
    last = written.rsplit(".", 1)[-1]
    for entry in site.settings["confirm-functions"]:
        if "." in entry:
            if qualified == entry:
                return True
        elif last == entry or qualified == f"builtins.{entry}":
            return True
    return False


def snippet(node: cst.CSTNode) -> str:
    """The node's source on one line, shortened for a message."""
    text = " ".join(cst.Module(body=()).code_for_node(node).split())
    return text if len(text) <= 60 else text[:57] + "..."
