"""`--target fastapi,gin` and `--target all`: one folder per target, rendered in parallel, same bytes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main
from compiler.output.manifest import read_manifest
from compiler.targets import available_targets
from tests.drift.variants import CLINIC, rendered

SPEC = [str(CLINIC / "openapi.yaml"), str(CLINIC / "schema.sql")]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_two_targets_get_a_folder_each_and_a_json_summary(tmp_path: Path) -> None:
    code, out, err = cli(
        "build", *SPEC, "--target", "gin,fastapi", "--out", str(tmp_path), "--format", "json"
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["ok"] and summary["written"]
    assert [t["target"] for t in summary["targets"]] == ["gin", "fastapi"]
    for name in ("gin", "fastapi"):
        assert read_manifest(tmp_path / name).target == name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fastapi", "gin"]
    assert err == ""  # no progress display outside a terminal
    code, out, _ = cli(
        "drift", *SPEC, "--target", "fastapi,gin", "--out", str(tmp_path), "--format", "json"
    )
    assert code == 0 and json.loads(out)["diagnostics"] == []


def test_all_targets_render_in_parallel_to_the_same_bytes_as_one_by_one(tmp_path: Path) -> None:
    code, _, err = cli("build", *SPEC, "--target", "all", "--out", str(tmp_path))
    assert code == 0, err
    for name in available_targets():
        for file in rendered(name, "clinic"):
            assert (tmp_path / name / file.path).read_text(encoding="utf-8") == file.content
    code, out, _ = cli(
        "drift", *SPEC, "--target", "all", "--out", str(tmp_path), "--format", "json"
    )
    assert code == 0 and json.loads(out)["diagnostics"] == []
