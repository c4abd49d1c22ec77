"""A served project fills the spec's own error schema: violations in spec names, a timestamp,
and a bad path parameter of an operation without 400/422 answered with its documented 404."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from compiler.pipeline import compile_contract
from tests.fastapi.projects import render, serve, write

pytestmark = pytest.mark.e2e

SPEC = """\
openapi: 3.0.3
info: {title: Gadgets, version: 1.0.0}
paths:
  /gadgets:
    post:
      operationId: createGadget
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewGadget'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Gadget'}
        '400': {$ref: '#/components/responses/Failure'}
  /gadgets/{gadgetId}:
    get:
      operationId: getGadget
      parameters:
        - {name: gadgetId, in: path, required: true, schema: {type: integer, format: int64}}
      responses:
        '200':
          description: found
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Gadget'}
        '404': {$ref: '#/components/responses/Failure'}
components:
  responses:
    Failure:
      description: a failure
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Failure'}
  schemas:
    NewGadget:
      type: object
      additionalProperties: false
      required: [displayName, sizeCm]
      properties:
        displayName: {type: string, maxLength: 10}
        sizeCm: {type: integer, minimum: 1}
    Gadget:
      type: object
      required: [id, displayName, sizeCm]
      properties:
        id: {type: integer, format: int64}
        displayName: {type: string}
        sizeCm: {type: integer}
    Failure:
      type: object
      required: [code, message, timestamp, details]
      properties:
        code: {type: integer}
        message: {type: string}
        timestamp: {type: string, format: date-time}
        details:
          type: array
          items:
            type: object
            required: [field, message]
            properties:
              field: {type: string}
              message: {type: string}
"""

SCHEMA = """\
CREATE TABLE gadgets (
    id BIGSERIAL PRIMARY KEY,
    display_name VARCHAR(10) NOT NULL,
    size_cm INTEGER NOT NULL
);
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("failure-bodies")
    (root / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (root / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    result = compile_contract(str(root / "openapi.yaml"), [str(root / "schema.sql")])
    assert result.contract is not None, [d.message for d in result.diagnostics]
    project = write(render(result.contract), root / "project")
    with serve(project, f"sqlite:///{root / 'e2e.db'}", {}) as base:
        yield base


def _assert_recent(timestamp: str) -> None:
    assert timestamp.endswith("Z")
    moment = datetime.fromisoformat(timestamp)
    assert moment.tzinfo is not None
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=1)


def test_a_bad_body_lists_each_violation_under_the_spec_names(server: str) -> None:
    answer = httpx.post(
        server + "/gadgets", json={"displayName": "far too long a name", "sizeCm": 0, "x": 1}
    )
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["code"] == 400
    _assert_recent(body["timestamp"])
    fields = sorted(entry["field"] for entry in body["details"])
    assert fields == ["displayName", "sizeCm", "x"], body
    assert all(entry["message"] for entry in body["details"])


def test_the_branches_pydantic_tried_never_show_as_fields(server: str) -> None:
    answer = httpx.post(server + "/gadgets", json={"displayName": "ok", "sizeCm": "abc"})
    assert answer.status_code == 400, answer.text
    assert {entry["field"] for entry in answer.json()["details"]} == {"sizeCm"}


def test_a_missing_property_and_a_body_that_is_not_an_object(server: str) -> None:
    missing = httpx.post(server + "/gadgets", json={"displayName": "ok"}).json()
    assert [entry["field"] for entry in missing["details"]] == ["sizeCm"]
    whole = httpx.post(server + "/gadgets", json=[1, 2]).json()
    assert [entry["field"] for entry in whole["details"]] == [""]


def test_a_bad_path_parameter_without_a_documented_400_answers_404(server: str) -> None:
    answer = httpx.get(server + "/gadgets/abc")
    assert answer.status_code == 404, answer.text
    body = answer.json()
    assert body["code"] == 404
    _assert_recent(body["timestamp"])
    assert [entry["field"] for entry in body["details"]] == ["gadgetId"]


def test_a_failure_without_violations_has_an_empty_list(server: str) -> None:
    answer = httpx.get(server + "/gadgets/424242")
    assert answer.status_code == 404
    assert answer.json()["details"] == []
    _assert_recent(answer.json()["timestamp"])
