"""Classify DEFAULT expressions and read enum-like CHECK constraints."""

from __future__ import annotations

from sqlglot import exp

from compiler.ir.database import ColumnDefault, DefaultKind

_NOW_NODES = (
    exp.CurrentTimestamp,
    exp.CurrentDate,
    exp.CurrentTime,
    exp.Localtimestamp,
    exp.CurrentDatetime,
)
_NOW_FUNCTIONS = frozenset(
    {
        "now",
        "transaction_timestamp",
        "statement_timestamp",
        "clock_timestamp",
        "localtimestamp",
        "current_timestamp",
        "getdate",
        "sysdate",
        "utc_timestamp",
    }
)
_UUID_FUNCTIONS = frozenset(
    {
        "gen_random_uuid",
        "uuid_generate_v4",
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v7",
        "uuidv4",
        "uuidv7",
        "uuid",
    }
)


def column_default(node: exp.Expression, dialect: str) -> ColumnDefault | None:
    """The IR default for a DEFAULT expression; None for DEFAULT NULL."""
    sql = node.sql(dialect=dialect)
    value = _unwrap(node)
    if isinstance(value, exp.Null):
        return None
    if _is_double_quoted_string(value, dialect):
        text = value.name
        return ColumnDefault(DefaultKind.LITERAL, text, "'" + text.replace("'", "''") + "'")
    literal = _literal_value(value)
    if isinstance(literal, str) and literal.lower() == "now" and value is not _strip_parens(node):
        return ColumnDefault(DefaultKind.NOW, None, sql)  # 'now'::timestamp
    if literal is not _NOT_LITERAL:
        return ColumnDefault(DefaultKind.LITERAL, literal, sql)  # type: ignore[arg-type]
    if isinstance(value, _NOW_NODES) or _function_name(value) in _NOW_FUNCTIONS:
        return ColumnDefault(DefaultKind.NOW, None, sql)
    if isinstance(value, exp.Uuid) or _function_name(value) in _UUID_FUNCTIONS:
        return ColumnDefault(DefaultKind.UUID, None, sql)
    if _function_name(value) == "nextval" and value.expressions:
        sequence = _unwrap(value.expressions[0])
        if isinstance(sequence, exp.Literal) and sequence.is_string:
            return ColumnDefault(DefaultKind.SEQUENCE, sequence.name, sql)
    return ColumnDefault(DefaultKind.EXPRESSION, sql, sql)


def _is_double_quoted_string(value: exp.Expression, dialect: str) -> bool:
    """`DEFAULT "note"`: a string in SQLite and MySQL (without ANSI_QUOTES), which sqlglot reads
    as a quoted column name. A column cannot be the default of another, so it is the string."""
    return (
        dialect in ("sqlite", "mysql")
        and isinstance(value, exp.Column)
        and not value.table
        and isinstance(value.this, exp.Identifier)
        and bool(value.this.args.get("quoted"))
    )


def check_values(node: exp.Expression) -> tuple[str, tuple[str, ...]] | None:
    """(column, values) when a CHECK is `col IN ('a', ...)` or `col = ANY (ARRAY['a', ...])`."""
    node = _unwrap(node)
    if isinstance(node, exp.In) and not node.args.get("query"):
        column, items = _unwrap(node.this), node.expressions
    elif isinstance(node, exp.EQ) and isinstance(node.expression, exp.Any):
        column, array = _unwrap(node.this), _unwrap(node.expression.this)
        items = array.expressions if isinstance(array, exp.Array) else []
    else:
        return None
    if not isinstance(column, exp.Column) or column.table or not items:
        return None
    values = [_unwrap(item) for item in items]
    if not all(isinstance(v, exp.Literal) and v.is_string for v in values):
        return None
    return column.name, tuple(v.name for v in values)


_NOT_LITERAL = object()


def _literal_value(node: exp.Expression) -> object:
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Neg):
        inner = _literal_value(_unwrap(node.this))
        return (
            -inner
            if isinstance(inner, (int, float)) and not isinstance(inner, bool)
            else _NOT_LITERAL
        )
    if not isinstance(node, exp.Literal):
        return _NOT_LITERAL
    if node.is_string:
        return node.name
    text = node.name
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return _NOT_LITERAL


def _unwrap(node: exp.Expression) -> exp.Expression:
    """Strip parentheses and casts (`'a'::text`, `(x)::text[]`)."""
    while isinstance(node, (exp.Paren, exp.Cast)):
        node = node.this
    return node


def _strip_parens(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _function_name(node: exp.Expression) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    if isinstance(node, exp.Func) and not isinstance(node, exp.Anonymous):
        return node.sql_name().lower()
    return ""
