"""Binding the properties of a row object to the columns (and related tables) of a table."""

from __future__ import annotations

from dataclasses import dataclass, replace

from compiler.binder.naming import snake_case
from compiler.binder.overrides import OverrideReader
from compiler.binder.soft_delete import soft_delete_of
from compiler.binder.tables import (
    TableIndex,
    foreign_key_to,
    join_table,
    match_column,
    named_exactly,
)
from compiler.ir.api import FieldBinding, FieldMode
from compiler.ir.database import Column, ColumnKind, Database, ForeignKey, Table
from compiler.ir.shapes import Model, Property, Shape, ShapeKind
from compiler.openapi.shapes import resolve_model

MAX_DEPTH = 3


@dataclass
class FieldContext:
    """What field binding needs to know about the whole contract."""

    database: Database
    tables: TableIndex
    models: dict[str, Model]
    schema_tables: dict[str, str]  # schema name -> table, as far as known
    overrides: OverrideReader


def bind_fields(
    row: Shape,
    table: Table,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[FieldBinding, ...]:
    """How each property of `row` maps onto `table` (input: readOnly left out; output: writeOnly).

    `seen` holds the (schema, table) pairs being bound further up, so recursive schemas stop.
    """
    schema = row.ref if row.kind is ShapeKind.REF else None
    seen = seen | {(schema or row.pointer, table.name)}
    shape = resolve_model(row, ctx.models)
    if shape.kind is not ShapeKind.OBJECT or len(seen) > MAX_DEPTH:
        return ()
    bindings = []
    for prop in shape.properties:
        resolved = resolve_model(prop.shape, ctx.models)
        read_only = prop.shape.read_only or resolved.read_only
        write_only = prop.shape.write_only or resolved.write_only
        if (for_input and read_only) or (not for_input and write_only):
            continue
        binding = _bind_property(prop, schema, table, ctx, for_input, seen)
        bindings.append(_flags(binding, prop, read_only, write_only))
    return tuple(bindings)


def _flags(
    binding: FieldBinding, prop: Property, read_only: bool, write_only: bool
) -> FieldBinding:
    return replace(binding, read_only=read_only, write_only=write_only, required=prop.required)


def _bind_property(
    prop: Property,
    schema: str | None,
    table: Table,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]],
) -> FieldBinding:
    pinned = ctx.overrides.column_override(schema, prop.name, prop.shape.pointer)
    if pinned is not None:
        if table.column(pinned) is None:
            ctx.overrides.unknown_column(table.name, pinned, prop.shape.pointer)
            return FieldBinding(prop.name, FieldMode.UNBOUND, prop.shape)
        return _related_or_column(prop, table, pinned, ctx, for_input, seen)
    column = match_column(table, prop.name)
    shape = resolve_model(prop.shape, ctx.models)
    if shape.kind is ShapeKind.ARRAY and column is None and shape.items is not None:
        return _bind_collection(prop, shape.items, table, ctx, for_input, seen)
    if shape.kind is ShapeKind.OBJECT and (
        column is None or column.type.kind is not ColumnKind.JSON
    ):
        embedded = _bind_embedded(prop, table, ctx, for_input, seen)
        if embedded is not None:
            return embedded
    if column is not None and _may_hold(column, shape, prop.name):
        return FieldBinding(prop.name, FieldMode.COLUMN, prop.shape, column=column.name)
    return FieldBinding(prop.name, FieldMode.UNBOUND, prop.shape)


def _may_hold(column: Column, shape: Shape, name: str) -> bool:
    """Whether a column found for a property may store it. A guessed column (`id` for a UUID
    primary key) stores an object or an array only if it holds JSON (JSON, or TEXT by a common
    convention; an array also in an array column): otherwise the property is at most an embedded
    relation. A column the property names exactly is kept, so the type checker reports the
    contradiction the spec wrote."""
    if shape.kind not in (ShapeKind.OBJECT, ShapeKind.ARRAY) or named_exactly(column, name):
        return True
    holds = {ColumnKind.JSON, ColumnKind.TEXT}
    if shape.kind is ShapeKind.ARRAY:
        holds.add(ColumnKind.ARRAY)
    return column.type.kind in holds


def _related_or_column(
    prop: Property,
    table: Table,
    column: str,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]],
) -> FieldBinding:
    shape = resolve_model(prop.shape, ctx.models)
    fk = table.foreign_key_for(column)
    if shape.kind is ShapeKind.OBJECT and fk is not None:
        return _embedded(prop, table, column, fk.ref_table, fk.ref_columns[0], ctx, for_input, seen)
    return FieldBinding(prop.name, FieldMode.COLUMN, prop.shape, column=column)


def _bind_embedded(
    prop: Property,
    table: Table,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]],
) -> FieldBinding | None:
    """An object property stored as a foreign key: `owner` <-> `owner_id`, or `type: PetType` <-> FK to its table."""
    fk_column = table.column(snake_case(prop.name) + "_id")
    fk = table.foreign_key_for(fk_column.name) if fk_column is not None else None
    if fk is None and prop.shape.kind is ShapeKind.REF and prop.shape.ref in ctx.schema_tables:
        fk = foreign_key_to(table, ctx.schema_tables[prop.shape.ref])
    if fk is None:
        fk = _foreign_key_by_columns(prop, table, ctx)
    if fk is None:
        return None
    return _embedded(
        prop, table, fk.columns[0], fk.ref_table, fk.ref_columns[0], ctx, for_input, seen
    )


def _foreign_key_by_columns(prop: Property, table: Table, ctx: FieldContext) -> ForeignKey | None:
    """The one foreign key whose table holds most of the object's properties (`author: Profile` -> `user_id`)."""
    names = [p.name for p in resolve_model(prop.shape, ctx.models).properties]
    fitting = []
    for fk in table.foreign_keys:
        related = ctx.database.table(fk.ref_table)
        if len(fk.columns) != 1 or related is None:
            continue
        matched = sum(1 for name in names if match_column(related, name) is not None)
        if matched >= 2 and matched * 2 >= len(names):
            fitting.append(fk)
    return fitting[0] if len(fitting) == 1 else None


def _embedded(
    prop: Property,
    table: Table,
    column: str,
    related: str,
    related_key: str,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]],
) -> FieldBinding:
    related_table = ctx.database.table(related)
    fields = _nested(prop.shape, related_table, ctx, for_input, seen)
    return FieldBinding(
        prop.name,
        FieldMode.EMBEDDED,
        prop.shape,
        column=column,
        related_table=related,
        related_key=related_key,
        key_property=_key_property(fields, related_key),
        fields=fields,
    )


def _key_property(fields: tuple[FieldBinding, ...], key_column: str) -> str | None:
    """The property of a related object that holds the related row's key."""
    return next(
        (f.property for f in fields if f.column == key_column and f.mode is FieldMode.COLUMN), None
    )


def _bind_collection(
    prop: Property,
    items: Shape,
    table: Table,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]],
) -> FieldBinding:
    """An array of objects: rows of a child table, or rows reached through a join table."""
    if resolve_model(items, ctx.models).kind is not ShapeKind.OBJECT:
        return FieldBinding(prop.name, FieldMode.UNBOUND, prop.shape)
    related = _related_table(prop.name, items, ctx)
    if related is None:
        return FieldBinding(prop.name, FieldMode.UNBOUND, prop.shape)
    fk = foreign_key_to(related, table.name)
    if fk is not None:
        return FieldBinding(
            prop.name,
            FieldMode.CHILDREN,
            prop.shape,
            related_table=related.name,
            related_key=fk.columns[0],
            owner_key=fk.ref_columns[0],
            fields=_nested(items, related, ctx, for_input, seen),
            related_soft_delete=soft_delete_of(related),
        )
    joined = join_table(ctx.database, table.name, related.name)
    if joined is None:
        return FieldBinding(prop.name, FieldMode.UNBOUND, prop.shape)
    join, to_this, to_related = joined
    fields = _nested(items, related, ctx, for_input, seen)
    return FieldBinding(
        prop.name,
        FieldMode.JOIN,
        prop.shape,
        related_table=related.name,
        related_key=to_related.ref_columns[0],
        owner_key=to_this.ref_columns[0],
        join_table=join.name,
        join_columns=(to_this.columns[0], to_related.columns[0]),
        key_property=_key_property(fields, to_related.ref_columns[0]),
        fields=fields,
        related_soft_delete=soft_delete_of(related),
    )


def _related_table(prop_name: str, items: Shape, ctx: FieldContext) -> Table | None:
    if items.kind is ShapeKind.REF and items.ref in ctx.schema_tables:
        return ctx.database.table(ctx.schema_tables[items.ref])
    if items.kind is ShapeKind.REF and items.ref is not None:
        found = ctx.tables.find(items.ref)
        if found:
            return found[0]
    found = ctx.tables.find(prop_name)
    return found[0] if found else None


def _nested(
    shape: Shape,
    related: Table | None,
    ctx: FieldContext,
    for_input: bool,
    seen: frozenset[tuple[str, str]],
) -> tuple[FieldBinding, ...]:
    key = (shape.ref if shape.kind is ShapeKind.REF else shape.pointer) or ""
    if related is None or (key, related.name) in seen:
        return ()
    return bind_fields(shape, related, ctx, for_input, seen)
