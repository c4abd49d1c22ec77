"""Soft delete and sorting in the Gin target beyond the shop scenario: every way a mark is stored
(a DATE, epoch milliseconds, a 0/1 integer flag), marked rows left out of related arrays (a child
table and a join table), a marked parent that hides the rows under it for every nested operation,
and an array sort parameter with a separate direction. A real server on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gin.serving import build_gin, go, serving
from tests.shop_scenario import stored_value

pytestmark = pytest.mark.e2e

SPEC = """\
openapi: 3.0.3
info: {title: Marked Shelf, version: "1"}
paths:
  /authors:
    post:
      operationId: createAuthor
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Author"}
      responses:
        "201":
          description: stored
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
          description: the author and their books
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Author"}
        "404": {description: absent}
    delete:
      operationId: deleteAuthor
      responses:
        "204": {description: marked}
        "404": {description: absent}
  /authors/{authorId}/books:
    parameters:
      - {name: authorId, in: path, required: true, schema: {type: integer}}
    post:
      operationId: createBook
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/BookInput"}
      responses:
        "201":
          description: stored
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "404": {description: no such author}
  /authors/{authorId}/books/{bookId}:
    parameters:
      - {name: authorId, in: path, required: true, schema: {type: integer}}
      - {name: bookId, in: path, required: true, schema: {type: integer}}
    get:
      operationId: getBook
      responses:
        "200":
          description: the book and its genres
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "404": {description: absent}
    delete:
      operationId: deleteBook
      responses:
        "204": {description: marked}
        "404": {description: absent}
  /genres:
    get:
      operationId: listGenres
      parameters:
        - name: sort
          in: query
          schema:
            type: array
            items: {type: string, enum: [name, -name, id, -id]}
        - name: direction
          in: query
          schema: {type: string, enum: [ascending, descending]}
      responses:
        "200":
          description: the live genres
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Genre"}
    post:
      operationId: createGenre
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Genre"}
      responses:
        "201":
          description: stored
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Genre"}
  /genres/{genreId}:
    parameters:
      - {name: genreId, in: path, required: true, schema: {type: integer}}
    delete:
      operationId: deleteGenre
      responses:
        "204": {description: marked}
        "404": {description: absent}
components:
  schemas:
    Genre:
      type: object
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, maxLength: 40}
    GenreRef:
      type: object
      required: [id]
      properties:
        id: {type: integer}
    BookInput:
      type: object
      required: [title, genres]
      properties:
        title: {type: string, maxLength: 100}
        genres:
          type: array
          items: {$ref: "#/components/schemas/GenreRef"}
    Book:
      type: object
      properties:
        id: {type: integer}
        authorId: {type: integer}
        title: {type: string}
        genres:
          type: array
          items: {$ref: "#/components/schemas/Genre"}
    Author:
      type: object
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, maxLength: 60}
        books:
          type: array
          readOnly: true
          items: {$ref: "#/components/schemas/Book"}
"""
SQL = """\
CREATE TABLE authors (
    id         SERIAL      PRIMARY KEY,
    name       VARCHAR(60) NOT NULL,
    deleted_on DATE
);
CREATE TABLE genres (
    id         SERIAL      PRIMARY KEY,
    name       VARCHAR(40) NOT NULL,
    is_deleted INTEGER     NOT NULL DEFAULT 0
);
CREATE TABLE books (
    id            SERIAL       PRIMARY KEY,
    author_id     INTEGER      NOT NULL REFERENCES authors (id),
    title         VARCHAR(100) NOT NULL,
    deleted_at_ms BIGINT
);
CREATE TABLE book_genres (
    book_id  INTEGER NOT NULL REFERENCES books (id),
    genre_id INTEGER NOT NULL REFERENCES genres (id),
    PRIMARY KEY (book_id, genre_id)
);
"""
SQLITE = "sqlite"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marked shelf, built and compiled once."""
    work = tmp_path_factory.mktemp("gin-soft-delete")
    (work / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (work / "schema.sql").write_text(SQL, encoding="utf-8")
    return build_gin(work / "openapi.yaml", work / "schema.sql", work / "project")


def test_the_code_is_gofmt_and_vet_clean(project: Path) -> None:
    """Marks in child and join loaders, parent checks and an array sort, as gofmt writes them."""
    fmt = subprocess.run(["gofmt", "-l", "."], cwd=project, capture_output=True, text=True)
    assert fmt.returncode == 0 and fmt.stdout == "", fmt.stdout + fmt.stderr
    vet = go(project, "vet", "./...")
    assert vet.returncode == 0, vet.stderr


@pytest.fixture(params=[SQLITE, pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    fresh_postgres_database: Callable[[str], str | None],
) -> Path | str:
    """An empty database: an SQLite file or a PostgreSQL URL."""
    if request.param == SQLITE:
        return tmp_path / "shelf.db"
    url = fresh_postgres_database("gin_soft_delete")
    if url is None:
        pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
    return url


@pytest.fixture
def base(project: Path, database: Path | str) -> Iterator[str]:
    url = f"sqlite:///{database}" if isinstance(database, Path) else database
    with serving(project, url) as served:
        yield served


def call(base: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw) if raw else None


def created(base: str, path: str, body: Any) -> Any:
    status, stored = call(base, "POST", path, body)
    assert status == 201, (path, status, stored)
    return stored


def test_marks_of_every_kind_hide_rows_everywhere(base: str, database: Path | str) -> None:
    author = created(base, "/authors", {"name": "Le Guin"})
    genres = [created(base, "/genres", {"name": name}) for name in ("fantasy", "essay")]
    refs = [{"id": genre["id"]} for genre in genres]
    books = f"/authors/{author['id']}/books"
    kept = created(base, books, {"title": "Earthsea", "genres": refs})
    dropped = created(base, books, {"title": "Dancing", "genres": refs[1:]})
    assert [g["name"] for g in kept["genres"]] == ["fantasy", "essay"]

    # a 0/1 integer flag: the genre leaves every book's genres (a join table)
    assert call(base, "DELETE", f"/genres/{genres[1]['id']}")[0] == 204
    assert (
        stored_value(database, f"SELECT is_deleted FROM genres WHERE id = {genres[1]['id']}") == "1"
    )
    status, book = call(base, "GET", f"{books}/{kept['id']}")
    assert status == 200 and [g["name"] for g in book["genres"]] == ["fantasy"], book
    assert call(base, "DELETE", f"/genres/{genres[1]['id']}")[0] == 404

    # epoch milliseconds: the book leaves its author's books (a child table)
    before = int(time.time() * 1000)
    assert call(base, "DELETE", f"{books}/{dropped['id']}")[0] == 204
    millis = stored_value(database, f"SELECT deleted_at_ms FROM books WHERE id = {dropped['id']}")
    assert millis is not None and before <= int(millis) <= time.time() * 1000 + 1000, millis
    status, shown = call(base, "GET", f"/authors/{author['id']}")
    assert status == 200 and [b["title"] for b in shown["books"]] == ["Earthsea"], shown
    assert call(base, "GET", f"{books}/{dropped['id']}")[0] == 404

    # a DATE: the author is gone, and so is everything under them
    assert call(base, "DELETE", f"/authors/{author['id']}")[0] == 204
    day = stored_value(database, f"SELECT deleted_on FROM authors WHERE id = {author['id']}")
    assert day is not None and day[:10] == datetime.datetime.now(datetime.UTC).date().isoformat()
    assert call(base, "GET", f"/authors/{author['id']}")[0] == 404
    assert call(base, "GET", f"{books}/{kept['id']}")[0] == 404  # the book itself is live
    assert call(base, "DELETE", f"{books}/{kept['id']}")[0] == 404
    assert call(base, "POST", books, {"title": "Late", "genres": []})[0] == 404
    assert (
        stored_value(database, f"SELECT deleted_at_ms FROM books WHERE id = {kept['id']}") is None
    )


def test_an_array_sort_parameter_orders_the_live_rows(base: str) -> None:
    ids = {}
    for number, name in enumerate(("fantasy", "essay", "poetry", "fantasy")):
        ids[number] = created(base, "/genres", {"name": name})["id"]
    assert call(base, "DELETE", f"/genres/{ids[1]}")[0] == 204

    def listed(query: str) -> list[int]:
        status, genres = call(base, "GET", "/genres" + query)
        assert status == 200, (query, status, genres)
        return [genre["id"] for genre in genres]

    assert listed("") == [ids[0], ids[2], ids[3]]
    assert listed("?sort=name") == [ids[0], ids[3], ids[2]]
    assert listed("?sort=name&sort=-id") == [ids[3], ids[0], ids[2]]
    assert listed("?sort=-id&sort=name") == [ids[3], ids[2], ids[0]]
    assert listed("?direction=descending&sort=name") == [ids[2], ids[0], ids[3]]
    assert listed("?direction=descending&sort=id") == [ids[3], ids[2], ids[0]]
    assert call(base, "GET", "/genres?sort=title")[0] == 400  # not in the items' enum
