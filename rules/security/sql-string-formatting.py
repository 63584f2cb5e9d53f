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
