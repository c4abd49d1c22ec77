"""The policy on the command line: --ignore/--warn/--error/--strict, project files, and build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEFECTS = ROOT / "contracts/defects"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def books(tmp_path: Path) -> list[str]:
    """A small contract with one CC104 error (title too long) and CC109 warnings only otherwise."""
    (tmp_path / "openapi.yaml").write_text(
        """\
openapi: 3.1.0
info: {title: Books, version: "1"}
paths:
  /books:
    post:
      operationId: createBook
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [title]
              properties:
                title: {type: string, maxLength: 200}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: integer}
                  title: {type: string}
"""
    )
    (tmp_path / "schema.sql").write_text(
        "CREATE TABLE books (\n  id BIGSERIAL PRIMARY KEY,\n  title VARCHAR(100) NOT NULL\n);\n"
    )
    return [str(tmp_path / "openapi.yaml"), str(tmp_path / "schema.sql")]


def test_warn_downgrades_an_error_and_check_passes(books: list[str]) -> None:
    assert cli("check", *books)[0] == 1
    code, out, _ = cli("check", *books, "--warn", "CC104")
    assert code == 0
    assert "warning[CC104]" in out and "0 error(s)" in out


def test_ignore_silences_and_error_promotes(books: list[str]) -> None:
    code, out, _ = cli("check", *books, "--ignore", "CC104,CC109")
    assert code == 0 and "CC104" not in out and "CC109" not in out
    code, out, _ = cli("check", *books, "--ignore", "CC104", "--error", "CC109")
    assert code == 1 and "error[CC109]" in out


def test_strict_fails_on_warnings(books: list[str]) -> None:
    assert cli("check", *books, "--ignore", "CC104")[0] == 0
    code, out, _ = cli("check", *books, "--ignore", "CC104", "--strict")
    assert code == 1 and "error[CC109]" in out and "warning[" not in out


def test_json_and_sarif_carry_the_rewritten_severity(books: list[str]) -> None:
    _, out, _ = cli("check", *books, "--warn", "CC104", "--format", "json")
    doc = json.loads(out)
    assert doc["ok"] is True
    assert {d["severity"] for d in doc["diagnostics"] if d["code"] == "CC104"} == {"warning"}
    _, out, _ = cli("check", *books, "--warn", "CC104", "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert {r["level"] for r in results if r["ruleId"] == "CC104"} == {"warning"}


@pytest.mark.parametrize("command", ["check", "build", "drift", "ir"])
def test_an_unknown_code_is_a_usage_error_on_every_command(
    books: list[str], tmp_path: Path, command: str
) -> None:
    output = ["--target", "fastapi", "--out", str(tmp_path / "o")]
    extra = output if command in ("build", "drift") else []
    code, out, err = cli(command, *books, *extra, "--ignore", "CC1O4")
    assert code == 2
    assert "unknown diagnostic code 'CC1O4'" in out + err
    assert "Traceback" not in out + err


def test_project_file_beside_the_spec_applies(books: list[str], tmp_path: Path) -> None:
    (tmp_path / "contractc.toml").write_text('warn = ["CC104"]\n')
    assert cli("check", *books)[0] == 0
    assert cli("check", *books, "--error", "CC104")[0] == 1


def test_a_broken_project_file_is_a_usage_error(books: list[str], tmp_path: Path) -> None:
    (tmp_path / "contractc.toml").write_text('ignore = ["CC104"\n')
    code, _, err = cli("check", *books)
    assert code == 2
    assert "contractc.toml: invalid TOML" in err and "Traceback" not in err


def test_build_refuses_on_errors_and_proceeds_when_they_are_downgraded(
    books: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, err = cli("build", *books, "--target", "fastapi", "--out", str(out), "--dry-run")
    assert code == 1 and "error[CC104]" in err
    code, stdout, err = cli(
        "build", *books, "--target", "fastapi", "--out", str(out), "--dry-run", "--warn", "CC104"
    )
    assert code == 0, err
    assert "warning[CC104]" in err and "would write" in stdout


def test_strict_build_refuses_on_warnings(books: list[str], tmp_path: Path) -> None:
    code, _, err = cli(
        "build",
        *books,
        *("--target", "fastapi", "--out", str(tmp_path / "out"), "--dry-run"),
        *("--ignore", "CC104", "--strict"),
    )
    assert code == 1 and "error[CC109]" in err


def test_defects_pair_builds_once_its_errors_are_downgraded(tmp_path: Path) -> None:
    pair = tmp_path / "defects"
    shutil.copytree(DEFECTS, pair)
    inputs = [str(pair / "openapi.yaml"), str(pair / "schema.sql")]
    code, out, _ = cli("check", *inputs, "--format", "json")
    errors = sorted({d["code"] for d in json.loads(out)["diagnostics"] if d["severity"] == "error"})
    assert code == 1 and errors
    (pair / "contractc.toml").write_text(f"warn = {json.dumps(errors)}\n")
    assert cli("check", *inputs)[0] == 0
    build = ["build", *inputs, "--target", "fastapi", "--out", str(tmp_path / "out"), "--dry-run"]
    code, stdout, err = cli(*build)
    assert code == 0, err
    assert "would write" in stdout


def test_ir_honours_the_policy(books: list[str]) -> None:
    assert cli("ir", *books)[0] == 1
    code, out, _ = cli("ir", *books, "--warn", "CC104")
    assert code == 0 and json.loads(out)["api"]["operations"]


def test_drift_findings_follow_the_policy(books: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = ["--target", "fastapi", "--out", str(out), "--warn", "CC104"]
    assert cli("build", *books, *target)[0] == 0
    (out / "README.md").unlink()
    code, _, err = cli("drift", *books, *target)
    assert code == 1 and "error[CC512]" in err
    code, _, err = cli("drift", *books, *target, "--warn", "CC512")
    assert code == 0 and "warning[CC512]" in err
