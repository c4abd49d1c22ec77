"""What every target's server does with the torture pair, asked directly over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pairs import pair_files
from tests.served import build, call, serving
from tests.torture.rows import required_row

pytestmark = pytest.mark.e2e

TARGETS = ("fastapi", "express", "gin", "spring")


@pytest.mark.parametrize("target", TARGETS)
def test_an_update_never_moves_a_row(target: str, tmp_path: Path) -> None:
    """`select` has a natural key the client sends; a PUT whose body names another key updates
    the row its path names (Schemathesis's stateful phase found rows moving away)."""
    project = build(target, tmp_path / "out", *pair_files("torture"))
    row = {**required_row("Response"), "value": "abc"}
    with serving(project, tmp_path / "torture.db") as base:
        assert call("POST", base + "/select", row)[0] == 201
        status, stored = call("PUT", base + "/select/abc", {**row, "value": "zzz"})
        assert status == 200 and stored["value"] == "abc", stored
        assert call("GET", base + "/select/abc")[0] == 200
        assert call("GET", base + "/select/zzz")[0] == 404
