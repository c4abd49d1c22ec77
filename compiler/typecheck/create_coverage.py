"""Can a create fill every NOT NULL column? CC102 (a column the request cannot set) and CC112 (a
column only an optional property sets: a valid request without it fails).

A column is filled when the request sets it, the path sets it (a parent key), or the database or
the server does: identity, DEFAULT, nullable, a BEFORE INSERT trigger, or declared `server_filled`. A lifecycle timestamp
(`created_at`, `modified`, `utcDateModified`, …) that nothing fills is usually set by a trigger or
by the application's ORM, which the SQL does not show: a warning, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.binder.naming import is_lifecycle_timestamp
from compiler.diagnostics import Severity
from compiler.ir.api import FieldMode, Operation
from compiler.ir.database import Column, Table


@dataclass(frozen=True)
class Unfilled:
    """A NOT NULL column a create may leave empty, as a diagnostic to report at the column."""

    code: str
    severity: Severity
    message: str
    hint: str
    column: Column
    pointer: str = ""  # the property's schema, when the finding belongs in the spec


def unfilled_columns(op: Operation, table: Table) -> list[Unfilled]:
    """Every NOT NULL column of `table` that `op` (a create) may leave without a value."""
    optional = {
        f.column: f
        for f in op.request_fields
        if f.mode in (FieldMode.COLUMN, FieldMode.EMBEDDED) and f.column is not None
    }
    set_by_path = {scope.child_column for scope in op.parents}
    route = f"{op.method.upper()} {op.path}"
    found = []
    for column in table.columns:
        if (
            column.has_server_value
            or column.server_filled
            or column.filled_by_trigger
            or column.name in set_by_path
        ):
            continue
        where = f"{table.name}.{column.name}"
        severity = Severity.WARNING if is_lifecycle_timestamp(column.name) else Severity.ERROR
        field = optional.get(column.name)
        if field is None:
            filler = "a trigger or the server must fill it" if severity is Severity.WARNING else ""
            found.append(
                Unfilled(
                    "CC102",
                    severity,
                    f"{route} cannot set NOT NULL column {where}"
                    + (f", which has no DEFAULT: {filler}" if filler else ""),
                    f"add a property for {column.name} to the request, give the column a DEFAULT, "
                    "or declare it server_filled (docs/mapping.md)",
                    column,
                )
            )
        elif not field.required and not field.shape.has_default:
            found.append(
                Unfilled(
                    "CC112",
                    severity,
                    f"{route}: optional property {field.property!r} is stored in NOT NULL column "
                    f"{where}, which has no DEFAULT: a valid request without it fails",
                    f"make {field.property!r} required or give it a default, give the column a "
                    "DEFAULT, or declare it server_filled (docs/mapping.md)",
                    column,
                    field.shape.pointer,
                )
            )
    return found
