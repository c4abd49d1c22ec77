"""The upload contract: a multipart body is validated as a form before the user's handler runs,
and its contract suite, which has no links, passes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fastapi_contract.runs import build_files, contractc, served
from tests.form_scenario import SCHEMA, SPEC, check_form_bodies

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_files(SPEC, SCHEMA, tmp_path_factory.mktemp("upload") / "out")


def test_forms_are_validated_before_the_handler(project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    with served(project, f"sqlite:///{tmp_path / 'upload.db'}", env) as base_url:
        check_form_bodies(base_url)


def test_own_tests_pass(project: Path) -> None:
    """The generated cases send JSON; a form operation's 501 case must not be one of them."""
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    done = contractc("test", str(project), "--unit", env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_contract_suite_passes_without_links(project: Path) -> None:
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    env.pop("PYTEST_ADDOPTS", None)
    done = contractc("test", str(project), env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "TestWorkflow" not in (project / "contract-tests" / "test_contract.py").read_text()
