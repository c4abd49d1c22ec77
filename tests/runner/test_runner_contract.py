"""`test_server` end to end: a hand-made generated project, real HTTP, real Schemathesis.

The correct server must pass; each injected fault must make the contract tests fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler import runner
from tests.contract_tests.sample_api import FAULTS, write_sample_project

pytestmark = pytest.mark.e2e


def test_correct_server_passes(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    project = write_sample_project(tmp_path / "out")
    assert runner.test_server(project, database_url=None) == 0
    assert "passed" in capfd.readouterr().out


# The Schemathesis finding each fault must produce.
_FINDINGS = {
    "delete_keeps_row": "Deleted resource still available",
    "create_answers_200": "Undocumented status code",
    "auth_not_checked": "API accepts requests without authentication",
}


@pytest.mark.parametrize("fault", FAULTS)
def test_injected_fault_fails(
    tmp_path: Path, fault: str, capfd: pytest.CaptureFixture[str]
) -> None:
    project = write_sample_project(tmp_path / "out", fault=fault)
    assert runner.test_server(project, database_url=None) == 1
    out = capfd.readouterr().out
    assert "failed" in out
    assert _FINDINGS[fault] in out
