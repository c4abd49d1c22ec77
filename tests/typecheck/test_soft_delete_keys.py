"""CC117: a unique key of a soft-deleting table that still counts the deleted rows is named."""

from __future__ import annotations

from builders import bind, database, document

from compiler.typecheck import typecheck

KEY = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
DELETE = {
    "/things/{id}": {"delete": {"parameters": [KEY], "responses": {"204": {"description": "gone"}}}}
}


def _cc117(sql: str, paths: dict[str, object] = DELETE) -> list[tuple[str, str]]:
    db = database(sql)
    api, sink = bind(document(paths, {}), db)
    typecheck(api, db, document(paths, {}), sink)
    return [(d.message, d.hint) for d in sink.sorted() if d.code == "CC117"]


def test_a_plain_unique_key_of_a_marking_table_is_named_with_the_index_to_write() -> None:
    found = _cc117(
        "CREATE TABLE things (id INT PRIMARY KEY, code TEXT UNIQUE, deleted_at TIMESTAMPTZ);"
    )
    assert found == [
        (
            "UNIQUE (code) of things also counts rows marked deleted in deleted_at: a new row"
            " cannot take the key of a deleted one",
            "if deleted rows should free their key, make it a partial unique index: CREATE"
            " UNIQUE INDEX ON things (code) WHERE deleted_at IS NULL",
        )
    ]


def test_a_partial_index_a_key_with_the_mark_or_no_delete_is_not_named() -> None:
    partial = (
        "CREATE TABLE things (id INT PRIMARY KEY, code TEXT, is_deleted BOOLEAN NOT NULL DEFAULT"
        " false);\nCREATE UNIQUE INDEX things_code ON things (code) WHERE NOT is_deleted;"
    )
    assert _cc117(partial) == []
    with_mark = "CREATE TABLE things (id INT PRIMARY KEY, code TEXT, deleted_at TIMESTAMPTZ, UNIQUE (code, deleted_at));"
    assert _cc117(with_mark) == []
    unique = "CREATE TABLE things (id INT PRIMARY KEY, code TEXT UNIQUE, deleted_at TIMESTAMPTZ);"
    assert _cc117(unique, {}) == []  # no DELETE: nothing is marked


def test_a_delete_beside_a_mark_that_cannot_mark_rows_is_named() -> None:
    db = database("CREATE TABLE things (id INT PRIMARY KEY, deleted_at INTEGER);")
    api, sink = bind(document(DELETE, {}), db)
    typecheck(api, db, document(DELETE, {}), sink)
    found = [d.message for d in sink.sorted() if d.code == "CC116"]
    assert found == [
        "DELETE /things/{id} removes the row: things.deleted_at (INT) is named like a"
        " deletion mark but cannot mark rows"
    ]
