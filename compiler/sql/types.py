"""Map sqlglot data types to the IR's dialect-neutral `ColumnType`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlglot import exp

from compiler.ir.database import ColumnKind, ColumnType

DT = exp.DataType.Type
K = ColumnKind

_SIMPLE_KINDS: dict[DT, ColumnKind] = {
    DT.TINYINT: K.SMALLINT,
    DT.UTINYINT: K.SMALLINT,
    DT.SMALLINT: K.SMALLINT,
    DT.SMALLSERIAL: K.SMALLINT,
    DT.YEAR: K.SMALLINT,
    DT.USMALLINT: K.INTEGER,
    DT.MEDIUMINT: K.INTEGER,
    DT.UMEDIUMINT: K.INTEGER,
    DT.INT: K.INTEGER,
    DT.SERIAL: K.INTEGER,
    DT.UINT: K.BIGINT,
    DT.BIGINT: K.BIGINT,
    DT.UBIGINT: K.BIGINT,
    DT.BIGSERIAL: K.BIGINT,
    DT.DECIMAL: K.DECIMAL,
    DT.UDECIMAL: K.DECIMAL,
    DT.BIGDECIMAL: K.DECIMAL,
    DT.MONEY: K.DECIMAL,
    DT.SMALLMONEY: K.DECIMAL,
    DT.FLOAT: K.REAL,
    DT.DOUBLE: K.DOUBLE,
    DT.UDOUBLE: K.DOUBLE,
    DT.BOOLEAN: K.BOOLEAN,
    DT.CHAR: K.VARCHAR,
    DT.NCHAR: K.VARCHAR,
    DT.VARCHAR: K.VARCHAR,
    DT.NVARCHAR: K.VARCHAR,
    DT.TEXT: K.TEXT,
    DT.TINYTEXT: K.TEXT,
    DT.MEDIUMTEXT: K.TEXT,
    DT.LONGTEXT: K.TEXT,
    DT.NAME: K.TEXT,
    DT.INET: K.TEXT,
    DT.XML: K.TEXT,
    DT.SET: K.TEXT,
    DT.BIT: K.BYTES,
    DT.UUID: K.UUID,
    DT.DATE: K.DATE,
    DT.TIME: K.TIME,
    DT.TIMETZ: K.TIME,
    DT.TIMESTAMP: K.TIMESTAMP,
    DT.DATETIME: K.TIMESTAMP,
    DT.TIMESTAMPNTZ: K.TIMESTAMP,
    DT.TIMESTAMPTZ: K.TIMESTAMP,
    DT.TIMESTAMPLTZ: K.TIMESTAMP,
    DT.DATETIME2: K.TIMESTAMP,
    DT.INTERVAL: K.INTERVAL,
    DT.JSON: K.JSON,
    DT.JSONB: K.JSON,
    DT.HSTORE: K.JSON,
    DT.BINARY: K.BYTES,
    DT.VARBINARY: K.BYTES,
    DT.BLOB: K.BYTES,
    DT.TINYBLOB: K.BYTES,
    DT.MEDIUMBLOB: K.BYTES,
    DT.LONGBLOB: K.BYTES,
    DT.IMAGE: K.BYTES,
    DT.ENUM: K.ENUM,
}
_SERIALS = frozenset({DT.SMALLSERIAL, DT.SERIAL, DT.BIGSERIAL})
_WITH_TIMEZONE = frozenset({DT.TIMESTAMPTZ, DT.TIMESTAMPLTZ, DT.TIMETZ})
_FIXED_LENGTH = frozenset({DT.CHAR, DT.NCHAR, DT.BINARY})
_LENGTH_TYPES = frozenset({DT.CHAR, DT.NCHAR, DT.VARCHAR, DT.NVARCHAR, DT.BINARY, DT.VARBINARY})
_PRECISION_TYPES = frozenset(
    {
        DT.DECIMAL,
        DT.UDECIMAL,
        DT.BIGDECIMAL,
        DT.TIMESTAMP,
        DT.TIMESTAMPTZ,
        DT.TIMESTAMPLTZ,
        DT.DATETIME,
        DT.TIME,
        DT.TIMETZ,
    }
)

# PostgreSQL types (core and common extensions) sqlglot does not know: name -> (kind, identity).
_EXTRA_NAMES: dict[str, tuple[ColumnKind, bool]] = {
    "citext": (K.TEXT, False),
    "tsvector": (K.TEXT, False),
    "tsquery": (K.TEXT, False),
    "cidr": (K.TEXT, False),
    "macaddr": (K.TEXT, False),
    "macaddr8": (K.TEXT, False),
    "ltree": (K.TEXT, False),
    "lquery": (K.TEXT, False),
    "varbit": (K.BYTES, False),
    "cube": (K.TEXT, False),
    "txid_snapshot": (K.TEXT, False),
    "pg_lsn": (K.TEXT, False),
    "box": (K.TEXT, False),
    "circle": (K.TEXT, False),
    "line": (K.TEXT, False),
    "lseg": (K.TEXT, False),
    "path": (K.TEXT, False),
    "polygon": (K.TEXT, False),
    "regclass": (K.TEXT, False),
    "regtype": (K.TEXT, False),
    "oid": (K.BIGINT, False),
    "serial2": (K.SMALLINT, True),
    "serial4": (K.INTEGER, True),
    "serial8": (K.BIGINT, True),
    "int4": (K.INTEGER, False),
    "int8": (K.BIGINT, False),
    "int2": (K.SMALLINT, False),
}

STANDARD_TYPE_NAMES: tuple[str, ...] = tuple(
    sorted(
        {
            "smallint",
            "integer",
            "int",
            "bigint",
            "serial",
            "bigserial",
            "smallserial",
            "numeric",
            "decimal",
            "real",
            "double precision",
            "boolean",
            "varchar",
            "char",
            "text",
            "uuid",
            "date",
            "time",
            "timestamp",
            "timestamptz",
            "interval",
            "json",
            "jsonb",
            "bytea",
            "blob",
            "datetime",
            "tinyint",
            "mediumint",
            "float",
            "double",
            "enum",
        }
        | set(_EXTRA_NAMES)
    )
)


@dataclass(frozen=True)
class MappedType:
    """The result of mapping one declared type; `unknown` names a type nothing defines."""

    type: ColumnType
    identity: bool = False
    unknown: str | None = None


NamedTypeLookup = Callable[[str], ColumnType | None]


def type_name(identifier_text: str) -> str:
    """The lookup key of a user-defined type name: unqualified, unquoted, lower case."""
    return identifier_text.rsplit(".", 1)[-1].strip('"`').lower()


def map_type(node: exp.Expression | None, dialect: str, lookup: NamedTypeLookup) -> MappedType:
    """Map a sqlglot type node (None for SQLite's typeless columns) to a `ColumnType`."""
    if node is None:
        return MappedType(ColumnType(K.TEXT, ""))
    if not isinstance(node, exp.DataType):
        return MappedType(
            ColumnType(
                K.INTERVAL if isinstance(node, exp.Interval) else K.TEXT,
                node.sql(dialect=_glot(dialect)),
            )
        )
    sql = node.sql(dialect=_glot(dialect))
    dtype = node.this
    if dtype == DT.ARRAY:
        inner = node.expressions[0] if node.expressions else None
        element = map_type(inner, dialect, lookup)
        return MappedType(ColumnType(K.ARRAY, sql, element=element.type), unknown=element.unknown)
    if dtype == DT.USERDEFINED:
        return _named(node, sql, lookup, dialect)
    if dtype not in _SIMPLE_KINDS and not node.expressions:
        # a user type named like a type keyword sqlglot knows (`"struct"`, `"map"`) is read as
        # that keyword: the declared type wins, as in PostgreSQL, which has no such built-in type
        declared = lookup(type_name(sql))
        if declared is not None:
            return MappedType(declared)
    params = [_int_param(p) for p in node.expressions]
    if dtype == DT.ENUM:
        values = tuple(p.name for p in node.expressions if isinstance(p, exp.Literal))
        return MappedType(ColumnType(K.ENUM, sql, enum_values=values))
    if (
        dialect == "mysql"
        and dtype == DT.TINYINT
        and params == [1]
        or dtype == DT.BIT
        and params in ([1], [])
    ):
        return MappedType(ColumnType(K.BOOLEAN, sql))
    kind = _SIMPLE_KINDS.get(dtype, K.TEXT)  # geometry, ranges and other exotic types: text
    column_type = ColumnType(
        kind,
        sql,
        length=params[0] if dtype in _LENGTH_TYPES and params else None,
        fixed_length=dtype in _FIXED_LENGTH,
        precision=params[0] if dtype in _PRECISION_TYPES and params else None,
        scale=params[1] if dtype in _PRECISION_TYPES and len(params) > 1 else None,
        timezone=dtype in _WITH_TIMEZONE,
        binary_json=dtype == DT.JSONB,
    )
    if column_type.fixed_length and column_type.length is None and kind is K.VARCHAR:
        column_type = replace(column_type, length=1)
    return MappedType(column_type, identity=dtype in _SERIALS)


def _named(node: exp.DataType, sql: str, lookup: NamedTypeLookup, dialect: str) -> MappedType:
    kind_node = node.args.get("kind")
    raw_name = kind_node.sql() if isinstance(kind_node, exp.Expression) else str(kind_node or sql)
    name = type_name(raw_name)
    declared = lookup(name)
    if declared is not None:
        return MappedType(declared)
    if name in _EXTRA_NAMES:
        kind, identity = _EXTRA_NAMES[name]
        return MappedType(ColumnType(kind, name), identity=identity)
    if dialect == "sqlite":
        return MappedType(ColumnType(sqlite_affinity(name), sql))
    return MappedType(ColumnType(K.TEXT, sql), unknown=name)


def sqlite_affinity(name: str) -> ColumnKind:
    """SQLite accepts any type name and stores by the affinity the name implies
    (sqlite.org/datatype3.html, 3.1): INT, then CHAR/CLOB/TEXT, BLOB, REAL/FLOA/DOUB, else NUMERIC.
    `ANY` (STRICT tables) holds any value; it is read as text."""
    upper = name.upper()
    if "INT" in upper:
        return K.INTEGER
    if any(part in upper for part in ("CHAR", "CLOB", "TEXT")) or upper == "ANY":
        return K.TEXT
    if "BLOB" in upper:
        return K.BYTES
    if any(part in upper for part in ("REAL", "FLOA", "DOUB")):
        return K.DOUBLE
    return K.DECIMAL


def _int_param(param: exp.Expression) -> int | None:
    value = param.this if isinstance(param, exp.DataTypeParam) else param
    if isinstance(value, exp.Literal) and not value.is_string and value.name.isdigit():
        return int(value.name)
    return None


def _glot(dialect: str) -> str:
    return "postgres" if dialect == "postgres" else dialect
