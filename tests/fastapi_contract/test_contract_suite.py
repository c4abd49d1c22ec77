"""`contractc test` passes with zero failures for every pair, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.run_result import RunResult

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "run",
    [
        "petstore-sqlite",
        "clinic-sqlite",
        "library-sqlite",
        "torture-sqlite",
        "shop-sqlite",
        pytest.param("petstore-postgres", marks=pytest.mark.postgres),
        pytest.param("clinic-postgres", marks=pytest.mark.postgres),
        pytest.param("library-postgres", marks=pytest.mark.postgres),
        pytest.param("torture-postgres", marks=pytest.mark.postgres),
        pytest.param("shop-postgres", marks=pytest.mark.postgres),
    ],
)
def test_contract_suite_passes(run: str, run_result: RunResult) -> None:
    assert run_result.returncode == 0, run_result.output[-6000:]
    assert " passed" in run_result.summary and "failed" not in run_result.summary, (
        run_result.summary
    )
