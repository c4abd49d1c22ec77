"""The Express project's migration history as knex migration modules, rendered without a server."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from compiler.ir import Contract
from compiler.ir.database import Migration
from compiler.pipeline import compile_contract
from compiler.plan.migrations import plan_migrations
from emitters.express import ExpressEmitter
from emitters.express.migrations import knex_raw_text, migration_module, template_literal
from tests.evolution import write_version


def _contract(folder: Path, version: int) -> Contract:
    spec, schema = write_version(folder / f"v{version}", version)
    result = compile_contract(str(spec), [str(schema)])
    assert result.contract is not None, result.diagnostics
    return result.contract


@pytest.fixture(scope="module")
def evolved(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    """Version 2 of the evolution contract with its history: the first schema, then the change."""
    folder = tmp_path_factory.mktemp("history")
    first, second = _contract(folder, 1), _contract(folder, 2)
    return dataclasses.replace(
        second, migrations=plan_migrations((first.database, second.database))
    )


def _migration_files(contract: Contract) -> dict[str, str]:
    rendered = ExpressEmitter().render(contract, "openapi.yaml, schema.sql")
    return {f.path: f.content for f in rendered if f.path.startswith("src/migrations/")}


def test_one_write_once_module_per_migration_named_in_the_order_knex_applies_them(
    evolved: Contract,
) -> None:
    rendered = ExpressEmitter().render(evolved, "openapi.yaml, schema.sql")
    write_once = sorted(f.path for f in rendered if f.write_once)
    assert write_once == [
        "src/migrations/0001_initial.ts",
        "src/migrations/0002_alter_column_books_title_and_more.ts",
    ]
    assert write_once == sorted(write_once, key=lambda p: int(Path(p).name.split("_")[0]))
    assert not any(f.path.startswith("migrations/") for f in rendered), "the old SQL layout"


def test_each_module_runs_its_migrations_statements_per_dialect(evolved: Contract) -> None:
    files = _migration_files(evolved)
    change = files["src/migrations/0002_alter_column_books_title_and_more.ts"]
    postgres, sqlite = re.search(
        r"const POSTGRES: string\[\] = \[\n(.*?)\n\];\n\nconst SQLITE: string\[\] = \[\n(.*?)\n\];",
        change,
        re.S,
    ).groups()
    assert postgres == "\n".join(f"  `{s}`," for s in evolved.migrations[1].postgres)
    assert sqlite == "\n".join(f"  `{s}`," for s in evolved.migrations[1].sqlite)
    assert "export async function up(knex: Knex)" in change
    assert "is not undone automatically" in change  # down refuses, it does not pretend


def test_adding_a_migration_leaves_the_earlier_modules_as_they_were(
    evolved: Contract,
) -> None:
    only_first = dataclasses.replace(evolved, migrations=evolved.migrations[:1])
    before, after = _migration_files(only_first), _migration_files(evolved)
    assert before.items() < after.items()


def test_statements_reach_knex_raw_and_the_database_unchanged() -> None:
    statement = "ALTER TABLE t ADD CONSTRAINT c CHECK (code ~ '^a?`${x}\\d$');"
    # knex binds `?` on PostgreSQL unless escaped; SQLite statements pass through untouched
    assert knex_raw_text(statement, "postgres") == statement.replace("?", "\\?")
    assert knex_raw_text(statement, "sqlite") == statement
    literal = template_literal(statement)
    assert literal == "ALTER TABLE t ADD CONSTRAINT c CHECK (code ~ '^a?\\`\\${x}\\\\d$');"


def test_module_names_pad_the_version() -> None:
    migration = Migration(version=12, name="add_column_books_isbn", postgres=(), sqlite=())
    assert migration_module(migration) == "0012_add_column_books_isbn"
