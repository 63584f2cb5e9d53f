"""AIL205: SQL that drops, truncates, or deletes / updates every row, passed to a database call."""

from __future__ import annotations

from pathlib import PurePath

import libcst as cst

from ailint.names import dotted_name
from ailint.rule import Docs, Invalid, Severity, Valid
from ailint.rules.destructive.context import CONTEXT_NOTE, DestructiveCallRule, Site
from ailint.rules.destructive.sql import (
    TEXT_CONSTRUCTORS,
    Destruction,
    Resolver,
    assemble,
    destructive_statements,
    sql_argument,
    table_names,
    text_call,
)
from ailint.rules.destructive.targets import string_literal
from ailint.traversal import walk_scope

# Methods that run the SQL they are given: DB-API cursors and connections, SQLAlchemy.
RUN_METHODS = frozenset({"execute", "executemany", "executescript", "exec_driver_sql"})
RAW_SQL = frozenset({"django.db.models.expressions.RawSQL", "django.db.models.RawSQL"})
_CANDIDATES = RUN_METHODS | {"raw", "text", "RawSQL"}
_MIGRATION_DIRECTORIES = frozenset({"migrations", "alembic"})


def is_migration_file(path: str) -> bool:
    parts = PurePath(path.replace("\\", "/")).parts
    return any(part.lower() in _MIGRATION_DIRECTORIES for part in parts[:-1])


class DestructiveSqlRule(DestructiveCallRule):
    code = "AIL205"
    name = "destructive-sql"
    summary = "SQL that drops or truncates a table, or deletes / updates every row"
    message = "{statement} in SQL passed to `{sink}` {effect}: {fix}"
    severity = Severity.HIGH
    docs = Docs(
        what="SQL passed to `execute`, `executemany`, `executescript`, `exec_driver_sql`, "
        "SQLAlchemy `text()`, Django's `Manager.raw()` or `RawSQL` that drops a database, schema, "
        "table, index or view, truncates a table, deletes or updates without a `WHERE`, or drops a "
        "column with `ALTER TABLE`. The SQL may be a literal, an f-string, a concatenation, a "
        "`.format()` or `%` template, or a local name (or module constant) bound to one of those. "
        "Severity is high for `DROP DATABASE` / `SCHEMA` / `TABLE`, `TRUNCATE` and `DELETE` "
        "without `WHERE`; medium for `UPDATE` without `WHERE`, `DROP COLUMN`, `DROP INDEX` and "
        "`DROP VIEW`.",
        why="Asked to \"reset the data\", \"clean up the table\" or \"start from a fresh schema\", "
        "assistants write `DELETE FROM users` or `DROP TABLE orders` straight into application "
        "code, with no backup and nothing asking first. A generated `UPDATE` that lost its `WHERE` "
        "rewrites every row the moment it runs. None of it can be undone, and none of it fails: "
        "the statement succeeds and the data is gone.",
        bad="def reset_orders(conn):\n    cur = conn.cursor()\n    cur.execute(\"DELETE FROM orders\")\n"
        "    conn.commit()\n",
        good="def cancel_order(conn, order_id):\n    cur = conn.cursor()\n"
        "    cur.execute(\"DELETE FROM orders WHERE id = %s\", (order_id,))\n    conn.commit()\n",
        fix="Give `DELETE` and `UPDATE` the `WHERE` that limits them to the rows meant. Schema "
        "changes (`DROP`, `TRUNCATE`, `ALTER TABLE ... DROP COLUMN`) belong in a reviewed migration "
        "after a backup, not in code that runs on every deploy. Where wiping really is the job (a "
        "reset command), put it behind an explicit flag or confirmation.",
        notes="The SQL is read with sqlparse, not regular expressions: each statement of a script "
        "is checked on its own, and only its top level counts, so a `WHERE` in a subquery, a "
        "comment (`DELETE FROM t -- WHERE id = 1`) or a string literal (`SET note = 'where'`) is "
        "not the statement's `WHERE`, and `DROP TABLE` inside a string value, a column named "
        "`drop` or `FROM deleted_items` is not a drop. Text that contains none of `drop`, "
        "`truncate`, `delete`, `update`, `alter` is never parsed. Interpolated values become a "
        "neutral placeholder: `f\"DELETE FROM {table}\"` is reported, but a placeholder that may "
        "hold a whole clause (`f\"DELETE FROM t {filters}\"`, `\"UPDATE t SET \" + assignments`) "
        "is given the benefit of the doubt, and so is a name also extended with `+=`. "
        "`DROP TABLE IF EXISTS` is reported like any drop, except a drop of tables the same "
        "function creates with a literal `CREATE TABLE` (a scratch table, as in a feature probe). `DROP INDEX` and `DROP VIEW` lose no "
        "rows but break the queries and constraints that rely on them, hence medium; `DROP "
        "TEMPORARY TABLE`, `DROP FUNCTION` and other objects are not reported. `DELETE` and `UPDATE` need "
        "`FROM` / `SET` to count as SQL, so `execute(\"update the cache\")` is not flagged. "
        "Files under a `migrations` or `alembic` directory and Alembic's `op.execute()` are "
        "skipped: that is where schema changes belong. When a `text()` clause is run by an "
        "`execute` call in the same scope, the finding is on the `execute` (one finding, and its "
        "guards count); a `text()` that is never seen run is reported where it is built. Deletions "
        "built with query builders (`session.execute(delete(Model))`, `Model.objects.all().delete()`) "
        "are AIL206's. " + CONTEXT_NOTE,
    )
    valid = (
        Valid("cur.execute(\"DELETE FROM sessions WHERE expires_at < %s\", (now,))\n"),
        Valid("cur.execute(\"DELETE FROM a WHERE id IN (SELECT a_id FROM b WHERE b.stale)\")\n"),
        Valid("cur.execute(\"INSERT INTO audit (action) VALUES ('DROP TABLE users')\")\n"),
        Valid("cur.execute(\"SELECT id, drop FROM deleted_items\")\n"),
        Valid("cur.execute(\"CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY)\")\n"),
        Valid("def purge(conn, filters):\n    conn.execute(f\"DELETE FROM events {filters}\")\n"),
        Valid(
            "def purge(cur, stale):\n    sql = \"DELETE FROM events\"\n    sql += \" WHERE id = ANY(%s)\"\n"
            "    cur.execute(sql, (stale,))\n"
        ),
        Valid("def execute(command):\n    print(command)\n\n\nexecute(\"update the docs and drop the draft\")\n"),
        Valid("cur.execute(\"DROP TABLE IF EXISTS old_orders\")\n", path="tests/test_orders.py"),
        Valid(
            "def probe(cursor):\n    cursor.execute('CREATE TABLE probe_t (x INT)')\n"
            "    cursor.execute('DROP TABLE probe_t')\n"
        ),
        Valid("from alembic import op\n\n\ndef upgrade():\n    op.execute(\"DROP TABLE legacy_users\")\n"),
        Valid("page.text(\"DELETE FROM users\")\n"),
    )
    invalid = (
        Invalid("cur.execute(\"DELETE FROM users -- WHERE id = 1\")\n", line=1),
        Invalid(
            "from sqlalchemy import text as sql_text\n\n\ndef reset(session):\n"
            "    session.execute(sql_text(\"TRUNCATE TABLE orders\"))\n",
            line=5,
        ),
        Invalid("def wipe(cur, table):\n    query = f\"DROP TABLE {table}\"\n    cur.execute(query)\n", line=3),
        Invalid("cur.execute(\"UPDATE accounts SET balance = 0, note = 'where'\")\n", line=1),
        Invalid("conn.executescript(\"DROP TABLE a; DELETE FROM b;\")\n", line=1),
        Invalid(
            "from django.db.models.expressions import RawSQL\n\nqs = qs.annotate(x=RawSQL(\"DELETE FROM t\", []))\n",
            line=3,
        ),
        Invalid("import sqlalchemy as sa\n\nRESET = sa.text(\"DELETE FROM carts\")\n", line=3),
    )

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self._aliases: set[str] = set()  # local names of text() / RawSQL imported under another name
        self._run_text_calls: set[cst.Call] = set()
        # text() calls found destructive, reported at the end unless an execute claims them.
        self._pending: dict[cst.Call, tuple[Site, str, Severity]] = {}
        self._in_migration = is_migration_file(self.file.path)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        super().visit_ImportFrom(node)
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                if self.imports.qualify(alias.asname.name) in TEXT_CONSTRUCTORS | RAW_SQL:
                    self._aliases.add(alias.asname.name.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute):
            called = func.attr.value
        elif isinstance(func, cst.Name):
            called = func.value
        else:
            return
        if (called not in _CANDIDATES and called not in self._aliases) or self._in_migration:
            return
        argument = sql_argument(node)
        if argument is None:
            return
        if called in RUN_METHODS or (called == "raw" and isinstance(func, cst.Attribute)):
            if self.imports.qualify(func) != "alembic.op.execute":
                self._check_run(node, argument)
            return
        qualified = self.imports.qualify(func)
        if qualified in TEXT_CONSTRUCTORS and node not in self._run_text_calls:
            self._check_text(node, argument)
        elif qualified in RAW_SQL:
            resolver = self._resolver(node)
            found = _destructions(argument, resolver)
            if found:
                self.flag(resolver.site, _message(found, node), _severity(found))

    def leave_Module(self, original_node: cst.Module) -> None:
        for site, message, severity in self._pending.values():
            self.flag(site, message, severity)

    def _resolver(self, call: cst.Call) -> Resolver:
        return Resolver(lambda: self.site(call), self.imports, self.file.module)

    def _check_run(self, call: cst.Call, argument: cst.BaseExpression) -> None:
        resolver = self._resolver(call)
        found = _destructions(argument, resolver)
        if found and all(destruction.kind == "DROP TABLE" for destruction in found):
            if _drops_only_scratch_tables(argument, resolver):
                return
        if not found:
            return
        built = text_call(argument, resolver)
        if built is not None:
            self._run_text_calls.add(built)
            self._pending.pop(built, None)
        self.flag(resolver.site, _message(found, call), _severity(found))

    def _check_text(self, call: cst.Call, argument: cst.BaseExpression) -> None:
        resolver = self._resolver(call)
        found = _destructions(argument, resolver)
        if found:
            self._pending[call] = (resolver.site, _message(found, call), _severity(found))


def _destructions(argument: cst.BaseExpression, resolver: Resolver) -> tuple[Destruction, ...]:
    sql = assemble(argument, resolver)
    return () if sql is None else destructive_statements(sql)


def _drops_only_scratch_tables(argument: cst.BaseExpression, resolver: Resolver) -> bool:
    """``DROP TABLE t`` in a function that also runs ``CREATE TABLE t``: it removes its own scratch table."""
    dropped = table_names(assemble(argument, resolver) or "", "DROP")
    if not dropped:
        return False
    created: set[str] = set()
    site = resolver.site
    for node in walk_scope(site.scope.body if isinstance(site.scope, cst.FunctionDef) else site.scope):
        if isinstance(node, cst.Call) and node is not site.call and isinstance(node.func, cst.Attribute):
            if node.func.attr.value in RUN_METHODS and node.args:
                text = string_literal(node.args[0].value)
                if text is not None:
                    created |= table_names(text, "CREATE")
    return dropped <= created


def _severity(found: tuple[Destruction, ...]) -> Severity:
    return max((destruction.severity for destruction in found), key=lambda severity: severity.rank)


def _message(found: tuple[Destruction, ...], call: cst.Call) -> str:
    worst = max(found, key=lambda destruction: destruction.severity.rank)
    others = [destruction.kind for destruction in found if destruction is not worst]
    statement = f"`{worst.kind}`" + (f" (and `{'`, `'.join(others)}`)" if others else "")
    written = dotted_name(call.func)
    if written is None or len(written) > 40:
        written = call.func.attr.value if isinstance(call.func, cst.Attribute) else "a call"
    if any(destruction.schema for destruction in found):
        fix = "do it in a reviewed migration after a backup, not in application code"
    else:
        fix = "add the `WHERE` that limits it to the rows meant, or back the table up first"
    return DestructiveSqlRule.message.format(statement=statement, sink=f"{written}()", effect=worst.effect, fix=fix)
