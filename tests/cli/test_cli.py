"""The command line as a user meets it: exit codes, formats, bad input, build and drift."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main

ROOT = Path(__file__).resolve().parents[2]
PETSTORE = [
    str(ROOT / "contracts/petstore/openapi.yaml"),
    str(ROOT / "contracts/petstore/schema.sql"),
]
DEFECTS = [str(ROOT / "contracts/defects/openapi.yaml"), str(ROOT / "contracts/defects/schema.sql")]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_clean_contract_exits_0() -> None:
    code, out, _ = cli("check", *PETSTORE)
    assert code == 0
    assert "0 error(s)" in out


def test_contract_errors_exit_1_with_located_diagnostics() -> None:
    code, out, _ = cli("check", *DEFECTS)
    assert code == 1
    assert "openapi.yaml:" in out and "error[CC104]" in out and "= hint:" in out


def test_missing_file_exits_2_without_traceback() -> None:
    code, out, err = cli("check", "does-not-exist.yaml")
    assert code == 2
    assert "CC001" in out + err
    assert "Traceback" not in out + err


def test_json_format_lists_operations_with_kind_and_table() -> None:
    code, out, _ = cli("check", *PETSTORE, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True
    ops = {o["operationId"]: o for o in doc["operations"]}
    assert ops["listPets"] == {
        "operationId": "listPets",
        "method": "GET",
        "path": "/pets",
        "kind": "list",
        "table": "pets",
        "evidence": [
            "table pets: /pets is its name",
            "response rows: 6 of 6 properties are columns of pets",
        ],
    }
    assert {o["kind"] for o in doc["operations"]} <= {
        "list",
        "create",
        "read",
        "replace",
        "patch",
        "delete",
        "custom",
    }


def test_sarif_format_is_valid_json_with_results() -> None:
    code, out, _ = cli("check", *DEFECTS, "--format", "sarif")
    log = json.loads(out)
    assert code == 1
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]


def test_ir_is_deterministic_json() -> None:
    first, second = cli("ir", *PETSTORE), cli("ir", *PETSTORE)
    assert first == second
    assert json.loads(first[1])["api"]["operations"]


def test_schema_infers_ddl_from_the_spec_alone() -> None:
    code, out, _ = cli("schema", PETSTORE[0])
    assert code == 0
    assert "CREATE TABLE" in out and "pets" in out


def test_unknown_target_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = cli("build", *PETSTORE, "--target", "cobol", "--out", str(tmp_path / "out"))
    assert code == 2
    assert "unknown target cobol" in err


def test_version_and_targets() -> None:
    assert cli("--version")[1].startswith("contractc, version ")
    code, out, _ = cli("targets")
    assert code == 0 and "fastapi" in out


def test_build_then_drift_then_hand_edit(tmp_path: Path) -> None:
    out = tmp_path / "backend"
    code, _, err = cli("build", *PETSTORE, "--target", "fastapi", "--out", str(out))
    assert code == 0, err
    assert (out / "contractc-manifest.json").exists()
    assert cli("drift", *PETSTORE, "--target", "fastapi", "--out", str(out))[0] == 0

    victim = next(p for p in sorted(out.rglob("*.py")) if "custom" not in p.parts)
    victim.write_text(victim.read_text() + "\n# edited\n")
    code, _, err = cli("drift", *PETSTORE, "--target", "fastapi", "--out", str(out))
    assert code == 1 and "CC511" in err

    code, _, err = cli("build", *PETSTORE, "--target", "fastapi", "--out", str(out))
    assert code == 1 and "not overwritten" in err
    assert victim.read_text().endswith("# edited\n")


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "backend"
    code, stdout, _ = cli("build", *PETSTORE, "--target", "fastapi", "--out", str(out), "--dry-run")
    assert code == 0 and "would write" in stdout
    assert not out.exists()


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", b"openapi: [unclosed", b""])
def test_console_script_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(content)
    proc = subprocess.run(
        [sys.executable, "-m", "compiler.cli", "check", str(spec)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode in (1, 2)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "error[CC" in proc.stdout + proc.stderr


def test_an_emitter_bug_is_reported_without_traceback_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from emitters.fastapi import FastAPIEmitter

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(FastAPIEmitter, "render", broken)
    out = tmp_path / "backend"
    code, _, err = cli("build", *PETSTORE, "--target", "fastapi", "--out", str(out))
    assert code == 2
    assert "error[CC599]" in err and "boom" in err and "Traceback" not in err
    assert not out.exists()


def test_spec_alone_is_validated_but_not_checked_against_inferred_tables() -> None:
    code, out, _ = cli("check", PETSTORE[0])
    assert code == 0
    assert "info[CC405]: no SQL given" in out
    assert "error[" not in out
