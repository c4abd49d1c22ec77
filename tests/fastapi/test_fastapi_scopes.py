"""Scopes in `security`, beyond the shop scenario (tests/shop_scenario.py, which every target
passes): any alternative of a requirement may grant access, a refusal of credentials carries the
challenge while a refusal for scopes does not, and without a documented error body a 403 is the
stack's problem body."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.served import build, serving

pytestmark = pytest.mark.e2e

SPEC = """\
openapi: 3.0.3
info: {title: Shelf, version: "1"}
paths:
  /books:
    post:
      operationId: createBook
      security: [{oauth: ["books:write"]}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewBook"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "400": {description: invalid}
        "401": {description: who are you}
        "403": {description: not allowed}
  /books/{id}:
    get:
      operationId: getBook
      security: [{oauth: ["books:read"]}, {key: []}]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: the book
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "404": {description: no such book}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {"books:read": read books, "books:write": add books}
    key: {type: apiKey, in: header, name: X-API-Key}
  schemas:
    NewBook:
      type: object
      required: [title]
      properties:
        title: {type: string, maxLength: 100}
    Book:
      type: object
      required: [id, title]
      properties:
        id: {type: integer}
        title: {type: string, maxLength: 100}
"""
SCHEMA = "CREATE TABLE books (id SERIAL PRIMARY KEY, title VARCHAR(100) NOT NULL);\n"
TOKENS = "reader,writer:books:write,librarian:books:read"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    work = tmp_path_factory.mktemp("scopes")
    (work / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (work / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    project = build("fastapi", work / "project", work / "openapi.yaml", work / "schema.sql")
    settings = {"AUTH_TOKENS": TOKENS, "AUTH_API_KEYS": "k-1"}
    with (
        serving(project, project.parent / "shelf.db", **settings) as base,
        httpx.Client(base_url=base, timeout=15) as client,
    ):
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_refusal_for_scopes_is_a_problem_without_a_challenge(shelf: httpx.Client) -> None:
    forbidden = shelf.post("/books", json={"title": "Dune"}, headers=_bearer("reader"))
    assert forbidden.status_code == 403, forbidden.text
    assert forbidden.json()["status"] == 403  # the stack's error body (RFC 9457)
    assert "www-authenticate" not in forbidden.headers
    refused = shelf.post("/books", json={"title": "Dune"}, headers=_bearer("nobody"))
    assert refused.status_code == 401, refused.text
    assert refused.headers["www-authenticate"]


def test_any_alternative_may_grant_access(shelf: httpx.Client) -> None:
    created = shelf.post("/books", json={"title": "Dune"}, headers=_bearer("writer"))
    assert created.status_code == 201, created.text
    url = f"/books/{created.json()['id']}"
    assert shelf.get(url, headers={"X-API-Key": "k-1"}).status_code == 200  # no scopes needed
    assert shelf.get(url, headers=_bearer("librarian")).status_code == 200
    assert shelf.get(url, headers=_bearer("reader")).status_code == 403
    assert shelf.get(url, headers=_bearer("nobody")).status_code == 401
