"""User overrides of binding: `x-contractc-*` extensions in the spec and the mapping file.

Spec extensions: `x-contractc-table` and `x-contractc-kind` on an operation, `x-contractc-table` on
a component schema, `x-contractc-column` on a property. The mapping file wins over the spec.
Names of unknown tables or columns are CC402 errors and the override is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compiler.binder.mapping import KINDS
from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import OperationKind
from compiler.ir.database import Database
from compiler.openapi.document import Document, JsonPointer

TABLE_KEY = "x-contractc-table"
KIND_KEY = "x-contractc-kind"
COLUMN_KEY = "x-contractc-column"


@dataclass
class Overrides:
    """Checked overrides, ready for the binder."""

    operation_tables: dict[str, str] = field(default_factory=dict)  # operationId -> table
    operation_kinds: dict[str, OperationKind] = field(default_factory=dict)
    param_columns: dict[str, dict[str, str]] = field(default_factory=dict)  # op -> param -> column
    param_parents: dict[str, dict[str, str]] = field(default_factory=dict)  # op -> param -> table
    schema_tables: dict[str, str] = field(default_factory=dict)  # schema name -> table
    schema_columns: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (schema, property) -> column


class OverrideReader:
    """Collects and checks overrides against the database, reporting CC402 / CC406."""

    def __init__(
        self,
        doc: Document,
        database: Database,
        mapping: dict[str, Any] | None,
        sink: DiagnosticSink,
    ):
        self.doc = doc
        self.database = database
        self.mapping = mapping if isinstance(mapping, dict) else {}
        self.sink = sink
        self.result = Overrides()

    def read_schemas(self) -> Overrides:
        """Schema-level overrides (`x-contractc-table` on schemas, mapping `schemas`)."""
        components = self.doc.root.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        for name, node in sorted(schemas.items()) if isinstance(schemas, dict) else []:
            if isinstance(node, dict) and TABLE_KEY in node:
                self._schema_table(
                    name, node[TABLE_KEY], f"/components/schemas/{_escape(name)}", "spec"
                )
        for name, entry in _section(self.mapping, "schemas"):
            pointer = f"/components/schemas/{_escape(name)}"
            if "table" in entry:
                self._schema_table(name, entry["table"], pointer, "mapping file")
            table = self.result.schema_tables.get(name)
            for prop, column in sorted((entry.get("properties") or {}).items()):
                self._schema_column(name, str(prop), column, table, pointer)
        return self.result

    def read_operation(self, op_id: str, node: dict[str, Any], pointer: JsonPointer) -> None:
        """Operation-level overrides for one operation."""
        entry = dict(_section(self.mapping, "operations")).get(op_id, {})
        for source, table, kind in (
            ("spec", node.get(TABLE_KEY), node.get(KIND_KEY)),
            ("mapping file", entry.get("table"), entry.get("kind")),
        ):
            if table is not None:
                if isinstance(table, str) and self.database.table(table) is not None:
                    self.result.operation_tables[op_id] = table
                else:
                    self._unknown_table(source, table, pointer)
            if kind is not None:
                if kind in KINDS:
                    self.result.operation_kinds[op_id] = OperationKind(kind)
                else:
                    self.sink.error(
                        "CC406",
                        f"{source} sets unknown operation kind {kind!r} for {op_id}",
                        self.doc.locate(pointer),
                        hint=f"use one of {', '.join(KINDS)}",
                    )
        self._path_pins(op_id, entry, pointer)

    def _path_pins(self, op_id: str, entry: dict[str, Any], pointer: JsonPointer) -> None:
        """Mapping `params` (path parameter -> key column) and `parents` (-> parent table)."""
        parents = {str(k): v for k, v in (entry.get("parents") or {}).items()}
        for param, table in sorted(parents.items()):
            if self.database.table(table) is not None:
                self.result.param_parents.setdefault(op_id, {})[param] = table
            else:
                self._unknown_table("mapping file", table, pointer)
        table_name = self.result.operation_tables.get(op_id)
        for param, column in sorted((entry.get("params") or {}).items()):
            owner = parents.get(str(param), table_name)
            tables = [self.database.table(owner)] if owner else list(self.database.tables)
            if any(t is not None and t.column(column) for t in tables):
                self.result.param_columns.setdefault(op_id, {})[str(param)] = column
            else:
                self.unknown_column(owner or "(any)", str(column), pointer)

    def column_override(self, schema: str | None, prop: str, pointer: JsonPointer) -> str | None:
        """The column a property is pinned to (`x-contractc-column` or mapping), if any."""
        if schema is not None and (schema, prop) in self.result.schema_columns:
            return self.result.schema_columns[(schema, prop)]
        try:
            node = self.doc.resolve(pointer) if pointer else None
        except (KeyError, IndexError, ValueError, TypeError):
            return None
        value = node.get(COLUMN_KEY) if isinstance(node, dict) else None
        return value if isinstance(value, str) else None

    def unknown_column(self, table: str, column: str, pointer: JsonPointer) -> None:
        self.sink.error(
            "CC402",
            f"override names unknown column {column!r} of table {table!r}",
            self.doc.locate(pointer),
            hint=f"use a column of {table}",
        )

    def _schema_table(self, name: str, table: Any, pointer: JsonPointer, source: str) -> None:
        if isinstance(table, str) and self.database.table(table) is not None:
            self.result.schema_tables[name] = table
        else:
            self._unknown_table(source, table, pointer)

    def _schema_column(
        self, schema: str, prop: str, column: Any, table: str | None, pointer: JsonPointer
    ) -> None:
        tables = [self.database.table(table)] if table else list(self.database.tables)
        if isinstance(column, str) and any(t is not None and t.column(column) for t in tables):
            self.result.schema_columns[(schema, prop)] = column
        else:
            self.unknown_column(table or "(any)", str(column), pointer)

    def _unknown_table(self, source: str, table: Any, pointer: JsonPointer) -> None:
        known = ", ".join(t.name for t in self.database.tables[:8]) or "none"
        self.sink.error(
            "CC402",
            f"{source} names unknown table {table!r}",
            self.doc.locate(pointer),
            hint=f"known tables: {known}",
        )


def _section(mapping: dict[str, Any], name: str) -> list[tuple[str, dict[str, Any]]]:
    section = mapping.get(name)
    if not isinstance(section, dict):
        return []
    return sorted((str(k), v) for k, v in section.items() if isinstance(v, dict))


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
