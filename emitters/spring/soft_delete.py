"""Soft delete in the Spring target: the SQL condition of a live row and the value marking a row.

One place for both, so the repository's statements, the parent checks of nested routes and the
related-row queries agree. The condition reads the same in SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import ColumnKind, SoftDelete, SoftDeleteMark, Table
from emitters.spring.naming import sql_identifier


@dataclass(frozen=True)
class DeletionMark:
    """How a table's rows are marked deleted, as the generated code writes it."""

    column: str
    live: str  # SQL: the condition of a row whose mark is unset
    value: str  # Java: the value a DELETE stores in the column


def deletion_mark(soft_delete: SoftDelete, table: Table, qualified: bool = False) -> DeletionMark:
    """The mark of `table`'s rows; `qualified` prefixes the column with the table (for joins)."""
    column = table.column(soft_delete.column)
    assert column is not None, (table.name, soft_delete.column)
    name = sql_identifier(column.name)
    if qualified:
        name = f"{sql_identifier(table.name)}.{name}"
    boolean = column.type.kind is ColumnKind.BOOLEAN
    if soft_delete.mark is SoftDeleteMark.WHEN:
        live = f"{name} IS NULL"
        value = (
            "LocalDate.now(ZoneOffset.UTC)"
            if column.type.kind is ColumnKind.DATE
            else "OffsetDateTime.now()"
        )
    else:
        empty = "FALSE" if boolean else "0"
        live = f"({name} IS NULL OR {name} = {empty})" if column.nullable else f"{name} = {empty}"
        if soft_delete.mark is SoftDeleteMark.EPOCH:
            value = "System.currentTimeMillis()"
        else:
            value = "true" if boolean else "1"
    return DeletionMark(column.name, live, value)
