"""An invalid document is still bound and type-checked: one run reports every error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import compiler.pipeline
from compiler.cli import main
from compiler.pipeline import compile_contract

SQL = "CREATE TABLE pets (\n  id BIGSERIAL PRIMARY KEY,\n  name VARCHAR(10) NOT NULL\n);\n"

# the 200 response has no `description` (CC201), and name is longer than its column (CC104)
INVALID_SPEC = """\
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Pet'}
    post:
      operationId: createPet
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        "201": {description: created}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, maxLength: 50}
"""


def write(tmp_path: Path, spec: str) -> list[str]:
    (tmp_path / "openapi.yaml").write_text(spec)
    (tmp_path / "schema.sql").write_text(SQL)
    return [str(tmp_path / "openapi.yaml"), str(tmp_path / "schema.sql")]


def test_validation_errors_and_type_errors_are_reported_together(tmp_path: Path) -> None:
    spec, sql = write(tmp_path, INVALID_SPEC)
    result = compile_contract(spec, [sql])
    found = {d.code for d in result.diagnostics if d.is_error}
    assert {"CC201", "CC104"} <= found
    assert not result.ok
    assert result.contract is not None
    bound = {op.operation_id: op.table for op in result.contract.api.operations}
    assert bound == {"listPets": "pets", "createPet": "pets"}


def test_check_json_lists_the_operations_of_an_invalid_document(tmp_path: Path) -> None:
    args = write(tmp_path, INVALID_SPEC)
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert result.exit_code == 1
    assert '"operationId": "createPet"' in result.stdout


def test_build_still_refuses_an_invalid_document(tmp_path: Path) -> None:
    args = write(tmp_path, INVALID_SPEC)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", *args, "--target", "fastapi", "--out", str(out), "--warn", "CC104"]
    )
    assert result.exit_code == 1 and "error[CC201]" in result.stderr
    assert not out.exists()


def test_a_document_without_usable_paths_stops_after_validation(tmp_path: Path) -> None:
    spec, sql = write(tmp_path, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: [1, 2]\n")
    result = compile_contract(spec, [sql])
    assert result.contract is None
    assert any(d.code == "CC201" and d.is_error for d in result.diagnostics)


def test_a_stage_broken_by_the_invalid_parts_stops_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_binder(*_args: object) -> None:
        raise KeyError("responses")

    monkeypatch.setattr(compiler.pipeline, "bind_api", broken_binder)
    spec, sql = write(tmp_path, INVALID_SPEC)
    result = compile_contract(spec, [sql])
    assert result.contract is None
    notes = [d for d in result.diagnostics if d.code == "CC201" and not d.is_error]
    assert len(notes) == 1 and "stopped early (KeyError)" in notes[0].message


def test_a_stage_that_breaks_on_a_valid_document_is_a_bug_and_surfaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_binder(*_args: object) -> None:
        raise KeyError("responses")

    monkeypatch.setattr(compiler.pipeline, "bind_api", broken_binder)
    valid = INVALID_SPEC.replace('"200":\n', '"200":\n          description: ok\n')
    spec, sql = write(tmp_path, valid)
    with pytest.raises(KeyError):
        compile_contract(spec, [sql])


def test_no_invalid_corpus_document_crashes_the_analysis(corpus: Path, tmp_path: Path) -> None:
    folder = corpus / "bad-input" / "mermade-3.0-fail"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    (tmp_path / "schema.sql").write_text(SQL)
    analysed = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".json"):
            continue
        result = compile_contract(str(path), [str(tmp_path / "schema.sql")], bundle=False)
        assert not any(d.code == "CC201" and not d.is_error for d in result.diagnostics), path
        analysed += result.contract is not None
    assert analysed >= 90  # nearly every invalid document is still bound and type-checked
