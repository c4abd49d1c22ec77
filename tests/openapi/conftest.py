"""Shared helpers for the OpenAPI front-end tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openapi_test_helpers import Checked, check_file


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder (parsed YAML, validation findings)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CONTRACTC_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def check() -> Callable[..., Checked]:
    """check(path, validate=True) -> (document or None, sorted diagnostics)."""
    return check_file


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
