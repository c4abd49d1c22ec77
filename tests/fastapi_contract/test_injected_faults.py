"""A server broken on purpose fails `contractc test`, and for the reason it was broken."""

from __future__ import annotations

import pytest

from tests.fastapi_contract.runs import RunResult

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("run", "finding"),
    [
        ("fault-delete-keeps-row", "Deleted resource still available"),
        ("fault-auth-removed", "API accepts requests without authentication"),
        ("fault-wrong-status", "Undocumented status code"),
    ],
)
def test_injected_fault_is_caught(run: str, finding: str, run_result: RunResult) -> None:
    assert run_result.returncode == 1, run_result.output[-4000:]
    assert finding in run_result.output, run_result.output[-4000:]
    assert "failed" in run_result.summary, run_result.summary
