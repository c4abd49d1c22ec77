"""The project's migration history as knex migration modules, one per migration, written once.

knex's migrator loads `dist/migrations/*.js` in name order, so a migration is the module
`src/migrations/0002_<name>.ts` exporting `up` (the statements of the database's dialect) and
`down` (refusing: no change is undone without a person deciding how). Each file is written once
and never rewritten: a database may have applied it.
"""

from __future__ import annotations

from jinja2 import Environment

from compiler.ir import Contract, Migration
from emitters.base import GeneratedFile

MIGRATIONS_FOLDER = "src/migrations"


def migration_module(migration: Migration) -> str:
    """The module name of `migration`: its version, zero-padded so names sort in order, and name."""
    return f"{migration.version:04d}_{migration.name}"


def knex_raw_text(statement: str, dialect: str) -> str:
    """`statement` as knex.raw must receive it: knex turns `?` into a bind parameter on
    PostgreSQL (`$1`) unless written `\\?`; SQLite statements reach the driver unchanged."""
    return statement.replace("?", "\\?") if dialect == "postgres" else statement


def template_literal(text: str) -> str:
    """`text` as the body of a TypeScript template literal (backslashes, backticks and `${`
    escaped), so a multi-line statement reads as it runs."""
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")


def migration_files(contract: Contract, env: Environment, header: str) -> tuple[GeneratedFile, ...]:
    """One write-once knex migration module per migration of the contract's history."""
    template = env.get_template("src/migrations/migration.ts.j2")
    return tuple(
        GeneratedFile(
            f"{MIGRATIONS_FOLDER}/{migration_module(migration)}.ts",
            template.render(
                header=header,
                migration=migration,
                module=migration_module(migration),
                statements={
                    dialect: [
                        template_literal(knex_raw_text(statement, dialect))
                        for statement in migration.statements(dialect)
                    ]
                    for dialect in ("postgres", "sqlite")
                },
            ),
            write_once=True,
        )
        for migration in contract.migrations
    )
