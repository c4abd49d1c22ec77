"""`parse_schema`: SQL files or a migration folder in, the `Database` IR out."""

from __future__ import annotations

from collections.abc import Sequence

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.database import Database
from compiler.sql.drafts import SchemaDraft
from compiler.sql.finalize import freeze
from compiler.sql.source import expand_paths, read_source
from compiler.sql.statements import Replayer

DIALECTS = ("postgres", "mysql", "sqlite")


def parse_schema(paths: Sequence[str], dialect: str, sink: DiagnosticSink) -> Database:
    """Read the tables declared by `paths` (files, or folders of migrations replayed by file name).

    Statements are replayed in order; ALTER TABLE and CREATE INDEX statements that name a table not
    declared yet are applied after the last file (schemas often keep keys in a separate file).
    Problems become diagnostics in `sink`; this never raises on bad input.
    """
    dialect = (dialect or "postgres").lower()
    dialect = {"postgresql": "postgres", "sqlite3": "sqlite", "mariadb": "mysql"}.get(
        dialect, dialect
    )
    first = Location(paths[0] if paths else "")
    if dialect not in DIALECTS:
        sink.error(
            "CC301", f"unknown SQL dialect {dialect}", first, f"use one of: {', '.join(DIALECTS)}"
        )
        return Database(dialect="postgres")
    draft = SchemaDraft(dialect)
    replayer = Replayer(draft, sink)
    for path in expand_paths(list(paths), sink):
        source = read_source(path, sink)
        if source is not None:
            replayer.replay_file(source)
    replayer.finish()
    return freeze(draft, sink, first)
