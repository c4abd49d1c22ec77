"""The PostgreSQL server the tests may use: `.ci/postgres.sh` starts one and exports its URL."""

from __future__ import annotations

import os
import subprocess
import threading
import uuid

import pytest

POSTGRES_ENV = "CONTRACTC_TEST_POSTGRES_URL"

# The test being set up or run, and how many module- or session-scoped fixtures are being set up
# (conftest keeps both current), so that a test reaching for the server without the `postgres`
# marker is caught even where no server is configured. Shared fixtures and their worker threads
# serve several tests, so there the marker is the tests' own business.
current_test: pytest.Item | None = None
shared_fixtures_in_setup = 0


def _require_marker() -> None:
    if threading.current_thread() is not threading.main_thread() or shared_fixtures_in_setup:
        return
    if current_test is not None and current_test.get_closest_marker("postgres") is None:
        pytest.fail(f"{current_test.nodeid} uses PostgreSQL but is not marked `postgres`")


def postgres_server_url() -> str | None:
    """The test server's URL, or None when no PostgreSQL is configured."""
    _require_marker()
    return os.environ.get(POSTGRES_ENV) or None


def create_database(prefix: str) -> str | None:
    """A new, empty database named `<prefix>_<random>` on the test server; its URL (None without one).

    Every test that talks to PostgreSQL gets a database of its own, so rows written by one test,
    or by an earlier run, never change what another sees.
    """
    base = postgres_server_url()
    if base is None:
        return None
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    subprocess.run(
        ["psql", base, "-qc", f'CREATE DATABASE "{name}"'], check=True, capture_output=True
    )
    return base.rsplit("/", 1)[0] + "/" + name


def run_in_scratch_schema(url: str, script: str, timeout: float = 120) -> str:
    """The rows (unaligned, tuples only) `script` prints when run in a new schema of its own,
    dropped afterwards; the schema's name reads SCHEMA in them. Fails the test on any error."""
    schema = f"contractc_scratch_{uuid.uuid4().hex[:8]}"
    done = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-At", "-f", "-"],
        input=f"CREATE SCHEMA {schema};\nSET search_path = {schema}, public;\n{script}\n"
        f"DROP SCHEMA {schema} CASCADE;\n",
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.replace(schema, "SCHEMA")
