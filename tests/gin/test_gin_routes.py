"""The routes contract on Gin: a literal route beside a templated one that would capture it, and
methods outside HTTP's usual set (which gin's own method-not-allowed search cannot take)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gin.serving import build_gin, serving
from tests.route_scenario import SCHEMA, SPEC, check_route_precedence

pytestmark = pytest.mark.e2e


def test_route_precedence(tmp_path: Path) -> None:
    project = build_gin(SPEC, SCHEMA, tmp_path / "routes")
    with serving(project, f"sqlite:///{tmp_path / 'routes.db'}") as base:
        check_route_precedence(base)
