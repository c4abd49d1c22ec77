"""Soft delete as declared: unique keys that still hold the deleted rows (CC117), and a column
named like a deletion mark that cannot mark rows, beside a DELETE that therefore removes (CC116).

A table whose DELETE marks rows keeps them, so a plain `UNIQUE (sku)` still counts a deleted
product: a new row cannot take the key of a deleted one (the create answers conflict). That may be
intended; when it is not, the key should ignore marked rows — a partial unique index, which
PostgreSQL and SQLite both have. Each such key is named once, with the index to write.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.binder.soft_delete import named_like_a_mark
from compiler.ir.api import Api, Operation, OperationKind, SoftDelete, SoftDeleteMark
from compiler.ir.database import Database, Table


def keys_holding_deleted_rows(api: Api, database: Database) -> Iterator[tuple[Table, str, str]]:
    """(table, message, hint) for each unique key of a table whose DELETE marks rows."""
    marked = {
        op.table: op.soft_delete
        for op in api.operations
        if op.kind is OperationKind.DELETE and op.table and op.soft_delete
    }
    for table in database.tables:
        mark = marked.get(table.name)
        if mark is None:
            continue
        keys = [u.columns for u in table.uniques]
        keys += [i.columns for i in table.indexes if i.unique and not i.where]
        for columns in keys:
            if mark.column in columns:
                continue
            listed = ", ".join(columns)
            yield (
                table,
                f"UNIQUE ({listed}) of {table.name} also counts rows marked deleted in"
                f" {mark.column}: a new row cannot take the key of a deleted one",
                f"if deleted rows should free their key, make it a partial unique index: CREATE UNIQUE INDEX ON"
                f" {table.name} ({listed}) WHERE {_live(mark)}",
            )


def _live(mark: SoftDelete) -> str:
    """The condition that holds for rows not marked deleted."""
    if mark.mark is SoftDeleteMark.WHEN:
        return f"{mark.column} IS NULL"
    empty = "false" if mark.mark is SoftDeleteMark.FLAG else "0"
    return f"({mark.column} IS NULL OR {mark.column} = {empty})"


def deletes_beside_unusable_marks(
    api: Api, database: Database
) -> Iterator[tuple[Operation, str, str]]:
    """(operation, message, hint) for a DELETE that removes rows although its table has a column
    named like a deletion mark, which cannot mark them as declared."""
    for op in api.operations:
        table = database.table(op.table) if op.table else None
        if op.kind is not OperationKind.DELETE or table is None or op.soft_delete is not None:
            continue
        column = named_like_a_mark(table)
        if column is None:
            continue
        yield (
            op,
            f"{op.method.upper()} {op.path} removes the row: {table.name}.{column.name}"
            f" ({column.type.sql or column.type.kind.value}) is named like a deletion mark but"
            " cannot mark rows",
            "a mark is a nullable timestamp or date, a BIGINT of epoch milliseconds (0 or NULL"
            " while live), or a boolean (false or NULL while live)",
        )
