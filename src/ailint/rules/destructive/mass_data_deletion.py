"""AIL206: ORM and datastore calls that delete every row, key, collection or index."""

from __future__ import annotations

import libcst as cst

from ailint.names import dotted_name
from ailint.rule import Docs, Invalid, Severity, Valid
from ailint.rules.destructive.context import CONTEXT_NOTE, DestructiveCallRule, Site
from ailint.rules.destructive.targets import string_literal
from ailint.traversal import walk_scope

# Query-building methods that do not narrow what a query matches.
UNFILTERED_STEPS = frozenset(
    {"all", "order_by", "select_related", "prefetch_related", "using", "only", "defer", "annotate",
     "execution_options", "options", "query", "distinct"}
)
DJANGO_MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
MONGO_MODULES = ("pymongo", "motor", "mongoengine", "mongomock")
SQLALCHEMY_MODULES = ("sqlalchemy", "flask_sqlalchemy", "sqlmodel")
ALL_INDICES = frozenset({"*", "_all"})
CANDIDATE_METHODS = frozenset(
    {"delete", "drop_all", "flushall", "flushdb", "drop_database", "drop", "delete_many", "delete_by_query", "execute"}
)


class MassDataDeletionRule(DestructiveCallRule):
    code = "AIL206"
    name = "mass-data-deletion"
    summary = "An ORM or datastore call that deletes all rows, keys, collections or indices"
    message = "{what}: {fix}"
    severity = Severity.HIGH
    docs = Docs(
        what="Calls that delete everything a store holds: Django `Model.objects.all().delete()` "
        "(and `.delete()` on any queryset chain with no `filter` / `exclude` / `get`), SQLAlchemy "
        "`session.query(Model).delete()` with no filter, `session.execute(delete(Model))` with no "
        "`where`, and `metadata.drop_all()` / `db.drop_all()`; Redis `flushall()` and `flushdb()`; "
        "MongoDB `drop_database()`, `collection.drop()` and `delete_many({})`; Elasticsearch "
        "`indices.delete(index='*')` or `'_all'` and `delete_by_query` with `match_all`.",
        why="Asked to \"reset the data\" or \"clean up the test records\", an assistant reaches for "
        "the shortest call that works, which is the one that empties the table or the cache. "
        "Pointed at the wrong settings or environment, that call erases production data in one "
        "line, and code review skims past it because it reads like tidy-up.",
        bad="def reset_orders():\n    Order.objects.all().delete()\n",
        good="def purge_cancelled_orders(before):\n    Order.objects.filter(status='cancelled', "
        "created__lt=before).delete()\n",
        fix="Filter to the records the code means to remove, delete in batches you can audit, and keep "
        "schema resets (`drop_all`, dropping collections or indices) in migrations or test setup "
        "where they cannot run against production.",
        notes="Precision first: a queryset with any `filter`, `exclude`, `get`, slice or SQLAlchemy "
        "`filter` / `filter_by` / `where` in its chain is not flagged, nor is `delete_many` with a "
        "non-empty filter. `collection.drop()` is only considered in files that import a MongoDB "
        "client (pandas' `DataFrame.drop` is not a deletion), and `drop_all()` only in files that "
        "import SQLAlchemy or Flask-SQLAlchemy or on a `metadata` object. A queryset bound to a name "
        "first (`qs = Order.objects.all()`, then `qs.delete()`) is followed. " + CONTEXT_NOTE,
    )
    valid = (
        Valid("Order.objects.filter(status='cancelled').delete()\n"),
        Valid("qs = Order.objects.exclude(keep=True)\nqs.delete()\n"),
        Valid("session.query(User).filter(User.id == uid).delete()\n"),
        Valid("import pandas as pd\n\ndf.drop(columns=['tmp'])\nframe.drop()\n"),
        Valid("import pymongo\n\ndb.orders.delete_many({'status': 'cancelled'})\n"),
        Valid("order.delete()\ncache.delete('key')\n"),
        Valid("from sqlalchemy import delete\n\nsession.execute(delete(User).where(User.id == uid))\n"),
        Valid("es.indices.delete(index='logs-2024.01.01')\n"),
        Valid("def setUp(self):\n    Order.objects.all().delete()\n", path="tests/test_orders.py"),
    )
    invalid = (
        Invalid("def reset():\n    Order.objects.all().delete()\n", line=2),
        Invalid("session.query(User).delete()\n", line=1),
        Invalid("import redis\n\nr = redis.Redis()\nr.flushall()\n", line=4),
        Invalid("from sqlalchemy import MetaData\n\nmetadata.drop_all(engine)\n", line=3),
        Invalid("import pymongo\n\nclient.shop.orders.delete_many({})\n", line=3),
        Invalid("es.indices.delete(index='*')\n", line=1),
        Invalid("qs = Order.objects.all()\nqs.delete()\n", line=2),
        Invalid("from sqlalchemy import delete\n\nsession.execute(delete(User))\n", line=3),
        Invalid("import pymongo\n\ndb.orders.drop()\n", line=3),
        Invalid("es.delete_by_query(index='logs', body={'query': {'match_all': {}}})\n", line=1),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in CANDIDATE_METHODS:
            return
        method = func.attr.value
        if method == "execute":
            if not node.args or not isinstance(node.args[0].value, cst.Call):
                return
        elif method == "delete" and not isinstance(func.value, (cst.Call, cst.Name)):
            if not (isinstance(func.value, cst.Attribute) and func.value.attr.value == "indices"):
                return
        site = self.site(node)
        what = self._what(node, method, site)
        if what is not None:
            description, fix = what
            self.flag(site, self.message.format(what=description, fix=fix), Severity.HIGH)

    def _what(self, call: cst.Call, method: str, site: Site) -> tuple[str, str] | None:
        receiver = call.func.value  # type: ignore[attr-defined]
        if method in ("delete", "delete_by_query", "execute"):
            return _deletes_everything(call, method, receiver, site)
        return self._drops_everything(call, method, receiver)

    def _drops_everything(self, call: cst.Call, method: str, receiver: cst.BaseExpression) -> tuple[str, str] | None:
        """Redis flushes, MongoDB drops and ``delete_many({})``, SQLAlchemy's ``drop_all``."""
        if method in ("flushall", "flushdb") and not call.args:
            return f"`{method}()` deletes every key in the Redis {'server' if method == 'flushall' else 'database'}", (
                "delete the keys this code owns (a prefix and `scan_iter`), or use a separate database"
            )
        if method == "drop_database":
            return "`drop_database()` deletes a whole MongoDB database", "keep it out of application code"
        if method == "drop" and not call.args and self._imports_any(MONGO_MODULES):
            return "`drop()` deletes the whole collection", "delete the documents you mean with a filter"
        if method == "delete_many" and call.args and _is_empty_dict(call.args[0].value):
            return "`delete_many({})` deletes every document in the collection", "pass a filter"
        if method == "drop_all" and (self._imports_any(SQLALCHEMY_MODULES) or _ends_with(receiver, "metadata")):
            return "`drop_all()` drops every table", "keep schema resets in migrations or test setup"
        return None

    def _imports_any(self, modules: tuple[str, ...]) -> bool:
        return any(self.imports.imports_module(module) for module in modules)


def _deletes_everything(
    call: cst.Call, method: str, receiver: cst.BaseExpression, site: Site
) -> tuple[str, str] | None:
    """Elasticsearch's ``indices.delete`` and ``delete_by_query``, an ORM's unfiltered
    ``delete()``, SQLAlchemy's ``execute(delete(Model))``."""
    if method == "delete" and isinstance(receiver, cst.Attribute):
        if _all_indices(call):
            return "`indices.delete` on every index deletes all Elasticsearch data", "name the index you mean"
        return None
    if method == "delete":
        return _unfiltered_delete(receiver, site)
    if method == "delete_by_query":
        if _matches_all(call):
            return "`delete_by_query` with `match_all` deletes every document", "query the documents you mean"
        return None
    return _unfiltered_core_delete(call.args[0].value, site)


def _unfiltered_delete(receiver: cst.BaseExpression, site: Site, depth: int = 0) -> tuple[str, str] | None:
    """``Model.objects.all().delete()``, ``session.query(X).delete()``, or a name bound to one."""
    if isinstance(receiver, cst.Name):
        if depth:
            return None
        binding = site.binding(receiver.value)
        if binding is None or binding.kind != "assign" or binding.index is not None or binding.value is None:
            return None
        return _unfiltered_delete(binding.value, site, depth + 1)
    steps: list[str] = []
    node = receiver
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        steps.append(node.func.attr.value)
        node = node.func.value
    if not steps or any(step not in UNFILTERED_STEPS for step in steps):
        return None
    if steps[-1] == "query":
        return "`query(...).delete()` with no filter deletes every row", "add `.filter(...)` for the rows you mean"
    if isinstance(node, cst.Attribute) and node.attr.value in DJANGO_MANAGERS:
        return "`.delete()` on an unfiltered queryset deletes every row", "add `.filter(...)` for the rows you mean"
    return None


def _unfiltered_core_delete(statement: cst.BaseExpression, site: Site) -> tuple[str, str] | None:
    """``session.execute(delete(Model))`` with no ``.where(...)``."""
    if isinstance(statement, cst.Call) and site.qualify(statement.func) in ("sqlalchemy.delete", "sqlalchemy.sql.delete"):
        return "`delete(...)` with no `where` deletes every row", "add `.where(...)` for the rows you mean"
    return None


def _is_empty_dict(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Dict) and not expr.elements


def _ends_with(expr: cst.BaseExpression, attribute: str) -> bool:
    name = dotted_name(expr) or ""
    return name == attribute or name.endswith("." + attribute)


def _all_indices(call: cst.Call) -> bool:
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value == "index":
            value = string_literal(arg.value)
            if value is not None and any(part.strip() in ALL_INDICES for part in value.split(",")):
                return True
            if arg.keyword is None:
                return False
    return False


def _matches_all(call: cst.Call) -> bool:
    for arg in call.args:
        for node in walk_scope(arg.value):
            if isinstance(node, cst.DictElement) and string_literal(node.key) == "match_all":
                return True
    return False
