import sqlite3

import sqlalchemy
from django.db import connection
from django.http import JsonResponse
from flask import Flask, jsonify, request

from .models import Book

app = Flask(__name__)


@app.get("/users")
def users():
    name = request.args.get("name", "")
    conn = sqlite3.connect("app.db")
    # ruleid: sql-injection-from-request
    rows = conn.execute(f"SELECT id FROM users WHERE name = '{name}'").fetchall()
    return jsonify([row[0] for row in rows])


@app.post("/orders")
def orders():
    payload = request.get_json()
    db = get_db()
    # ruleid: sql-injection-from-request
    db.session.execute(sqlalchemy.text("SELECT * FROM orders WHERE status = '%s'" % payload["status"]))
    return jsonify(ok=True)


@app.get("/sorted")
def sorted_items():
    column = request.values["sort"]
    query = "SELECT * FROM items ORDER BY " + column
    cursor = get_db().cursor()
    # ruleid: sql-injection-from-request
    cursor.execute(query)
    return jsonify(cursor.fetchall())


def search_books(request):
    term = request.GET.get("q", "")
    # ruleid: sql-injection-from-request
    books = Book.objects.raw("SELECT * FROM books WHERE title LIKE '%%{}%%'".format(term))
    return JsonResponse({"n": len(list(books))})


def delete_book(request):
    with connection.cursor() as cursor:
        # ruleid: sql-injection-from-request
        cursor.execute(f"DELETE FROM books WHERE id = {request.POST['id']}")
    return JsonResponse({"ok": True})


class BookSearch:
    def get(self, *args):
        title = self.request.GET["title"]
        with connection.cursor() as cursor:
            # ruleid: sql-injection-from-request
            cursor.execute("SELECT * FROM books WHERE title = '%s'" % title)


def api_books(request):
    author = request.query_params.get("author")
    # ruleid: sql-injection-from-request
    return Book.objects.raw(f"SELECT * FROM books WHERE author = '{author}'")


def book_page(request):
    page = int(request.GET.get("page", 1))
    with connection.cursor() as cursor:
        # ok: sql-injection-from-request
        cursor.execute(f"SELECT * FROM books LIMIT 20 OFFSET {page * 20}")
    return JsonResponse({"ok": True})


@app.get("/user")
def user():
    name = request.args.get("name", "")
    conn = sqlite3.connect("app.db")
    # ok: sql-injection-from-request
    row = conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
    return jsonify(row)


@app.get("/item")
def item():
    item_id = int(request.args["id"])
    cursor = get_db().cursor()
    # ok: sql-injection-from-request
    cursor.execute(f"SELECT * FROM items WHERE id = {item_id}")
    return jsonify(cursor.fetchone())


def get_book(request):
    with connection.cursor() as cursor:
        # ok: sql-injection-from-request
        cursor.execute("SELECT * FROM books WHERE id = %s", [request.GET["id"]])
    return JsonResponse({"ok": True})


def books_by_author(request):
    # ok: sql-injection-from-request
    books = Book.objects.raw("SELECT * FROM books WHERE author = %s", [request.GET["author"]])
    return JsonResponse({"n": len(list(books))})


@app.post("/graphql")
def graphql():
    # ok: sql-injection-from-request
    result = schema.execute(request.get_json()["query"])
    return jsonify(result.data)


def report(status):
    cursor = get_db().cursor()
    # ok: sql-injection-from-request
    cursor.execute(f"SELECT * FROM orders WHERE status = '{status}'")
    return cursor.fetchall()
