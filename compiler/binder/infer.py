"""`infer_database`: PostgreSQL tables derived from the spec when no SQL is given.

A table per schema that a collection route lists or creates (`Pet` -> `pets`; an inline row is named
after its path), `id` as primary key (identity, or uuid by format), columns typed from property
types, formats and maxLength, NOT NULL from `required`, and foreign keys from `xxxId` properties and
embedded objects that name another inferred table. Tables come in dependency order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from compiler.binder.envelope import list_rows, single_row
from compiler.binder.naming import plural, singular, snake_case
from compiler.binder.prepare import PreparedOperation, prepare_operation
from compiler.binder.spec import raw_operations
from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.api import OperationKind
from compiler.ir.database import (
    Column,
    ColumnDefault,
    ColumnKind,
    ColumnType,
    Database,
    DefaultKind,
    ForeignKey,
    Table,
    UniqueConstraint,
)
from compiler.ir.shapes import Model, Property, Shape, ShapeKind
from compiler.openapi.document import Document
from compiler.openapi.shapes import resolve_model

_BIGINT = ColumnType(ColumnKind.BIGINT, "bigint")
_UUID = ColumnType(ColumnKind.UUID, "uuid")
_STRING_FORMATS = {
    "date-time": ColumnType(ColumnKind.TIMESTAMP, "timestamptz", timezone=True),
    "date": ColumnType(ColumnKind.DATE, "date"),
    "time": ColumnType(ColumnKind.TIME, "time"),
    "uuid": _UUID,
    "byte": ColumnType(ColumnKind.BYTES, "bytea"),
    "binary": ColumnType(ColumnKind.BYTES, "bytea"),
}


@dataclass
class _Source:
    """A row shape that becomes a table, with what its routes say about keys and parents."""

    table: str
    row: Shape  # resolved object shape
    pointer: str
    unique: set[str] = field(default_factory=set)  # properties that item routes use as keys
    parents: set[str] = field(default_factory=set)  # tables of the collections it is nested in


def infer_database(doc: Document, models: tuple[Model, ...], sink: DiagnosticSink) -> Database:
    """Tables for the rows that the spec's collection routes list or create."""
    by_name = {m.name: m for m in models}
    prepared = [prepare_operation(doc, raw) for raw in raw_operations(doc)]
    sources = _sources(prepared, by_name)
    keys = {name: _key_type(source.row) for name, source in sources.items()}
    tables = []
    for name in sorted(sources):
        table = _table(doc, sources[name], keys, by_name)
        sink.info(
            "CC405",
            f"table {name} inferred from the spec",
            table.location,
            hint="pass the SQL files after the spec to bind to real tables",
        )
        tables.append(table)
    return Database(dialect="postgres", tables=_dependency_order(tables), inferred=True)


def _sources(operations: list[PreparedOperation], models: dict[str, Model]) -> dict[str, _Source]:
    found: dict[str, _Source] = {}
    by_literal: dict[str, str] = {}
    for prepared in operations:
        kind = prepared.natural_kind
        if kind not in (OperationKind.LIST, OperationKind.CREATE) or prepared.route.prefix:
            continue
        if kind is OperationKind.CREATE and not prepared.json_request:
            continue
        body = prepared.success(kind).body
        shape = body.shape if body is not None else None
        located = (
            list_rows(shape, models)
            if kind is OperationKind.LIST
            else single_row(shape, models, None)
        )
        if located is None:
            continue
        row = located.row
        name = (
            plural(snake_case(row.ref))
            if row.kind is ShapeKind.REF and row.ref
            else plural(snake_case(prepared.route.resource or ""))
        )
        resolved = resolve_model(row, models)
        if name and resolved.kind is ShapeKind.OBJECT and resolved.properties:
            if name in found:
                _merge_row(found[name], resolved)
            else:
                found[name] = _Source(name, resolved, resolved.pointer or row.pointer)
            by_literal.setdefault(prepared.route.resource or "", name)
    for prepared in operations:
        route = prepared.route
        source = found.get(by_literal.get(route.resource or "", ""))
        if source is None or route.prefix:
            continue
        if route.key is not None and route.key != "id" and source.row.find_property(route.key):
            source.unique.add(route.key)
        source.parents.update(by_literal[p] for p, _ in route.parents if p in by_literal)
    return found


def _merge_row(source: _Source, row: Shape) -> None:
    """Add the properties another route shows for the same table."""
    known = {p.name for p in source.row.properties}
    extra = tuple(p for p in row.properties if p.name not in known)
    if extra:
        source.row = replace(source.row, properties=source.row.properties + extra)


def _key_type(row: Shape) -> ColumnType:
    prop = row.find_property("id")
    if prop is not None and prop.shape.kind is ShapeKind.STRING:
        return _UUID if prop.shape.format == "uuid" else ColumnType(ColumnKind.TEXT, "text")
    if prop is not None and prop.shape.format == "int32":
        return ColumnType(ColumnKind.INTEGER, "integer")
    return _BIGINT


def _table(
    doc: Document, source: _Source, keys: dict[str, ColumnType], models: dict[str, Model]
) -> Table:
    location = doc.locate(source.pointer)
    columns: list[Column] = []
    foreign_keys: list[ForeignKey] = []
    if source.row.find_property("id") is None:
        columns.append(_key_column("id", keys[source.table], location))
    for prop in source.row.properties:
        prop_location = doc.locate(prop.shape.pointer)
        if prop.name == "id":
            columns.append(_key_column("id", keys[source.table], prop_location))
            continue
        target = _referenced_table(prop, keys, models)
        if target is not None:
            column_name = snake_case(prop.name)
            column_name = column_name if column_name.endswith("_id") else column_name + "_id"
            columns.append(Column(column_name, keys[target], _nullable(prop), prop_location))
            foreign_keys.append(ForeignKey((column_name,), target, ("id",), prop_location))
            continue
        shape = resolve_model(prop.shape, models)
        enum = tuple(str(v) for v in shape.enum or () if isinstance(v, str))
        columns.append(
            Column(
                snake_case(prop.name),
                _column_type(shape),
                _nullable(prop),
                prop_location,
                check_values=enum,
            )
        )
    for parent in sorted(source.parents - {source.table}):
        column_name = singular(parent) + "_id"
        if all(c.name != column_name for c in columns):
            columns.append(Column(column_name, keys[parent], False, location))
            foreign_keys.append(ForeignKey((column_name,), parent, ("id",), location))
    uniques = tuple(UniqueConstraint((snake_case(name),)) for name in sorted(source.unique))
    return Table(
        source.table, _unique_names(columns), ("id",), location, tuple(foreign_keys), uniques
    )


def _key_column(name: str, column_type: ColumnType, location: Location) -> Column:
    if column_type.kind is ColumnKind.UUID:
        return Column(
            name,
            column_type,
            False,
            location,
            default=ColumnDefault(DefaultKind.UUID, sql="gen_random_uuid()"),
        )
    identity = column_type.kind in (ColumnKind.BIGINT, ColumnKind.INTEGER)
    return Column(name, column_type, False, location, identity=identity)


def _referenced_table(
    prop: Property, keys: dict[str, ColumnType], models: dict[str, Model]
) -> str | None:
    """The inferred table an `ownerId` property or an embedded `owner: Owner` object points to."""
    if prop.shape.kind is ShapeKind.REF and prop.shape.ref:
        table = plural(snake_case(prop.shape.ref))
        return table if table in keys else None
    snake = snake_case(prop.name)
    if snake.endswith("_id") and prop.shape.kind in (ShapeKind.INTEGER, ShapeKind.STRING):
        table = plural(singular(snake[: -len("_id")]))
        return table if table in keys else None
    return None


def _nullable(prop: Property) -> bool:
    return not prop.required or prop.shape.nullable


def _column_type(shape: Shape) -> ColumnType:
    kind = shape.kind
    if kind is ShapeKind.STRING:
        if shape.format in _STRING_FORMATS:
            return _STRING_FORMATS[shape.format]
        length = shape.constraints.max_length
        return (
            ColumnType(ColumnKind.VARCHAR, f"varchar({length})", length=length)
            if length
            else ColumnType(ColumnKind.TEXT, "text")
        )
    if kind is ShapeKind.INTEGER:
        return ColumnType(ColumnKind.INTEGER, "integer") if shape.format == "int32" else _BIGINT
    if kind is ShapeKind.NUMBER:
        return (
            ColumnType(ColumnKind.REAL, "real")
            if shape.format == "float"
            else ColumnType(ColumnKind.DOUBLE, "double precision")
        )
    if kind is ShapeKind.BOOLEAN:
        return ColumnType(ColumnKind.BOOLEAN, "boolean")
    return ColumnType(ColumnKind.JSON, "jsonb", binary_json=True)


def _unique_names(columns: list[Column]) -> tuple[Column, ...]:
    seen: set[str] = set()
    unique = []
    for column in columns:
        if column.name and column.name not in seen:
            seen.add(column.name)
            unique.append(column)
    return tuple(unique)


def _dependency_order(tables: list[Table]) -> tuple[Table, ...]:
    """Referenced tables first; ties and cycles by name."""
    remaining = {t.name: t for t in tables}
    ordered: list[Table] = []
    while remaining:
        ready = [
            n
            for n, t in sorted(remaining.items())
            if all(fk.ref_table not in remaining or fk.ref_table == n for fk in t.foreign_keys)
        ]
        chosen = ready[0] if ready else min(remaining)
        ordered.append(remaining.pop(chosen))
    return tuple(ordered)
