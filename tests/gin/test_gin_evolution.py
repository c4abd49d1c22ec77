"""Gin migrations against real servers and databases: a schema that evolves after the first deploy,
instances that start together on one empty PostgreSQL database, and migrating as its own step."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from compiler.runner.processes import free_port, wait_ready
from tests.evolution import evolve_and_serve, write_version
from tests.gin.serving import build_gin
from tests.postgres import create_database
from tests.served import TOKEN, call

pytestmark = pytest.mark.e2e

INSTANCES = 3


def _postgres(prefix: str) -> str:
    url = create_database(prefix)
    if url is None:
        pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
    return url


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Version 1 of the evolution scenario's contract, built and compiled once."""
    work = tmp_path_factory.mktemp("gin-shelf")
    return build_gin(*write_version(work / "v1", 1), work / "project")


@dataclass(frozen=True)
class Server:
    """A compiled server process, its base URL and its log."""

    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def ready(self) -> str | None:
        """None once `/readyz` answers; otherwise why it never did, with the end of the log."""
        problem = wait_ready(self.process, self.base + "/readyz", 60)
        return None if problem is None else problem + self.log.read_text(errors="replace")[-3000:]


@contextmanager
def _started(project: Path, database_url: str, **settings: str) -> Iterator[Server]:
    """`bin/server` started on `database_url` (not waited for); stopped with SIGTERM afterwards."""
    port = free_port()
    log = project.parent / f"server-{port}.log"
    env = {"PORT": str(port), "DATABASE_URL": database_url, "AUTH_TOKENS": TOKEN, **settings}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(project / "bin" / "server")], cwd=project, env=env, stdout=out, stderr=out
        )
        try:
            yield Server(process, f"http://127.0.0.1:{port}", log)
        finally:
            process.terminate()
            process.wait(timeout=15)


def _migrate(project: Path, database_url: str) -> None:
    """The project's `migrate` command: applies the migrations and exits."""
    done = subprocess.run(
        [str(project / "bin" / "server"), "migrate"],
        cwd=project,
        env={"DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _psql(url: str, query: str) -> str:
    done = subprocess.run(["psql", url, "-Atc", query], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _tables(database_url: str) -> set[str]:
    """The tables of the database behind `database_url` (SQLite file or PostgreSQL)."""
    if database_url.startswith("postgresql://"):
        names = _psql(database_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return set(names.split())
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_evolves_on_sqlite(tmp_path: Path) -> None:
    evolve_and_serve("gin", tmp_path, tmp_path / "shelf.db")


@pytest.mark.postgres
def test_evolves_on_postgres(tmp_path: Path) -> None:
    evolve_and_serve("gin", tmp_path, _postgres("gin_evolve"))


@pytest.mark.postgres
def test_instances_started_together_on_an_empty_database_all_come_up(shelf: Path) -> None:
    url = _postgres("gin_together")
    with ExitStack() as stack:
        servers = [stack.enter_context(_started(shelf, url)) for _ in range(INSTANCES)]
        with ThreadPoolExecutor(INSTANCES) as pool:
            problems = list(pool.map(Server.ready, servers))
        assert problems == [None] * INSTANCES, problems
    assert _psql(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'books'") == "1"
    applied = _psql(url, "SELECT version_id FROM goose_db_version WHERE version_id > 0")
    assert applied.split() == ["1"]  # applied once, by whichever instance held the lock


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_migrate_on_start_false_leaves_the_database_to_the_migrate_command(
    shelf: Path, tmp_path: Path, database: str
) -> None:
    url = _postgres("gin_migrate") if database == "postgres" else f"sqlite:///{tmp_path}/shelf.db"
    with _started(shelf, url, MIGRATE_ON_START="false") as server:
        assert server.ready() is None, server.ready()
        assert "books" not in _tables(url)
    _migrate(shelf, url)
    assert "books" in _tables(url)
    _migrate(shelf, url)  # nothing left to apply: a second run changes nothing and succeeds
    with _started(shelf, url) as server:
        assert server.ready() is None
        status, created = call("POST", server.base + "/books", {"title": "Dune"})
        assert status == 201, created


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_database_migrated_before_goose_is_taken_over(
    shelf: Path, tmp_path: Path, database: str
) -> None:
    """The earlier hand-written migrator recorded `migrations/<dialect>/0001_schema.sql` in
    `schema_migrations`; goose must take that database over instead of creating it again."""
    url = _postgres("gin_legacy") if database == "postgres" else f"sqlite:///{tmp_path}/shelf.db"
    initial = shelf / f"internal/database/migrations/{database}/00001_initial.sql"
    _execute(
        url,
        initial.read_text(encoding="utf-8")
        + "CREATE TABLE schema_migrations (version VARCHAR(255) PRIMARY KEY);\n"
        + f"INSERT INTO schema_migrations VALUES ('migrations/{database}/0001_schema.sql');\n"
        + "INSERT INTO books (title) VALUES ('Dune');\n",
    )
    with _started(shelf, url) as server:
        assert server.ready() is None, server.ready()
        status, book = call("GET", server.base + "/books/1")
        assert status == 200 and book["title"] == "Dune", book
    query = "SELECT version_id FROM goose_db_version ORDER BY id"
    if database == "postgres":
        assert _psql(url, query).split() == ["0", "1"]
    else:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            assert [v for (v,) in connection.execute(query)] == [0, 1]


def _execute(database_url: str, script: str) -> None:
    """Run an SQL script on the database behind `database_url`."""
    if database_url.startswith("postgresql://"):
        command = ["psql", database_url, "-q", "-v", "ON_ERROR_STOP=1"]
        subprocess.run(command, input=script, capture_output=True, text=True, check=True)
        return
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
        connection.executescript(script)
