"""`contractc check --explain OPERATION_ID`: why an operation was bound as it was, or not."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main

ROOT = Path(__file__).resolve().parents[2]
PETSTORE = [
    str(ROOT / "contracts/petstore/openapi.yaml"),
    str(ROOT / "contracts/petstore/schema.sql"),
]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_explain_says_why_an_operation_is_bound() -> None:
    code, out, _ = cli("check", *PETSTORE, "--explain", "showPetById")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "showPetById: GET /pets/{petId} is bound as read on table pets, because"
    assert "  - table pets: /pets is its name" in lines
    assert any(line.startswith("  - key {petId}: column pets.id") for line in lines)


def test_explain_takes_method_and_path_too() -> None:
    code, out, _ = cli("check", *PETSTORE, "--explain", "DELETE /pets/{petId}")
    assert code == 0 and out.startswith("deletePet: DELETE /pets/{petId} is bound as delete")


def test_explain_says_why_an_operation_is_not_bound(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n"
        "  /search:\n    post:\n      operationId: search\n"
        "      responses: {'200': {description: ok}}\n",
        encoding="utf-8",
    )
    sql = tmp_path / "schema.sql"
    sql.write_text("CREATE TABLE search (id BIGSERIAL PRIMARY KEY, q TEXT);\n", encoding="utf-8")
    code, out, _ = cli("check", str(spec), str(sql), "--explain", "search")
    assert code == 0
    assert out.splitlines()[:2] == [
        "search: POST /search is custom (handler search()): not bound to a table, because",
        "  - /search names an action, not a collection",
    ]


def test_explain_of_an_unknown_operation_exits_2() -> None:
    code, _, err = cli("check", *PETSTORE, "--explain", "nope")
    assert code == 2
    assert "no operation 'nope' in the spec" in err
