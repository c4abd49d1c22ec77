"""Scopes of `security` requirements as the Spring project renders them (no server).

The running server's scope checks (403 vs 401, every claim form) are proven by the shop scenario
in test_spring_e2e.py; this keeps what it cannot see: the catalog's per-alternative scopes and
the 403 of an operation that documents none, and the scopes the generated JUnit tests hold.
"""

from __future__ import annotations

import json
from pathlib import Path

from emitters.spring import SpringEmitter
from emitters.spring.catalog import render_catalog
from tests.spring.spring_projects import compile_files, compile_pair

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


def test_catalog_lists_each_alternatives_scopes_and_a_403_answer(tmp_path: Path) -> None:
    contract = compile_files(*_contract_files(tmp_path))
    catalog = json.loads(render_catalog(contract))["operations"]
    assert catalog["createBook"]["security"] == [["oauth"]]
    assert catalog["createBook"]["scopes"] == [["books:write"]]
    assert catalog["createBook"]["errors"]["forbidden"]["status"] == 403
    assert catalog["deleteBook"]["errors"]["forbidden"]["status"] == 403  # none documented
    assert catalog["listBooks"]["scopes"] == [[]]
    assert catalog["getBook"]["security"] == [] and catalog["getBook"]["scopes"] == []


def test_generated_unit_tests_hold_every_scope() -> None:
    files = SpringEmitter().render(compile_pair("shop"), "x")
    test = next(f.content for f in files if f.path.endswith("ProductsControllerTest.java"))
    assert "contract.auth.tokens=contractc-unit-test-token:catalog:write" in test
