"""Scopes in `security`: a served FastAPI project answers 403 to a caller who authenticated without
the scopes an operation needs, and 401 to missing or bad credentials."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from tests.served import build, serving

pytestmark = pytest.mark.e2e

SECRET = "scopes-test-secret-0123456789abcdef"
SPEC = """\
openapi: 3.0.3
info: {title: Shelf, version: "1"}
paths:
  /books:
    get:
      operationId: listBooks
      security: [{oauth: []}]
      responses:
        "200":
          description: the books
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Book"}}
        "401": {description: who are you}
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
TOKENS = "reader,writer:books:write,librarian:books:read books:write"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("scopes")
    (work / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (work / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    return build("fastapi", work / "project", work / "openapi.yaml", work / "schema.sql")


@pytest.fixture(scope="module")
def shelf(project: Path) -> Iterator[httpx.Client]:
    settings = {"AUTH_TOKENS": TOKENS, "AUTH_JWT_SECRET": SECRET, "AUTH_API_KEYS": "k-1"}
    with (
        serving(project, project.parent / "shelf.db", **settings) as base,
        httpx.Client(base_url=base, timeout=15) as client,
    ):
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _jwt(**claims: object) -> dict[str, str]:
    return _bearer(jwt.encode({"sub": "someone", **claims}, SECRET, algorithm="HS256"))


def _create(shelf: httpx.Client, headers: dict[str, str]) -> httpx.Response:
    return shelf.post("/books", json={"title": "Dune"}, headers=headers)


def test_a_token_without_the_scope_is_forbidden_and_one_with_it_creates(
    shelf: httpx.Client,
) -> None:
    forbidden = _create(shelf, _bearer("reader"))
    assert forbidden.status_code == 403, forbidden.text
    assert forbidden.json()["status"] == 403  # the stack's error body (RFC 9457)
    assert "www-authenticate" not in forbidden.headers
    assert _create(shelf, _bearer("writer")).status_code == 201
    assert _create(shelf, _bearer("librarian")).status_code == 201


@pytest.mark.parametrize(
    "claims",
    [
        {"scope": "books:read books:write"},
        {"scp": "books:write"},
        {"scp": ["books:write"]},
        {"scopes": ["books:write"]},
        {"roles": ["books:write"]},
    ],
    ids=["scope", "scp-string", "scp-array", "scopes", "roles"],
)
def test_a_jwt_grants_scopes_through_each_usual_claim(
    shelf: httpx.Client, claims: dict[str, object]
) -> None:
    assert _create(shelf, _jwt(**claims)).status_code == 201


def test_a_jwt_with_other_scopes_is_forbidden(shelf: httpx.Client) -> None:
    assert _create(shelf, _jwt(scope="books:read", roles=["admin"])).status_code == 403
    assert _create(shelf, _jwt()).status_code == 403


def test_missing_or_bad_credentials_stay_401(shelf: httpx.Client) -> None:
    for headers in ({}, _bearer("nobody"), _bearer(jwt.encode({"scope": "books:write"}, "x" * 32))):
        refused = _create(shelf, headers)
        assert refused.status_code == 401, refused.text
        assert refused.headers["www-authenticate"]


def test_an_unscoped_operation_needs_only_credentials(shelf: httpx.Client) -> None:
    assert shelf.get("/books", headers=_bearer("reader")).status_code == 200
    assert shelf.get("/books").status_code == 401


def test_any_alternative_may_grant_access(shelf: httpx.Client) -> None:
    book = _create(shelf, _bearer("writer")).json()
    url = f"/books/{book['id']}"
    assert shelf.get(url, headers={"X-API-Key": "k-1"}).status_code == 200  # no scopes needed
    assert shelf.get(url, headers=_bearer("librarian")).status_code == 200
    assert shelf.get(url, headers=_bearer("reader")).status_code == 403
    assert shelf.get(url, headers=_bearer("nobody")).status_code == 401


def test_the_generated_suite_passes_with_scoped_operations(project: Path) -> None:
    """The project's own tests hold a token with every scope; ruff and mypy stay clean."""
    for args in (
        ["ruff", "check", "."],
        ["mypy"],
        ["pytest", "tests", "-q", "-p", "no:cacheprovider"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", *args],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
