"""Regeneration safety on the fastapi target (the behaviours live in behaviours.py)."""

from __future__ import annotations

import pytest

from tests.drift.behaviours import *  # noqa: F403  (the shared tests, collected for this target)


@pytest.fixture
def target() -> str:
    return "fastapi"
