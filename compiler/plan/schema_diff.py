"""What changed between two schemas, as the steps of a migration, and which steps are risky.

The targets write each step in their own migration tool; this module decides once what the steps
are and in which order (enums and tables first, drops last), and which of them may lose data or
fail on the rows a database already holds (as squawk and Atlas lint judge them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from compiler.diagnostics import Location
from compiler.ir.database import (
    INTEGER_KINDS,
    CheckConstraint,
    Column,
    ColumnKind,
    ColumnType,
    Database,
    EnumType,
    ForeignKey,
    Index,
    Table,
    UniqueConstraint,
)


class StepKind(StrEnum):
    CREATE_ENUM = "create_enum"
    ADD_ENUM_VALUES = "add_enum_values"
    CREATE_TABLE = "create_table"
    ADD_COLUMN = "add_column"
    ALTER_COLUMN = "alter_column"
    ADD_UNIQUE = "add_unique"
    ADD_CHECK = "add_check"
    ADD_FOREIGN_KEY = "add_foreign_key"
    CREATE_INDEX = "create_index"
    DROP_INDEX = "drop_index"
    DROP_FOREIGN_KEY = "drop_foreign_key"
    DROP_UNIQUE = "drop_unique"
    DROP_CHECK = "drop_check"
    COMMENT = "comment"  # the table's or its columns' comments change
    DROP_COLUMN = "drop_column"
    DROP_TABLE = "drop_table"
    DROP_ENUM = "drop_enum"
    REMOVE_ENUM_VALUES = "remove_enum_values"
    ALTER_PRIMARY_KEY = "alter_primary_key"


@dataclass(frozen=True)
class MigrationStep:
    """One change of a migration; the fields its kind needs are set, the others are None."""

    kind: StepKind
    table: str = ""  # "" for enum steps
    table_def: Table | None = None  # CREATE_TABLE: the new table
    column: Column | None = None  # ADD/ALTER: the new column; DROP: the old one
    before: Column | None = None  # ALTER_COLUMN: the column as it was
    foreign_key: ForeignKey | None = None
    unique: UniqueConstraint | None = None
    check: CheckConstraint | None = None
    index: Index | None = None
    enum: EnumType | None = None  # the enum after the step (the old one for DROP_ENUM)
    values: tuple[str, ...] = ()  # ADD/REMOVE_ENUM_VALUES
    risk: str = ""  # why the step may lose data or fail on existing rows; "" when safe


def migration_steps(before: Database, after: Database) -> tuple[MigrationStep, ...]:
    """The steps that turn schema `before` into `after`, in an order a database accepts."""
    steps = [*_enum_steps(before, after)]
    old_tables = {t.name: t for t in before.tables}
    new_tables = {t.name: t for t in after.tables}
    for table in after.tables:  # dependency order: referenced tables first
        old = old_tables.get(table.name)
        if old is None:
            steps.append(MigrationStep(StepKind.CREATE_TABLE, table.name, table_def=table))
        else:
            steps += _table_steps(old, table, after)
    for table in reversed(before.tables):  # dependants first
        if table.name not in new_tables:
            steps.append(
                MigrationStep(StepKind.DROP_TABLE, table.name, risk="drops the table and its rows")
            )
    steps += [
        MigrationStep(StepKind.DROP_ENUM, enum=e)
        for e in before.enums
        if e.name not in {n.name for n in after.enums}
    ]
    return tuple(sorted(steps, key=_phase))


_NOWHERE = Location("")
_LATE = (StepKind.DROP_TABLE, StepKind.DROP_ENUM)


def _phase(step: MigrationStep) -> int:
    """Drops of whole tables and enums come last; everything else keeps its discovery order."""
    return 1 if step.kind in _LATE else 0


def _enum_steps(before: Database, after: Database) -> list[MigrationStep]:
    old = {e.name: e for e in before.enums}
    steps = []
    for enum in after.enums:
        previous = old.get(enum.name)
        if previous is None:
            steps.append(MigrationStep(StepKind.CREATE_ENUM, enum=enum))
            continue
        added = tuple(v for v in enum.values if v not in previous.values)
        removed = tuple(v for v in previous.values if v not in enum.values)
        if added:
            steps.append(MigrationStep(StepKind.ADD_ENUM_VALUES, enum=enum, values=added))
        if removed:
            risk = "rows holding a removed value can no longer be stored"
            steps.append(
                MigrationStep(StepKind.REMOVE_ENUM_VALUES, enum=enum, values=removed, risk=risk)
            )
    return steps


def _table_steps(old: Table, new: Table, after: Database) -> list[MigrationStep]:
    name = new.name
    steps: list[MigrationStep] = []
    old_columns = {c.name: c for c in old.columns}
    new_columns = {c.name for c in new.columns}
    old_fks = {_unplaced(fk) for fk in old.foreign_keys}
    new_fks = {_unplaced(fk) for fk in new.foreign_keys}
    old_uniques, new_uniques = set(old.uniques), set(new.uniques)
    old_indexes, new_indexes = set(old.indexes), set(new.indexes)
    steps += [
        MigrationStep(StepKind.DROP_INDEX, name, index=i)
        for i in old.indexes
        if i not in new_indexes
    ]
    steps += [
        MigrationStep(StepKind.DROP_FOREIGN_KEY, name, foreign_key=fk)
        for fk in old.foreign_keys
        if _unplaced(fk) not in new_fks
    ]
    steps += [
        MigrationStep(StepKind.DROP_UNIQUE, name, unique=u)
        for u in old.uniques
        if u not in new_uniques
    ]
    steps += [
        MigrationStep(StepKind.DROP_CHECK, name, check=c) for c in old.checks if c not in new.checks
    ]
    for column in new.columns:
        previous = old_columns.get(column.name)
        if previous is None:
            steps.append(
                MigrationStep(StepKind.ADD_COLUMN, name, column=column, risk=_add_risk(column))
            )
        elif _definition(previous) != _definition(column):
            risk = _alter_risk(previous, column)
            steps.append(
                MigrationStep(
                    StepKind.ALTER_COLUMN, name, column=column, before=previous, risk=risk
                )
            )
    if old.primary_key != new.primary_key:
        steps.append(
            MigrationStep(
                StepKind.ALTER_PRIMARY_KEY,
                name,
                risk="changes the primary key: existing rows may collide",
            )
        )
    steps += [
        MigrationStep(StepKind.DROP_COLUMN, name, column=c, risk="drops the column and its values")
        for c in old.columns
        if c.name not in new_columns
    ]
    steps += [
        MigrationStep(
            StepKind.ADD_UNIQUE, name, unique=u, risk="fails if existing rows hold duplicates"
        )
        for u in new.uniques
        if u not in old_uniques
    ]
    steps += [
        MigrationStep(
            StepKind.ADD_CHECK,
            name,
            check=c,
            # a check of columns this change adds reads only their defaults on existing rows
            risk="fails if existing rows violate it"
            if any(column in old_columns for column in c.columns)
            else "",
        )
        for c in new.checks
        if c not in old.checks
    ]
    steps += [
        MigrationStep(
            StepKind.ADD_FOREIGN_KEY,
            name,
            foreign_key=fk,
            risk="fails if existing rows reference missing ones"
            if any(c in old_columns for c in fk.columns)
            else "",
        )
        for fk in new.foreign_keys
        if _unplaced(fk) not in old_fks and after.table(fk.ref_table) is not None
    ]
    if _comments(old) != _comments(new):
        steps.append(MigrationStep(StepKind.COMMENT, name))
    steps += [
        MigrationStep(
            StepKind.CREATE_INDEX,
            name,
            index=i,
            risk="fails if existing rows hold duplicates" if i.unique else "",
        )
        for i in new.indexes
        if i not in old_indexes
    ]
    return steps


def _comments(table: Table) -> tuple[str, ...]:
    return (table.comment, *(f"{c.name}:{c.comment}" for c in table.columns if c.comment))


def _unplaced(foreign_key: ForeignKey) -> ForeignKey:
    """The foreign key without where it was written: two spellings of one key are equal."""
    return replace(foreign_key, location=_NOWHERE)


def _definition(column: Column) -> tuple[object, ...]:
    """What of a column a migration can change (not its comment or where it was written; an
    enum's values change through the enum's own steps)."""
    kind = replace(column.type, enum_values=()) if column.type.enum_name else column.type
    return (kind, column.nullable, column.default, column.identity, column.check_values)


def _add_risk(column: Column) -> str:
    if column.nullable or column.default is not None or column.identity:
        return ""
    return "a NOT NULL column without a DEFAULT cannot be added to a table that has rows"


def _alter_risk(before: Column, after: Column) -> str:
    if not _widens(before.type, after.type):
        return f"changes {before.type.sql} to {after.type.sql}: existing values may not fit"
    if before.nullable and not after.nullable:
        return "sets NOT NULL: fails while existing rows hold NULL (backfill them first)"
    if after.check_values and not set(before.check_values) <= set(after.check_values):
        return "narrows the allowed values: existing rows may hold another one"
    if after.check_values and not before.check_values:
        return "adds an allowed-values CHECK: existing rows may hold other values"
    return ""


_INTEGER_WIDTH = {ColumnKind.SMALLINT: 2, ColumnKind.INTEGER: 4, ColumnKind.BIGINT: 8}


def _widens(before: ColumnType, after: ColumnType) -> bool:
    """True when every value of `before` fits `after` unchanged."""
    if before == after:
        return True
    if before.kind in INTEGER_KINDS and after.kind in INTEGER_KINDS:
        return _INTEGER_WIDTH[after.kind] >= _INTEGER_WIDTH[before.kind]
    if before.kind is ColumnKind.VARCHAR and after.kind is ColumnKind.TEXT:
        return True
    if before.kind is ColumnKind.VARCHAR and after.kind is ColumnKind.VARCHAR:
        return after.length is None or (before.length is not None and after.length >= before.length)
    if before.kind is ColumnKind.REAL and after.kind is ColumnKind.DOUBLE:
        return True
    if before.kind is ColumnKind.DECIMAL and after.kind is ColumnKind.DECIMAL:
        return _decimal_widens(before, after)
    if before.kind is after.kind is ColumnKind.ENUM:
        return before.enum_name == after.enum_name
    if before.kind is after.kind is ColumnKind.TIMESTAMP:
        return before.timezone == after.timezone
    return False


def _decimal_widens(before: ColumnType, after: ColumnType) -> bool:
    if after.precision is None:
        return True
    if before.precision is None:
        return False
    return _integer_digits(after) >= _integer_digits(before) and (after.scale or 0) >= (
        before.scale or 0
    )


def _integer_digits(decimal: ColumnType) -> int:
    return (decimal.precision or 0) - (decimal.scale or 0)


def describe(step: MigrationStep) -> str:
    """The step in a few words: `add column pets.chip`, `add values 'x' to enum mood`."""
    words = step.kind.value.replace("_", " ")
    if step.enum is not None and step.values:
        values = ", ".join(repr(v) for v in step.values)
        return f"{words.split(' ')[0]} {values} {'to' if step.kind is StepKind.ADD_ENUM_VALUES else 'from'} enum {step.enum.name}"
    if step.enum is not None:
        return f"{words} {step.enum.name}"
    if step.column is not None:
        return f"{words} {step.table}.{step.column.name}"
    named = step.index.name if step.index else None
    if step.foreign_key is not None:
        named = step.foreign_key.name or ", ".join(step.foreign_key.columns)
    if step.unique is not None:
        named = step.unique.name or ", ".join(step.unique.columns)
    if step.check is not None:
        named = step.check.name
    return f"{words} {step.table}" + (f" ({named})" if named else "")
