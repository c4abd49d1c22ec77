"""The library build serves related rows as docs/relations.md says, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fastapi_contract.runs import copy_project, served
from tests.library_scenario import check_library_relations
from tests.postgres import create_database

pytestmark = pytest.mark.e2e

API_KEY = "library-scenario-key"


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_library_relations(database: str, builds: Callable[[str], Path], tmp_path: Path) -> None:
    if database == "postgres":
        url = create_database("fastapi_library")
        if url is None:
            pytest.skip("no PostgreSQL configured")
    else:
        url = f"sqlite:///{tmp_path / 'library.db'}"
    project = copy_project(builds("library"), tmp_path / "project")
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    env["AUTH_API_KEYS"] = API_KEY
    with served(project, url, env) as base_url:
        check_library_relations(base_url, API_KEY)
