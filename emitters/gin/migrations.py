"""The project's migrations as goose SQL files: one folder per dialect, each file written once."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from compiler.ir import Contract
from compiler.ir.database import MIGRATION_DIALECTS, Migration
from emitters.base import GeneratedFile

MIGRATIONS_DIR = "internal/database/migrations"


@dataclass(frozen=True)
class GooseStatement:
    """One statement of a goose Up section."""

    sql: str

    @property
    def delimited(self) -> bool:
        """Goose ends a plain statement at the first line ending in `;`: a statement with such a
        line before its last needs `StatementBegin` / `StatementEnd` around it."""
        return any(line.rstrip().endswith(";") for line in self.sql.splitlines()[:-1])


def migration_path(dialect: str, migration: Migration) -> str:
    """`internal/database/migrations/postgres/00002_add_column_books_isbn.sql`."""
    return f"{MIGRATIONS_DIR}/{dialect}/{migration.version:05d}_{migration.name}.sql"


def goose_migrations(env: Environment, contract: Contract) -> tuple[GeneratedFile, ...]:
    """Every migration of the contract's history in every dialect, as write-once goose files."""
    template = env.get_template("internal/database/migration.sql.j2")
    return tuple(
        GeneratedFile(
            migration_path(dialect, migration),
            template.render(
                migration=migration,
                dialect=dialect,
                statements=[GooseStatement(s) for s in migration.statements(dialect)],
            ),
            write_once=True,
        )
        for dialect in MIGRATION_DIALECTS
        for migration in contract.migrations
    )
