"""The clinic checked as a user would: `contractc run`, then the Schemathesis CLI on the original spec.

The user has written the one custom handler (completeVisit); every built-in check is on.
"""

from __future__ import annotations

import pytest

from tests.run_result import RunResult

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("run", ["clinic-schemathesis-cli"])
def test_schemathesis_cli_finds_nothing(run: str, run_result: RunResult) -> None:
    assert run_result.returncode == 0, run_result.output[-6000:]
    assert "FAILURES" not in run_result.output, run_result.output[-6000:]
