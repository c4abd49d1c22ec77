"""Common storage conventions: a JSON value kept in a column of another type, converted on the way.

Booleans as INTEGER 0/1 (SQLite has no boolean), timestamps as epoch INTEGER, 64-bit integers sent
as JSON strings (protobuf JSON), string enums stored as integers, objects and arrays stored as
their JSON text (SQLite, ORMs without a JSON type). None of them is a type error; each
is recorded on the field binding (`FieldBinding.storage`) so the targets can convert.
"""

from __future__ import annotations

from dataclasses import replace

from compiler.ir.api import Api, FieldBinding, FieldMode, Operation, StorageConvention
from compiler.ir.database import INTEGER_KINDS, ColumnKind, ColumnType, Database, Table
from compiler.ir.shapes import Model, Shape, ShapeKind
from compiler.openapi.shapes import resolve_model

_TIMESTAMP_FORMATS = frozenset({"date-time", "date"})
_INTEGER_STRING_FORMATS = frozenset({"int64", "int32", "uint64", "uint32"})
_STORED_AS_INTEGER = INTEGER_KINDS | {ColumnKind.DECIMAL}

DESCRIPTIONS = {
    StorageConvention.BOOLEAN_AS_INTEGER: "booleans stored as 0/1",
    StorageConvention.EPOCH_TIMESTAMP: "timestamps stored as seconds since 1970 (epoch)",
    StorageConvention.INTEGER_AS_STRING: "integers sent as JSON strings",
    StorageConvention.ENUM_AS_INTEGER: "enum values stored as integers",
    StorageConvention.JSON_AS_TEXT: "objects and arrays stored as JSON text",
}


def storage_convention(shape: Shape, column_type: ColumnType) -> StorageConvention | None:
    """The convention by which values of `shape` live in a column of `column_type`, if one applies."""
    kind = column_type.kind
    if shape.kind is ShapeKind.BOOLEAN and kind in INTEGER_KINDS:
        return StorageConvention.BOOLEAN_AS_INTEGER
    if shape.kind in (ShapeKind.OBJECT, ShapeKind.ARRAY) and kind is ColumnKind.TEXT:
        return StorageConvention.JSON_AS_TEXT
    if shape.kind is not ShapeKind.STRING or kind not in _STORED_AS_INTEGER:
        return None
    if shape.format in _TIMESTAMP_FORMATS and kind in INTEGER_KINDS:
        return StorageConvention.EPOCH_TIMESTAMP
    if shape.format in _INTEGER_STRING_FORMATS:
        return StorageConvention.INTEGER_AS_STRING
    if shape.enum and kind in INTEGER_KINDS and all(isinstance(v, str) for v in shape.enum):
        return StorageConvention.ENUM_AS_INTEGER
    return None


def record_conventions(api: Api, database: Database) -> Api:
    """`api` with `storage` set on every column binding that relies on a storage convention."""
    models = {m.name: m for m in api.models}
    operations = []
    for op in api.operations:
        table = database.table(op.table) if op.table else None
        operations.append(op if table is None else _operation(op, table, database, models))
    return replace(api, operations=tuple(operations))


def _operation(
    op: Operation, table: Table, database: Database, models: dict[str, Model]
) -> Operation:
    return replace(
        op,
        request_fields=_fields(op.request_fields, table, database, models),
        response_fields=_fields(op.response_fields, table, database, models),
    )


def _fields(
    fields: tuple[FieldBinding, ...], table: Table, database: Database, models: dict[str, Model]
) -> tuple[FieldBinding, ...]:
    out = []
    for field in fields:
        if field.mode is FieldMode.COLUMN and field.column is not None:
            column = table.column(field.column)
            convention = (
                storage_convention(resolve_model(field.shape, models), column.type)
                if column is not None
                else None
            )
            out.append(replace(field, storage=convention) if convention else field)
            continue
        related = database.table(field.related_table or "")
        nested = _fields(field.fields, related, database, models) if related else field.fields
        out.append(replace(field, fields=nested) if nested != field.fields else field)
    return tuple(out)
