"""The database half of the IR: tables, columns and their precise types, as the SQL declares them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compiler.diagnostics import Location


class ColumnKind(StrEnum):
    """Dialect-neutral column type families."""

    SMALLINT = "smallint"
    INTEGER = "integer"
    BIGINT = "bigint"
    DECIMAL = "decimal"  # NUMERIC(p, s)
    REAL = "real"  # 4-byte float
    DOUBLE = "double"
    BOOLEAN = "boolean"
    VARCHAR = "varchar"  # VARCHAR(n) / CHAR(n)
    TEXT = "text"
    UUID = "uuid"
    DATE = "date"
    TIME = "time"
    TIMESTAMP = "timestamp"
    INTERVAL = "interval"
    JSON = "json"  # JSON and JSONB
    BYTES = "bytes"
    ENUM = "enum"  # CREATE TYPE ... AS ENUM (values on the type)
    ARRAY = "array"  # element type in `element`


INTEGER_KINDS = frozenset({ColumnKind.SMALLINT, ColumnKind.INTEGER, ColumnKind.BIGINT})
STRING_KINDS = frozenset({ColumnKind.VARCHAR, ColumnKind.TEXT, ColumnKind.ENUM})


@dataclass(frozen=True)
class ColumnType:
    """A column's type; `sql` keeps the declared spelling for error messages."""

    kind: ColumnKind
    sql: str
    length: int | None = None  # VARCHAR(n), CHAR(n)
    fixed_length: bool = False  # CHAR(n)
    precision: int | None = None  # NUMERIC(p, s), TIMESTAMP(p)
    scale: int | None = None
    timezone: bool = False  # TIMESTAMPTZ, TIMETZ
    binary_json: bool = False  # JSONB
    enum_name: str | None = None
    enum_values: tuple[str, ...] = ()
    element: ColumnType | None = None  # ARRAY element


class DefaultKind(StrEnum):
    """What a column's server-side default is."""

    LITERAL = "literal"  # a constant: value holds its Python value
    NOW = "now"  # now(), CURRENT_TIMESTAMP, CURRENT_DATE
    UUID = "uuid"  # gen_random_uuid(), uuid_generate_v4()
    SEQUENCE = "sequence"  # nextval('seq') -- value holds the sequence name
    EXPRESSION = "expression"  # anything else: value holds the SQL text


@dataclass(frozen=True)
class ColumnDefault:
    kind: DefaultKind
    value: str | int | float | bool | None = None
    sql: str = ""


class ReferentialAction(StrEnum):
    NO_ACTION = "no action"
    RESTRICT = "restrict"
    CASCADE = "cascade"
    SET_NULL = "set null"
    SET_DEFAULT = "set default"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    nullable: bool
    location: Location
    default: ColumnDefault | None = None
    identity: bool = False  # SERIAL, IDENTITY, AUTOINCREMENT: the database assigns it
    check_values: tuple[str, ...] = ()  # CHECK (col IN (...)) -- values the database accepts
    comment: str = ""
    server_filled: bool = False  # declared: the server's code (a hook) supplies it on insert
    filled_by_trigger: str | None = None  # the BEFORE INSERT trigger that sets it, if any

    @property
    def has_server_value(self) -> bool:
        """True when an INSERT may omit the column."""
        return self.identity or self.default is not None or self.nullable

    @property
    def allowed_values(self) -> tuple[str, ...]:
        """Enum values the database accepts, from an enum type or a CHECK ... IN list."""
        return self.type.enum_values or self.check_values


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]
    location: Location
    name: str | None = None
    on_delete: ReferentialAction = ReferentialAction.NO_ACTION
    on_update: ReferentialAction = ReferentialAction.NO_ACTION


@dataclass(frozen=True)
class UniqueConstraint:
    columns: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True)
class CheckConstraint:
    """A CHECK other than an `IN` list on one column (those are `Column.check_values`)."""

    name: str  # as declared, or the name PostgreSQL gives it
    condition: str  # the condition in PostgreSQL syntax, without the surrounding parentheses
    columns: tuple[str, ...] = ()  # the columns it reads, as the table spells them


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    unique: bool = False
    where: str = ""  # partial index predicate, SQL text
    method: str = ""  # access method (`gin`, `gist`, …) when declared; "" for the default


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    location: Location
    foreign_keys: tuple[ForeignKey, ...] = ()
    uniques: tuple[UniqueConstraint, ...] = ()
    indexes: tuple[Index, ...] = ()
    comment: str = ""
    checks: tuple[CheckConstraint, ...] = ()

    def column(self, name: str) -> Column | None:
        for col in self.columns:
            if col.name == name:
                return col
        return None

    @property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.name in self.primary_key)

    def foreign_key_for(self, column_name: str) -> ForeignKey | None:
        """The single-column foreign key on `column_name`, if there is one."""
        for fk in self.foreign_keys:
            if fk.columns == (column_name,):
                return fk
        return None


@dataclass(frozen=True)
class EnumType:
    name: str
    values: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class SeedExpression:
    """A seed value written as SQL (`now()`, `DEFAULT`, a function call), kept as its text."""

    sql: str


SeedValue = str | int | float | bool | None | SeedExpression


@dataclass(frozen=True)
class SeedRows:
    """The rows one seed INSERT puts into a table (column names as the table has them now)."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[SeedValue, ...], ...]
    location: Location


@dataclass(frozen=True)
class Database:
    """All tables, in dependency order (a table comes after the tables it references)."""

    dialect: str  # the dialect the SQL was written in: postgres, mysql, sqlite
    tables: tuple[Table, ...] = ()
    enums: tuple[EnumType, ...] = ()
    inferred: bool = False  # True when built from the spec because no SQL was given
    seeds: tuple[SeedRows, ...] = ()  # seed INSERTs, in the order the SQL runs them

    def seeds_for(self, table_name: str) -> tuple[SeedRows, ...]:
        """The seed rows of one table, in order."""
        return tuple(s for s in self.seeds if s.table == table_name)

    def table(self, name: str) -> Table | None:
        for tbl in self.tables:
            if tbl.name == name:
                return tbl
        return None

    def referencing(self, table_name: str) -> tuple[tuple[Table, ForeignKey], ...]:
        """Every (table, foreign key) pair that references `table_name`."""
        return tuple(
            (tbl, fk)
            for tbl in self.tables
            for fk in tbl.foreign_keys
            if fk.ref_table == table_name
        )


EMPTY_DATABASE = Database(dialect="postgres", tables=(), enums=())


MIGRATION_DIALECTS = ("postgres", "sqlite")  # the dialects generated projects run on


@dataclass(frozen=True)
class Migration:
    """One migration of a project's history: it turns the schema before it into the next one.

    Migration 1 creates the first schema; each later one holds exactly one schema change. The SQL
    is given per dialect the projects run on, as statements ending in `;`. An applied migration
    never changes: targets write its file once and keep it. On SQLite a migration may rebuild a
    table (create a copy, move the rows, drop, rename), so it must run with `PRAGMA foreign_keys`
    off, as SQLite's documented ALTER procedure asks.
    """

    version: int  # 1, 2, … in the order they apply
    name: str  # lower snake case, safe in any file name: "initial", "add_column_books_isbn"
    postgres: tuple[str, ...]
    sqlite: tuple[str, ...]
    source: str = ""  # the user's migration file it follows; "" when planned from schema history

    def statements(self, dialect: str) -> tuple[str, ...]:
        """The statements of this migration in `dialect` ("postgres" or "sqlite")."""
        if dialect not in MIGRATION_DIALECTS:
            raise ValueError(f"migrations are written for {MIGRATION_DIALECTS}, not {dialect!r}")
        return self.postgres if dialect == "postgres" else self.sqlite

    def script(self, dialect: str) -> str:
        """The statements as one SQL file, blank lines between them."""
        return "\n\n".join(self.statements(dialect)) + "\n"
