"""`x-contractc-ignore` on an operation or a schema, and the policy applied by the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.openapi.ignores import spec_ignores
from compiler.openapi.loader import load_document
from compiler.pipeline import compile_contract
from compiler.policy import DEFAULT_POLICY, CodeAction, Policy

SQL = """\
CREATE TABLE books (
  id BIGSERIAL PRIMARY KEY,
  title VARCHAR(100) NOT NULL,
  isbn VARCHAR(13) NOT NULL
);
"""


def spec(operation_ignore: str = "", schema_ignore: str = "") -> str:
    return f"""\
openapi: 3.1.0
info: {{title: Books, version: "1"}}
paths:
  /books:
    post:
      operationId: createBook
      {operation_ignore}
      requestBody:
        required: true
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Book'}}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Book'}}
        "400": {{description: invalid}}
        "409": {{description: conflict}}
components:
  schemas:
    Book:
      type: object
      {schema_ignore}
      required: [title]  # an optional title would be CC112 (NOT NULL column without a default)
      properties:
        id: {{type: integer, readOnly: true}}
        title: {{type: string, maxLength: 200}}
"""


def codes(tmp_path: Path, text: str, policy: Policy = DEFAULT_POLICY) -> dict[str, str]:
    (tmp_path / "openapi.yaml").write_text(text)
    (tmp_path / "schema.sql").write_text(SQL)
    result = compile_contract(
        str(tmp_path / "openapi.yaml"), [str(tmp_path / "schema.sql")], policy=policy
    )
    return {d.code: d.severity.value for d in result.diagnostics}


def test_without_ignores_both_defects_are_errors(tmp_path: Path) -> None:
    assert codes(tmp_path, spec()) == {"CC102": "error", "CC104": "error"}


def test_ignore_on_the_schema_silences_findings_inside_it(tmp_path: Path) -> None:
    found = codes(tmp_path, spec(schema_ignore="x-contractc-ignore: [CC104]"))
    assert found == {"CC102": "error"}


def test_ignore_on_the_operation_silences_a_finding_about_it_located_in_the_sql(
    tmp_path: Path,
) -> None:
    found = codes(tmp_path, spec(operation_ignore="x-contractc-ignore: [CC102]"))
    assert found == {"CC104": "error"}


def test_ignore_on_the_operation_does_not_reach_into_a_referenced_schema(tmp_path: Path) -> None:
    found = codes(tmp_path, spec(operation_ignore="x-contractc-ignore: [CC104]"))
    assert found == {"CC102": "error", "CC104": "error"}


@pytest.mark.parametrize("value", ["[CC104, CC999]", "CC104", "[42]"])
def test_a_bad_ignore_value_is_a_warning_and_known_codes_still_apply(
    tmp_path: Path, value: str
) -> None:
    found = codes(tmp_path, spec(schema_ignore=f"x-contractc-ignore: {value}"))
    assert found["CC208"] == "warning"
    assert ("CC104" in found) is (value == "[42]")


def test_pipeline_result_is_ok_when_only_downgraded_findings_remain(tmp_path: Path) -> None:
    policy = Policy({"CC102": CodeAction.WARN, "CC104": CodeAction.IGNORE})
    assert codes(tmp_path, spec(), policy) == {"CC102": "warning"}
    result = compile_contract(
        str(tmp_path / "openapi.yaml"), [str(tmp_path / "schema.sql")], policy=policy
    )
    assert result.ok and result.contract is not None


def test_scopes_are_found_inside_lists_and_under_escaped_keys(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a/{id}:\n"
        "    get:\n"
        "      x-contractc-ignore: [CC104]\n"
        "      responses: {'200': {description: ok}}\n"
        "components:\n"
        "  schemas:\n"
        "    S:\n"
        "      allOf:\n"
        "        - type: object\n"
        "          x-contractc-ignore: [CC102]\n"
        "          properties: {n: {type: integer}}\n"
    )
    sink = DiagnosticSink()
    document = load_document(str(path), sink)
    assert document is not None
    ignores = spec_ignores(document, sink)
    at = document.locate

    def silenced(pointer: str) -> frozenset[str]:
        return ignores.codes_at.get(at(pointer), frozenset())

    assert silenced("/paths/~1a~1{id}/get/responses") == {"CC104"}
    assert silenced("/components/schemas/S/allOf/0/properties/n") == {"CC102"}
    assert silenced("/components/schemas/S") == frozenset()
    assert not sink.sorted()
