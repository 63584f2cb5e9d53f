"""AIL104: raising a new exception inside an ``except`` block without ``from``."""

from __future__ import annotations

import libcst as cst

from ailint.names import ImportTracking, dotted_name
from ailint.rule import Confidence, CstRule, Docs, Invalid, Severity, Valid
from ailint.rules.error_handling.handling import AnyHandler, bound_name
from ailint.traversal import walk_scope

# Control flow rather than errors: nobody reads their traceback, so their cause is noise.
CONTROL_FLOW_EXCEPTIONS = frozenset(
    {
        "builtins.SystemExit",
        "builtins.StopIteration",
        "builtins.StopAsyncIteration",
        "unittest.SkipTest",
        "unittest.case.SkipTest",
    }
)


class RaiseWithoutFromRule(CstRule, ImportTracking):
    code = "AIL104"
    name = "raise-without-from"
    summary = "A `raise` in an `except` block without `from`"
    message = "`raise` inside `except` without `from`: write `from err` to keep the cause, or `from None` to drop it"
    severity = Severity.LOW
    confidence = Confidence.HIGH
    docs = Docs(
        what="A `raise X(...)` or `raise X` without `from` in the block of an `except` clause "
        "that creates a new exception: not a re-raise of the exception the clause (or an "
        "enclosing one) bound with `as`, nor of an exception object kept from earlier.",
        why="Assistants translate errors (`except KeyError: raise ConfigError(...)`) without "
        "saying whether the original error is the cause or noise. Python then prints \"During "
        "handling of the above exception, another exception occurred\", which reads like a bug in "
        "the handler. `from err` states the cause; `from None` says the original is irrelevant and "
        "keeps the traceback short.",
        bad="try:\n    port = int(raw)\nexcept ValueError:\n    raise ConfigError(f\"bad port: {raw!r}\")\n",
        good="try:\n    port = int(raw)\nexcept ValueError as err:\n"
        "    raise ConfigError(f\"bad port: {raw!r}\") from err\n",
        fix="Bind the caught exception (`except E as err`) and write `raise New(...) from err`, or "
        "`from None` when the original error adds nothing.",
        notes="Like flake8-bugbear B904, with differences. Bugbear skips every raised lowercase "
        "name (`raise error`); we skip names bound by an enclosing `except ... as` (a re-raise) "
        "and lowercase names or attributes that the handler did not assign (`raise self._error`, "
        "an exception object kept from earlier), but flag a name the handler assigned (`error = "
        "RuntimeError(...)`, `raise error`), unless it sets `error.__cause__` by hand, as "
        "`enum` does. A raise inside a function or class defined in the handler is not in the "
        "handler and is not flagged. A raise inside a nested `try` within the handler is still in "
        "the handler and is flagged (Ruff's B904 does not look into nested `try` statements). In a "
        "nested handler, re-raising the outer handler's exception (`raise outer`) is a re-raise, "
        "not a translation: not flagged. Only the `except` block counts, never the `try`, `else` "
        "or `finally` blocks. Pylint's W0707 (raise-missing-from) covers the same ground. "
        "Unlike B904, raising `SystemExit`, `StopIteration`, `StopAsyncIteration` or "
        "`unittest.SkipTest` is not flagged: they are control flow and their traceback is never "
        "shown; on the standard library they were 75 of 452 findings, mostly `raise "
        "unittest.SkipTest(...)` under `except ImportError`.",
    )
    valid = (
        Valid("try:\n    run()\nexcept ValueError:\n    cleanup()\n    raise\n"),
        Valid("try:\n    run()\nexcept ValueError as e:\n    raise e\n"),
        Valid("try:\n    run()\nexcept ValueError as err:\n    raise ConfigError('bad') from err\n"),
        Valid("try:\n    run()\nexcept KeyError:\n    raise AttributeError(name) from None\n"),
        Valid(
            "try:\n    run()\nexcept ValueError:\n    def fail():\n        raise RuntimeError('later')\n"
            "    defer(fail)\n"
        ),
        Valid(
            "try:\n    run()\nexcept ImportError:\n    class Missing:\n        def __getattr__(self, name):\n"
            "            raise AttributeError(name)\n"
        ),
        Valid(
            "try:\n    raise ValueError('x')\nexcept KeyError:\n    pass\nelse:\n    raise RuntimeError('y')\n"
            "finally:\n    raise OSError('z')\n"
        ),
        Valid(
            "try:\n    run()\nexcept OSError:\n    try:\n        undo()\n    except ValueError as err:\n"
            "        raise err\n"
        ),
        Valid(
            "try:\n    run()\nexcept OSError as outer:\n    try:\n        undo()\n    except ValueError:\n"
            "        raise outer\n"
        ),
        Valid("if not ok:\n    raise ValueError('not ok')\n"),
        Valid(
            "import unittest\n\ntry:\n    import numpy\nexcept ImportError:\n"
            "    raise unittest.SkipTest('needs numpy')\n"
        ),
        Valid(
            "def __next__(self):\n    try:\n        return self.items.pop()\n    except IndexError:\n"
            "        raise StopIteration\n"
        ),
        Valid("try:\n    main()\nexcept KeyboardInterrupt:\n    raise SystemExit(130)\n"),
        Valid("try:\n    run()\nexcept ValueError:\n    raise self._first_error\n"),
        Valid(
            "try:\n    run()\nexcept ValueError as exc:\n    new = TypeError('bad value')\n"
            "    new.__cause__ = exc\n    raise new\n"
        ),
    )
    invalid = (
        Invalid("try:\n    port = int(raw)\nexcept ValueError:\n    raise TypeError('bad port')\n", line=4),
        Invalid("try:\n    value = table[key]\nexcept KeyError as e:\n    raise LookupError(str(e))\n", line=4),
        Invalid("try:\n    run()\nexcept:\n    raise SystemError\n", line=4),
        Invalid(
            "try:\n    run()\nexcept OSError:\n    try:\n        raise RuntimeError('x')\n    except ValueError:\n"
            "        pass\n",
            line=5,
        ),
        Invalid(
            "try:\n    run()\nexcept ValueError as e:\n    error = RuntimeError('failed')\n    raise error\n",
            line=5,
        ),
        Invalid("try:\n    run()\nexcept ValueError:\n    raise errors.ConfigError\n", line=4),
        Invalid("try:\n    run()\nexcept* ValueError:\n    raise RuntimeError('x')\n", line=4),
        Invalid(
            "try:\n    run()\nexcept OSError as e:\n    if retry:\n        raise TimeoutError from e\n"
            "    raise RuntimeError\n",
            line=6,
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        # One entry per enclosing function or class: the handlers whose blocks we are in.
        self._handlers: list[list[AnyHandler]] = [[]]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._handlers.append([])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._handlers.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._handlers.append([])

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._handlers.pop()

    def visit_ExceptHandler_body(self, node: cst.ExceptHandler) -> None:
        self._handlers[-1].append(node)

    def leave_ExceptHandler_body(self, node: cst.ExceptHandler) -> None:
        self._handlers[-1].pop()

    def visit_ExceptStarHandler_body(self, node: cst.ExceptStarHandler) -> None:
        self._handlers[-1].append(node)

    def leave_ExceptStarHandler_body(self, node: cst.ExceptStarHandler) -> None:
        self._handlers[-1].pop()

    def visit_Raise(self, node: cst.Raise) -> None:
        enclosing = self._handlers[-1]
        if not enclosing or node.exc is None or node.cause is not None:
            return
        if isinstance(node.exc, cst.Call):
            if self.imports.qualify(node.exc.func) not in CONTROL_FLOW_EXCEPTIONS:
                self.report(node)
            return
        if isinstance(node.exc, cst.Name) and node.exc.value in {bound_name(h) for h in enclosing}:
            return  # re-raising a caught exception
        if self.imports.qualify(node.exc) in CONTROL_FLOW_EXCEPTIONS:
            return
        if _names_an_instance(node.exc) and not _built_in(enclosing[-1], node.exc):
            return  # an exception object from elsewhere (stored earlier, an attribute): a re-raise
        self.report(node)


def _names_an_instance(expression: cst.BaseExpression) -> bool:
    """``error`` or ``self._error`` rather than ``ValueError``: lowercase names hold objects."""
    name = dotted_name(expression)
    return name is not None and name.rpartition(".")[2].lstrip("_")[:1].islower()


def _built_in(handler: AnyHandler, raised: cst.BaseExpression) -> bool:
    """Is ``raised`` a name assigned in the handler, without setting its ``__cause__`` by hand?"""
    if not isinstance(raised, cst.Name):
        return False
    assigned = False
    for node in walk_scope(handler.body):
        if isinstance(node, cst.AssignTarget):
            target = node.target
            if isinstance(target, cst.Name) and target.value == raised.value:
                assigned = True
            elif (
                isinstance(target, cst.Attribute)
                and target.attr.value == "__cause__"
                and dotted_name(target.value) == raised.value
            ):
                return False  # `err.__cause__ = exc` chains explicitly
    return assigned
