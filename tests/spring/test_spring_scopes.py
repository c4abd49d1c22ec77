"""Scopes of `security` requirements, enforced by a running Spring server: 403 without, 2xx with.

The contract's writes need the `books:write` scope of an OAuth2 scheme, its list needs only a
token, and one read is open. Tokens: opaque ones from AUTH_TOKENS (`token:scope …`) and HS256
JWTs carrying scopes in each of the claims the servers read. Skipped when java or mvn is missing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from emitters.spring import SpringEmitter
from emitters.spring.catalog import render_catalog
from tests.spring.spring_projects import (
    Server,
    compile_files,
    maven,
    toolchain_missing,
    write_contract,
)

pytestmark = pytest.mark.e2e
SECRET = "spring-scopes-test-secret-0123456789abcdef"
READER, WRITER = "reader-token", "writer-token"
SPEC = """\
openapi: 3.0.3
info: {title: Scoped Shelf, version: "1"}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {"books:write": change books, "books:read": read books}
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
    Error:
      type: object
      required: [message]
      properties:
        message: {type: string}
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
        "401":
          description: no credentials
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
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
        "401":
          description: no credentials
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        "403":
          description: lacks the scope
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
  /books/{id}:
    get:
      operationId: getBook
      security: []
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: the book
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Book"}
        "404": {description: no such book}
    delete:
      operationId: deleteBook
      security: [{oauth: ["books:write"]}]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "204": {description: deleted}
        "401":
          description: no credentials
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        "404": {description: no such book}
"""
SQL = """\
CREATE TABLE books (
    id SERIAL PRIMARY KEY,
    title VARCHAR(100) NOT NULL
);
"""


def _contract_files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (folder / "schema.sql").write_text(SQL, encoding="utf-8")
    return folder / "openapi.yaml", folder / "schema.sql"


def _jwt(claims: dict[str, object]) -> str:
    """An HS256 JWT of `claims`, signed with the server's secret."""

    def encode(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = encode(json.dumps({"sub": "someone", **claims}).encode())
    signature = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256)
    return f"{header}.{payload}.{encode(signature.digest())}"


def test_catalog_lists_each_alternatives_scopes_and_a_403_answer(tmp_path: Path) -> None:
    contract = compile_files(*_contract_files(tmp_path))
    catalog = json.loads(render_catalog(contract))["operations"]
    assert catalog["createBook"]["security"] == [["oauth"]]
    assert catalog["createBook"]["scopes"] == [["books:write"]]
    assert catalog["createBook"]["errors"]["forbidden"]["status"] == 403
    assert catalog["deleteBook"]["errors"]["forbidden"]["status"] == 403  # none documented
    assert catalog["listBooks"]["scopes"] == [[]]
    assert catalog["getBook"]["security"] == [] and catalog["getBook"]["scopes"] == []


def test_generated_unit_tests_hold_every_scope(tmp_path: Path) -> None:
    files = SpringEmitter().render(compile_files(*_contract_files(tmp_path)), "x")
    test = next(f.content for f in files if f.path.endswith("ControllerTest.java"))
    assert "contract.auth.tokens=contractc-unit-test-token:books:write" in test


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The scoped contract's server (its generated JUnit tests passed) on a fresh SQLite file."""
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)
    work = tmp_path_factory.mktemp("spring-scopes")
    project = write_contract(compile_files(*_contract_files(work / "contract")), work / "project")
    done = maven(project, "verify")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    running = Server(
        project,
        f"sqlite:///{work / 'app.db'}",
        AUTH_TOKENS=f"{READER},{WRITER}:books:read books:write",
        AUTH_JWT_SECRET=SECRET,
    )
    yield running
    assert running.stop() in (0, 143)


def test_a_token_without_the_scope_is_forbidden(server: Server) -> None:
    for token in (READER, _jwt({}), _jwt({"scope": "books:read"})):
        refused = server.call("POST", "/books", {"title": "Dune"}, token=token)
        assert refused.status == 403, refused.body
        assert isinstance(refused.body, dict) and set(refused.body) == {"message"}
    assert server.call("GET", "/books", token=READER).body == []
    undocumented = server.call("DELETE", "/books/1", token=READER)
    assert undocumented.status == 403 and undocumented.body["status"] == 403


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
def test_a_jwt_holding_the_scope_in_any_claim_may_write(
    server: Server, claims: dict[str, object]
) -> None:
    created = server.call("POST", "/books", {"title": "Dune"}, token=_jwt(claims))
    assert created.status == 201, created.body


def test_an_opaque_token_holding_the_scope_may_write(server: Server) -> None:
    created = server.call("POST", "/books", {"title": "Emma"}, token=WRITER)
    assert created.status == 201, created.body
    assert server.call("GET", f"/books/{created.body['id']}", token=None).status == 200
    listed = server.call("GET", "/books", token=READER)
    assert listed.status == 200 and created.body in listed.body
    assert server.call("DELETE", f"/books/{created.body['id']}", token=WRITER).status == 204


def test_missing_or_bad_credentials_stay_401(server: Server) -> None:
    for token in (None, "no-such-token", _jwt({"scope": "books:write", "exp": 1})):
        refused = server.call("POST", "/books", {"title": "Dune"}, token=token)
        assert refused.status == 401, refused.body
    assert server.call("GET", "/books", token="no-such-token").status == 401
