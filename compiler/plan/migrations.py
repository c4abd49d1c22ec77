"""A project's migrations, from the schemas its output folder was built for (oldest first).

Migration 1 creates the first schema; every later schema that differs from the one before it adds
one migration holding exactly that change. The same history always gives the same migrations, and
a longer history only appends to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compiler.ir.database import Database, Migration
from compiler.plan.schema_diff import describe, migration_steps
from compiler.sql.ddl import ddl_writer
from compiler.sql.migration_ddl import change_statements

_NAME_LENGTH = 60


def plan_migrations(schemas: Sequence[Database]) -> tuple[Migration, ...]:
    """One migration per change along `schemas` (at least one schema)."""
    first, *later = schemas
    migrations = [_initial(first)]
    before = first
    for after in later:
        steps = migration_steps(before, after)
        if steps:
            migrations.append(
                Migration(
                    version=len(migrations) + 1,
                    name=_name([describe(s) for s in steps]),
                    postgres=change_statements(steps, before, after, "postgres"),
                    sqlite=change_statements(steps, before, after, "sqlite"),
                )
            )
        before = after
    return tuple(migrations)


def _initial(database: Database) -> Migration:
    return Migration(
        version=1,
        name="initial",
        postgres=tuple(ddl_writer(database, "postgres").statements()),
        sqlite=tuple(ddl_writer(database, "sqlite").statements()),
    )


def _name(changes: list[str]) -> str:
    """`add_column_books_isbn`, or the first change and `and_more`: safe in any file name."""
    words = re.sub(r"[^a-z0-9]+", "_", changes[0].lower()).strip("_")
    suffix = "_and_more" if len(changes) > 1 else ""
    return words[: _NAME_LENGTH - len(suffix)].rstrip("_") + suffix
