"""The Spring emitter's Flyway migrations, without a server: names, order, write-once, settings."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from compiler.ir import Contract
from compiler.plan.migrations import plan_migrations
from emitters.base import GeneratedFile
from emitters.spring import SpringEmitter
from tests.evolution import write_version
from tests.spring.spring_projects import compile_files

FOLDER = "src/main/resources/db/migration"


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Contract, Contract]:
    """The evolution scenario's two versions; the second carries the history v1 → v2."""
    work = tmp_path_factory.mktemp("spring-migrations")
    first = compile_files(*write_version(work / "v1", 1))
    second = compile_files(*write_version(work / "v2", 2))
    history = plan_migrations((first.database, second.database))
    return first, replace(second, migrations=history)


def _migrations(contract: Contract) -> dict[str, GeneratedFile]:
    files = SpringEmitter().render(contract, "openapi.yaml, schema.sql")
    return {f.path: f for f in files if f.path.startswith(FOLDER)}


def test_each_migration_is_one_write_once_flyway_file_per_dialect(
    versions: tuple[Contract, Contract],
) -> None:
    _, second = versions
    files = _migrations(second)
    name = second.migrations[1].name
    assert sorted(files) == [
        f"{FOLDER}/postgresql/V1__schema.sql",
        f"{FOLDER}/postgresql/V2__{name}.sql",
        f"{FOLDER}/sqlite/V1__schema.sql",
        f"{FOLDER}/sqlite/V2__{name}.sql",
    ]
    assert re.fullmatch(r"[a-z0-9_]+", name), name
    assert all(f.write_once and not f.user_owned for f in files.values())
    for vendor, dialect in (("postgresql", "postgres"), ("sqlite", "sqlite")):
        change = files[f"{FOLDER}/{vendor}/V2__{name}.sql"].content
        assert change.startswith("-- ") and change.endswith(second.migrations[1].script(dialect))
    assert "ALTER TABLE" in files[f"{FOLDER}/postgresql/V2__{name}.sql"].content


def test_a_later_build_keeps_the_first_migration_as_it_was(
    versions: tuple[Contract, Contract],
) -> None:
    first, second = versions
    before, after = _migrations(first), _migrations(second)
    assert len(before) == 2
    assert {path: after[path].content for path in before} == {
        path: file.content for path, file in before.items()
    }
    created = before[f"{FOLDER}/postgresql/V1__schema.sql"].content
    assert "title VARCHAR(100) NOT NULL" in created and "isbn" not in created


def test_start_up_migration_can_be_switched_off_and_run_as_a_command(
    versions: tuple[Contract, Contract],
) -> None:
    files = {f.path: f.content for f in SpringEmitter().render(versions[0], "x")}
    properties = files["src/main/resources/application.properties"]
    assert "spring.flyway.enabled=${MIGRATE_ON_START:true}" in properties
    assert "spring.flyway.locations=classpath:db/migration/{vendor}" in properties
    application = next(c for p, c in files.items() if p.endswith("/Application.java"))
    assert 'args[0].equals("migrate")' in application
    readme = files["README.md"]
    assert "MIGRATE_ON_START=false" in readme and "java -jar target/app.jar migrate" in readme


def test_vendor_folders_match_flyway_vendor_names(versions: tuple[Contract, Contract]) -> None:
    """Flyway's `{vendor}` placeholder resolves to `postgresql` and `sqlite`; nothing else exists."""
    folders = {Path(path).parent.name for path in _migrations(versions[1])}
    assert folders == {"postgresql", "sqlite"}
