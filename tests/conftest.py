"""Shared test configuration: the real-world corpus, skipped cleanly when it is absent."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder (../shared/corpus beside the checkout); skips the test when absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def fresh_postgres_database() -> Callable[[str], str | None]:
    """Create an empty database on the test server and return its URL (None when none is set).

    Every test that talks to PostgreSQL gets a database of its own, so rows written by one test,
    or by an earlier run, never change what another sees.
    """
    base = os.environ.get("CONTRACTC_TEST_POSTGRES_URL")

    def create(prefix: str) -> str | None:
        if not base:
            return None
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        subprocess.run(
            ["psql", base, "-qc", f'CREATE DATABASE "{name}"'], check=True, capture_output=True
        )
        return base.rsplit("/", 1)[0] + "/" + name

    return create
