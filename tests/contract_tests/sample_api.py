"""A one-resource contract (items CRUD) as a spec plus a hand-built IR, and a generated-project
fixture that serves it with a small stdlib server (`sample_server.py`).

The server is correct unless the manifest's runtime env sets `SAMPLE_FAULT` to one of `FAULTS`.
"""

from __future__ import annotations

import json
from pathlib import Path

from compiler.diagnostics import Location
from compiler.ir import (
    Api,
    Contract,
    Database,
    Link,
    Operation,
    OperationKind,
    ParamLocation,
    SecurityKind,
    SecurityScheme,
    SourceFile,
)
from emitters.contract_tests import render_contract_tests

SERVER_SCRIPT = Path(__file__).with_name("sample_server.py")
FAULTS = ("delete_keeps_row", "create_answers_200", "auth_not_checked")

_ERROR = {"$ref": "#/components/schemas/Problem"}


def _problem(description: str) -> dict[str, object]:
    return {"description": description, "content": {"application/problem+json": {"schema": _ERROR}}}


def _item_response(description: str) -> dict[str, object]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
    }


_ID_PARAM = {"name": "itemId", "in": "path", "required": True, "schema": {"type": "integer"}}
_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemInput"}}},
}

SPEC: dict[str, object] = {
    "openapi": "3.0.3",
    "info": {"title": "Items", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "security": [{"bearerAuth": []}],
    "paths": {
        "/items": {
            "get": {
                "operationId": "listItems",
                "security": [],
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Items",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Item"},
                                }
                            }
                        },
                    },
                    "422": _problem("Invalid"),
                },
            },
            "post": {
                "operationId": "createItem",
                "requestBody": _BODY,
                "responses": {
                    "201": {
                        **_item_response("Created"),
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                    "401": _problem("Unauthenticated"),
                    "422": _problem("Invalid"),
                },
            },
        },
        "/items/{itemId}": {
            "parameters": [_ID_PARAM],
            "get": {
                "operationId": "getItem",
                "responses": {
                    "200": _item_response("The item"),
                    "401": _problem("Unauthenticated"),
                    "404": _problem("Not found"),
                    "422": _problem("Invalid"),
                },
            },
            "put": {
                "operationId": "replaceItem",
                "requestBody": _BODY,
                "responses": {
                    "200": _item_response("Replaced"),
                    "401": _problem("Unauthenticated"),
                    "404": _problem("Not found"),
                    "422": _problem("Invalid"),
                },
            },
            "delete": {
                "operationId": "deleteItem",
                "security": [{"apiKey": []}],
                "responses": {
                    "204": {"description": "Deleted"},
                    "401": _problem("Unauthenticated"),
                    "404": _problem("Not found"),
                    "422": _problem("Invalid"),
                },
            },
        },
    },
    "components": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer"},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        },
        "schemas": {
            "ItemInput": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 40}},
            },
            "Item": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    "name": {"type": "string", "minLength": 1, "maxLength": 40},
                },
            },
            "Problem": {
                "type": "object",
                "required": ["title", "status"],
                "properties": {"title": {"type": "string"}, "status": {"type": "integer"}},
            },
        },
    },
}

_HERE = Location(file="openapi.json")
_OPERATIONS = (
    ("listItems", "get", "/items", OperationKind.LIST, ()),
    ("createItem", "post", "/items", OperationKind.CREATE, (("bearerAuth",),)),
    ("deleteItem", "delete", "/items/{itemId}", OperationKind.DELETE, (("apiKey",),)),
    ("getItem", "get", "/items/{itemId}", OperationKind.READ, (("bearerAuth",),)),
    ("replaceItem", "put", "/items/{itemId}", OperationKind.REPLACE, (("bearerAuth",),)),
)
_FROM_CREATED = (("itemId", "$response.body#/id"),)


def sample_contract() -> Contract:
    """The IR a front end would produce for `SPEC`: operations, security schemes, CRUD links."""
    operations = tuple(
        Operation(
            operation_id=op_id,
            method=method,
            path=path,
            kind=kind,
            location=_HERE,
            resource="items",
            table="items",
            security=security,
        )
        for op_id, method, path, kind, security in _OPERATIONS
    )
    links = tuple(
        Link(
            name=name,
            source_operation="createItem",
            status="201",
            target_operation=target,
            parameters=_FROM_CREATED,
        )
        for name, target in (
            ("GetCreated", "getItem"),
            ("ReplaceCreated", "replaceItem"),
            ("DeleteCreated", "deleteItem"),
        )
    )
    api = Api(
        title="Items",
        version="1.0.0",
        openapi_version="3.0.3",
        base_path="/v1",
        operations=operations,
        security_schemes=(
            SecurityScheme(
                name="apiKey",
                kind=SecurityKind.API_KEY,
                location=ParamLocation.HEADER,
                parameter_name="X-API-Key",
            ),
            SecurityScheme(name="bearerAuth", kind=SecurityKind.BEARER),
        ),
        links=links,
    )
    return Contract(
        api=api,
        database=Database(dialect="postgres"),
        bundled_spec=json.dumps(SPEC, indent=2),
        sources=(SourceFile(path="items.yaml", sha256="0" * 64),),
        compiler_version="0.1.0",
    )


def write_sample_project(out_dir: Path, fault: str | None = None) -> Path:
    """Write a generated project to `out_dir`: contract tests, the server, and its manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for generated in render_contract_tests(sample_contract()):
        target = out_dir / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated.content, encoding="utf-8")
    (out_dir / "server.py").write_text(SERVER_SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    env = [["SAMPLE_FAULT", fault]] if fault else []
    manifest = {
        "target": "sample",
        "runtime": {
            "install": [],
            "install_marker": "server.py",
            "build": [],
            "start": ["{python}", "server.py"],
            "unit_tests": ["{python}", "-c", "print('unit tests ok')"],
            "ready_path": "/readyz",
            "env": env,
        },
    }
    (out_dir / "contractc-manifest.json").write_text(
        json.dumps(manifest, indent=2), encoding="utf-8"
    )
    return out_dir
