"""Migrations with several instances and as their own deploy step, on real databases.

Instances started together on one empty PostgreSQL database all come up (Flyway's lock); with
`MIGRATE_ON_START=false` a server creates no table and `java -jar target/app.jar migrate` does.
Skipped when java or mvn is missing.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.evolution import write_version
from tests.spring.spring_projects import (
    Server,
    compile_files,
    jvm_env,
    maven,
    toolchain_missing,
    write_contract,
)

pytestmark = pytest.mark.e2e
INSTANCES = 3


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The evolution scenario's first version (one table, `books`), packaged as target/app.jar."""
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)
    work = tmp_path_factory.mktemp("spring-migrate")
    out = write_contract(compile_files(*write_version(work / "v1", 1)), work / "project")
    done = maven(out, "package", "-DskipTests")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    fresh_postgres_database: Callable[[str], str | None],
) -> str:
    """A fresh, empty database's URL on the parametrised engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'app.db'}"
    url = fresh_postgres_database("spring_migrate")
    if url is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")
    return url


def _query(url: str, sql: str) -> list[str]:
    """The first column of `sql`'s rows, read without the server."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return [str(row[0]) for row in connection.execute(sql)]
    done = subprocess.run(["psql", url, "-Atc", sql], capture_output=True, text=True, check=True)
    return done.stdout.split()


def _tables(url: str) -> list[str]:
    if url.startswith("sqlite:///"):
        return _query(url, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return _query(
        url,
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = 'public' ORDER BY table_name",
    )


def _applied(url: str) -> list[str]:
    return _query(
        url, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"
    )


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """The servers a test starts, stopped afterwards."""
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


@pytest.mark.postgres
def test_instances_starting_together_on_an_empty_database_all_come_up(
    project: Path, fresh_postgres_database: Callable[[str], str | None], servers: list[Server]
) -> None:
    url = fresh_postgres_database("spring_together")
    if url is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")

    def start(number: int) -> Server:
        return Server(project, url, log_name=f"together-{number}.log", ready_within=240)

    with ThreadPoolExecutor(INSTANCES) as pool:
        futures = [pool.submit(start, number) for number in range(INSTANCES)]
        servers += [f.result() for f in futures if f.exception() is None]
        problems = [str(f.exception()) for f in futures if f.exception() is not None]
    assert not problems, problems
    assert _applied(url) == ["1"]
    assert "books" in _tables(url)
    for number, server in enumerate(servers):
        created = server.call("POST", "/books", {"title": f"copy {number}"})
        assert created.status == 201, created.body
    titles = servers[0].call("GET", "/books").body
    assert sorted(book["title"] for book in titles) == [f"copy {n}" for n in range(INSTANCES)]


def test_migrate_command_applies_what_the_server_was_told_not_to(
    project: Path, database: str, servers: list[Server]
) -> None:
    servers.append(Server(project, database, log_name="no-migrate.log", MIGRATE_ON_START="false"))
    assert servers[0].call("GET", "/healthz").status == 200
    assert "books" not in _tables(database)
    migrate = subprocess.run(
        ["java", "-jar", "target/app.jar", "migrate"],
        cwd=project,
        env=jvm_env(DATABASE_URL=database),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-2000:]
    assert "books" in _tables(database)
    assert _applied(database) == ["1"]
    created = servers[0].call("POST", "/books", {"title": "Dune"})
    assert created.status == 201, created.body
    again = subprocess.run(
        ["java", "-jar", "target/app.jar", "migrate"],
        cwd=project,
        env=jvm_env(DATABASE_URL=database),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-2000:]
    assert _applied(database) == ["1"]


def test_an_in_memory_sqlite_database_is_migrated_on_the_servers_connection(
    project: Path, servers: list[Server]
) -> None:
    servers.append(Server(project, "sqlite:///:memory:", log_name="in-memory.log"))
    created = servers[0].call("POST", "/books", {"title": "Dune"})
    assert created.status == 201, created.body
