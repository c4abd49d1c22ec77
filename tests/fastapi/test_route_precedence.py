"""The routes contract: a literal route beside a templated one, and methods outside HTTP's usual set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fastapi_contract.runs import build_files, served
from tests.route_scenario import SCHEMA, SPEC, check_route_precedence

pytestmark = pytest.mark.e2e


def test_route_precedence(tmp_path: Path) -> None:
    project = build_files(SPEC, SCHEMA, tmp_path / "out")
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    with served(project, f"sqlite:///{tmp_path / 'routes.db'}", env) as base_url:
        check_route_precedence(base_url)
