"""Columns the server's own code fills on insert (a hook, the caller's identity, a derived value).

Declared per table in the mapping file (`tables: {posts: {server_filled: [author_id, slug]}}`) or
on the request body's schema in the spec (`x-contractc-server-filled: [author_id, slug]`). The
declaration is recorded in the IR (`Column.server_filled`), so the targets know which values their
hooks must supply, and the type checker does not report those columns as unset (CC102/CC112).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.api import Api, Operation, OperationKind
from compiler.ir.database import Database, Table
from compiler.ir.shapes import ShapeKind
from compiler.openapi.document import Document

SPEC_KEY = "x-contractc-server-filled"


def declare_server_filled(
    api: Api,
    database: Database,
    doc: Document,
    mapping: Mapping[str, Any] | None,
    mapping_path: str,
    sink: DiagnosticSink,
) -> Database:
    """`database` with `server_filled` set on every declared column; unknown names are CC402."""
    declared: dict[str, set[str]] = {}
    for table_name, entry in ((mapping or {}).get("tables") or {}).items():
        names = entry.get("server_filled") or []
        _declare(declared, database, str(table_name), names, Location(mapping_path), sink)
    for op in api.operations:
        pointer = _request_schema_pointer(op, api)
        if op.table is None or op.kind is not OperationKind.CREATE or pointer is None:
            continue
        schema = doc.resolve(pointer)
        if isinstance(schema, dict) and SPEC_KEY in schema:
            _declare(declared, database, op.table, schema[SPEC_KEY], doc.locate(pointer), sink)
    if not declared:
        return database
    tables = tuple(_mark(t, declared.get(t.name, set())) for t in database.tables)
    return replace(database, tables=tables)


def _request_schema_pointer(op: Operation, api: Api) -> str | None:
    shape = op.request.shape if op.request is not None else None
    if shape is None:
        return None
    if shape.kind is ShapeKind.REF:
        model = next((m for m in api.models if m.name == shape.ref), None)
        return model.shape.pointer if model is not None else None
    return shape.pointer or None


def _declare(
    declared: dict[str, set[str]],
    database: Database,
    table_name: str,
    names: object,
    where: Location,
    sink: DiagnosticSink,
) -> None:
    table = database.table(table_name)
    if table is None:
        sink.error("CC402", f"server_filled names unknown table {table_name}", where)
        return
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        sink.error("CC402", f"server_filled of {table_name} must be a list of column names", where)
        return
    for name in names:
        if table.column(name) is None:
            sink.error("CC402", f"server_filled names unknown column {table_name}.{name}", where)
        else:
            declared.setdefault(table_name, set()).add(name)


def _mark(table: Table, names: set[str]) -> Table:
    if not names:
        return table
    columns = tuple(replace(c, server_filled=True) if c.name in names else c for c in table.columns)
    return replace(table, columns=columns)
