"""`drift` trusts a manifest whose render fingerprint is current and whose files keep their hashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler import build as build_module
from compiler.cli import main
from compiler.output.manifest import read_manifest
from tests.drift.user_code_cases import HOOK_CASES
from tests.drift.variants import CLINIC

SPEC = [str(CLINIC / "openapi.yaml"), str(CLINIC / "schema.sql")]


def drift(out: Path) -> tuple[int, list[str]]:
    args = ["drift", *SPEC, "--target", "fastapi", "--out", str(out), "--format", "json"]
    result = CliRunner().invoke(main, args)
    return result.exit_code, [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def test_an_up_to_date_folder_is_checked_without_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "backend"
    args = ["build", *SPEC, "--target", "fastapi", "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert read_manifest(out).fingerprint
    renders: list[str] = []
    real_render = build_module._render_project

    def counting_render(contract: object, target: str) -> object:
        renders.append(target)
        return real_render(contract, target)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "_render_project", counting_render)
    assert drift(out) == (0, [])
    assert renders == []

    HOOK_CASES["fastapi"].apply(out)  # user code is checked on the fast path too
    assert drift(out) == (1, ["CC514"])
    assert renders == []

    edited = out / "app/main.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# by hand\n", encoding="utf-8")
    assert drift(out) == (1, ["CC514", "CC511"])  # sorted by file: app/hooks before app/main
    assert renders == ["fastapi"]  # any mismatch falls back to a full render
