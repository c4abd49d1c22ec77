"""A schema that changes after the first deploy: the scenario every target's evolution test runs.

A team builds version 1, serves it and stores a row; then widens a column, adds two columns and an
index, rebuilds into the same folder and serves again on the same database. The rebuild must
append a migration (the files of the first are never rewritten), the row must survive, and the new
columns must work. The title is unbounded in the spec, as in most real specs: the server bounds it
by its column, so a title too long for version 1 is invalid input there and fits version 2. The
new page count has a CHECK the spec does not state: a value it refuses is invalid input too. Run by `tests/<target>/test_*_evolution.py` on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from tests.served import build, call, serving

SPEC = """\
openapi: 3.0.3
info: {title: Shelf, version: "1"}
paths:
  /books:
    get:
      operationId: listBooks
      responses:
        "200":
          description: the books
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Book"}}
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
        "409": {description: conflict}
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
    NewBook:
      type: object
      required: [title]
      properties:
        title: {type: string}
EXTRA_NEW
    Book:
      type: object
      required: [id, title]
      properties:
        id: {type: integer}
        title: {type: string}
EXTRA_BOOK
"""
V1_SQL = """\
CREATE TABLE books (
    id SERIAL PRIMARY KEY,
    title VARCHAR(100) NOT NULL
);
"""
V2_SQL = """\
CREATE TABLE books (
    id SERIAL PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    isbn VARCHAR(20),
    pages INTEGER NOT NULL DEFAULT 0 CHECK (pages BETWEEN 0 AND 10000)
);
CREATE INDEX books_isbn_idx ON books (isbn);
"""
_V2_PROPERTIES = """\
        isbn: {type: string, maxLength: 20, nullable: true}
        pages: {type: integer, minimum: 0}
"""


def write_version(folder: Path, version: int) -> tuple[Path, Path]:
    """The spec and schema of `version` (1 or 2) written into `folder`."""
    folder.mkdir(parents=True)
    extra = _V2_PROPERTIES if version == 2 else ""
    spec = SPEC.replace("EXTRA_NEW\n", extra).replace("EXTRA_BOOK\n", extra)
    (folder / "openapi.yaml").write_text(spec, encoding="utf-8")
    (folder / "schema.sql").write_text(V1_SQL if version == 1 else V2_SQL, encoding="utf-8")
    return folder / "openapi.yaml", folder / "schema.sql"


def migration_files(project: Path) -> dict[str, bytes]:
    """Every file of the project whose path names migrations, with its bytes."""
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file()
        and "migration" in str(path.relative_to(project)).lower()
        and "node_modules" not in path.parts
    }


def evolve_and_serve(target: str, work: Path, database: Path | str) -> None:
    """Run the scenario for `target` in `work` on `database` (a SQLite file or a URL)."""
    project = work / "project"
    build(target, project, *write_version(work / "v1", 1))
    first = migration_files(project)
    assert first, f"{target}: no migration files found"
    long_title = "t" * 150  # fits the widened column only
    with serving(project, database) as base:
        status, book = call("POST", f"{base}/books", {"title": "Dune"})
        assert status == 201, book
        status, refused = call("POST", f"{base}/books", {"title": long_title})
        assert status == 400, ("longer than VARCHAR(100)", status, refused)
        status, listed = call("GET", f"{base}/books")
        assert [b["title"] for b in listed] == ["Dune"], listed
    build(target, project, *write_version(work / "v2", 2))
    second = migration_files(project)
    assert {path: second.get(path) for path in first} == first, "an applied migration changed"
    assert len(second) > len(first), "no migration was added"
    with serving(project, database) as base:
        status, kept = call("GET", f"{base}/books/{book['id']}")
        assert status == 200, kept
        assert (kept["title"], kept["pages"], kept.get("isbn")) == ("Dune", 0, None)
        status, new = call(
            "POST", f"{base}/books", {"title": long_title, "isbn": "9780441013593", "pages": 412}
        )
        assert status == 201, new
        status, got = call("GET", f"{base}/books/{new['id']}")
        assert (got["title"], got["isbn"], got["pages"]) == (long_title, "9780441013593", 412)
        status, refused = call("POST", f"{base}/books", {"title": "Huge", "pages": 20000})
        assert status == 400, ("the CHECK refuses it: invalid input", status, refused)
