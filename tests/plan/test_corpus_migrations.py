"""The migrations of every real pair, applied to real databases: the DDL, seed rows and (for pairs
given as a migration folder) every ALTER of their history must run, and the history must end at
the catalog of a database created from the final schema directly. Skips when the corpus is absent.
"""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks.scoreboard import CORPUS, Expectation, expectations, fixed_copy
from compiler.ir.database import Migration
from compiler.pipeline import compile_contract
from compiler.sql.ddl import ddl_writer
from tests.plan.test_migrations import _psql, _sqlite_catalog
from tests.postgres import POSTGRES_ENV, postgres_server_url

pytestmark = [pytest.mark.corpus, pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent")]
EXPECTATIONS = expectations() if CORPUS.is_dir() else []


def _migrations(expectation: Expectation, tmp_path) -> tuple[Migration, ...]:
    """The pair's migrations, built from its files with the fixes a user would make."""
    inputs = fixed_copy(expectation, tmp_path / expectation.pair)
    sql = inputs[1 : 1 + len(expectation.sql)]
    result = compile_contract(inputs[0], sql, expectation.dialect)
    assert result.contract is not None, [str(d) for d in result.diagnostics if d.is_error]
    return result.contract.migrations


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_sqlite_runs_every_migration_of_a_real_pair(expectation: Expectation, tmp_path) -> None:
    migrations = _migrations(expectation, tmp_path)
    migrated = sqlite3.connect(tmp_path / "migrated.db", isolation_level=None)
    for migration in migrations:
        migrated.execute("PRAGMA foreign_keys = OFF")  # as Migration documents for SQLite
        migrated.executescript("BEGIN;\n" + "\n".join(migration.sqlite) + "\nCOMMIT;")
        assert migrated.execute("PRAGMA foreign_key_check").fetchall() == [], migration.name
    if len(migrations) > 1:
        result = compile_contract(*_inputs(expectation, tmp_path))
        assert result.contract is not None
        fresh = sqlite3.connect(tmp_path / "fresh.db")
        fresh.executescript("\n".join(ddl_writer(result.contract.database, "sqlite").statements()))
        assert _sqlite_catalog(migrated) == _sqlite_catalog(fresh)


def _inputs(expectation: Expectation, tmp_path) -> tuple[str, list[str], str]:
    folder = tmp_path / expectation.pair
    return (
        str(folder / expectation.spec),
        [str(folder / s) for s in expectation.sql],
        expectation.dialect,
    )


@pytest.mark.postgres
@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_postgres_runs_every_migration_of_a_real_pair(expectation: Expectation, tmp_path) -> None:
    url = postgres_server_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    migrations = _migrations(expectation, tmp_path)
    _psql(url, *(migration.script("postgres") for migration in migrations), query="")
