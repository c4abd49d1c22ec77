"""CC116: what the contract declares and the generated servers do not honour yet is named."""

from __future__ import annotations

from typing import Any

from builders import bind, database, document, json_body

from compiler.binder.soft_delete import soft_delete_of
from compiler.ir import FailureClass
from compiler.typecheck import typecheck

THING = {"type": "object", "properties": {"id": {"type": "integer"}}}
REF = {"$ref": "#/components/schemas/Thing"}
OK = {"200": {"description": "ok", **json_body({"type": "array", "items": REF})}}
KEY = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _cc116(paths: dict[str, Any], sql: str, **components: Any) -> list[str]:
    doc = document(paths, {"Thing": THING}, components=components)
    db = database(sql)
    api, sink = bind(doc, db)
    typecheck(api, db, doc, sink)
    return [d.message for d in sink.sorted() if d.code == "CC116"]


def test_scopes_no_server_checks_are_named() -> None:
    oauth = {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/t", "scopes": {}}}}
    paths = {"/things": {"get": {"security": [{"o": ["write", "admin"]}], "responses": OK}}}
    found = _cc116(paths, "CREATE TABLE things (id INT PRIMARY KEY);", securitySchemes={"o": oauth})
    assert found == [
        "GET /things requires scopes admin, write, which the generated servers do not check yet:"
        " any authenticated caller passes"
    ]


def test_an_unbound_parameter_is_named_but_a_filter_or_an_api_key_is_not() -> None:
    params = [
        {"name": "sort", "in": "query", "schema": {"type": "string"}},
        {"name": "id", "in": "query", "schema": {"type": "integer"}},  # filters by the column
        {"name": "X-Key", "in": "header", "schema": {"type": "string"}},  # the credentials
    ]
    key = {"type": "apiKey", "in": "header", "name": "X-Key"}
    paths = {"/things": {"get": {"parameters": params, "security": [{"k": []}], "responses": OK}}}
    found = _cc116(paths, "CREATE TABLE things (id INT PRIMARY KEY);", securitySchemes={"k": key})
    assert found == [
        "query parameter 'sort' of GET /things is validated, then ignored by the generated servers"
    ]


def test_a_delete_beside_a_deleted_at_column_is_named() -> None:
    paths = {
        "/things/{id}": {
            "delete": {"parameters": [KEY], "responses": {"204": {"description": "gone"}}}
        }
    }
    found = _cc116(paths, "CREATE TABLE things (id INT PRIMARY KEY, deleted_at TIMESTAMPTZ);")
    assert found == [
        "DELETE /things/{id} removes the row: things.deleted_at suggests a soft delete, which the"
        " generated servers do not do yet"
    ]


def test_a_scoped_operation_answers_403_even_when_it_documents_none() -> None:
    oauth = {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/t", "scopes": {}}}}
    bearer = {"type": "http", "scheme": "bearer"}
    paths = {
        "/things": {
            "get": {"security": [{"b": []}], "responses": OK},
            "post": {"security": [{"o": ["write"]}], "responses": OK},
        }
    }
    doc = document(
        paths, {"Thing": THING}, components={"securitySchemes": {"o": oauth, "b": bearer}}
    )
    api, _ = bind(doc, database("CREATE TABLE things (id INT PRIMARY KEY);"))
    forbidden = {
        op.method: (e.status, e.documented)
        for op in api.operations
        for e in op.errors
        if e.failure is FailureClass.FORBIDDEN
    }
    assert forbidden == {"post": (403, False)}


def test_which_tables_mark_rows_deleted() -> None:
    def mark(columns: str) -> tuple[str, str] | None:
        table = database(f"CREATE TABLE things (id INT PRIMARY KEY, {columns});").tables[0]
        found = soft_delete_of(table)
        return (found.column, found.mark.value) if found else None

    assert mark("deleted_at TIMESTAMPTZ") == ("deleted_at", "when")
    assert mark("deleted_on DATE") == ("deleted_on", "when")
    assert mark("is_deleted BOOLEAN NOT NULL DEFAULT FALSE") == ("is_deleted", "flag")
    assert mark("marked BOOLEAN, deleted BOOLEAN") == ("deleted", "flag")
    assert mark('"isDeleted" INTEGER NOT NULL DEFAULT 0') == ("isDeleted", "flag")
    assert mark("deleted_at BIGINT NOT NULL DEFAULT 0") == ("deleted_at", "epoch")
    assert mark("deleted_at_m BIGINT") == ("deleted_at_m", "epoch")
    assert mark("deleted_at TIMESTAMPTZ NOT NULL") is None  # always set: not a mark
    assert mark("is_deleted BOOLEAN NOT NULL") is None  # a new row must say
    assert mark("deleted_by TEXT, delete_protection BOOLEAN, archived BIGINT") is None
