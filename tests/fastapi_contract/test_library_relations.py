"""The library build serves related rows as docs/relations.md says, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fastapi_contract.runs import served_copy
from tests.library_scenario import check_library_relations
from tests.postgres import POSTGRES_ENV

pytestmark = pytest.mark.e2e

API_KEY = "library-scenario-key"


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_library_relations(database: str, builds: Callable[[str], Path], tmp_path: Path) -> None:
    if database == "postgres" and not os.environ.get(POSTGRES_ENV):
        pytest.skip("no PostgreSQL configured")
    settings = {"AUTH_API_KEYS": API_KEY}
    with served_copy(builds("library"), "library", database, tmp_path, settings) as (base_url, _):
        check_library_relations(base_url, API_KEY)
