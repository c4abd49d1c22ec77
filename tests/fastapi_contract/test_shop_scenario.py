"""The shop build enforces scopes, sorts lists as asked and soft-deletes, on SQLite and
PostgreSQL: the scenario every target passes (tests/shop_scenario.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fastapi_contract.runs import served_copy
from tests.postgres import POSTGRES_ENV
from tests.shop_scenario import SERVER_ENV, check_shop

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_shop_scenario(database: str, builds: Callable[[str], Path], tmp_path: Path) -> None:
    if database == "postgres" and not os.environ.get(POSTGRES_ENV):
        pytest.skip("no PostgreSQL configured")
    with served_copy(builds("shop"), "shop", database, tmp_path, SERVER_ENV) as (base_url, stored):
        check_shop(base_url, stored)
