"""The Gin target's goose migrations, rendered without a server: names, order, write-once, syntax."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from compiler.ir import Contract
from compiler.ir.database import Migration
from compiler.pipeline import compile_contract
from compiler.plan.migrations import plan_migrations
from emitters.gin.migrations import GooseStatement
from tests.evolution import write_version
from tests.gin.conftest import compiled, render

GOOSE_UP = "-- +goose Up\n"


def _shelf(tmp_path: Path) -> Contract:
    """The evolution scenario's contract at version 2, with its history (v1 -> v2) as a build
    into a folder built for v1 would have it."""
    contracts = []
    for version in (1, 2):
        spec, schema = write_version(tmp_path / f"v{version}", version)
        result = compile_contract(str(spec), [str(schema)])
        assert result.contract is not None, result.diagnostics
        contracts.append(result.contract)
    history = plan_migrations([c.database for c in contracts])
    return replace(contracts[1], migrations=history)


def test_one_goose_file_per_migration_and_dialect_each_written_once(tmp_path: Path) -> None:
    contract = _shelf(tmp_path)
    history = contract.migrations
    assert [m.version for m in history] == [1, 2]
    files = {f.path: f for f in render(contract) if "/migrations/" in f.path}
    second = history[1].name
    assert sorted(files) == [
        "internal/database/migrations/postgres/00001_initial.sql",
        f"internal/database/migrations/postgres/00002_{second}.sql",
        "internal/database/migrations/sqlite/00001_initial.sql",
        f"internal/database/migrations/sqlite/00002_{second}.sql",
    ]
    assert all(f.write_once and not f.user_owned for f in files.values())
    for path, file in files.items():
        dialect = path.split("/")[-2]
        version = 1 if "/00001_" in path else 2
        assert file.content.count(GOOSE_UP) == 1
        assert "-- +goose Down" not in file.content  # no inverse is offered: none is faked
        body = file.content.split(GOOSE_UP, 1)[1]
        for statement in history[version - 1].statements(dialect):
            assert statement in body
    assert "isbn" in files[f"internal/database/migrations/postgres/00002_{second}.sql"].content


def test_a_migration_renders_the_same_whatever_the_inputs_are_called() -> None:
    """The first file must not depend on the build (paths of the inputs): it is written once."""
    contract = compiled("library")
    moved = replace(
        contract, sources=tuple(replace(s, path="elsewhere/" + s.path) for s in contract.sources)
    )
    first = {f.path: f.content for f in render(contract) if f.write_once}
    assert first and first == {f.path: f.content for f in render(moved) if f.write_once}


def test_statements_with_inner_semicolon_lines_are_delimited_for_goose() -> None:
    body = "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  RETURN NEW;\nEND $$ LANGUAGE plpgsql;"
    assert GooseStatement(body).delimited
    assert not GooseStatement("CREATE TABLE t (\n    id INTEGER\n);").delimited
    contract = compiled("library")
    migration = Migration(1, "initial", postgres=(body,), sqlite=("SELECT 1;",))
    files = {f.path: f.content for f in render(replace(contract, migrations=(migration,)))}
    text = files["internal/database/migrations/postgres/00001_initial.sql"]
    assert f"-- +goose StatementBegin\n{body}\n-- +goose StatementEnd\n" in text
    assert "StatementBegin" not in files["internal/database/migrations/sqlite/00001_initial.sql"]


def test_the_runner_is_goose_with_the_postgres_session_lock() -> None:
    files = {f.path: f.content for f in render(compiled("library"))}
    migrate = files["internal/database/migrate.go"]
    assert "goose.NewProvider" in migrate and "lock.NewPostgresSessionLocker" in migrate
    assert "//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql" in migrate
    assert "github.com/pressly/goose/v3 v3.30.1" in files["go.mod"]
    assert not any(path.endswith("0001_schema.sql") for path in files)
