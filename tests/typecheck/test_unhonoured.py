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


def test_scopes_are_no_longer_named_now_that_every_server_checks_them() -> None:
    oauth = {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/t", "scopes": {}}}}
    paths = {"/things": {"get": {"security": [{"o": ["write", "admin"]}], "responses": OK}}}
    found = _cc116(paths, "CREATE TABLE things (id INT PRIMARY KEY);", securitySchemes={"o": oauth})
    assert found == []


def test_an_unbound_parameter_is_named_but_a_filter_or_an_api_key_is_not() -> None:
    params = [
        {"name": "search", "in": "query", "schema": {"type": "string"}},
        {"name": "sort", "in": "query", "schema": {"type": "string"}},  # orders the list
        {"name": "order", "in": "query", "schema": {"enum": ["asc", "desc"]}},  # its direction
        {"name": "id", "in": "query", "schema": {"type": "integer"}},  # filters by the column
        {"name": "X-Key", "in": "header", "schema": {"type": "string"}},  # the credentials
    ]
    key = {"type": "apiKey", "in": "header", "name": "X-Key"}
    paths = {"/things": {"get": {"parameters": params, "security": [{"k": []}], "responses": OK}}}
    found = _cc116(paths, "CREATE TABLE things (id INT PRIMARY KEY);", securitySchemes={"k": key})
    assert found == [
        "query parameter 'search' of GET /things is validated, then ignored by the generated servers"
    ]


def test_a_soft_delete_is_not_named_and_cannot_conflict() -> None:
    paths = {
        "/things/{id}": {
            "delete": {"parameters": [KEY], "responses": {"204": {"description": "gone"}}}
        }
    }
    sql = "CREATE TABLE things (id INT PRIMARY KEY, deleted_at TIMESTAMPTZ);"
    assert _cc116(paths, sql) == []
    api, _ = bind(document(paths, {"Thing": THING}), database(sql))
    (delete,) = api.operations
    assert delete.soft_delete == soft_delete_of(database(sql).tables[0])
    assert delete.error(FailureClass.CONFLICT) is None  # nothing is removed


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
    assert mark("deleted_at INTEGER") is None  # too narrow for epoch milliseconds
    assert mark("deleted_at TIMESTAMPTZ NOT NULL") is None  # always set: not a mark
    assert mark("is_deleted BOOLEAN NOT NULL") is None  # a new row must say
    assert mark("deleted_by TEXT, delete_protection BOOLEAN, archived BIGINT") is None


def test_marked_parents_and_related_rows_carry_their_tables_mark() -> None:
    sql = """
        CREATE TABLE posts (id INT PRIMARY KEY, deleted_at TIMESTAMPTZ);
        CREATE TABLE notes (id INT PRIMARY KEY, post_id INT REFERENCES posts (id),
                            is_deleted BOOLEAN NOT NULL DEFAULT FALSE);
    """
    note = {"type": "object", "properties": {"id": {"type": "integer"}}}
    post = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "notes": {"type": "array", "items": {"$ref": "#/components/schemas/Note"}},
        },
    }
    post_key = {"name": "postId", "in": "path", "required": True, "schema": {"type": "integer"}}
    note_list = {"type": "array", "items": {"$ref": "#/components/schemas/Note"}}
    paths = {
        "/posts/{id}": {
            "get": {
                "parameters": [KEY],
                "responses": {
                    "200": {"description": "ok", **json_body({"$ref": "#/components/schemas/Post"})}
                },
            }
        },
        "/posts/{postId}/notes": {
            "get": {
                "parameters": [post_key],
                "responses": {"200": {"description": "ok", **json_body(note_list)}},
            }
        },
    }
    db = database(sql)
    api, _ = bind(document(paths, {"Note": note, "Post": post}), db)
    by_id = {op.path: op for op in api.operations}
    posts_mark, notes_mark = (soft_delete_of(table) for table in db.tables)
    (scope,) = by_id["/posts/{postId}/notes"].parents
    assert scope.parent_table == "posts" and scope.soft_delete == posts_mark
    assert by_id["/posts/{postId}/notes"].soft_delete == notes_mark
    (children,) = [f for f in by_id["/posts/{id}"].response_fields if f.property == "notes"]
    assert children.related_table == "notes" and children.related_soft_delete == notes_mark
