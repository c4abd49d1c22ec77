"""A schema change after the first deploy: the FastAPI project appends an Alembic revision and the
server, rebuilt into the same folder, upgrades the database it already served (tests/evolution.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evolution import evolve_and_serve
from tests.postgres import POSTGRES_ENV, create_database

pytestmark = pytest.mark.e2e


def test_rebuilt_project_upgrades_its_sqlite_database(tmp_path: Path) -> None:
    evolve_and_serve("fastapi", tmp_path, tmp_path / "shelf.db")


@pytest.mark.postgres
def test_rebuilt_project_upgrades_its_postgres_database(tmp_path: Path) -> None:
    url = create_database("fastapi_evolution")
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    evolve_and_serve("fastapi", tmp_path, url)
