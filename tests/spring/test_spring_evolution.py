"""The schema changes after the first deploy: the Spring project appends a Flyway migration.

`tests/evolution.py` builds v1, serves it and stores a row, rebuilds v2 into the same folder and
serves it on the same database (SQLite, then PostgreSQL when configured). Skipped when java or
mvn is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.evolution import evolve_and_serve
from tests.spring.spring_projects import toolchain_missing

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _toolchain() -> None:
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)


def test_evolution_on_sqlite(tmp_path: Path) -> None:
    evolve_and_serve("spring", tmp_path, tmp_path / "app.db")


@pytest.mark.postgres
def test_evolution_on_postgres(
    tmp_path: Path, fresh_postgres_database: Callable[[str], str | None]
) -> None:
    url = fresh_postgres_database("spring_evolution")
    if url is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")
    evolve_and_serve("spring", tmp_path, url)
