"""A spec's own error schema on Gin: violations listed under the spec's names, a real timestamp,
a bad path parameter of an operation documenting no 400/422 answered with its 404, and a
failure without violations filling the list the schema requires (`minItems: 1`)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.gin.serving import build_gin, serving

pytestmark = pytest.mark.e2e

SPEC = """\
openapi: 3.0.3
info: {title: Kennel, version: "1.0"}
paths:
  /kennels:
    post:
      operationId: createKennel
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/KennelInput"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Kennel"}
        "400": {$ref: "#/components/responses/Problem"}
        "409": {$ref: "#/components/responses/Problem"}
  /kennels/{kennelId}:
    get:
      operationId: getKennel
      parameters:
        - {name: kennelId, in: path, required: true, schema: {type: integer, format: int64}}
      responses:
        "200":
          description: found
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Kennel"}
        "404": {$ref: "#/components/responses/Problem"}
components:
  responses:
    Problem:
      description: a failure
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Failure"}
  schemas:
    Failure:
      type: object
      required: [code, message, timestamp, details]
      properties:
        code: {type: integer}
        message: {type: string}
        timestamp: {type: string, format: date-time}
        details:
          type: array
          minItems: 1
          items:
            type: object
            required: [field, message]
            properties:
              field: {type: string}
              message: {type: string}
    Dog:
      type: object
      required: [dogName]
      properties:
        dogName: {type: string, minLength: 1}
    KennelInput:
      type: object
      additionalProperties: false
      required: [kennelName, dogs]
      properties:
        kennelName: {type: string, maxLength: 10}
        dogs: {type: array, items: {$ref: "#/components/schemas/Dog"}}
    Kennel:
      type: object
      properties:
        id: {type: integer, format: int64}
        kennelName: {type: string}
        dogs: {type: array, items: {$ref: "#/components/schemas/Dog"}}
"""
SCHEMA = """\
CREATE TABLE kennels (
  id BIGSERIAL PRIMARY KEY,
  kennel_name VARCHAR(10) NOT NULL,
  dogs JSONB NOT NULL
);
"""


@pytest.fixture(scope="module")
def kennel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kennel contract built for Gin and compiled once."""
    folder = tmp_path_factory.mktemp("gin-kennel")
    (folder / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (folder / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    return build_gin(folder / "openapi.yaml", folder / "schema.sql", folder / "out")


@pytest.fixture
def server(kennel: Path, tmp_path: Path) -> Iterator[str]:
    with serving(kennel, f"sqlite:///{tmp_path / 'kennel.db'}") as base:
        yield base


def _send(base: str, method: str, path: str, body: object = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _is_utc_timestamp(text: str) -> bool:
    return text.endswith("Z") and datetime.fromisoformat(text).utcoffset() is not None


def test_a_bad_body_lists_each_violation_under_the_spec_names(server: str) -> None:
    bad = {"kennelName": "far too long a name", "dogs": [{"dogName": "Rex"}, {}], "extra": 1}
    status, body = _send(server, "POST", "/kennels", bad)
    assert status == 400, body
    assert body["code"] == 400 and _is_utc_timestamp(body["timestamp"])
    fields = sorted(entry["field"] for entry in body["details"])
    assert fields == ["dogs.1.dogName", "extra", "kennelName"], body
    assert all(entry["message"] for entry in body["details"])


def test_a_body_that_is_no_object_is_a_violation_of_the_whole_body(server: str) -> None:
    status, body = _send(server, "POST", "/kennels", [1])
    assert status == 400 and [entry["field"] for entry in body["details"]] == [""], body


def test_a_bad_path_parameter_without_a_documented_400_answers_the_documented_404(
    server: str,
) -> None:
    status, body = _send(server, "GET", "/kennels/abc")
    assert status == 404, body
    assert [entry["field"] for entry in body["details"]] == ["kennelId"], body
    assert _is_utc_timestamp(body["timestamp"])


def test_a_failure_without_violations_is_the_one_entry_the_list_needs(server: str) -> None:
    status, body = _send(server, "GET", "/kennels/12345")
    assert status == 404 and _is_utc_timestamp(body["timestamp"]), body
    assert body["details"] == [{"field": "", "message": body["message"]}] and body["message"]
