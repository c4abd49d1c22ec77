"""The project's migrations as Flyway SQL files, one per migration and dialect, written once."""

from __future__ import annotations

from compiler.ir import Contract
from compiler.ir.database import Migration
from emitters.base import GeneratedFile

# Flyway's `{vendor}` placeholder in `spring.flyway.locations` -> the migration's dialect.
VENDOR_DIALECTS = (("postgresql", "postgres"), ("sqlite", "sqlite"))
MIGRATION_FOLDER = "src/main/resources/db/migration"


def flyway_file_name(migration: Migration) -> str:
    """`V2__add_column_books_isbn.sql`; the first stays `V1__schema.sql`.

    Flyway validates an applied migration's description (the name after `__`) as well as its
    checksum, and projects built before migrations were appended called their only one `schema`.
    """
    description = "schema" if migration.version == 1 else migration.name
    return f"V{migration.version}__{description}.sql"


def flyway_migrations(contract: Contract, header: str) -> list[GeneratedFile]:
    """Every migration of `contract` in each dialect's Flyway location, `header` as a comment."""
    return [
        GeneratedFile(
            path=f"{MIGRATION_FOLDER}/{vendor}/{flyway_file_name(migration)}",
            content=f"-- {header}\n\n{migration.script(dialect)}",
            write_once=True,
        )
        for migration in contract.migrations
        for vendor, dialect in VENDOR_DIALECTS
    ]
