"""`parse_schema`: SQL files or a migration folder in, the `Database` IR out."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.database import Database
from compiler.sql.drafts import SchemaDraft
from compiler.sql.finalize import freeze
from compiler.sql.source import expand_paths, read_source
from compiler.sql.statements import Replayer

DIALECTS = ("postgres", "mysql", "sqlite")
MIGRATION_FILE = re.compile(r"(?i)v?\d+[_.-]")  # the number a migration file's name starts with


def parse_schema(paths: Sequence[str], dialect: str, sink: DiagnosticSink) -> Database:
    """Read the tables declared by `paths` (files, or folders of migrations replayed by file name).

    Statements are replayed in order; ALTER TABLE and CREATE INDEX statements that name a table not
    declared yet are applied after the last file (schemas often keep keys in a separate file).
    Problems become diagnostics in `sink`; this never raises on bad input.
    """
    return parse_schema_series(paths, dialect, sink)[0]


def parse_schema_series(
    paths: Sequence[str], dialect: str, sink: DiagnosticSink, *, series: bool = True
) -> tuple[Database, tuple[tuple[str, Database], ...]]:
    """`parse_schema`, and when the files are an ordered migration series (`001_init.sql`,
    `002_add_isbn.sql`, …) the schema after each of them, with its path; else (), as when
    `series` is False (freezing each step costs about ten times the replay)."""
    dialect = (dialect or "postgres").lower()
    dialect = {"postgresql": "postgres", "sqlite3": "sqlite", "mariadb": "mysql"}.get(
        dialect, dialect
    )
    first = Location(paths[0] if paths else "")
    if dialect not in DIALECTS:
        sink.error(
            "CC301", f"unknown SQL dialect {dialect}", first, f"use one of: {', '.join(DIALECTS)}"
        )
        return Database(dialect="postgres"), ()
    draft = SchemaDraft(dialect)
    replayer = Replayer(draft, sink)
    files = expand_paths(list(paths), sink)
    series = series and is_migration_series(files)
    versions = []
    for path in files:
        source = read_source(path, sink)
        if source is not None:
            replayer.replay_file(source)
            if series:  # frozen quietly: the final schema reports the findings
                versions.append((path, freeze(draft, DiagnosticSink(), first)))
    replayer.finish()
    database = freeze(draft, sink, first)
    return database, tuple(versions)


def is_migration_series(files: Sequence[str]) -> bool:
    """Two or more files, each named with its number first (`001_init.sql`, `V2__books.sql`)."""
    return len(files) > 1 and all(MIGRATION_FILE.match(os.path.basename(f)) for f in files)
