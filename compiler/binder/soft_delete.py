"""Soft delete: a table whose rows are marked deleted instead of removed.

A column named like a deletion mark (`deleted_at`, `deleted_on`, `removed_at`, `deleted_at_ms`,
`deleted`, `is_deleted`, `isDeleted`) marks rows when a live row can hold its empty value:
- WHEN: a nullable date or timestamp, NULL while the row lives;
- EPOCH: a BIGINT holding the moment as epoch milliseconds, NULL or 0 while the row lives (a
  narrower integer cannot hold them on PostgreSQL, so it marks nothing);
- FLAG: a boolean (or a 0/1 integer named `is_…`), NULL or false while the row lives.
Its operations then treat marked rows as absent, and DELETE marks the row instead of removing it.
"""

from __future__ import annotations

from compiler.binder.naming import snake_case
from compiler.ir.api import SoftDelete, SoftDeleteMark
from compiler.ir.database import INTEGER_KINDS, Column, ColumnKind, DefaultKind, Table

_NAMES = frozenset(
    {
        "deleted_at",
        "deleted_on",
        "deleted_date",
        "removed_at",
        "deleted_at_m",
        "deleted_at_ms",
        "deleted",
        "is_deleted",
    }
)
_MOMENT_KINDS = (ColumnKind.TIMESTAMP, ColumnKind.DATE)


def named_like_a_mark(table: Table) -> Column | None:
    """The first column named like a deletion mark, whether or not it can mark rows."""
    return next((c for c in table.columns if snake_case(c.name) in _NAMES), None)


def soft_delete_of(table: Table) -> SoftDelete | None:
    """The table's soft-delete column and how it marks a row; None when rows are removed."""
    for column in table.columns:
        name = snake_case(column.name)
        if name not in _NAMES:
            continue
        mark = _mark(column, flag_name=name.startswith("is_"))
        if mark is not None:
            return SoftDelete(column.name, mark)
    return None


def _mark(column: Column, *, flag_name: bool) -> SoftDeleteMark | None:
    kind = column.type.kind
    live_by_default = column.nullable or _empty_default(column)
    if not live_by_default:
        return None
    if kind in _MOMENT_KINDS and column.nullable:
        return SoftDeleteMark.WHEN
    if kind is ColumnKind.BOOLEAN:
        return SoftDeleteMark.FLAG
    if kind in INTEGER_KINDS and flag_name:
        return SoftDeleteMark.FLAG
    if kind is ColumnKind.BIGINT:  # epoch milliseconds need 64 bits on every database
        return SoftDeleteMark.EPOCH
    return None


def _empty_default(column: Column) -> bool:
    """A default of false or 0: new rows are live."""
    default = column.default
    return default is not None and default.kind is DefaultKind.LITERAL and not default.value
