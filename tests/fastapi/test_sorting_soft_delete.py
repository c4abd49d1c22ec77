"""Sorting and soft delete in the FastAPI target: the code it renders, and the marks it stores.

The shop scenario (tests/shop_scenario.py) covers a timestamp mark and a boolean flag over HTTP;
this contract adds an epoch-milliseconds mark, a DATE mark, a 0/1 integer flag, child and
join-table arrays that leave marked rows out, a marked parent of a nested route and an array
sort parameter, run by the generated project's own test client on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.pipeline import compile_contract
from tests.fastapi.projects import contract_for, render, write
from tests.postgres import create_database

SPEC = """\
openapi: 3.0.3
info: {title: Shelf, version: "1"}
paths:
  /authors:
    post:
      operationId: createAuthor
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewAuthor"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Author"}
  /authors/{authorId}:
    parameters:
      - {name: authorId, in: path, required: true, schema: {type: integer}}
    get:
      operationId: getAuthor
      responses:
        "200":
          description: the author and their live books
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Author"}
        "404": {description: no such author}
    delete:
      operationId: deleteAuthor
      responses:
        "204": {description: marked}
        "404": {description: no such author}
  /authors/{authorId}/books:
    parameters:
      - {name: authorId, in: path, required: true, schema: {type: integer}}
    get:
      operationId: listBooks
      parameters:
        - name: sort
          in: query
          schema: {type: array, items: {type: string, enum: [title, -title]}}
          style: form
          explode: true
      responses:
        "200":
          description: the author's live books
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Book"}}
        "404": {description: no such author}
    post:
      operationId: createBook
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewBook"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "404": {description: no such author}
  /tags:
    post:
      operationId: createTag
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Tag"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Tag"}
  /tags/{tagId}:
    parameters:
      - {name: tagId, in: path, required: true, schema: {type: integer}}
    delete:
      operationId: deleteTag
      responses:
        "204": {description: marked}
        "404": {description: no such tag}
  /authors/{authorId}/books/{bookId}:
    parameters:
      - {name: authorId, in: path, required: true, schema: {type: integer}}
      - {name: bookId, in: path, required: true, schema: {type: integer}}
    delete:
      operationId: deleteBook
      responses:
        "204": {description: marked}
        "404": {description: no such book}
components:
  schemas:
    NewAuthor:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 50}
    Author:
      type: object
      required: [id, name, books]
      properties:
        id: {type: integer}
        name: {type: string}
        books:
          type: array
          readOnly: true
          items: {$ref: "#/components/schemas/Book"}
    NewBook:
      type: object
      required: [title]
      properties:
        title: {type: string, maxLength: 50}
        tags:
          type: array
          items:
            type: object
            required: [id]
            properties:
              id: {type: integer}
    Book:
      type: object
      required: [id, title]
      properties:
        id: {type: integer}
        title: {type: string}
        tags:
          type: array
          items: {$ref: "#/components/schemas/Tag"}
    Tag:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, maxLength: 20}
"""
SCHEMA = """\
CREATE TABLE authors (
    id            SERIAL      PRIMARY KEY,
    name          VARCHAR(50) NOT NULL,
    deleted_at_ms BIGINT
);
CREATE TABLE books (
    id         SERIAL      PRIMARY KEY,
    author_id  INTEGER     NOT NULL REFERENCES authors (id),
    title      VARCHAR(50) NOT NULL,
    deleted_on DATE
);
CREATE TABLE tags (
    id         SERIAL      PRIMARY KEY,
    name       VARCHAR(20) NOT NULL,
    is_deleted INTEGER     NOT NULL DEFAULT 0
);
CREATE TABLE book_tags (
    book_id INTEGER NOT NULL REFERENCES books (id),
    tag_id  INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (book_id, tag_id)
);
"""
MARKS_TEST = """\
import time
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient


def stored(client: TestClient, sql: str) -> Any:
    async def read() -> Any:
        from app.db import transaction

        async with transaction() as conn:
            return (await conn.execute(sa.text(sql))).scalar_one()

    assert client.portal is not None
    return client.portal.call(read)


def titles(client: TestClient, url: str, **params: Any) -> list[str]:
    listed = client.get(url, params=params)
    assert listed.status_code == 200, listed.text
    return [book["title"] for book in listed.json()]


def test_marked_rows_are_kept_and_gone(client: TestClient) -> None:
    author = client.post("/authors", json={"name": "Le Guin"}).json()
    url = f"/authors/{author['id']}"
    books = f"{url}/books"
    tags = [client.post("/tags", json={"name": name}).json() for name in ("sea", "sky")]
    linked = [{"id": tag["id"]} for tag in tags]
    ids = {
        title: client.post(books, json={"title": title, "tags": linked}).json()["id"]
        for title in "bac"
    }
    assert titles(client, books, sort=["-title"]) == ["c", "b", "a"]
    assert titles(client, books, sort=["title", "-title"]) == ["a", "b", "c"]

    assert client.delete(f"{books}/{ids['b']}").status_code == 204
    assert client.delete(f"{books}/{ids['b']}").status_code == 404
    assert titles(client, books) == ["a", "c"]
    assert [book["title"] for book in client.get(url).json()["books"]] == ["a", "c"]
    marked_on = stored(client, f"SELECT deleted_on FROM books WHERE id = {ids['b']}")
    assert str(marked_on) == datetime.now(UTC).date().isoformat()

    assert client.delete(f"/tags/{tags[1]['id']}").status_code == 204
    assert [tag["name"] for tag in client.get(books).json()[0]["tags"]] == ["sea"]
    assert stored(client, f"SELECT is_deleted FROM tags WHERE id = {tags[1]['id']}") == 1

    before = time.time_ns() // 1_000_000
    assert client.delete(url).status_code == 204
    marked_at = stored(client, f"SELECT deleted_at_ms FROM authors WHERE id = {author['id']}")
    assert before <= int(marked_at) <= time.time_ns() // 1_000_000
    assert client.get(url).status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get(books).status_code == 404
    assert client.post(books, json={"title": "d"}).status_code == 404
    assert client.delete(f"{books}/{ids['a']}").status_code == 404
    assert stored(client, "SELECT count(*) FROM books") == 3
"""


def _marks_project(out: Path) -> Path:
    out.mkdir(parents=True)
    (out / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (out / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    result = compile_contract(str(out / "openapi.yaml"), [str(out / "schema.sql")])
    assert result.contract is not None, [d.message for d in result.diagnostics]
    project = write(render(result.contract), out / "project")
    (project / "tests" / "test_marks.py").write_text(MARKS_TEST, encoding="utf-8")
    return project


@pytest.mark.e2e
@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_marks_hide_rows_on_each_dialect(database: str, tmp_path: Path) -> None:
    env = {**os.environ}
    if database == "postgres":
        url = create_database("fastapi_marks")
        if url is None:
            pytest.skip("no PostgreSQL configured")
        env["TEST_DATABASE_URL"] = url
    project = _marks_project(tmp_path / "marks")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_marks.py", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def _file(files: tuple, path: str) -> str:
    return next(f.content for f in files if f.path == path)


def test_shop_renders_a_sort_whitelist_and_the_marks_in_each_query() -> None:
    files = render(contract_for("shop"))
    products = _file(files, "app/repositories/products.py")
    assert 'PRODUCTS_MARK = DeletionMark("deleted_at", "when")' in products
    assert '"-priceCents": SortKey("price_cents", descending=True),' in products
    assert '"name": SortKey("name"),' in products
    assert "order = order_by(LIST_PRODUCTS_SORT, sort_values)" in products
    assert "order=order, mark=PRODUCTS_MARK" in products
    assert "count_rows(conn, tables.products, where, PRODUCTS_MARK)" in products
    assert "select_rows(conn, tables.products, where, 1, mark=PRODUCTS_MARK)" in products
    assert "update_rows(conn, tables.products, where, values, PRODUCTS_MARK)" in products
    assert "mark_deleted(conn, tables.products, where, PRODUCTS_MARK)" in products
    assert "delete_rows" not in products
    reviews = _file(files, "app/repositories/reviews.py")
    assert "order_by(LIST_REVIEWS_SORT, sort_values, descending)" in reviews
    router = _file(files, "app/routers/reviews.py")
    assert 'descending = order is not None and order.lower() in ("desc", "descending")' in router
    assert '("products", "id", product_id, DeletionMark("deleted_at", "when"))' in router
    assert 'sort.split(",")' in _file(files, "app/routers/products.py")


def test_a_contract_without_marks_or_sorts_renders_neither() -> None:
    files = render(contract_for("library"))
    for file in files:
        if file.path.startswith(("app/repositories/", "app/routers/", "app/services/")):
            if file.path.endswith(("/base.py", "/common.py")):
                continue
            for name in ("DeletionMark", "SortKey", "order_by", "mark_deleted", "sort_values"):
                assert name not in file.content, (file.path, name)
