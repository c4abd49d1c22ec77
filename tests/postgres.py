"""The PostgreSQL server the tests may use: `.ci/postgres.sh` starts one and exports its URL."""

from __future__ import annotations

import os
import subprocess
import uuid

POSTGRES_ENV = "CONTRACTC_TEST_POSTGRES_URL"


def postgres_server_url() -> str | None:
    """The test server's URL, or None when no PostgreSQL is configured."""
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
