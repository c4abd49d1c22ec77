"""Migrations of a served FastAPI project: SQLite table rebuilds under foreign keys, instances
starting together on PostgreSQL, and migrations as a separate deploy step."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.runner.processes import free_port, wait_ready
from tests.evolution import write_version
from tests.postgres import POSTGRES_ENV, create_database
from tests.served import TOKEN, build, call, serving

pytestmark = pytest.mark.e2e

AUTHORS = """\
CREATE TABLE authors (id SERIAL PRIMARY KEY, name VARCHAR(NAME) NOT NULL);
CREATE TABLE notes (
    id SERIAL PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES authors (id),
    body TEXT NOT NULL
);
"""

MOODS = """\
CREATE TYPE mood AS ENUM (VALUES);
CREATE TABLE moods (id SERIAL PRIMARY KEY, now mood NOT NULL);
"""
LATER_MOOD = "ALTER TABLE moods ADD COLUMN later mood NOT NULL DEFAULT 'bored';\n"


def _project_env(database: str, **settings: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database, "AUTH_TOKENS": TOKEN, **settings}


def _migrate(project: Path, database: str) -> subprocess.CompletedProcess[str]:
    """The project's own migration step, `python -m app.migrate`."""
    return subprocess.run(
        [sys.executable, "-m", "app.migrate"],
        cwd=project,
        env=_project_env(database),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _postgres_tables(url: str) -> list[str]:
    done = subprocess.run(
        ["psql", url, "-Atc", "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(done.stdout.split())


def _sqlite_tables(path: Path) -> list[str]:
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return sorted(name for (name,) in rows if not name.startswith("sqlite_"))


def _version_with_authors(work: Path, name_length: int) -> tuple[Path, Path]:
    spec, sql = write_version(work / f"authors-{name_length}", 1)
    schema = sql.read_text(encoding="utf-8") + AUTHORS.replace("NAME", str(name_length))
    sql.write_text(schema, encoding="utf-8")
    return spec, sql


def test_sqlite_rebuild_of_a_referenced_table_keeps_the_rows_pointing_at_it(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    database = tmp_path / "authors.db"
    url = f"sqlite:///{database}"
    build("fastapi", project, *_version_with_authors(tmp_path, 50))
    first = _migrate(project, url)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO authors (id, name) VALUES (1, 'Herbert')")
        db.execute("INSERT INTO notes (author_id, body) VALUES (1, 'spice')")
    build("fastapi", project, *_version_with_authors(tmp_path, 120))  # SQLite rebuilds `authors`
    second = _migrate(project, url)
    assert second.returncode == 0, second.stderr
    assert "0002" in second.stderr  # alembic logs the revision it ran
    with sqlite3.connect(database) as db:
        assert db.execute(
            "SELECT a.name, n.body FROM notes n JOIN authors a ON a.id = n.author_id"
        ).fetchall() == [("Herbert", "spice")]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert (
            "VARCHAR(120)"
            in db.execute("SELECT sql FROM sqlite_master WHERE name = 'authors'").fetchone()[0]
        )


@pytest.mark.postgres
def test_a_revision_may_use_the_enum_value_the_revision_before_added(tmp_path: Path) -> None:
    """Both pending in one run: PostgreSQL refuses a new enum value before it is committed."""
    url = create_database("fastapi_enum_values")
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    project = tmp_path / "project"
    schemas = [
        MOODS.replace("VALUES", "'happy', 'sad'"),
        MOODS.replace("VALUES", "'happy', 'sad', 'bored'"),
        MOODS.replace("VALUES", "'happy', 'sad', 'bored'") + LATER_MOOD,
    ]
    for number, schema in enumerate(schemas, start=1):
        spec, sql = write_version(tmp_path / f"moods-{number}", 1)
        sql.write_text(sql.read_text(encoding="utf-8") + schema, encoding="utf-8")
        build("fastapi", project, spec, sql)
        if number != 2:  # the second schema is built but never deployed on its own
            migrated = _migrate(project, url)
            assert migrated.returncode == 0, migrated.stderr
    assert "Running upgrade 0002 -> 0003" in migrated.stderr
    with_default = "INSERT INTO moods (now) VALUES ('sad') RETURNING later"
    done = subprocess.run(["psql", url, "-qAtc", with_default], capture_output=True, text=True)
    assert done.stdout.split() == ["bored"], done.stderr


def test_a_revision_refuses_to_be_undone_with_a_clear_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    url = f"sqlite:///{tmp_path / 'shelf.db'}"
    build("fastapi", project, *write_version(tmp_path / "v1", 1))
    build("fastapi", project, *write_version(tmp_path / "v2", 2))
    assert _migrate(project, url).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "downgrade", "0001"],
        cwd=project,
        env=_project_env(url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "revision 0002 has no downgrade" in done.stderr


@pytest.mark.postgres
def test_instances_starting_together_on_an_empty_postgres_database_all_come_up(
    tmp_path: Path,
) -> None:
    url = create_database("fastapi_together")
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    project = build("fastapi", tmp_path / "project", *write_version(tmp_path / "v1", 1))
    ports = [free_port() for _ in range(3)]
    logs = [(tmp_path / f"server-{port}.log").open("wb") for port in ports]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "app"],
            cwd=project,
            env=_project_env(url, PORT=str(port), HOST="127.0.0.1"),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            problem = wait_ready(server, f"http://127.0.0.1:{port}/readyz", 120)
            log = (tmp_path / f"server-{port}.log").read_text(errors="replace")
            assert problem is None, problem + log[-3000:]
        assert _postgres_tables(url) == ["alembic_version", "books"]
        status, book = call("POST", f"http://127.0.0.1:{ports[0]}/books", {"title": "Dune"})
        assert status == 201, book
        assert call("GET", f"http://127.0.0.1:{ports[-1]}/books/{book['id']}")[0] == 200
    finally:
        for server in servers:
            server.terminate()
        for server, log in zip(servers, logs, strict=True):
            server.wait(timeout=30)
            log.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    url = create_database("fastapi_migrate_step")
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    return url


def _tables(url: str) -> list[str]:
    if url.startswith("sqlite:///"):
        return _sqlite_tables(Path(url.removeprefix("sqlite:///")))
    return _postgres_tables(url)


def test_migrations_can_be_left_to_the_migrate_command(tmp_path: Path, empty_database: str) -> None:
    project = build("fastapi", tmp_path / "project", *write_version(tmp_path / "v1", 1))
    with serving(project, empty_database, MIGRATE_ON_START="false") as base:
        assert _tables(empty_database) == []
        migrated = _migrate(project, empty_database)
        assert migrated.returncode == 0, migrated.stderr
        assert _tables(empty_database) == ["alembic_version", "books"]
        status, book = call("POST", f"{base}/books", {"title": "Dune"})
        assert status == 201, book
