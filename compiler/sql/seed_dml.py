"""The INSERTs that put a schema's seed rows into a database, per dialect.

Literal values are written for the target dialect (booleans are 0/1 on SQLite). A value kept as
SQL text is written as it was when the target is the seeds' own dialect; elsewhere `now()` and its
spellings become CURRENT_TIMESTAMP, and `DEFAULT` or any other expression leaves the column to its
default (the row is written alone, without that column). On PostgreSQL, an identity column given
explicit values has its sequence moved past them, so the next generated key does not collide.
"""

from __future__ import annotations

import re

from compiler.ir.database import Database, SeedExpression, SeedRows, SeedValue
from compiler.sql.ddl import ddl_writer, literal, quote

_NOW = re.compile(r"(?i)(now\(\)|current_timestamp(\(\))?|localtimestamp|datetime\('now'\))")
_OMIT = object()  # a value the target dialect cannot write: the column keeps its default


def seed_statements(seeds: tuple[SeedRows, ...], database: Database, dialect: str) -> list[str]:
    """The statements inserting `seeds` (rows of `database`'s tables) in `dialect`."""
    out: list[str] = []
    for seed in seeds:
        rows = [[_value(v, database.dialect, dialect) for v in row] for row in seed.rows]
        if any(_OMIT in row for row in rows):
            out += [_insert(seed.table, seed.columns, [row]) for row in rows]
        elif rows:
            out.append(_insert(seed.table, seed.columns, rows))
    if dialect == "postgres":
        out += _sequences_past_seeds(seeds, database)
    return out


def _insert(table: str, columns: tuple[str, ...], rows: list[list[object]]) -> str:
    kept = [i for i, _ in enumerate(columns) if all(row[i] is not _OMIT for row in rows)]
    names = ", ".join(quote(columns[i]) for i in kept)
    values = ",\n    ".join("(" + ", ".join(str(row[i]) for i in kept) + ")" for row in rows)
    if not kept:
        return f"INSERT INTO {quote(table)} DEFAULT VALUES;"
    return f"INSERT INTO {quote(table)} ({names}) VALUES\n    {values};"


def _value(value: SeedValue, source: str, dialect: str) -> object:
    if value is None:
        return "NULL"
    if isinstance(value, bool) and dialect == "sqlite":
        return "1" if value else "0"
    if not isinstance(value, SeedExpression):
        return literal(value)
    if source == dialect:
        return value.sql
    if _NOW.fullmatch(value.sql.strip()):
        return "CURRENT_TIMESTAMP"
    return _OMIT


def _sequences_past_seeds(seeds: tuple[SeedRows, ...], database: Database) -> list[str]:
    """`setval` for each identity column that seed rows filled by hand."""
    out = []
    ddl = ddl_writer(database, "postgres")
    filled = sorted({(s.table, c) for s in seeds for c in s.columns})
    for table_name, column_name in filled:
        table = database.table(table_name)
        column = table.column(column_name) if table is not None else None
        if table is None or column is None or not ddl.is_assigned_key(table, column):
            continue
        sequence = literal(quote(table_name))
        key = quote(column_name)
        out.append(
            f"SELECT setval(pg_get_serial_sequence({sequence}, {literal(column_name)}), max({key}))"
            f" FROM {quote(table_name)} HAVING max({key}) > 0;"
        )
    return out
