"""`bind_api`: the whole API bound to the database, in two passes over the operations."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from compiler.binder.error_template import ErrorTemplates
from compiler.binder.fields import FieldContext
from compiler.binder.links import build_links
from compiler.binder.operation import BindContext, bind_operation
from compiler.binder.overrides import OverrideReader
from compiler.binder.prepare import PreparedOperation, prepare_operation
from compiler.binder.schema_map import schema_tables
from compiler.binder.security import security_schemes
from compiler.binder.spec import raw_operations
from compiler.binder.tables import TableIndex
from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import Api
from compiler.ir.database import Database
from compiler.ir.shapes import Model
from compiler.openapi.document import Document


def bind_api(
    doc: Document,
    models: tuple[Model, ...],
    database: Database,
    mapping: dict[str, Any] | None,
    sink: DiagnosticSink,
) -> Api:
    """Classify every operation, bind it to the database, and collect the API-wide facts."""
    by_name = {m.name: m for m in models}
    tables = TableIndex(database)
    overrides = OverrideReader(doc, database, mapping, sink)
    schema_overrides = overrides.read_schemas().schema_tables
    prepared = _unique_ids([prepare_operation(doc, raw) for raw in raw_operations(doc)])
    fields = FieldContext(
        database=database,
        tables=tables,
        models=by_name,
        schema_tables=schema_tables(by_name, database, tables, prepared, schema_overrides),
        overrides=overrides,
    )
    context = BindContext(doc, fields, sink, ErrorTemplates(by_name))
    operations = tuple(bind_operation(p, context) for p in prepared)
    info = doc.root.get("info") if isinstance(doc.root.get("info"), dict) else {}
    return Api(
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        openapi_version=doc.openapi_version,
        base_path=base_path(doc.root.get("servers")),
        operations=operations,
        models=models,
        security_schemes=security_schemes(doc, sink),
        links=build_links(operations),
    )


def base_path(servers: Any) -> str:
    """The path part of the first server URL, server variables filled with their defaults."""
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    url = servers[0].get("url")
    if not isinstance(url, str):
        return ""
    variables = servers[0].get("variables")
    for name, spec in variables.items() if isinstance(variables, dict) else []:
        if isinstance(spec, dict) and "default" in spec:
            url = url.replace("{" + str(name) + "}", str(spec["default"]))
    if "://" in url:
        url = url.split("://", 1)[1]
        url = url[url.find("/") :] if "/" in url else ""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path if path.startswith("/") else ""


def _unique_ids(prepared: list[PreparedOperation]) -> list[PreparedOperation]:
    """Give derived operation ids a numeric suffix where they collide with another id."""
    explicit = {p.operation_id for p in prepared if isinstance(p.raw.node.get("operationId"), str)}
    taken: set[str] = set(explicit)
    unique = []
    for item in prepared:
        if isinstance(item.raw.node.get("operationId"), str):
            unique.append(item)
            continue
        candidate, counter = item.operation_id, 2
        while candidate in taken:
            candidate, counter = f"{item.operation_id}{counter}", counter + 1
        taken.add(candidate)
        unique.append(replace(item, operation_id=candidate))
    return unique
