"""Which table each named schema describes.

In order of trust: overrides; the schema's own name (`PetType` -> `pet_types`); the table of the
routes that return it (`GET /pet-types` returns `Kind[]` -> `Kind` is `pet_types`); then foreign
keys, repeated until nothing changes (`Pet.type: PetType` with `pets.type_id -> types` makes
`PetType` the `types` table).
"""

from __future__ import annotations

from compiler.binder.envelope import list_rows, single_row
from compiler.binder.naming import snake_case
from compiler.binder.prepare import PreparedOperation
from compiler.binder.resolve import resolve_route
from compiler.binder.tables import TableIndex
from compiler.ir.api import OperationKind, ParamLocation
from compiler.ir.database import Database
from compiler.ir.shapes import Model, Shape, ShapeKind
from compiler.openapi.shapes import resolve_model


def schema_tables(
    models: dict[str, Model],
    database: Database,
    tables: TableIndex,
    operations: list[PreparedOperation],
    overrides: dict[str, str],
) -> dict[str, str]:
    """Schema name -> table name, for every schema that can be tied to a table."""
    mapping = dict(overrides)
    for name in sorted(models):
        if name not in mapping:
            found = tables.find(name)
            if found:
                mapping[name] = found[0].name
    for prepared in sorted(operations, key=lambda p: len(p.route.parents)):
        _from_route(prepared, models, tables, mapping)  # top-level routes name tables best
    _from_foreign_keys(models, database, mapping)
    return mapping


def _from_route(
    prepared: PreparedOperation,
    models: dict[str, Model],
    tables: TableIndex,
    mapping: dict[str, str],
) -> None:
    if prepared.natural_kind is OperationKind.CUSTOM:
        return
    params = {p.name: p.shape for p in prepared.parameters if p.location is ParamLocation.PATH}
    resolved = resolve_route(prepared.route, tables, params=params)
    if resolved.table is None:
        return
    body = prepared.success(prepared.natural_kind).body
    shape = body.shape if body is not None else None
    if prepared.natural_kind is OperationKind.LIST:
        found = list_rows(shape, models)
    else:
        found = single_row(shape, models, resolved.table)
    if found is not None and found.row.kind is ShapeKind.REF and found.row.ref not in mapping:
        mapping[found.row.ref] = resolved.table.name


def _from_foreign_keys(
    models: dict[str, Model], database: Database, mapping: dict[str, str]
) -> None:
    changed = True
    while changed:
        changed = False
        for schema, table_name in sorted(mapping.items()):
            table = database.table(table_name)
            model = models.get(schema)
            if table is None or model is None:
                continue
            shape = resolve_model(model.shape, models)
            for prop in shape.properties:
                target = _referenced(prop.shape, models)
                if target is None or target in mapping:
                    continue
                column = table.column(snake_case(prop.name) + "_id")
                fk = table.foreign_key_for(column.name) if column is not None else None
                if fk is not None:
                    mapping[target] = fk.ref_table
                    changed = True


def _referenced(shape: Shape, models: dict[str, Model]) -> str | None:
    if shape.kind is ShapeKind.REF and shape.ref in models:
        return shape.ref
    return None
