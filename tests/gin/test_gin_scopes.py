"""Scopes answer 403 in the Gin target: a real server, opaque tokens and HS256 JWTs with the usual
scope claims; missing or bad credentials stay 401."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import jwt
import pytest

from tests.gin.serving import build_gin, serving

pytestmark = pytest.mark.e2e

SPEC = """\
openapi: 3.0.3
info: {title: Scoped Shelf, version: "1"}
security:
  - oauth: []
paths:
  /books:
    get:
      operationId: listBooks
      responses:
        "200":
          description: the books
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Book"}}
        "401": {description: no credentials}
    post:
      operationId: createBook
      security:
        - oauth: [books.write]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Book"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "400": {description: invalid}
        "401": {description: no credentials}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            books.write: add books
            books.read: read books
  schemas:
    Book:
      type: object
      required: [title]
      properties:
        id: {type: integer, readOnly: true}
        title: {type: string, maxLength: 100}
"""
SQL = """\
CREATE TABLE books (
    id SERIAL PRIMARY KEY,
    title VARCHAR(100) NOT NULL
);
"""
SECRET = "scope-test-secret-of-enough-length"
TOKENS = "reader,writer:books.read books.write"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The scoped contract's server over a fresh SQLite file."""
    work = tmp_path_factory.mktemp("gin-scopes")
    (work / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (work / "schema.sql").write_text(SQL, encoding="utf-8")
    project = build_gin(work / "openapi.yaml", work / "schema.sql", work / "project")
    url = f"sqlite:///{work}/scopes.db"
    with serving(project, url, AUTH_TOKENS=TOKENS, AUTH_JWT_SECRET=SECRET) as served:
        yield served


def _send(base: str, method: str, token: str | None) -> tuple[int, str, str]:
    """(status, content type, body) of one request to /books carrying `token`."""
    data = json.dumps({"title": "Dune"}).encode() if method == "POST" else None
    request = urllib.request.Request(base + "/books", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def _jwt(**claims: object) -> str:
    return jwt.encode({"sub": "someone", **claims}, SECRET, algorithm="HS256")


def test_an_opaque_token_without_the_scope_is_forbidden_with_it_allowed(base: str) -> None:
    status, content_type, body = _send(base, "POST", "reader")
    assert status == 403, body
    assert "json" in content_type and json.loads(body)  # an error body, not an empty answer
    assert _send(base, "POST", "writer")[0] == 201


def test_an_unscoped_operation_needs_only_valid_credentials(base: str) -> None:
    assert _send(base, "GET", "reader")[0] == 200
    assert _send(base, "GET", _jwt())[0] == 200


def test_missing_or_bad_credentials_stay_unauthorized(base: str) -> None:
    for token in (None, "nobody", "reader:books.write", _jwt(scope="books.write") + "x"):
        status, _, body = _send(base, "POST", token)
        assert status == 401, (token, body)
    assert _send(base, "GET", "nobody")[0] == 401


@pytest.mark.parametrize(
    ("claims", "status"),
    [
        ({"scope": "books.read books.write"}, 201),
        ({"scp": "books.write"}, 201),
        ({"scp": ["books.write"]}, 201),
        ({"scopes": ["books.write"]}, 201),
        ({"roles": ["books.write"]}, 201),
        ({"scope": "books.read"}, 403),
        ({"scp": ["books.read"], "roles": ["admin"]}, 403),
        ({}, 403),
    ],
)
def test_jwt_scopes_come_from_the_usual_claims(
    base: str, claims: dict[str, object], status: int
) -> None:
    assert _send(base, "POST", _jwt(**claims))[0] == status
