"""Small builders for compiler tests: an in-memory Document and a Database parsed from SQL text."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from compiler.binder import bind_api
from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import Api, Operation
from compiler.ir.database import Database
from compiler.openapi.document import Document
from compiler.openapi.shapes import build_models
from compiler.sql import parse_schema


def document(
    paths: dict[str, Any], schemas: dict[str, Any] | None = None, **extra: Any
) -> Document:
    root: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
    }
    root["components"] = {"schemas": schemas or {}, **extra.pop("components", {})}
    root.update(extra)
    return Document("spec.yaml", root, "")


def database(sql: str) -> Database:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.sql"
        path.write_text(sql, encoding="utf-8")
        return parse_schema([str(path)], "postgres", DiagnosticSink())


def bind(
    doc: Document, db: Database, mapping: dict[str, Any] | None = None
) -> tuple[Api, DiagnosticSink]:
    sink = DiagnosticSink()
    models = build_models(doc, sink)
    return bind_api(doc, models, db, mapping, sink), sink


def op(api: Api, method: str, path: str) -> Operation:
    return next(o for o in api.operations if o.method == method and o.path == path)


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def ok(schema: dict[str, Any], status: str = "200") -> dict[str, Any]:
    return {"responses": {status: {"description": "ok", **json_body(schema)}}}


REF = {"$ref": "#/components/schemas/Pet"}
PET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "integer", "format": "int64", "readOnly": True},
        "name": {"type": "string", "maxLength": 50},
        "ownerId": {"type": "integer", "format": "int64"},
    },
}
PETS_SQL = """
CREATE TABLE owners (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE pets (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    owner_id BIGINT REFERENCES owners (id)
);
"""
