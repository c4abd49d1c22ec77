"""Evidence from the payloads: whether a body is a row of the table, and which table rows describe
when the route's name matches none (the schema's name, else the columns its properties match)."""

from __future__ import annotations

import re

from compiler.binder.envelope import RowLocation, list_rows, single_row
from compiler.binder.fields import FieldContext, bind_fields
from compiler.binder.naming import singular, snake_case
from compiler.binder.prepare import PreparedOperation
from compiler.binder.resolve import Suggestion
from compiler.binder.tables import match_column
from compiler.ir.api import FieldMode, OperationKind
from compiler.ir.database import Table
from compiler.ir.shapes import ShapeKind
from compiler.openapi.shapes import resolve_model

_VERSION = re.compile(r"^(v\d+(\.\d+)*|api)$", re.IGNORECASE)
# Column overlap alone names a table only when this many properties, and this share, match it.
MIN_MATCHED_PROPERTIES = 3
MIN_MATCHED_SHARE = 0.6


def row_fit(
    row: RowLocation | None, table: Table, ctx: FieldContext, what: str, for_input: bool
) -> tuple[str, list[str]]:
    """(problem, evidence): a problem when `row` has properties and none is a column of `table`
    (`POST /sessions` with `{action, ids}` is not a create), else how many properties are."""
    if row is None:
        return "", []
    fields = bind_fields(row.row, table, ctx, for_input)
    if not fields:
        return "", []
    bound = sum(
        1 for f in fields if f.mode is not FieldMode.UNBOUND or _references(table, f.property)
    )
    if bound == 0:
        names = ", ".join(f.property for f in fields[:4]) + (", ..." if len(fields) > 4 else "")
        return f"the {what} ({names}) share no property with the columns of {table.name}", []
    return "", [f"{what}: {bound} of {len(fields)} properties are columns of {table.name}"]


def _references(table: Table, prop: str) -> bool:
    """A property naming a related row by its key (`branch` for the foreign key `branch_id`)."""
    column = table.column(f"{snake_case(prop)}_id")
    return column is not None and table.foreign_key_for(column.name) is not None


def suggest_table(
    prepared: PreparedOperation, kind: OperationKind, ctx: FieldContext
) -> Suggestion | None:
    """A table for a route whose name matches none: the one its row schema is named after or
    mapped to, else the one whose columns most of the row's properties match.

    Only for routes that read as a plain collection: a plural noun (not `/charge`), under no
    literal prefix but a version (not `/analytics/...`, `/events/...`).
    """
    route = prepared.route
    resource = snake_case(route.resource or "")
    if (
        not resource
        or singular(resource) == resource
        or any(not _VERSION.match(p) for p in route.prefix)
    ):
        return None
    row = _row(prepared, kind, ctx)
    if row is None:
        return None
    if row.row.kind is ShapeKind.REF and row.row.ref in ctx.schema_tables:
        table = ctx.database.table(ctx.schema_tables[row.row.ref])
        if table is not None:
            return Suggestion(table, f"its rows are schema {row.row.ref}, which describes it")
    names = [p.name for p in resolve_model(row.row, ctx.models).properties]
    if len(names) < MIN_MATCHED_PROPERTIES:
        return None
    scored = sorted(
        ((sum(match_column(t, n) is not None for n in names), t) for t in ctx.database.tables),
        key=lambda pair: -pair[0],
    )
    best, table = scored[0] if scored else (0, None)
    runner_up = scored[1][0] if len(scored) > 1 else 0
    if table is None or best < MIN_MATCHED_PROPERTIES or best < MIN_MATCHED_SHARE * len(names):
        return None
    if runner_up == best:
        return None
    return Suggestion(table, f"{best} of {len(names)} properties of its rows are its columns")


def _row(prepared: PreparedOperation, kind: OperationKind, ctx: FieldContext) -> RowLocation | None:
    body = prepared.success(kind).body
    shape = body.shape if body is not None else None
    if kind is OperationKind.LIST:
        return list_rows(shape, ctx.models)
    found = single_row(shape, ctx.models, None)
    if found is None and kind is OperationKind.CREATE and prepared.request is not None:
        found = single_row(prepared.request.shape, ctx.models, None)
    return found
