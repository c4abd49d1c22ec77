"""SQLite's permissive table syntax reads as SQLite reads it."""

from __future__ import annotations

import pytest
from sql_test_helpers import codes

from compiler.ir.database import ColumnKind
from compiler.sql.types import sqlite_affinity

SCHEMA = """CREATE TABLE [users] (
  `id` INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE,
  anything,
  "quoted col" VARCHAR(10) DEFAULT 'x',
  flag BOOLEAN NOT NULL DEFAULT 0,
  odd WHATEVER,
  v ANY
);
CREATE TABLE IF NOT EXISTS tags (
  user_id INTEGER NOT NULL REFERENCES [users]([id]) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (user_id ASC, tag DESC) ON CONFLICT REPLACE
) WITHOUT ROWID;
CREATE TABLE notes (id INTEGER PRIMARY KEY DESC, body TEXT UNIQUE ON CONFLICT IGNORE NOT NULL ON CONFLICT ABORT) STRICT;
"""


def test_sqlite_table_syntax(parse_sql):
    db, diags = parse_sql(SCHEMA, dialect="sqlite")
    assert codes(diags) == []
    users = db.table("users")
    assert users.column("id").identity and users.primary_key == ("id",)
    assert not users.column("name").nullable
    assert users.column("anything").type.kind is ColumnKind.TEXT  # no type at all
    assert users.column("quoted col").type.length == 10
    assert users.column("odd").type.kind is ColumnKind.DECIMAL  # NUMERIC affinity
    tags = db.table("tags")
    assert tags.primary_key == ("user_id", "tag")
    assert tags.foreign_keys[0].ref_table == "users"
    notes = db.table("notes")
    assert notes.primary_key == ("id",) and [u.columns for u in notes.uniques] == [("body",)]
    assert not notes.column("body").nullable


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("MEDIUMINTEGER", ColumnKind.INTEGER),
        ("NATIVE CHARACTER", ColumnKind.TEXT),
        ("CLOB", ColumnKind.TEXT),
        ("BLOBBY", ColumnKind.BYTES),
        ("FLOATING", ColumnKind.DOUBLE),
        ("STRING", ColumnKind.DECIMAL),
        ("ANY", ColumnKind.TEXT),
    ],
)
def test_sqlite_type_affinity(name: str, kind: ColumnKind) -> None:
    assert sqlite_affinity(name) is kind


def test_unknown_types_are_still_errors_outside_sqlite(parse_sql):
    _, diags = parse_sql("CREATE TABLE t (id int PRIMARY KEY, v strng);")
    assert "CC303" in codes(diags)
