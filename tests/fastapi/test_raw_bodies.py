"""The raw-bodies contract: bodies that are neither JSON nor an object form reach the user's
handler as the bytes sent, and a required one must be sent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fastapi_contract.runs import build_files, served
from tests.raw_body_scenario import SCHEMA, SPEC, check_raw_bodies

pytestmark = pytest.mark.e2e

HANDLER = '''\
"""Custom operations of `{module}`: answer what arrived."""

from __future__ import annotations

from typing import Any

from app.custom import CustomCall


async def {function}(call: CustomCall) -> Any:
    """Echo the length and media type of the raw body."""
    return {{"length": len(call.body), "contentType": call.request.headers["content-type"]}}
'''


def test_raw_bodies_reach_the_handler(tmp_path: Path) -> None:
    project = build_files(SPEC, SCHEMA, tmp_path / "out")
    for module, function in (
        ("notes", "post_note"),
        ("blobs", "post_blob"),
        ("media", "upload_media"),
    ):
        handler = project / "app" / "custom" / f"{module}.py"
        handler.write_text(HANDLER.format(module=module, function=function), encoding="utf-8")
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    with served(project, f"sqlite:///{tmp_path / 'raw.db'}", env) as base_url:
        check_raw_bodies(base_url)
