"""Seed data: `INSERT INTO t [(columns)] VALUES (…), (…)` kept as rows of the table, in order.

Literal values become JSON scalars; anything else (`now()`, `DEFAULT`, a cast) keeps its SQL text
as a `SeedExpression`. `INSERT … SELECT` copies rows the SQL does not hold, so it is not a seed.
"""

from __future__ import annotations

import contextlib

from sqlglot import exp

from compiler.ir.database import SeedExpression, SeedValue
from compiler.sql.drafts import SchemaDraft, SeedDraft, name_key
from compiler.sql.glot import StatementContext


def record_seed(draft: SchemaDraft, ctx: StatementContext) -> bool:
    """Keep the rows of a VALUES insert on its table; False when it is not one (skip it)."""
    tree = ctx.parse()
    if not isinstance(tree, exp.Insert) or not isinstance(tree.expression, exp.Values):
        return False
    target = tree.this
    table_node = target.this if isinstance(target, exp.Schema) else target
    if not isinstance(table_node, exp.Table):
        return False
    table = draft.table(ctx.name(table_node))
    if table is None:
        return False
    named = [ctx.name(c) for c in target.expressions] if isinstance(target, exp.Schema) else []
    unknown = [c for c in named if table.column(c) is None]
    if unknown:
        ctx.sink.error(
            "CC306",
            f"INSERT names unknown column {unknown[0]} of table {table.name}",
            ctx.start,
            f"columns of {table.name}: {', '.join(c.name for c in table.columns.values())}",
        )
        return True
    rows = [
        [_value(v, ctx.dialect) for v in row.expressions]
        for row in tree.expression.expressions
        if isinstance(row, exp.Tuple)
    ]
    width = max((len(r) for r in rows), default=0)
    columns = (
        [table.columns[name_key(c)].name for c in named]
        if named
        else [c.name for c in table.columns.values()][:width]
    )
    table.seeds.append(SeedDraft(draft.seed_count, columns, rows, ctx.start))
    draft.seed_count += 1
    return True


def _value(node: exp.Expression, dialect: str) -> SeedValue:
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else _number(node.this)
    if isinstance(node, exp.ByteString) and dialect == "postgres":
        return str(node.this)  # E'…', an escape string (sqlglot reads it as bytes)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and not node.this.is_string:
        number = _number(node.this.this)
        return -number if isinstance(number, (int, float)) else SeedExpression(node.sql(dialect))
    return SeedExpression(node.sql(dialect=dialect))


def _number(text: str) -> int | float | SeedExpression:
    with contextlib.suppress(ValueError):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return SeedExpression(text)
