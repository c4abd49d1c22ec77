"""Migrations of a served Express project: a schema change after the first deploy, instances
starting together on one PostgreSQL database, migrating as a separate step, and databases the
earlier hand-written runner set up. Real servers, real databases."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from compiler.runner.processes import free_port, wait_ready
from tests.evolution import V1_SQL, evolve_and_serve, write_version
from tests.express.projects import npm
from tests.served import build, call

pytestmark = pytest.mark.e2e
INSTANCES = 4


def _psql(url: str, query: str) -> str:
    done = subprocess.run(
        ["psql", url, "-XAtqc", query], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def compiled(tmp_path: Path, express_modules: Path) -> Path:
    """Version 2 of the evolution contract (two migrations), built and compiled, not started."""
    project = build("express", tmp_path / "project", *write_version(tmp_path / "v1", 1))
    build("express", project, *write_version(tmp_path / "v2", 2))
    done = npm(project, "run", "build")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return project


@contextmanager
def _started(project: Path, database_url: str, count: int = 1, **env: str) -> Iterator[list[str]]:
    """`count` instances of `node dist/server.js` on `database_url`, all launched before the
    first is awaited (their start-up migrations race); their base URLs once each /readyz answers."""
    ports = [free_port() for _ in range(count)]
    with ExitStack() as stack:
        processes = []
        for port in ports:
            log = stack.enter_context((project.parent / f"server-{port}.log").open("wb"))
            process = subprocess.Popen(
                ["node", "dist/server.js"],
                cwd=project,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PORT": str(port), "DATABASE_URL": database_url, **env},
            )
            stack.callback(process.wait, timeout=15)
            stack.callback(process.terminate)
            processes.append(process)
        for port, process in zip(ports, processes, strict=True):
            problem = wait_ready(process, f"http://127.0.0.1:{port}/readyz", 120)
            log_text = (project.parent / f"server-{port}.log").read_text(errors="replace")
            assert problem is None, f"{problem}\n{log_text[-3000:]}"
        yield [f"http://127.0.0.1:{port}" for port in ports]


def test_a_schema_change_migrates_the_served_sqlite_database(
    tmp_path: Path, express_modules: Path
) -> None:
    evolve_and_serve("express", tmp_path, tmp_path / "shelf.db")


@pytest.mark.postgres
def test_a_schema_change_migrates_the_served_postgres_database(
    tmp_path: Path, express_modules: Path, postgres_database: str
) -> None:
    evolve_and_serve("express", tmp_path, postgres_database)


@pytest.mark.postgres
def test_instances_started_together_on_an_empty_database_all_come_up(
    compiled: Path, postgres_database: str
) -> None:
    with _started(compiled, postgres_database, INSTANCES) as bases:
        for base in bases:
            status, book = call("POST", f"{base}/books", {"title": "Dune", "pages": 1})
            assert status == 201, book
    applied = _psql(postgres_database, "SELECT name FROM knex_migrations ORDER BY id")
    assert applied.splitlines() == ["0001_initial.js", "0002_alter_column_books_title_and_more.js"]
    assert _psql(postgres_database, "SELECT count(*) FROM books") == str(INSTANCES)


def _sqlite_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_with_migrate_on_start_false_only_the_migrate_command_creates_the_tables(
    compiled: Path, tmp_path: Path
) -> None:
    database = tmp_path / "later.db"
    url = f"sqlite://{database}"
    with _started(compiled, url, MIGRATE_ON_START="false"):
        assert "books" not in _sqlite_tables(database)
    done = subprocess.run(
        ["npm", "run", "migrate"],
        cwd=compiled,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert {"books", "knex_migrations"} <= _sqlite_tables(database)
    with _started(compiled, url, MIGRATE_ON_START="false") as (base,):
        status, book = call("POST", f"{base}/books", {"title": "Dune", "isbn": "1", "pages": 2})
        assert status == 201, book


@pytest.mark.postgres
def test_the_migrate_command_serializes_with_starting_instances(
    compiled: Path, postgres_database: str
) -> None:
    migrate = subprocess.Popen(
        ["npm", "run", "migrate"],
        cwd=compiled,
        env={**os.environ, "DATABASE_URL": postgres_database},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    with _started(compiled, postgres_database, 2) as bases:
        assert migrate.wait(timeout=120) == 0, migrate.stdout.read() if migrate.stdout else ""
        status, book = call("POST", f"{bases[0]}/books", {"title": "Dune", "pages": 3})
        assert status == 201, book
    assert _psql(postgres_database, "SELECT count(*) FROM knex_migrations") == "2"


def test_a_database_the_earlier_runner_created_is_taken_over(
    compiled: Path, tmp_path: Path
) -> None:
    """Projects built before knex's migrator recorded their one migration in
    `contractc_migrations`; their databases keep their rows and get only the later migrations."""
    database = tmp_path / "earlier.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE contractc_migrations (name VARCHAR(255) PRIMARY KEY)")
        connection.execute("INSERT INTO contractc_migrations VALUES ('0001_schema.sql')")
        connection.execute(
            "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title VARCHAR(100) NOT NULL)"
        )
        connection.execute("INSERT INTO books (title) VALUES ('Dune')")
    with _started(compiled, f"sqlite://{database}") as (base,):
        status, book = call("GET", f"{base}/books/1")
        assert status == 200, book
        assert (book["title"], book["pages"], book.get("isbn")) == ("Dune", 0, None)
    with sqlite3.connect(database) as connection:
        applied = [name for (name,) in connection.execute("SELECT name FROM knex_migrations")]
    assert applied == ["0001_initial.js", "0002_alter_column_books_title_and_more.js"]


@pytest.mark.postgres
def test_an_enum_value_and_the_change_using_it_commit_one_after_the_other(
    tmp_path: Path, express_modules: Path, postgres_database: str
) -> None:
    """PostgreSQL refuses an enum value in the transaction that added it: the two migrations of
    this rebuild must not share one."""
    v1 = "CREATE TYPE mood AS ENUM ('happy', 'sad');\n" + V1_SQL.replace(
        "NOT NULL\n", "NOT NULL,\n    mood mood\n"
    )
    v2 = v1.replace("'sad')", "'sad', 'calm')").replace("mood mood\n", "mood mood DEFAULT 'calm'\n")
    spec, _ = write_version(tmp_path / "spec", 1)
    project = tmp_path / "project"
    for version, sql in (("v1", v1), ("v2", v2)):
        schema = tmp_path / f"{version}.sql"
        schema.write_text(sql, encoding="utf-8")
        build("express", project, spec, schema)
        done = npm(project, "run", "build")
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        with _started(project, postgres_database) as (base,):
            status, book = call("POST", f"{base}/books", {"title": "Dune"})
            assert status == 201, book
    assert len(_psql(postgres_database, "SELECT name FROM knex_migrations").splitlines()) == 3
    assert _psql(postgres_database, "SELECT count(*) FROM books WHERE mood = 'calm'") == "1"
