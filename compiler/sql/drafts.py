"""The mutable schema model that statements are replayed onto before it is frozen into the IR."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlglot import exp

from compiler.diagnostics import Location
from compiler.ir.database import ColumnDefault, EnumType, Index, ReferentialAction, SeedValue


def name_key(name: str) -> str:
    """How names are compared: case-insensitively."""
    return name.lower()


@dataclass
class ColumnDraft:
    name: str
    type_node: exp.Expression | None
    location: Location
    type_location: Location
    not_null: bool = False
    default: ColumnDefault | None = None
    identity: bool = False
    check_values: tuple[str, ...] = ()
    check_name: str | None = None  # the CHECK's declared name, or the one PostgreSQL gave it
    comment: str = ""
    declared_integer: bool = False  # spelled exactly INTEGER (SQLite rowid alias when the sole key)
    filled_by_trigger: str | None = None  # a BEFORE INSERT trigger that sets it


@dataclass
class ForeignKeyDraft:
    columns: list[str]
    ref_table: str
    ref_columns: list[str]
    location: Location
    name: str | None = None
    on_delete: ReferentialAction = ReferentialAction.NO_ACTION
    on_update: ReferentialAction = ReferentialAction.NO_ACTION
    implicit_name: str | None = None  # the name PostgreSQL gave it when `name` is None


@dataclass
class UniqueDraft:
    columns: list[str]
    name: str | None = None
    implicit_name: str | None = None  # the name PostgreSQL gave it when `name` is None


@dataclass
class SeedDraft:
    """The rows of one INSERT; `order` is the statement's place among all seed INSERTs."""

    order: int
    columns: list[str]
    rows: list[list[SeedValue]]
    location: Location


@dataclass
class CheckDraft:
    """A CHECK kept whole: its condition, rewritten when a column it names is renamed."""

    name: str
    condition: exp.Expression
    sql: str = ""  # the condition in PostgreSQL syntax

    def __post_init__(self) -> None:
        self.sql = self.sql or self.condition.sql(dialect="postgres")

    def names(self) -> set[str]:
        """The keys of the columns the condition reads."""
        return {name_key(c.name) for c in self.condition.find_all(exp.Column)}

    def rename(self, old: str, new: str) -> None:
        def swap(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Column) and name_key(node.name) == name_key(old):
                return exp.column(new, quoted=node.this.quoted)
            return node

        self.condition = self.condition.transform(swap)
        self.sql = self.condition.sql(dialect="postgres")


@dataclass
class TableDraft:
    name: str
    location: Location
    columns: dict[str, ColumnDraft] = field(default_factory=dict)
    primary_key: list[str] = field(default_factory=list)
    primary_key_name: str | None = None  # declared, or the name PostgreSQL gave it
    uniques: list[UniqueDraft] = field(default_factory=list)
    foreign_keys: list[ForeignKeyDraft] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    comment: str = ""
    checks: list[CheckDraft] = field(default_factory=list)
    other_constraints: set[str] = field(default_factory=set)  # EXCLUDEs: not modelled
    seeds: list[SeedDraft] = field(default_factory=list)

    def column(self, name: str) -> ColumnDraft | None:
        return self.columns.get(name_key(name))

    def rename_column(self, old: str, new: str) -> None:
        """Rename a column and every constraint of this table that names it."""
        old_key = name_key(old)
        self.columns[old_key].name = new
        self.columns = {(name_key(new) if k == old_key else k): c for k, c in self.columns.items()}

        def swap(names: list[str]) -> list[str]:
            return [new if name_key(n) == name_key(old) else n for n in names]

        self.primary_key = swap(self.primary_key)
        for unique in self.uniques:
            unique.columns = swap(unique.columns)
        for fk in self.foreign_keys:
            fk.columns = swap(fk.columns)
        self.indexes = [replace(i, columns=tuple(swap(list(i.columns)))) for i in self.indexes]
        for seed in self.seeds:
            seed.columns = swap(seed.columns)
        for check in self.checks:
            if name_key(old) in check.names():
                check.rename(old, new)

    def drop_column(self, name: str) -> None:
        """Drop a column and the constraints and indexes that use it (as PostgreSQL does)."""
        key = name_key(name)
        del self.columns[key]
        if any(name_key(c) == key for c in self.primary_key):
            self.primary_key, self.primary_key_name = [], None
        self.uniques = [u for u in self.uniques if key not in map(name_key, u.columns)]
        self.foreign_keys = [f for f in self.foreign_keys if key not in map(name_key, f.columns)]
        self.indexes = [i for i in self.indexes if key not in map(name_key, i.columns)]
        self.checks = [c for c in self.checks if key not in c.names()]
        for seed in self.seeds:
            kept = [i for i, c in enumerate(seed.columns) if name_key(c) != key]
            seed.columns = [seed.columns[i] for i in kept]
            seed.rows = [[row[i] for i in kept] for row in seed.rows]

    def constraint_names(self) -> set[str]:
        """Every constraint name in use on this table, declared or given by PostgreSQL."""
        names = {self.primary_key_name} | self.other_constraints
        names |= {c.check_name for c in self.columns.values()}
        names |= {c.name for c in self.checks}
        names |= {u.name or u.implicit_name for u in self.uniques}
        names |= {f.name or f.implicit_name for f in self.foreign_keys}
        return {n for n in names if n}

    def key_columns_named(self, name: str) -> list[str]:
        """The columns of the primary key or unique constraint called `name` (empty: none)."""
        key = name_key(name)
        if self.primary_key_name and name_key(self.primary_key_name) == key:
            return list(self.primary_key)
        for unique in self.uniques:
            if name_key(unique.name or unique.implicit_name or "") == key:
                return list(unique.columns)
        return []

    def drop_constraint(self, name: str) -> bool:
        """Drop a constraint (or index) by its declared or implicit name; False when none has it."""
        key = name_key(name)
        found = False
        if self.primary_key_name and name_key(self.primary_key_name) == key:
            self.primary_key, self.primary_key_name, found = [], None, True
        if key in map(name_key, self.other_constraints):
            self.other_constraints = {n for n in self.other_constraints if name_key(n) != key}
            found = True
        kept_checks = [c for c in self.checks if name_key(c.name) != key]
        found |= len(kept_checks) < len(self.checks)
        self.checks = kept_checks
        kept_uniques = [u for u in self.uniques if name_key(u.name or u.implicit_name or "") != key]
        kept_fks = [
            f for f in self.foreign_keys if name_key(f.name or f.implicit_name or "") != key
        ]
        kept_indexes = [i for i in self.indexes if name_key(i.name) != key]
        found |= len(kept_uniques) + len(kept_fks) + len(kept_indexes) < (
            len(self.uniques) + len(self.foreign_keys) + len(self.indexes)
        )
        self.uniques, self.foreign_keys, self.indexes = kept_uniques, kept_fks, kept_indexes
        for column in self.columns.values():
            if column.check_name and name_key(column.check_name) == key:
                column.check_values, column.check_name, found = (), None, True
        return found


@dataclass
class DomainDraft:
    name: str
    type_node: exp.Expression
    location: Location


@dataclass
class SchemaDraft:
    """Everything declared so far, keyed by `name_key`."""

    dialect: str
    tables: dict[str, TableDraft] = field(default_factory=dict)
    enums: dict[str, EnumType] = field(default_factory=dict)
    domains: dict[str, DomainDraft] = field(default_factory=dict)
    other_relations: set[str] = field(default_factory=set)  # views, sequences, temp tables
    seed_count: int = 0  # seed INSERTs replayed so far: orders them across tables
    trigger_functions: dict[str, set[str]] = field(default_factory=dict)  # NEW columns assigned
    # finalize's memo: id(type node) → (the node, its mapped type), for types naming no user type
    mapped_types: dict[int, tuple[object, object]] = field(default_factory=dict)

    def table(self, name: str) -> TableDraft | None:
        return self.tables.get(name_key(name))

    def rename_table(self, old: str, new: str) -> None:
        table = self.tables.pop(name_key(old))
        for other in self.tables.values():
            for fk in other.foreign_keys:
                if name_key(fk.ref_table) == name_key(old):
                    fk.ref_table = new
        for fk in table.foreign_keys:
            if name_key(fk.ref_table) == name_key(old):
                fk.ref_table = new
        table.name = new
        self.tables[name_key(new)] = table

    def drop_references(self, table: str, columns: list[str], *, any_column: bool) -> None:
        """Drop the foreign keys that reference `columns` of `table` (DROP ... CASCADE): those
        that use any of them (a dropped column) or exactly them (a dropped key constraint)."""
        dropped = {name_key(c) for c in columns}
        for other in self.tables.values():
            other.foreign_keys = [
                fk
                for fk in other.foreign_keys
                if name_key(fk.ref_table) != name_key(table)
                or not _depends(
                    {name_key(c) for c in fk.ref_columns}, dropped, any_column=any_column
                )
            ]

    def pin_implicit_references(self) -> None:
        """`REFERENCES t` without columns means t's primary key at the moment it is declared:
        fill the columns in now, so a later change of t's key does not move the reference."""
        for table in self.tables.values():
            for fk in table.foreign_keys:
                target = self.table(fk.ref_table) if not fk.ref_columns else None
                if target is not None and target.primary_key:
                    fk.ref_columns = list(target.primary_key)

    def rename_referenced_column(self, table: str, old: str, new: str) -> None:
        """Follow a column rename in the foreign keys that point at it."""
        for other in self.tables.values():
            for fk in other.foreign_keys:
                if name_key(fk.ref_table) == name_key(table):
                    fk.ref_columns = [
                        new if name_key(c) == name_key(old) else c for c in fk.ref_columns
                    ]


def _depends(referenced: set[str], dropped: set[str], *, any_column: bool) -> bool:
    return bool(referenced & dropped) if any_column else referenced == dropped
