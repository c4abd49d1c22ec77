"""A project's migrations: from the user's ordered migration files, one to one, or else from the
schemas its output folder was built for (oldest first).

Migration 1 creates the first schema; every later schema that differs from the one before it adds
one migration holding exactly that change. The same history always gives the same migrations, and
a longer history only appends to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from compiler.ir.database import Database, Migration, SeedRows
from compiler.plan.schema_diff import MigrationStep, StepKind, describe, migration_steps
from compiler.sql.ddl import ddl_writer
from compiler.sql.migration_ddl import change_statements
from compiler.sql.parser import MIGRATION_FILE
from compiler.sql.seed_dml import seed_statements

_NAME_LENGTH = 60


def plan_migrations(
    schemas: Sequence[Database], sources: Sequence[str] = ()
) -> tuple[Migration, ...]:
    """One migration per change along `schemas` (at least one schema). With `sources`, the
    user's migration file that led to each schema, every migration follows and is named after
    its file. Seed rows go into the migration of the schema that added them (rows a later schema
    changes or removes are data by then, and stay as they are)."""
    first, *later = schemas
    files = list(sources) or [""] * len(schemas)
    migrations = [_initial(first, files[0])]
    before = first
    for after, source in zip(later, files[1:], strict=True):
        steps = migration_steps(before, after)
        seeds = _added_seeds(before, after)
        new_values = tuple(s for s in steps if s.kind is StepKind.ADD_ENUM_VALUES)
        others = tuple(s for s in steps if s.kind is not StepKind.ADD_ENUM_VALUES)
        split = bool(new_values) and bool(others or seeds)
        if split:
            # PostgreSQL refuses a new enum value in the transaction that added it, so the
            # values come first, alone; SQLite keeps enums as CHECKs, rewritten with the rest
            migrations.append(
                Migration(
                    version=len(migrations) + 1,
                    name=_change_name([describe(s) for s in new_values]),
                    postgres=change_statements(new_values, before, after, "postgres"),
                    sqlite=(),
                    source=source,
                )
            )
        if steps or seeds:
            migrations.append(
                Migration(
                    version=len(migrations) + 1,
                    name=_file_name(source)
                    if source
                    else _change_name(
                        [describe(s) for s in others or steps]
                        + [f"seed {seed.table}" for seed in seeds]
                    ),
                    postgres=_statements(
                        others if split else steps, seeds, before, after, "postgres"
                    ),
                    sqlite=_statements(steps, seeds, before, after, "sqlite"),
                    source=source,
                )
            )
        before = after
    return tuple(migrations)


def _initial(database: Database, source: str) -> Migration:
    return Migration(
        version=1,
        name=_file_name(source) if source else "initial",
        postgres=_created(database, "postgres"),
        sqlite=_created(database, "sqlite"),
        source=source,
    )


def _created(database: Database, dialect: str) -> tuple[str, ...]:
    ddl = ddl_writer(database, dialect).statements()
    return (*ddl, *seed_statements(database.seeds, database, dialect))


def _statements(
    steps: tuple[MigrationStep, ...],
    seeds: tuple[SeedRows, ...],
    before: Database,
    after: Database,
    dialect: str,
) -> tuple[str, ...]:
    changes = change_statements(steps, before, after, dialect)
    return (*changes, *seed_statements(seeds, after, dialect))


def _added_seeds(before: Database, after: Database) -> tuple[SeedRows, ...]:
    """The seed rows `after` inserts that `before` did not (compared without their location)."""
    known = {_unplaced(seed) for seed in before.seeds}
    return tuple(seed for seed in after.seeds if _unplaced(seed) not in known)


def _unplaced(seed: SeedRows) -> tuple[object, ...]:
    return (seed.table, seed.columns, seed.rows)


def _change_name(changes: list[str]) -> str:
    """`add_column_books_isbn`, or the first change and `and_more`."""
    suffix = "_and_more" if len(changes) > 1 else ""
    return _snake(changes[0], _NAME_LENGTH - len(suffix)) + suffix


def _file_name(path: str) -> str:
    """`add_isbn` for `002_add_isbn.sql` or `V2__Add_ISBN.sql`."""
    stem = PurePath(path).stem
    return _snake(MIGRATION_FILE.sub("", stem, count=1), _NAME_LENGTH) or "migration"


def _snake(text: str, length: int) -> str:
    """Lower snake case, safe in any file name, at most `length` characters."""
    words = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return words[:length].rstrip("_")
