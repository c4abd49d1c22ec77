"""Freeze a `SchemaDraft` into the IR: resolve types, check references, order tables."""

from __future__ import annotations

import difflib
from dataclasses import replace

from sqlglot import exp

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.database import (
    CheckConstraint,
    Column,
    ColumnKind,
    ColumnType,
    Database,
    EnumType,
    ForeignKey,
    SeedRows,
    Table,
    UniqueConstraint,
)
from compiler.sql.drafts import ColumnDraft, SchemaDraft, TableDraft, name_key
from compiler.sql.types import STANDARD_TYPE_NAMES, MappedType, map_type

_MAX_DOMAIN_DEPTH = 8


def freeze(draft: SchemaDraft, sink: DiagnosticSink, where: Location) -> Database:
    """The `Database` IR for everything replayed into `draft`."""
    enums = dict(draft.enums)
    tables = [_freeze_table(draft, table, enums, sink) for table in draft.tables.values()]
    tables = _check_foreign_keys(tables, sink)
    if not tables:
        sink.warning(
            "CC308",
            "the SQL defines no tables",
            where,
            "give contractc the CREATE TABLE statements of your database",
        )
    for table in tables:
        if not table.primary_key:
            sink.warning(
                "CC309",
                f"table {table.name} has no primary key",
                table.location,
                "add PRIMARY KEY so rows can be addressed by id",
            )
    return Database(
        draft.dialect, dependency_order(tables), tuple(enums.values()), seeds=_seeds(draft)
    )


def _seeds(draft: SchemaDraft) -> tuple[SeedRows, ...]:
    """Every table's seed rows, in the order the INSERTs ran."""
    found = [(seed, table) for table in draft.tables.values() for seed in table.seeds]
    return tuple(
        SeedRows(table.name, tuple(seed.columns), tuple(map(tuple, seed.rows)), seed.location)
        for seed, table in sorted(found, key=lambda pair: pair[0].order)
    )


def _freeze_table(
    draft: SchemaDraft, table: TableDraft, enums: dict[str, EnumType], sink: DiagnosticSink
) -> Table:
    columns = tuple(
        _freeze_column(draft, table, col, enums, sink) for col in table.columns.values()
    )
    return Table(
        name=table.name,
        columns=columns,
        primary_key=tuple(_spelled(table, c) for c in table.primary_key),
        location=table.location,
        foreign_keys=tuple(
            ForeignKey(
                tuple(_spelled(table, c) for c in fk.columns),
                fk.ref_table,
                tuple(fk.ref_columns),
                fk.location,
                fk.name,
                fk.on_delete,
                fk.on_update,
            )
            for fk in table.foreign_keys
        ),
        uniques=_dedupe_uniques(table),
        indexes=tuple(table.indexes),
        comment=table.comment,
        checks=tuple(
            CheckConstraint(c.name, c.sql, tuple(_spelled(table, n) for n in sorted(c.names())))
            for c in table.checks
        ),
    )


def _mapped_type(draft: SchemaDraft, column: ColumnDraft) -> MappedType:
    """The column's mapped type; remembered per type node when it names no user-defined type
    (a migration folder freezes every table after each file)."""
    node = column.type_node
    known = draft.mapped_types.get(id(node)) if node is not None else None
    if known is not None and known[0] is node:
        return known[1]  # type: ignore[return-value]
    mapped = map_type(node, draft.dialect, lambda name: _named_type(draft, name, 0))
    if node is not None and not _names_user_type(node):
        draft.mapped_types[id(node)] = (node, mapped)
    return mapped


def _names_user_type(node: exp.Expression) -> bool:
    return any(
        isinstance(n, exp.DataType) and n.this == exp.DataType.Type.USERDEFINED for n in node.walk()
    )


def _freeze_column(
    draft: SchemaDraft,
    table: TableDraft,
    column: ColumnDraft,
    enums: dict[str, EnumType],
    sink: DiagnosticSink,
) -> Column:
    mapped = _mapped_type(draft, column)
    column_type = mapped.type
    if mapped.unknown is not None:
        known = sorted(
            {e.name for e in draft.enums.values()}
            | {d.name for d in draft.domains.values()}
            | set(STANDARD_TYPE_NAMES)
        )
        close = difflib.get_close_matches(mapped.unknown, known, n=3, cutoff=0.6)
        sink.error(
            "CC303",
            f"unknown type {mapped.unknown} for column {table.name}.{column.name}",
            column.type_location,
            f"did you mean {', '.join(close)}?"
            if close
            else "declare it with CREATE TYPE ... AS ENUM",
        )
    if column_type.kind is ColumnKind.ENUM and column_type.enum_name is None:
        enum_name = f"{table.name}_{column.name}"  # MySQL inline ENUM(...): give it a type name
        column_type = replace(column_type, enum_name=enum_name)
        enums[name_key(enum_name)] = EnumType(enum_name, column_type.enum_values, column.location)
    in_key = any(name_key(k) == name_key(column.name) for k in table.primary_key)
    identity = (
        mapped.identity
        or column.identity
        or (
            draft.dialect == "sqlite"
            and column.declared_integer
            and len(table.primary_key) == 1
            and in_key
        )
    )
    return Column(
        name=column.name,
        type=column_type,
        nullable=not (column.not_null or in_key or identity),
        location=column.location,
        default=column.default,
        identity=identity,
        check_values=column.check_values,
        comment=column.comment,
        filled_by_trigger=column.filled_by_trigger,
    )


def _named_type(draft: SchemaDraft, name: str, depth: int) -> ColumnType | None:
    enum = draft.enums.get(name_key(name))
    if enum is not None:
        return ColumnType(ColumnKind.ENUM, enum.name, enum_name=enum.name, enum_values=enum.values)
    domain = draft.domains.get(name_key(name))
    if domain is None or depth >= _MAX_DOMAIN_DEPTH:
        return None
    mapped = map_type(
        domain.type_node, draft.dialect, lambda inner: _named_type(draft, inner, depth + 1)
    )
    return None if mapped.unknown else mapped.type


def _spelled(table: TableDraft, name: str) -> str:
    column = table.column(name)
    return column.name if column is not None else name


def _dedupe_uniques(table: TableDraft) -> tuple[UniqueConstraint, ...]:
    seen: set[tuple[str, ...]] = set()
    uniques = []
    for unique in table.uniques:
        columns = tuple(_spelled(table, c) for c in unique.columns)
        if columns not in seen and columns != tuple(_spelled(table, c) for c in table.primary_key):
            seen.add(columns)
            uniques.append(UniqueConstraint(columns, unique.name))
    return tuple(uniques)


def _check_foreign_keys(tables: list[Table], sink: DiagnosticSink) -> list[Table]:
    """Drop (with CC307) foreign keys whose target table or columns do not exist."""
    by_key = {name_key(t.name): t for t in tables}
    checked = []
    for table in tables:
        kept = []
        for fk in table.foreign_keys:
            resolved = _resolve_foreign_key(table, fk, by_key, sink)
            if resolved is not None:
                kept.append(resolved)
        checked.append(replace(table, foreign_keys=tuple(kept)))
    return checked


def _resolve_foreign_key(
    table: Table, fk: ForeignKey, by_key: dict[str, Table], sink: DiagnosticSink
) -> ForeignKey | None:
    target = by_key.get(name_key(fk.ref_table))
    if target is None:
        close = difflib.get_close_matches(
            fk.ref_table, [t.name for t in by_key.values()], n=3, cutoff=0.6
        )
        sink.error(
            "CC307",
            f"foreign key of {table.name} references unknown table {fk.ref_table}",
            fk.location,
            f"did you mean {', '.join(close)}?" if close else "define the referenced table",
        )
        return None
    ref_columns = fk.ref_columns or target.primary_key
    missing = [c for c in fk.columns if table.column(c) is None]
    missing_ref = [
        c
        for c in ref_columns
        if not any(name_key(col.name) == name_key(c) for col in target.columns)
    ]
    if missing or missing_ref or not ref_columns or len(ref_columns) != len(fk.columns):
        detail = (
            f"column {missing[0]} of {table.name}"
            if missing
            else f"column {target.name}.{missing_ref[0]}"
            if missing_ref
            else f"a key of {target.name} matching {len(fk.columns)} column(s)"
        )
        sink.error(
            "CC307",
            f"foreign key of {table.name} references unknown {detail}",
            fk.location,
            f"columns of {target.name}: {', '.join(c.name for c in target.columns)}",
        )
        return None
    spelled = tuple(
        next(col.name for col in target.columns if name_key(col.name) == name_key(c))
        for c in ref_columns
    )
    return replace(fk, ref_table=target.name, ref_columns=spelled)


def dependency_order(tables: list[Table]) -> tuple[Table, ...]:
    """Referenced tables first; declaration order otherwise; cycles are broken where met."""
    by_key = {name_key(t.name): t for t in tables}
    ordered: list[Table] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(table: Table) -> None:
        key = name_key(table.name)
        if state.get(key):
            return
        state[key] = 1
        for fk in table.foreign_keys:
            target = by_key.get(name_key(fk.ref_table))
            if target is not None and target is not table:
                visit(target)
        state[key] = 2
        ordered.append(table)

    for table in tables:
        visit(table)
    return tuple(ordered)
