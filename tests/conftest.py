"""Shared test configuration: the real-world corpus, skipped cleanly when it is absent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.postgres import create_database

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder (../shared/corpus beside the checkout); skips the test when absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def fresh_postgres_database() -> Callable[[str], str | None]:
    """`create(prefix)`: an empty database of its own on the test server, or None without one."""
    return create_database
