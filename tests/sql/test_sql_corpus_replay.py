"""Migration series written by other people replay as their database runs them (../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.sql import parse_schema

pytestmark = pytest.mark.corpus

# pair, SQL (a file or a folder of migrations), dialect
SERIES = [
    ("marquez", "migrations", "postgres"),  # Flyway: implicit names, RENAME, USING INDEX, CTAS, DO
    ("usesend", "schema.sql", "postgres"),  # Prisma: enum replaced through ALTER TYPE ... RENAME
    ("kratos", "schema.sql", "postgres"),
    ("grocy", "migrations", "sqlite"),
    ("bencher", "schema.sql", "sqlite"),
]


@pytest.mark.parametrize(("pair", "sql", "dialect"), SERIES)
def test_migrations_replay_without_errors(corpus: Path, pair: str, sql: str, dialect: str) -> None:
    sink = DiagnosticSink()
    database = parse_schema([str(corpus / "pairs" / pair / sql)], dialect, sink)
    assert database.tables
    assert [
        f"{d.location.file}:{d.location.line} {d.message}" for d in sink.sorted() if d.is_error
    ] == []


def test_marquez_keeps_the_constraints_its_migrations_leave(corpus: Path) -> None:
    sink = DiagnosticSink()
    database = parse_schema([str(corpus / "pairs/marquez/migrations")], "postgres", sink)
    datasets = database.table("datasets")
    assert datasets is not None and datasets.column("last_modified_at") is not None
    # V63 drops every unnamed foreign key by its implicit name and re-adds it ON DELETE CASCADE
    facets = database.table("dataset_facets")
    assert facets is not None and facets.foreign_keys
    assert all(fk.on_delete.value == "cascade" for fk in facets.foreign_keys)


def test_seed_rows_are_kept(corpus: Path) -> None:
    database = parse_schema(
        [str(corpus / "pairs/listmonk/schema.sql")], "postgres", DiagnosticSink()
    )
    assert database.seeds and all(database.table(s.table) for s in database.seeds)
