"""IR column types -> SQLAlchemy Core type expressions for the generated `app/tables.py`."""

from __future__ import annotations

from compiler.ir import ColumnKind, ColumnType

_SIMPLE = {
    ColumnKind.SMALLINT: "sa.SmallInteger()",
    ColumnKind.INTEGER: "sa.Integer()",
    ColumnKind.BIGINT: "sa.BigInteger()",
    ColumnKind.REAL: "sa.Float()",
    ColumnKind.DOUBLE: "sa.Double()",
    ColumnKind.BOOLEAN: "sa.Boolean()",
    ColumnKind.TEXT: "sa.Text()",
    ColumnKind.UUID: "sa.Uuid()",
    ColumnKind.DATE: "sa.Date()",
    ColumnKind.INTERVAL: "sa.Interval()",
    ColumnKind.BYTES: "sa.LargeBinary()",
}


def sqlalchemy_type(column_type: ColumnType) -> str:
    """The SQLAlchemy type expression for a column (PostgreSQL variants where they differ)."""
    kind = column_type.kind
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind is ColumnKind.VARCHAR:
        return f"sa.String({column_type.length})" if column_type.length else "sa.String()"
    if kind is ColumnKind.DECIMAL:
        if column_type.precision is not None:
            return f"sa.Numeric({column_type.precision}, {column_type.scale or 0})"
        return "sa.Numeric()"
    if kind is ColumnKind.TIME:
        return f"sa.Time(timezone={column_type.timezone})"
    if kind is ColumnKind.TIMESTAMP:
        return f"sa.DateTime(timezone={column_type.timezone})"
    if kind is ColumnKind.JSON:
        variant = "postgresql.JSONB()" if column_type.binary_json else "postgresql.JSON()"
        return f'sa.JSON().with_variant({variant}, "postgresql")'
    if kind is ColumnKind.ENUM:
        values = ", ".join(repr(v) for v in column_type.enum_values)
        name = column_type.enum_name or "enum"
        return f'sa.String().with_variant(postgresql.ENUM({values}, name={name!r}, create_type=False), "postgresql")'
    if kind is ColumnKind.ARRAY and column_type.element is not None:
        element = sqlalchemy_type(column_type.element)
        return f'sa.JSON().with_variant(postgresql.ARRAY({element}), "postgresql")'
    return "sa.Text()"
