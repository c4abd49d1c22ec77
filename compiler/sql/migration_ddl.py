"""The SQL of one schema change, per dialect, from the steps `compiler.plan.schema_diff` decides.

PostgreSQL alters in place. SQLite cannot alter a column, a key or a constraint, so a table with
such a change is rebuilt the way SQLite documents it (create the new table under another name,
copy the rows of the columns both share, drop the old one, rename, recreate its indexes); that
needs `PRAGMA foreign_keys` off while the migration runs (see `Migration`).

Constraints the DDL leaves unnamed are found by PostgreSQL's default names (`<table>_<cols>_key`,
`_fkey`, `_check`, `_pkey`).
"""

from __future__ import annotations

from compiler.ir.database import Column, ColumnKind, Database, DefaultKind, EnumType, Table
from compiler.plan.schema_diff import MigrationStep, StepKind
from compiler.sql.ddl import ddl_writer, literal, quote

_SQLITE_IN_PLACE = frozenset(
    {
        StepKind.CREATE_TABLE,
        StepKind.DROP_TABLE,
        StepKind.CREATE_INDEX,
        StepKind.DROP_INDEX,
        StepKind.COMMENT,  # SQLite keeps no comments
    }
)
_REBUILD_PREFIX = "_contractc_new_"


def change_statements(
    steps: tuple[MigrationStep, ...], before: Database, after: Database, dialect: str
) -> tuple[str, ...]:
    """The statements that carry out `steps` (turning `before` into `after`) in `dialect`."""
    if dialect == "postgres":
        return tuple(_PostgresChange(before, after).statements(steps))
    if dialect == "sqlite":
        return tuple(_SqliteChange(before, after).statements(steps))
    raise ValueError(f"migrations are written for postgres and sqlite, not {dialect!r}")


class _Change:
    """One schema change in one dialect: the schemas on both sides and the dialect's DDL writer."""

    dialect = ""

    def __init__(self, before: Database, after: Database) -> None:
        self.before = before
        self.after = after
        self.ddl = ddl_writer(after, self.dialect)
        self.index_names = {i.name for t in before.tables for i in t.indexes}

    def _after(self, step: MigrationStep) -> Table:
        """The step's table as the change leaves it."""
        table = self.after.table(step.table)
        assert table is not None, step
        return table


class _PostgresChange(_Change):
    dialect = "postgres"

    def statements(self, steps: tuple[MigrationStep, ...]) -> list[str]:
        out: list[str] = []
        existing = {t.name for t in self.before.tables}
        deferred: list[str] = []
        rekeyed = {s.table for s in steps if s.kind is StepKind.ALTER_PRIMARY_KEY}
        for step in steps:
            if step.table in rekeyed:  # the old key goes first: its columns may change
                out += self._drop_primary_key(step.table)
                rekeyed.discard(step.table)
            if step.kind is StepKind.CREATE_TABLE:
                table = _table(step)
                inline = [
                    fk for fk in table.foreign_keys if fk.ref_table in existing | {table.name}
                ]
                out.append(self.ddl.create_table(table, inline))
                deferred += [
                    self.ddl.add_foreign_key(table, fk)
                    for fk in table.foreign_keys
                    if fk not in inline
                ]
                out += self._indexes(table)
                out += self.ddl.comments(table, None)
                existing.add(table.name)
            else:
                out += self._step(step)
        return out + deferred

    def _step(self, step: MigrationStep) -> list[str]:
        table = quote(step.table)
        kind = step.kind
        if kind is StepKind.CREATE_ENUM:
            return [self.ddl.create_enum(_enum(step))]
        if kind is StepKind.ADD_ENUM_VALUES:
            return _add_enum_values(_enum(step), step.values)
        if kind is StepKind.REMOVE_ENUM_VALUES:
            return self._replace_enum(_enum(step))
        if kind is StepKind.DROP_ENUM:
            return [f"DROP TYPE {quote(_enum(step).name)};"]
        if kind is StepKind.DROP_TABLE:
            return [f"DROP TABLE {table};"]
        if kind is StepKind.ADD_COLUMN:
            column = self.ddl.column_sql(self._after(step), _column(step))
            return [f"ALTER TABLE {table} ADD COLUMN {column};"]
        if kind is StepKind.DROP_COLUMN:
            return [f"ALTER TABLE {table} DROP COLUMN {quote(_column(step).name)};"]
        if kind is StepKind.ALTER_COLUMN:
            return self._alter_column(step)
        if kind is StepKind.ADD_UNIQUE:
            assert step.unique is not None
            return [f"ALTER TABLE {table} ADD {self.ddl.unique_sql(step.unique)};"]
        if kind is StepKind.DROP_UNIQUE:
            assert step.unique is not None
            name = step.unique.name or _default_name(step.table, step.unique.columns, "key")
            return [f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)};"]
        if kind is StepKind.ADD_CHECK:
            assert step.check is not None
            return [f"ALTER TABLE {table} ADD {self.ddl.check_constraint_sql(step.check)};"]
        if kind is StepKind.DROP_CHECK:
            assert step.check is not None
            return [f"ALTER TABLE {table} DROP CONSTRAINT {quote(step.check.name)};"]
        if kind is StepKind.ADD_FOREIGN_KEY:
            assert step.foreign_key is not None
            return [self.ddl.add_foreign_key(self._after(step), step.foreign_key)]
        if kind is StepKind.DROP_FOREIGN_KEY:
            fk = step.foreign_key
            assert fk is not None
            name = fk.name or _default_name(step.table, fk.columns, "fkey")
            return [f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)};"]
        if kind is StepKind.CREATE_INDEX:
            assert step.index is not None
            statement = self.ddl.create_index(self._after(step), step.index, self.index_names)
            return [statement] if statement else []
        if kind is StepKind.DROP_INDEX:
            assert step.index is not None
            return [f"DROP INDEX {quote(step.index.name)};"]
        if kind is StepKind.ALTER_PRIMARY_KEY:
            return self._alter_primary_key(step)
        if kind is StepKind.COMMENT:
            return self.ddl.comments(self._after(step), self.before.table(step.table))
        raise AssertionError(f"unhandled migration step {kind}")

    def _alter_column(self, step: MigrationStep) -> list[str]:
        new, old = _column(step), step.before
        assert old is not None
        table = self._after(step)
        prefix = f"ALTER TABLE {quote(step.table)} ALTER COLUMN {quote(new.name)}"
        out = []
        new_type, old_type = self.ddl.type_sql(new.type), self.ddl.type_sql(old.type)
        if new_type != old_type:
            out.append(f"{prefix} TYPE {new_type} USING {quote(new.name)}::{new_type};")
        if old.identity and not new.identity:
            out.append(f"{prefix} DROP IDENTITY IF EXISTS;")
        if new.default != old.default or (new.identity and not old.identity):
            assigned = self.ddl.is_assigned_key(table, new)
            default = None if assigned else self.ddl.default_sql(new)
            out.append(f"{prefix} SET DEFAULT {default};" if default else f"{prefix} DROP DEFAULT;")
            if assigned and not old.identity:
                out.append(f"{prefix} ADD GENERATED BY DEFAULT AS IDENTITY;")
        if new.nullable != old.nullable:
            out.append(f"{prefix} {'DROP' if new.nullable else 'SET'} NOT NULL;")
        if self.ddl.check_values(new) != self.ddl.check_values(old):
            name = quote(_default_name(step.table, (new.name,), "check"))
            out.append(f"ALTER TABLE {quote(step.table)} DROP CONSTRAINT IF EXISTS {name};")
            if self.ddl.check_values(new):
                check = self.ddl.check_sql(new)
                out.append(f"ALTER TABLE {quote(step.table)} ADD CONSTRAINT {name} {check};")
        return out

    def _drop_primary_key(self, table_name: str) -> list[str]:
        old = self.before.table(table_name)
        if old is None or not old.primary_key:
            return []
        name = quote(_default_name(table_name, (), "pkey"))
        return [f"ALTER TABLE {quote(table_name)} DROP CONSTRAINT {name};"]

    def _alter_primary_key(self, step: MigrationStep) -> list[str]:
        """The new key (the old one was dropped before the table's first step)."""
        new = self._after(step)
        if not new.primary_key:
            return []
        columns = ", ".join(quote(c) for c in new.primary_key)
        return [f"ALTER TABLE {quote(step.table)} ADD PRIMARY KEY ({columns});"]

    def _replace_enum(self, enum: EnumType) -> list[str]:
        """PostgreSQL cannot drop an enum value: a new type replaces the old one."""
        old_name = quote(f"{enum.name}__replaced")
        out = [
            f"ALTER TYPE {quote(enum.name)} RENAME TO {old_name};",
            self.ddl.create_enum(enum),
        ]
        for table in self.after.tables:
            for column in table.columns:
                if column.type.kind is ColumnKind.ENUM and column.type.enum_name == enum.name:
                    name, new_type = quote(column.name), quote(enum.name)
                    out.append(
                        f"ALTER TABLE {quote(table.name)} ALTER COLUMN {name}"
                        f" TYPE {new_type} USING {name}::text::{new_type};"
                    )
        return [*out, f"DROP TYPE {old_name};"]

    def _indexes(self, table: Table) -> list[str]:
        statements = (self.ddl.create_index(table, i, self.index_names) for i in table.indexes)
        return [s for s in statements if s]


class _SqliteChange(_Change):
    dialect = "sqlite"

    def statements(self, steps: tuple[MigrationStep, ...]) -> list[str]:
        rebuilt = self._rebuilt_tables(steps)
        out: list[str] = []
        for step in steps:
            if step.table in rebuilt:
                continue
            out += self._step(step)
        for table in self.after.tables:  # dependency order
            if table.name in rebuilt:
                out += self._rebuild(table)
        return out

    def _rebuilt_tables(self, steps: tuple[MigrationStep, ...]) -> set[str]:
        """Tables SQLite cannot change in place: every step but the simple ones on them."""
        changed_enums = {
            s.enum.name for s in steps if s.enum is not None and s.kind is not StepKind.CREATE_ENUM
        }
        rebuilt = {
            s.table
            for s in steps
            if s.table
            and s.kind is not StepKind.DROP_TABLE
            and not (s.kind in _SQLITE_IN_PLACE or self._adds_in_place(s))
        }
        for table in self.before.tables:
            after = self.after.table(table.name)
            if after is not None and any(c.type.enum_name in changed_enums for c in after.columns):
                rebuilt.add(table.name)
        return rebuilt

    def _adds_in_place(self, step: MigrationStep) -> bool:
        """SQLite's ADD COLUMN: no key, a constant default, NOT NULL only with a default."""
        if step.kind is not StepKind.ADD_COLUMN:
            return False
        column = _column(step)
        table = self.after.table(step.table)
        constant = column.default is None or column.default.kind is DefaultKind.LITERAL
        keyed = table is not None and column.name in table.primary_key
        return constant and not keyed and (column.nullable or column.default is not None)

    def _step(self, step: MigrationStep) -> list[str]:
        kind = step.kind
        if kind is StepKind.CREATE_TABLE:
            new = _table(step)
            indexes = (self.ddl.create_index(new, i, self.index_names) for i in new.indexes)
            return [self.ddl.create_table(new, list(new.foreign_keys)), *filter(None, indexes)]
        if kind is StepKind.DROP_TABLE:
            return [f"DROP TABLE {quote(step.table)};"]
        if kind is StepKind.ADD_COLUMN:
            column = self.ddl.column_sql(self._after(step), _column(step))
            return [f"ALTER TABLE {quote(step.table)} ADD COLUMN {column};"]
        if kind is StepKind.CREATE_INDEX:
            assert step.index is not None
            statement = self.ddl.create_index(self._after(step), step.index, self.index_names)
            return [statement] if statement else []
        if kind is StepKind.DROP_INDEX:
            assert step.index is not None
            return [f"DROP INDEX {quote(step.index.name)};"]
        return []  # enum steps: SQLite keeps enums as CHECKs on the (rebuilt) columns

    def _rebuild(self, table: Table) -> list[str]:
        old = self.before.table(table.name)
        assert old is not None
        staging = quote(_REBUILD_PREFIX + table.name)
        create = self.ddl.create_table(table, list(table.foreign_keys))
        create = create.replace(
            f"CREATE TABLE {quote(table.name)} (", f"CREATE TABLE {staging} (", 1
        )
        kept = [c.name for c in table.columns if old.column(c.name) is not None]
        columns = ", ".join(quote(c) for c in kept)
        used = {i.name for t in self.after.tables if t.name != table.name for i in t.indexes}
        indexes = (self.ddl.create_index(table, i, used) for i in table.indexes)
        return [
            create,
            f"INSERT INTO {staging} ({columns}) SELECT {columns} FROM {quote(table.name)};",
            f"DROP TABLE {quote(table.name)};",
            f"ALTER TABLE {staging} RENAME TO {quote(table.name)};",
            *filter(None, indexes),
        ]


def _add_enum_values(enum: EnumType, added: tuple[str, ...]) -> list[str]:
    """Each new value placed where the enum declares it (its order is the sort order)."""
    out = []
    kept = [v for v in enum.values if v not in added]
    for value in added:
        position = enum.values.index(value)
        if position == 0:
            where = f" BEFORE {literal(kept[0])}" if kept else ""
        else:
            where = f" AFTER {literal(enum.values[position - 1])}"
        out.append(f"ALTER TYPE {quote(enum.name)} ADD VALUE {literal(value)}{where};")
    return out


def _default_name(table: str, columns: tuple[str, ...], suffix: str) -> str:
    """The name PostgreSQL gives an unnamed constraint (`books_isbn_key`), within 63 bytes."""
    return "_".join((table, *columns, suffix))[:63]


def _table(step: MigrationStep) -> Table:
    assert step.table_def is not None, step
    return step.table_def


def _column(step: MigrationStep) -> Column:
    assert step.column is not None, step
    return step.column


def _enum(step: MigrationStep) -> EnumType:
    assert step.enum is not None, step
    return step.enum
