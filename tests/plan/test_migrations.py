"""Migrations planned from a schema history, applied to real databases holding rows.

Each change is applied on top of migration 1 in a database that already holds a row per table; the
result must have the catalog of a database created from the new schema directly, and keep the rows.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import PurePath

import pytest
from builders import database

from compiler.build import _with_migrations
from compiler.ir.snapshot import to_snapshot
from compiler.output.manifest import Manifest
from compiler.pipeline import compile_contract
from compiler.plan.migrations import plan_migrations
from compiler.sql.ddl import ddl_writer
from emitters.base import Runtime
from tests.evolution import SPEC as EVOLUTION_SPEC
from tests.postgres import POSTGRES_ENV, postgres_server_url, run_in_scratch_schema

RUNTIME = Runtime(install=(), install_marker="", build=(), start=("true",), unit_tests=())

V1 = """
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE owners (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL);
CREATE TABLE pets (
    id SERIAL PRIMARY KEY,
    owner_id INTEGER REFERENCES owners (id) ON DELETE CASCADE,
    name VARCHAR(50) NOT NULL,
    nickname TEXT,
    age SMALLINT,
    mood mood,
    size TEXT CHECK (size IN ('s', 'm')),
    CONSTRAINT pets_name_not_blank CHECK (length(name) > 0)
);
CREATE TABLE labels (code TEXT PRIMARY KEY, kind TEXT NOT NULL DEFAULT 'x');
CREATE INDEX pets_age_idx ON pets (age);
"""
ROWS = """
INSERT INTO owners (name) VALUES ('ann');
INSERT INTO pets (owner_id, name, age, mood, size) VALUES (1, 'rex', 3, 'happy', 's');
INSERT INTO labels (code) VALUES ('a');
"""

CHANGES = {
    "add a nullable column": ("nickname TEXT,", "nickname TEXT, chip TEXT,"),
    "add a column with a default": (
        "nickname TEXT,",
        "nickname TEXT, legs INTEGER NOT NULL DEFAULT 4,",
    ),
    "add a timestamp filled by now()": (
        "nickname TEXT,",
        "nickname TEXT, seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),",
    ),
    "drop a column": ("nickname TEXT,", ""),
    "widen a type": (
        "name VARCHAR(50) NOT NULL,\n    nickname",
        "name VARCHAR(90) NOT NULL,\n    nickname",
    ),
    "drop NOT NULL": (
        "name VARCHAR(50) NOT NULL,\n    nickname",
        "name VARCHAR(50),\n    nickname",
    ),
    "change a default": ("age SMALLINT,", "age SMALLINT DEFAULT 1,"),
    "add a unique constraint": ("name VARCHAR(50) NOT NULL)", "name VARCHAR(50) NOT NULL UNIQUE)"),
    "drop a foreign key": ("REFERENCES owners (id) ON DELETE CASCADE", ""),
    "add a table and a foreign key to it": (
        "CREATE TABLE pets (\n    id SERIAL PRIMARY KEY,",
        "CREATE TABLE vets (id SERIAL PRIMARY KEY);\n"
        "CREATE TABLE pets (\n    id SERIAL PRIMARY KEY, vet_id INTEGER REFERENCES vets (id),",
    ),
    "drop a table": (
        "CREATE TABLE labels (code TEXT PRIMARY KEY, kind TEXT NOT NULL DEFAULT 'x');",
        "",
    ),
    "add and drop indexes": (
        "CREATE INDEX pets_age_idx ON pets (age);",
        "CREATE UNIQUE INDEX pets_name_idx ON pets (owner_id, name);",
    ),
    "add enum values": ("('happy', 'sad')", "('bored', 'happy', 'calm', 'sad')"),
    "remove an enum value": ("('happy', 'sad')", "('happy')"),
    "widen a CHECK list": ("('s', 'm')", "('s', 'm', 'l')"),
    "add a range CHECK": ("age SMALLINT,", "age SMALLINT CHECK (age BETWEEN 0 AND 40),"),
    "change a named CHECK": ("length(name) > 0", "length(name) BETWEEN 1 AND 40"),
    "comment a table and a column": (
        "CREATE INDEX pets_age_idx ON pets (age);",
        "CREATE INDEX pets_age_idx ON pets (age);\nCOMMENT ON TABLE pets IS 'kept animals';\n"
        "COMMENT ON COLUMN pets.age IS 'in years';",
    ),
    "drop a named CHECK": (",\n    CONSTRAINT pets_name_not_blank CHECK (length(name) > 0)", ""),
    "change a primary key": (
        "code TEXT PRIMARY KEY, kind TEXT NOT NULL DEFAULT 'x')",
        "code TEXT, kind TEXT NOT NULL DEFAULT 'x', PRIMARY KEY (code, kind))",
    ),
}


def _v2(change: str) -> str:
    old, new = CHANGES[change]
    assert old in V1, change
    return V1.replace(old, new)


def test_the_first_schema_is_created_by_migration_one() -> None:
    v1 = database(V1)
    (initial,) = plan_migrations([v1])
    assert (initial.version, initial.name) == (1, "initial")
    assert initial.postgres == tuple(ddl_writer(v1, "postgres").statements())
    assert initial.sqlite == tuple(ddl_writer(v1, "sqlite").statements())


def test_a_longer_history_only_appends() -> None:
    v1, v2, v3 = database(V1), database(_v2("add a nullable column")), database(_v2("drop a table"))
    two = plan_migrations([v1, v1, v2])
    three = plan_migrations([v1, v1, v2, v3])
    assert [(m.version, m.name) for m in three] == [
        (1, "initial"),
        (2, "add_column_pets_chip"),
        (3, "drop_column_pets_chip_and_more"),
    ]
    assert three[:2] == two


SEEDED = """
CREATE TABLE kinds (id SERIAL PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL DEFAULT now());
INSERT INTO kinds (id, name, active, created_at) VALUES (1, 'cat', TRUE, now()), (7, 'dog', FALSE, DEFAULT);
"""


def test_seed_rows_are_inserted_by_migration_one_and_keys_continue_after_them(tmp_path) -> None:
    (initial,) = plan_migrations([database(SEEDED)])
    sqlite = sqlite3.connect(tmp_path / "seeded.db")
    sqlite.executescript(
        "\n".join(initial.sqlite) + "\nINSERT INTO kinds (name, active) VALUES ('eel', 1);"
    )
    assert sqlite.execute("SELECT id, name, active FROM kinds ORDER BY id").fetchall() == [
        (1, "cat", 1),
        (7, "dog", 0),
        (8, "eel", 1),
    ]
    assert "setval" in initial.postgres[-1]


@pytest.mark.postgres
def test_postgres_seed_rows_leave_the_identity_past_them() -> None:
    url = postgres_server_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    (initial,) = plan_migrations([database(SEEDED)])
    insert = "INSERT INTO kinds (name, active) VALUES ('eel', TRUE);"
    query = "SELECT string_agg(id || name, ',' ORDER BY id) FROM kinds;"
    rows = _psql(url, initial.script("postgres"), insert, query=query).split()
    assert rows[-1] == "1cat,7dog,8eel"


def test_statements_are_separate_and_end_with_a_semicolon() -> None:
    migration = plan_migrations([database(V1), database(_v2("add enum values"))])[1]
    assert migration.postgres == (
        "ALTER TYPE mood ADD VALUE 'bored' BEFORE 'happy';",
        "ALTER TYPE mood ADD VALUE 'calm' AFTER 'happy';",
    )
    assert migration.script("postgres").count(";\n\nALTER") == 1


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_sqlite_migration_reaches_the_new_schema_and_keeps_rows(change: str, tmp_path) -> None:
    v1, v2 = database(V1), database(_v2(change))
    first, second = plan_migrations([v1, v2])
    migrated = sqlite3.connect(tmp_path / "migrated.db", isolation_level=None)
    migrated.executescript("\n".join(first.sqlite) + ROWS)
    migrated.execute("PRAGMA foreign_keys = ON")
    before = _sqlite_rows(migrated)
    migrated.execute("PRAGMA foreign_keys = OFF")  # as Migration documents for SQLite
    migrated.executescript("BEGIN;\n" + "\n".join(second.sqlite) + "\nCOMMIT;")
    migrated.execute("PRAGMA foreign_keys = ON")
    assert migrated.execute("PRAGMA foreign_key_check").fetchall() == []
    fresh = sqlite3.connect(tmp_path / "fresh.db")
    fresh.executescript("\n".join(ddl_writer(v2, "sqlite").statements()))
    assert _sqlite_catalog(migrated) == _sqlite_catalog(fresh)
    after = _sqlite_rows(migrated)
    assert {t: after[t] for t in before if v2.table(t) is not None} == {
        t: n for t, n in before.items() if v2.table(t) is not None
    }


def _sqlite_rows(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in _sqlite_tables(connection)
    }


def _sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(name for (name,) in rows)


def _sqlite_catalog(connection: sqlite3.Connection) -> dict[str, object]:
    catalog: dict[str, object] = {}
    for table in _sqlite_tables(connection):
        columns = sorted(c[1:] for c in connection.execute(f'PRAGMA table_xinfo("{table}")'))
        indexes = sorted(
            (name, unique, tuple(c[2] for c in connection.execute(f'PRAGMA index_info("{name}")')))
            for _, name, unique, *_ in connection.execute(f'PRAGMA index_list("{table}")')
        )
        keys = sorted(row[2:] for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'))
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        checks = sorted(_checks(sql))
        catalog[table] = (columns, indexes, keys, checks)
    return catalog


def _checks(sql: str) -> list[str]:
    """Every `CHECK (...)` of a CREATE TABLE statement, parentheses balanced."""
    found = []
    for start in (m.end() for m in re.finditer(r"CHECK \(", sql)):
        depth, end = 1, start
        while depth:
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            end += 1
        found.append(sql[start - 1 : end])
    return found


@pytest.mark.postgres
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_postgres_migration_reaches_the_new_schema_and_keeps_rows(change: str) -> None:
    url = postgres_server_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    v1, v2 = database(V1), database(_v2(change))
    first, second = plan_migrations([v1, v2])
    migrated = _psql(url, first.script("postgres") + ROWS, second.script("postgres"))
    fresh = _psql(url, "\n".join(ddl_writer(v2, "postgres").statements()))
    assert migrated.split("--rows--")[0] == fresh.split("--rows--")[0]
    assert "pets|1" in migrated or v2.table("pets") is None


_PG_CATALOG = """
SELECT 'column', table_name, column_name, data_type, character_maximum_length, is_nullable,
       column_default, is_identity
  FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 2, 3;
SELECT 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 2, 3;
SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 2;
SELECT 'comment', c.relname, coalesce(a.attname, ''), d.description
  FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
 WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 2, 3;
SELECT 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname ORDER BY 2;
"""


def _psql(url: str, *migrations: str, query: str = _PG_CATALOG) -> str:
    """`query`'s rows (the catalog, and the pets counted) in a fresh schema after `migrations`."""
    script = "".join(f"BEGIN;\n{m}\nCOMMIT;\n" for m in migrations) + query
    if "pets" in script:
        script += "SELECT '--rows--';\nSELECT 'pets|' || count(*) FROM pets;\n"
    return run_in_scratch_schema(url, script, timeout=60)


def test_ordered_migration_files_are_followed_one_to_one(tmp_path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "001_init.sql").write_text(
        "CREATE TABLE books (id SERIAL PRIMARY KEY, title TEXT NOT NULL);\n"
    )
    (folder / "002_seed.sql").write_text("INSERT INTO books (title) VALUES ('Dune');\n")
    (folder / "003_Add_ISBN.sql").write_text("ALTER TABLE books ADD COLUMN isbn VARCHAR(20);\n")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        EVOLUTION_SPEC.replace("TITLE", "100")
        .replace("EXTRA_NEW\n", "")
        .replace("EXTRA_BOOK\n", "")
    )
    result = compile_contract(str(spec), [str(folder)])
    assert result.contract is not None, result.diagnostics
    migrations = result.contract.migrations
    assert [(m.version, m.name, PurePath(m.source).name) for m in migrations] == [
        (1, "init", "001_init.sql"),
        (2, "seed", "002_seed.sql"),
        (3, "add_isbn", "003_Add_ISBN.sql"),
    ]
    assert migrations[1].sqlite == ("INSERT INTO books (title) VALUES\n    ('Dune');",)
    assert migrations[2].postgres == ("ALTER TABLE books ADD COLUMN isbn VARCHAR(20);",)


def test_a_rebuild_keeps_the_migrations_that_follow_the_users_files(tmp_path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "001_init.sql").write_text(
        "CREATE TABLE books (id SERIAL PRIMARY KEY, title VARCHAR(100) NOT NULL);\n"
    )
    (folder / "002_isbn.sql").write_text("ALTER TABLE books ADD COLUMN isbn VARCHAR(20);\n")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        EVOLUTION_SPEC.replace("TITLE", "100")
        .replace("EXTRA_NEW\n", "")
        .replace("EXTRA_BOOK\n", "")
    )
    contract = compile_contract(str(spec), [str(folder)]).contract
    assert contract is not None
    manifest_of_older_schema = Manifest(
        "fastapi", "0", (), RUNTIME, {}, schemas=(to_snapshot(database(V1)),)
    )
    assert _with_migrations(contract, manifest_of_older_schema) == contract


@pytest.mark.postgres
def test_a_new_enum_value_is_added_before_the_change_that_uses_it(tmp_path) -> None:
    url = postgres_server_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    v2 = V1.replace("('happy', 'sad')", "('happy', 'sad', 'calm')").replace(
        "mood mood,", "mood mood DEFAULT 'calm',"
    )
    migrations = plan_migrations([database(V1), database(v2)])
    assert [(m.name, len(m.sqlite)) for m in migrations[1:]] == [
        ("add_calm_to_enum_mood", 0),
        ("alter_column_pets_mood", len(migrations[2].sqlite)),
    ]
    migrated = _psql(url, *(m.script("postgres") for m in migrations))
    fresh = _psql(url, "\n".join(ddl_writer(database(v2), "postgres").statements()))
    assert migrated.split("--rows--")[0] == fresh.split("--rows--")[0]
