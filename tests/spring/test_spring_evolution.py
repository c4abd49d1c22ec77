"""The schema changes after the first deploy: the Spring project appends a Flyway migration.

`tests/evolution.py` builds v1, serves it and stores a row, rebuilds v2 into the same folder and
serves it on the same database (SQLite, then PostgreSQL when configured). Skipped when java or
mvn is missing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.evolution import evolve_and_serve
from tests.served import build, call, serving
from tests.spring.spring_projects import toolchain_missing

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _toolchain() -> None:
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)


def test_evolution_on_sqlite(tmp_path: Path) -> None:
    evolve_and_serve("spring", tmp_path, tmp_path / "app.db")


@pytest.mark.postgres
def test_evolution_on_postgres(
    tmp_path: Path, fresh_postgres_database: Callable[[str], str | None]
) -> None:
    url = fresh_postgres_database("spring_evolution")
    if url is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")
    evolve_and_serve("spring", tmp_path, url)


AUTHORS_SPEC = """\
openapi: 3.0.3
info: {title: Authors, version: "1"}
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
        "400": {description: invalid}
  /books:
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
        "400": {description: invalid}
        "409": {description: no such author}
  /books/{id}:
    get:
      operationId: getBook
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: the book
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "404": {description: no such book}
components:
  schemas:
    NewAuthor:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: NAME}
    Author:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string, maxLength: NAME}
    NewBook:
      type: object
      required: [title, authorId]
      properties:
        title: {type: string, maxLength: 100}
        authorId: {type: integer}
    Book:
      type: object
      required: [id, title, authorId]
      properties:
        id: {type: integer}
        title: {type: string, maxLength: 100}
        authorId: {type: integer}
"""
AUTHORS_SQL = """\
CREATE TABLE authors (
    id SERIAL PRIMARY KEY,
    name VARCHAR(NAME) NOT NULL
);
CREATE TABLE books (
    id SERIAL PRIMARY KEY,
    title VARCHAR(100) NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors (id)
);
"""


def _authors_version(folder: Path, name_length: int) -> tuple[Path, Path]:
    folder.mkdir(parents=True)
    spec, schema = folder / "openapi.yaml", folder / "schema.sql"
    spec.write_text(AUTHORS_SPEC.replace("NAME", str(name_length)), encoding="utf-8")
    schema.write_text(AUTHORS_SQL.replace("NAME", str(name_length)), encoding="utf-8")
    return spec, schema


def test_sqlite_rebuild_of_a_referenced_table_keeps_rows_and_foreign_keys(tmp_path: Path) -> None:
    """Widening `authors.name` rebuilds `authors` on SQLite while `books` rows refer to it.

    With foreign keys on, dropping the old table would fail on those rows; the migration runs
    with them off, and the server enforces them again afterwards.
    """
    project, database = tmp_path / "project", tmp_path / "app.db"
    build("spring", project, *_authors_version(tmp_path / "v1", 50))
    with serving(project, database) as base:
        status, author = call("POST", f"{base}/authors", {"name": "Frank Herbert"})
        assert status == 201, author
        status, book = call("POST", f"{base}/books", {"title": "Dune", "authorId": author["id"]})
        assert status == 201, book
    build("spring", project, *_authors_version(tmp_path / "v2", 120))
    change = next((project / "src/main/resources/db/migration/sqlite").glob("V2__*.sql"))
    assert "DROP TABLE authors" in change.read_text(encoding="utf-8")
    with serving(project, database) as base:
        assert call("GET", f"{base}/books/{book['id']}") == (200, book)
        status, long = call("POST", f"{base}/authors", {"name": "n" * 100})
        assert status == 201, long
        status, orphan = call("POST", f"{base}/books", {"title": "Lost", "authorId": 999999})
        assert status == 409, orphan
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = connection.execute("PRAGMA foreign_key_list(books)").fetchall()
    assert [(key[2], key[3], key[4]) for key in keys] == [("authors", "author_id", "id")]
