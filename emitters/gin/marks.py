"""Soft delete in Go: each table's deletion mark, as the IR names it, written as a `database.Mark`.

The IR puts a table's mark on every place that must honour it (its operations, the parent scopes
of nested routes under it, the arrays of its rows in other responses); the repository file of the
table declares it once, and each of those places adds its `Live()` condition to its query.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.ir import (
    Api,
    ColumnKind,
    FieldBinding,
    SoftDelete,
    SoftDeleteMark,
    Table,
)
from emitters.gin.naming import go_string

# how a WHEN mark is stored, by the column's kind
_WHEN_KINDS = {ColumnKind.DATE: "database.MarkedOn", ColumnKind.TIMESTAMP: "database.MarkedAt"}


def table_marks(api: Api) -> dict[str, SoftDelete]:
    """The deletion mark of every table the IR gives one: through its operations, the parent
    scopes naming it and the related arrays of its rows."""
    marks: dict[str, SoftDelete] = {}
    for op in api.operations:
        if op.table is not None and op.soft_delete is not None:
            marks[op.table] = op.soft_delete
        for scope in op.parents:
            if scope.soft_delete is not None:
                marks[scope.parent_table] = scope.soft_delete
        for binding in _bindings((*op.request_fields, *op.response_fields)):
            if binding.related_table is not None and binding.related_soft_delete is not None:
                marks[binding.related_table] = binding.related_soft_delete
    return marks


def _bindings(fields: tuple[FieldBinding, ...]) -> Iterator[FieldBinding]:
    for binding in fields:
        yield binding
        yield from _bindings(binding.fields)


def mark_literal(mark: SoftDelete, table: Table) -> str:
    """The `database.Mark` of a table: its column and how the column stores the mark."""
    column = table.column(mark.column)
    assert column is not None, f"{table.name}.{mark.column} is not a column"
    if mark.mark is SoftDeleteMark.WHEN:
        kind = _WHEN_KINDS[column.type.kind]
    elif mark.mark is SoftDeleteMark.EPOCH:
        kind = "database.MarkedAtMillis"
    elif column.type.kind is ColumnKind.BOOLEAN:
        kind = "database.Flagged"
    else:
        kind = "database.FlaggedOne"
    return f"database.Mark{{Column: {go_string(mark.column)}, Kind: {kind}}}"


__all__ = ["mark_literal", "table_marks"]
