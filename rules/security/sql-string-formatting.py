import sqlite3

import pandas as pd
import sqlalchemy
from django.db.models.expressions import RawSQL
from psycopg2 import sql
from sqlalchemy import text

TABLE = "users"


def find_user(conn: sqlite3.Connection, name):
    # ruleid: sql-string-formatting
    return conn.execute(f"SELECT id FROM users WHERE name = '{name}'").fetchone()


def delete_rows(cursor, ids):
    query = "DELETE FROM items WHERE id IN (%s)" % ",".join(ids)
    # ruleid: sql-string-formatting
    cursor.execute(query)


def search(session, term):
    # ruleid: sql-string-formatting
    return session.execute(text("SELECT * FROM posts WHERE title LIKE '%{}%'".format(term)))


def by_status(cursor, status):
    # ruleid: sql-string-formatting
    cursor.execute("SELECT * FROM orders WHERE status = '" + status + "'")


def user_books(User, user_id):
    # ruleid: sql-string-formatting
    return User.objects.raw(f"SELECT * FROM books WHERE owner_id = {user_id}")


def annotate(qs, column):
    # ruleid: sql-string-formatting
    return qs.annotate(val=RawSQL("SELECT %s FROM stats" % column, []))


def filtered(qs, region):
    # ruleid: sql-string-formatting
    return qs.extra(where=[f"region = '{region}'"])


def report(engine, day):
    # ruleid: sql-string-formatting
    return pd.read_sql(f"SELECT * FROM sales WHERE day = '{day}'", engine)


def find_user_safe(conn, name):
    # ok: sql-string-formatting
    return conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()


def find_user_pg(cursor, name):
    # ok: sql-string-formatting
    cursor.execute("SELECT id FROM users WHERE name = %s", (name,))


def count_rows(cursor):
    # ok: sql-string-formatting
    cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")


def delete_many(cursor, ids):
    placeholders = ", ".join(["?"] * len(ids))
    # ok: sql-string-formatting
    cursor.execute(f"DELETE FROM items WHERE id IN ({placeholders})", ids)


def fetch_in(cursor, ids):
    # ok: sql-string-formatting
    cursor.execute("SELECT * FROM items WHERE id IN (%s)" % ", ".join("%s" for _ in ids), ids)


def page(cursor, limit):
    # ok: sql-string-formatting
    cursor.execute(f"SELECT * FROM items LIMIT {int(limit)}")


def rename(cursor, table):
    # ok: sql-string-formatting
    cursor.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))


def bound(session, name):
    # ok: sql-string-formatting
    session.execute(sqlalchemy.text("SELECT id FROM users WHERE name = :name"), {"name": name})


def model_count(cursor, Model):
    # ok: sql-string-formatting
    cursor.execute(f"SELECT COUNT(*) FROM {Model._meta.db_table}")


def run_job(executor, job):
    # ok: sql-string-formatting
    executor.execute(f"nightly-report-{job}")


def quoted_and_raw(cursor, connection, column, value):
    # ruleid: sql-string-formatting
    cursor.execute("SELECT %s FROM t WHERE a = '%s'" % (connection.ops.quote_name(column), value))


def where_fragment(cursor, column, value):
    # ruleid: sql-string-formatting
    cursor.execute(f"{column} = 1 AND b = '{value}'")


def chained(cursor, base, name):
    # ruleid: sql-string-formatting
    cursor.execute(base + " WHERE name = '" + name + "'")


def params_dict(cursor, connection, table, name):
    params = {"table": connection.ops.quote_name(table), "name": name}
    # ruleid: sql-string-formatting
    cursor.execute("SELECT * FROM %(table)s WHERE name = '%(name)s'" % params)


def by_user(cursor, user):
    # ruleid: sql-string-formatting
    cursor.execute("SELECT * FROM t WHERE name = '%s'" % user.get_full_name())


def drop_table(schema_editor, model, name):
    # ok: sql-string-formatting
    schema_editor.execute(
        "ALTER TABLE %s DROP CONSTRAINT %s"
        % (schema_editor.quote_name(model._meta.db_table), schema_editor.quote_name(name))
    )


def clear_cache(connection, table_name):
    table = connection.ops.quote_name(table_name)
    with connection.cursor() as cursor:
        # ok: sql-string-formatting
        cursor.execute("DELETE FROM %s" % table)


def create_cache_table(connection, cursor, tablename):
    qn = connection.ops.quote_name
    # ok: sql-string-formatting
    cursor.execute("CREATE TABLE %s (id integer)" % qn(tablename))


def recreate_test_db(self, cursor, name):
    test_db_params = {
        "dbname": self.connection.ops.quote_name(name),
        "suffix": self.sql_table_creation_suffix(),
    }
    # ok: sql-string-formatting
    cursor.execute("DROP DATABASE %(dbname)s" % test_db_params)
    # ok: sql-string-formatting
    cursor.execute("CREATE DATABASE %(dbname)s %(suffix)s" % test_db_params)


def subquery(compiler, query):
    sql, params = query.get_compiler(connection=compiler.connection).as_sql()
    # ok: sql-string-formatting
    return RawSQL("SELECT * FROM (%s) subquery" % sql, params)


def copy_rows(self, cursor, columns):
    # ok: sql-string-formatting
    cursor.execute("INSERT INTO new (%s) SELECT * FROM old" % ", ".join(self.quote_name(c) for c in columns))


def drop_sequence(self, cursor, table):
    # ok: sql-string-formatting
    cursor.execute(
        "SELECT COUNT(1) FROM USER_SEQUENCES WHERE SEQUENCE_NAME = '%(sq_name)s'"
        % {"sq_name": self.connection.ops._get_no_autofield_sequence_name(table)}
    )


def in_list(cursor, ids):
    marks = ", ".join(["%s"] * len(ids))
    # ok: sql-string-formatting
    cursor.execute("SELECT * FROM items WHERE id IN (%s)" % marks, ids)
