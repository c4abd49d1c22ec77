"""Real schemas written by other people (../shared/corpus): every table read, nothing unparsed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.sql import parse_schema, render_ddl

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not CORPUS.is_dir(), reason="corpus absent: ../shared/corpus is not present"
    ),
]

# path, dialect, number of CREATE TABLE statements counted by hand (pagila partitions included)
CASES = [
    ("sql/pagila.sql", "postgres", 22),
    ("sql/sakila-postgres.sql", "postgres", 21),
    ("sql/sakila-mysql.sql", "mysql", 16),
    ("sql/northwind.sql", "postgres", 14),
    ("sql/chinook-postgres.sql", "postgres", 11),
    ("sql/musicbrainz", "postgres", 375),
    ("pairs/listmonk/schema.sql", "postgres", 16),
    ("pairs/realworld/schema.sql", "postgres", 5),
]
_PARSED: dict[str, tuple] = {}


def _parse(path: str, dialect: str) -> tuple:
    if path not in _PARSED:
        sink = DiagnosticSink()
        started = time.perf_counter()
        database = parse_schema([str(CORPUS / path)], dialect, sink)
        _PARSED[path] = (database, sink.sorted(), time.perf_counter() - started)
    return _PARSED[path]


@pytest.mark.parametrize(("path", "dialect", "tables"), CASES, ids=[c[0] for c in CASES])
def test_corpus_schema_parses(path, dialect, tables):
    database, diags, _ = _parse(path, dialect)
    assert len(database.tables) == tables
    assert [d for d in diags if d.is_error] == []
    assert all(d.location.line > 0 for d in diags if d.code != "CC308")


@pytest.mark.parametrize(("path", "dialect", "tables"), CASES, ids=[c[0] for c in CASES])
def test_corpus_ddl_runs_on_sqlite(path, dialect, tables):
    database, _, _ = _parse(path, dialect)
    ddl = render_ddl(database, "sqlite")
    connection = sqlite3.connect(":memory:")
    connection.executescript(ddl)
    count = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
    ).fetchone()[0]
    assert count == tables


def test_musicbrainz_details_and_speed():
    database, _, seconds = _parse("sql/musicbrainz", "postgres")
    assert seconds < 10
    assert sum(len(t.foreign_keys) for t in database.tables) > 700
    assert sum(bool(t.primary_key) for t in database.tables) > 360
    artist = database.table("artist")
    assert artist.column("id").identity and artist.column("gid").type.kind.value == "uuid"
    assert database.table("medium_cdtoc") is not None  # a `cube` column does not lose the table


def test_pagila_locations_and_enums():
    database, _, _ = _parse("sql/pagila.sql", "postgres")
    film = database.table("film")
    assert (film.location.line, film.location.column) == (437, 21)
    assert film.column("rating").type.enum_values == ("G", "PG", "PG-13", "R", "NC-17")
    assert film.column("release_year").type.kind.value == "integer"  # the `year` domain
    assert database.table("payment_p2022_01").foreign_keys
