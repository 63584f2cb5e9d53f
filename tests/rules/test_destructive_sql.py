"""AIL205 destructive-sql: the SQL classifier on its own, then the rule around it."""

from __future__ import annotations

import pytest

from ailint.rule import Severity
from ailint.rules.destructive.sql import PLACEHOLDER, destructive_statements

from conftest import lint

PATH = "src/app/maintenance.py"


def kinds(sql: str) -> list[str]:
    return [destruction.kind for destruction in destructive_statements(sql)]


# --- the classifier ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("DROP TABLE orders", "DROP TABLE"),
        ("drop table if exists orders", "DROP TABLE"),
        ("DROP DATABASE shop", "DROP DATABASE"),
        ("DROP SCHEMA staging CASCADE", "DROP SCHEMA"),
        ("DROP INDEX CONCURRENTLY orders_idx", "DROP INDEX"),
        ("DROP MATERIALIZED VIEW daily_totals", "DROP VIEW"),
        ("TRUNCATE orders", "TRUNCATE"),
        ("TRUNCATE TABLE a, b RESTART IDENTITY CASCADE", "TRUNCATE"),
        ("DELETE FROM orders", "DELETE without WHERE"),
        ("UPDATE orders SET status = 'void'", "UPDATE without WHERE"),
        ("ALTER TABLE customers DROP COLUMN fax", "ALTER TABLE ... DROP COLUMN"),
        ("alter table customers drop fax", "ALTER TABLE ... DROP COLUMN"),
        ("ALTER TABLE t ADD COLUMN a INT, DROP COLUMN b", "ALTER TABLE ... DROP COLUMN"),
        ("WITH old AS (SELECT id FROM t WHERE stale) DELETE FROM t", "DELETE without WHERE"),
    ],
)
def test_destructive_statements_are_recognised(sql, expected):
    assert kinds(sql) == [expected]


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM orders WHERE id = %s",
        "DELETE FROM orders WHERE id = %(id)s",
        "delete from orders where id = ?",
        "UPDATE orders SET status = :status WHERE id = :id",
        "UPDATE t SET x = s.x FROM s WHERE t.id = s.id",
        "DELETE FROM a WHERE id IN (SELECT a_id FROM b WHERE b.stale)",
        "INSERT INTO log (message) VALUES ('DROP TABLE x')",
        "SELECT * FROM deleted_items",
        "SELECT drop, truncated FROM updates",
        "CREATE TABLE t (id INT, drop_at TEXT)",
        "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 1",
        "SELECT * FROM t FOR UPDATE",
        "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
        "ALTER TABLE t DROP CONSTRAINT t_fk",
        "ALTER TABLE t DROP PRIMARY KEY",
        "DROP TEMPORARY TABLE scratch",
        "DROP FUNCTION f",
        "update the cache",
        "truncate the log",
        "delete from the list",
        "-- DROP TABLE orders",
        "/* DELETE FROM orders */ SELECT 1",
        "",
    ],
)
def test_harmless_sql_is_not_destructive(sql):
    assert kinds(sql) == []


def test_a_where_inside_a_subquery_is_not_the_statements_where():
    assert kinds("DELETE FROM a USING (SELECT id FROM b WHERE b.x) AS b") == ["DELETE without WHERE"]
    assert kinds("UPDATE t SET a = (SELECT max(b) FROM u WHERE u.id = t.id)") == ["UPDATE without WHERE"]


def test_a_where_in_a_comment_or_a_string_does_not_count():
    assert kinds("DELETE FROM t -- WHERE id = 1") == ["DELETE without WHERE"]
    assert kinds("DELETE FROM t /* WHERE id = 1 */") == ["DELETE without WHERE"]
    assert kinds("UPDATE t SET note = 'where id = 1'") == ["UPDATE without WHERE"]


def test_each_statement_of_a_script_is_checked():
    assert kinds("SELECT 1; DELETE FROM a WHERE id = 1; DROP TABLE b; TRUNCATE c;") == ["DROP TABLE", "TRUNCATE"]
    assert kinds("DELETE FROM a; DELETE FROM b") == ["DELETE without WHERE"]


def test_a_placeholder_in_name_or_value_position_still_counts():
    assert kinds(f"DELETE FROM {PLACEHOLDER}") == ["DELETE without WHERE"]
    assert kinds(f"DELETE FROM {PLACEHOLDER}.{PLACEHOLDER}") == ["DELETE without WHERE"]
    assert kinds(f"UPDATE t SET {PLACEHOLDER} = ?") == ["UPDATE without WHERE"]
    assert kinds(f"DROP TABLE {PLACEHOLDER}") == ["DROP TABLE"]


def test_a_placeholder_that_may_hold_a_clause_gets_the_benefit_of_the_doubt():
    assert kinds(f"DELETE FROM t {PLACEHOLDER}") == []
    assert kinds(f"UPDATE t SET {PLACEHOLDER}") == []
    assert kinds(f"UPDATE t SET a = 1 {PLACEHOLDER}") == []
    assert kinds(f"DELETE FROM {PLACEHOLDER}{PLACEHOLDER}") == []


def test_severities():
    by_kind = {d.kind: d.severity for d in destructive_statements("DROP TABLE a; UPDATE b SET c = 1; TRUNCATE d")}
    assert by_kind == {"DROP TABLE": Severity.HIGH, "UPDATE without WHERE": Severity.MEDIUM, "TRUNCATE": Severity.HIGH}


# --- assembling the SQL from Python ----------------------------------------------------


def codes(code: str, path: str = PATH) -> list[tuple[int, str]]:
    return [(finding.line, finding.severity.value) for finding in lint(code, select="AIL205", path=path)]


@pytest.mark.parametrize(
    "expression",
    [
        '"DELETE FROM orders"',
        'b"DELETE FROM orders"',
        '"DELETE " "FROM orders"',
        'f"DELETE FROM {table}"',
        'rf"DELETE FROM {table}"',
        '"DELETE FROM " + table',
        '"DELETE FROM {}".format(table)',
        '"DELETE FROM {0}_{kind}".format(table, kind=kind)',
        '"DELETE FROM %s" % table',
        '"DELETE FROM %(table)s" % {"table": table}',
        '"  DELETE FROM orders  ".strip()',
    ],
)
def test_sql_is_assembled_from_python_expressions(expression):
    assert codes(f"def wipe(cur, table, kind):\n    cur.execute({expression})\n") == [(2, "high")]


@pytest.mark.parametrize(
    "expression",
    [
        'f"DELETE FROM orders WHERE id = {order_id}"',
        '"DELETE FROM orders WHERE id = %s" % order_id',
        '"DELETE FROM orders WHERE id = {}".format(order_id)',
        '"DELETE FROM orders " + "WHERE id = " + str(order_id)',
        '"DELETE FROM orders WHERE note = \'100%%\'" % ()',
        "query",
        "build_query()",
    ],
)
def test_assembled_sql_with_a_where_or_unknown_is_not_flagged(expression):
    assert codes(f"def wipe(cur, order_id, query):\n    cur.execute({expression})\n") == []


def test_a_name_bound_earlier_in_the_function_is_followed():
    code = "def wipe(cur):\n    table = 'orders'\n    sql = 'DELETE FROM ' + table\n    cur.execute(sql)\n"
    assert codes(code) == [(4, "high")]


def test_the_latest_binding_before_the_call_is_used():
    code = (
        "def wipe(cur):\n    sql = 'DELETE FROM orders'\n    cur.execute(sql + ' WHERE id = 1')\n"
        "    sql = 'SELECT 1'\n    cur.execute(sql)\n"
    )
    assert codes(code) == []


def test_a_name_extended_with_plus_equals_is_unknown():
    code = (
        "def wipe(cur, ids):\n    sql = 'DELETE FROM orders'\n    if ids:\n        sql += ' WHERE id = ANY(%s)'\n"
        "    cur.execute(sql)\n"
    )
    assert codes(code) == []


def test_a_module_constant_is_followed():
    code = "RESET = 'TRUNCATE TABLE orders'\n\n\ndef reset(cur):\n    cur.execute(RESET)\n"
    assert codes(code) == [(5, "high")]


def test_a_parameter_is_not_followed_to_a_module_constant():
    code = "sql = 'TRUNCATE TABLE orders'\n\n\ndef run(cur, sql):\n    cur.execute(sql)\n"
    assert codes(code) == []


def test_sql_keyword_argument():
    assert codes("cur.execute(sql='DROP TABLE orders')\n") == [(1, "high")]
    assert codes("conn.executescript(sql_script='DROP TABLE orders')\n") == [(1, "high")]


# --- sinks ------------------------------------------------------------------------------


def test_sqlalchemy_text_imported_under_another_name():
    code = "from sqlalchemy import text as sql_text\n\nq = sql_text('DROP TABLE orders')\n"
    assert codes(code) == [(3, "high")]


def test_text_run_by_execute_is_reported_once_on_the_execute():
    direct = (
        "import sqlalchemy as sa\n\n\ndef f(conn):\n    conn.execute(\n        sa.text('DELETE FROM orders')\n    )\n"
    )
    assert codes(direct) == [(5, "high")]
    bound = (
        "from sqlalchemy import text\n\n\ndef f(conn, force):\n    stmt = text('DELETE FROM orders')\n"
        "    if force:\n        conn.execute(stmt)\n"
    )
    findings = lint(bound, select="AIL205", path=PATH)
    assert [(f.line, f.severity) for f in findings] == [(7, Severity.MEDIUM)]
    assert "guarded by `force`" in findings[0].message


def test_text_that_is_not_sqlalchemys_is_not_a_sink():
    assert codes("def text(s):\n    return s\n\n\ntext('DROP TABLE orders')\n") == []
    assert codes("draw.text('DROP TABLE orders')\n") == []


def test_django_raw_and_rawsql():
    assert codes("Order.objects.raw('DELETE FROM shop_order')\n") == [(1, "high")]
    code = "from django.db.models import RawSQL\n\nqs.annotate(x=RawSQL('UPDATE t SET a = 1', []))\n"
    assert codes(code) == [(3, "medium")]
    assert codes("raw('DELETE FROM shop_order')\n") == []


def test_exec_driver_sql_and_executemany():
    assert codes("conn.exec_driver_sql('DROP DATABASE shop')\n") == [(1, "high")]
    assert codes("cur.executemany('UPDATE t SET a = ?', rows)\n") == [(1, "medium")]


def test_local_execute_with_a_non_sql_string_is_not_flagged():
    code = "def execute(step):\n    print(step)\n\n\nexecute('update the changelog, then drop the branch')\n"
    assert codes(code) == []


def test_other_methods_are_not_sinks():
    assert codes("cur.fetch('DELETE FROM orders')\nlog.info('DROP TABLE orders')\n") == []


def test_message_names_the_statement_the_sink_and_the_fix():
    [finding] = lint("cur.execute('DELETE FROM orders')\n", select="AIL205", path=PATH)
    assert "`DELETE without WHERE`" in finding.message and "`cur.execute()`" in finding.message
    assert "WHERE" in finding.message.split(":", 1)[1]
    [finding] = lint("cur.execute('DROP TABLE a; UPDATE b SET c = 1')\n", select="AIL205", path=PATH)
    assert finding.message.startswith("`DROP TABLE` (and `UPDATE without WHERE`)") and "migration" in finding.message


# --- context ----------------------------------------------------------------------------


def test_a_guard_lowers_the_severity():
    code = "def reset(cur, dry_run):\n    if not dry_run:\n        cur.execute('DROP TABLE orders')\n"
    assert codes(code) == [(3, "medium")]
    hidden = lint(code, select="AIL205", path=PATH, options={"AIL205": {"report-guarded": False}})
    assert hidden == []


def test_test_files_are_skipped():
    code = "def test_reset(cur):\n    cur.execute('DROP TABLE orders')\n"
    assert codes(code, path="tests/test_x.py") == []
    kept = lint(code, select="AIL205", path="tests/test_x.py", options={"AIL205": {"include-tests": True}})
    assert [f.line for f in kept] == [2]


def test_migrations_are_skipped():
    code = "def upgrade(cur):\n    cur.execute('ALTER TABLE orders DROP COLUMN fax')\n"
    assert codes(code, path="app/migrations/0007_drop_fax.py") == []
    assert codes(code, path="alembic/versions/0007_drop_fax.py") == []
    assert codes("from alembic import op\n\nop.execute('DROP TABLE legacy')\n") == []


def test_dropping_a_scratch_table_the_function_created_is_not_flagged():
    probe = (
        "def probe(cursor):\n    cursor.execute('CREATE TEMPORARY TABLE IF NOT EXISTS \"Probe\" (x INT)')\n"
        "    cursor.execute('INSERT INTO probe VALUES (1)')\n    cursor.execute('DROP TABLE probe')\n"
    )
    assert lint(probe, select="AIL205", path="src/app/x.py") == []
    other = probe.replace("DROP TABLE probe", "DROP TABLE probe, users")
    assert [f.line for f in lint(other, select="AIL205", path="src/app/x.py")] == [4]
    elsewhere = "def drop(cursor):\n    cursor.execute('DROP TABLE probe')\n"
    assert [f.line for f in lint(elsewhere, select="AIL205", path="src/app/x.py")] == [2]
