"""The SQL the Alembic revisions hold: each migration's statements, and what the first creates."""

from __future__ import annotations

from sqlglot.tokens import Tokenizer, TokenType

from compiler.ir import Migration


def revision_statements(migration: Migration, dialect: str) -> list[str]:
    """The statements of `migration` in `dialect`, each without its closing semicolon."""
    return [s.strip().removesuffix(";").rstrip() for s in migration.statements(dialect)]


def created_names(migration: Migration, dialect: str, kind: str) -> list[str]:
    """The names `migration` creates with `CREATE <kind> "name"` ("TABLE", "TYPE"), in order."""
    names = []
    for statement in migration.statements(dialect):
        tokens = Tokenizer(dialect=dialect).tokenize(statement)[:3]
        if (
            len(tokens) == 3
            and tokens[0].token_type is TokenType.CREATE
            and tokens[1].text.upper() == kind
        ):
            names.append(tokens[2].text)
    return names
