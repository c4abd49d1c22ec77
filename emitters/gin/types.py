"""The type mapping: IR column types -> Go types and the converters between driver, JSON and Go values."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import ColumnKind, ColumnType


@dataclass(frozen=True)
class GoType:
    """How a column lives in Go: its type and the `models` function converting any value to it."""

    name: str
    convert: str  # function in package models: any -> name
    write: str  # function in package models: any -> what the driver is given
    written: str = ""  # the Go type `write` returns, when it is not `name`

    @property
    def write_type(self) -> str:
        return self.written or self.name


_INT = GoType("int64", "models.Int64", "models.Int64")
_FLOAT = GoType("float64", "models.Float64", "models.Float64")
_TEXT = GoType("string", "models.String", "models.String")

_TYPES: dict[ColumnKind, GoType] = {
    ColumnKind.SMALLINT: _INT,
    ColumnKind.INTEGER: _INT,
    ColumnKind.BIGINT: _INT,
    ColumnKind.DECIMAL: GoType("json.Number", "models.Decimal", "models.DecimalText", "string"),
    ColumnKind.REAL: _FLOAT,
    ColumnKind.DOUBLE: _FLOAT,
    ColumnKind.BOOLEAN: GoType("bool", "models.Bool", "models.Bool"),
    ColumnKind.VARCHAR: _TEXT,
    ColumnKind.TEXT: _TEXT,
    ColumnKind.UUID: _TEXT,
    ColumnKind.ENUM: _TEXT,
    ColumnKind.TIME: _TEXT,
    ColumnKind.INTERVAL: _TEXT,
    ColumnKind.DATE: GoType("string", "models.Date", "models.Date"),
    ColumnKind.TIMESTAMP: GoType("time.Time", "models.Timestamp", "models.Timestamp"),
    ColumnKind.JSON: GoType("json.RawMessage", "models.JSON", "models.JSONText", "string"),
    ColumnKind.BYTES: GoType("[]byte", "models.Bytes", "models.Bytes"),
}


def go_type(column_type: ColumnType) -> GoType:
    """The Go representation of a column type; an ARRAY is a slice of its element's type (pgx
    encodes it natively on PostgreSQL, the SQL builder stores it as JSON text on SQLite)."""
    if column_type.kind is ColumnKind.ARRAY:
        if column_type.element is None:
            return _TYPES[ColumnKind.JSON]
        element = go_type(column_type.element)
        return GoType(
            "[]" + element.name,
            f"models.Array({element.convert})",
            f"models.Array({element.write})",
            "[]" + element.write_type,
        )
    return _TYPES[column_type.kind]


def imports_for(type_names: set[str]) -> list[str]:
    """Standard-library imports a set of Go type names needs."""
    needed = set()
    for name in type_names:
        if name.startswith("json.") or name.startswith("*json."):
            needed.add("encoding/json")
        if "time." in name:
            needed.add("time")
    return sorted(needed)
