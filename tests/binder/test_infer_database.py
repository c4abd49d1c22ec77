"""infer_database: tables from the rows collection routes return."""

from __future__ import annotations

from builders import bind, document, json_body, ok

from compiler.binder import infer_database
from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import OperationKind
from compiler.ir.database import ColumnKind
from compiler.openapi.shapes import build_models

SCHEMAS = {
    "Owner": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": {"type": "string", "maxLength": 40},
        },
    },
    "Pet": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "id": {"type": "integer", "format": "int32"},
            "name": {"type": "string"},
            "born": {"type": "string", "format": "date"},
            "status": {"type": "string", "enum": ["new", "sold"]},
            "ownerId": {"type": "string", "format": "uuid"},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    },
}
PATHS = {
    "/owners": {"get": ok({"type": "array", "items": {"$ref": "#/components/schemas/Owner"}})},
    "/pets": {
        "post": {
            "requestBody": json_body({"$ref": "#/components/schemas/Pet"}),
            **ok({"$ref": "#/components/schemas/Pet"}, "201"),
        }
    },
    "/pets/{id}": {
        "get": {
            **ok({"$ref": "#/components/schemas/Pet"}),
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
        }
    },
}


def test_inferred_tables_columns_and_keys() -> None:
    doc = document(PATHS, SCHEMAS)
    sink = DiagnosticSink()
    database = infer_database(doc, build_models(doc, sink), sink)
    assert database.inferred and [t.name for t in database.tables] == ["owners", "pets"]
    owners, pets = database.tables
    assert (
        owners.column("id").type.kind is ColumnKind.UUID and owners.column("id").default is not None
    )
    assert owners.column("name").type.length == 40 and not owners.column("name").nullable
    assert pets.column("id").identity and pets.column("id").type.kind is ColumnKind.INTEGER
    assert pets.column("born").type.kind is ColumnKind.DATE and pets.column("born").nullable
    assert pets.column("status").check_values == ("new", "sold")
    assert pets.column("tags").type.kind is ColumnKind.JSON
    assert [(fk.columns, fk.ref_table) for fk in pets.foreign_keys] == [(("owner_id",), "owners")]
    assert {d.code for d in sink.sorted()} == {"CC405"}


def test_inferred_database_binds_its_own_spec() -> None:
    doc = document(PATHS, SCHEMAS)
    sink = DiagnosticSink()
    database = infer_database(doc, build_models(doc, sink), sink)
    api, _ = bind(doc, database)
    assert [o.kind for o in api.operations] == [
        OperationKind.LIST,
        OperationKind.CREATE,
        OperationKind.READ,
    ]


def _inferred(schemas: dict, paths: dict) -> dict:
    doc = document(paths, schemas)
    sink = DiagnosticSink()
    database = infer_database(doc, build_models(doc, sink), sink)
    return {t.name: t for t in database.tables}


ROW = {"$ref": "#/components/schemas/Book"}
BOOK = {
    "type": "object",
    "required": ["id", "title", "format", "createdAt", "genres", "note"],
    "properties": {
        "id": {"type": "integer", "readOnly": True},
        "title": {"type": "string"},
        "format": {"type": "string", "enum": ["paper", "ebook"], "default": "paper"},
        "createdAt": {"type": "string", "format": "date-time", "readOnly": True},
        "archivedAt": {"type": "string", "format": "date-time", "readOnly": True},
        "note": {"type": "string"},
        "genres": {"type": "array", "items": {"$ref": "#/components/schemas/Genre"}},
    },
}
NEW_BOOK = {"type": "object", "required": ["title"], "properties": {"title": {"type": "string"}}}
GENRE = {
    "type": "object",
    "required": ["name"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
BOOK_PATHS = {
    "/books": {
        "post": {
            "requestBody": json_body({"$ref": "#/components/schemas/NewBook"}),
            **ok(ROW, "201"),
        }
    },
    "/genres": {"get": ok({"type": "array", "items": {"$ref": "#/components/schemas/Genre"}})},
}


def test_every_create_succeeds_on_the_inferred_table() -> None:
    tables = _inferred({"Book": BOOK, "NewBook": NEW_BOOK, "Genre": GENRE}, BOOK_PATHS)
    books = {c.name: c for c in tables["books"].columns}
    assert not books["title"].nullable  # every create requires it
    assert books["note"].nullable  # the row requires it, the create does not send it
    assert (books["format"].nullable, books["format"].default.sql) == (False, "'paper'")
    assert (books["created_at"].nullable, books["created_at"].default.sql) == (False, "now()")
    assert books["archived_at"].default is None and books["archived_at"].nullable


def test_an_array_of_another_tables_rows_is_a_join_table_not_a_column() -> None:
    tables = _inferred({"Book": BOOK, "NewBook": NEW_BOOK, "Genre": GENRE}, BOOK_PATHS)
    assert "genres" not in {c.name for c in tables["books"].columns}
    join = tables["book_genres"]
    assert join.primary_key == ("book_id", "genre_id")
    assert sorted(fk.ref_table for fk in join.foreign_keys) == ["books", "genres"]
