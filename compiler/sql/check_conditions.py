"""CHECK conditions in another dialect: the portable ones, written by sqlglot.

A condition is kept in PostgreSQL syntax (`CheckConstraint.condition`). SQLite gets it only when
it is made of operators both databases evaluate alike — comparisons, `BETWEEN`, `IN`,
`IS [NOT] NULL`, `AND`/`OR`/`NOT`, `+ - * %`, `LENGTH`, `LOWER`, `UPPER`, `TRIM`, `COALESCE` on
columns and literals. Anything else (casts, regular expressions, time functions, division, which
truncates differently, `LIKE`, which ignores case in SQLite) may mean something else or nothing there, so SQLite goes without it and
the request validation still enforces what the spec says.
"""

from __future__ import annotations

from functools import lru_cache

import sqlglot
from sqlglot import exp

_PORTABLE = (
    exp.Column,
    exp.Identifier,
    exp.Literal,
    exp.Boolean,
    exp.Null,
    exp.Paren,
    exp.Tuple,
    exp.And,
    exp.Or,
    exp.Not,
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.Between,
    exp.In,
    exp.Is,
    exp.Add,
    exp.Sub,
    exp.Mul,
    exp.Mod,
    exp.Neg,
    exp.Length,
    exp.Lower,
    exp.Upper,
    exp.Trim,
    exp.Coalesce,
)


@lru_cache(maxsize=1024)
def sqlite_condition(condition: str) -> str | None:
    """The PostgreSQL `condition` as SQLite writes it, or None when it is not portable."""
    try:
        tree = sqlglot.parse_one(condition, read="postgres")
    except sqlglot.errors.ParseError:
        return None
    if not all(isinstance(node, _PORTABLE) for node in tree.walk()):
        return None
    return tree.sql(dialect="sqlite")
