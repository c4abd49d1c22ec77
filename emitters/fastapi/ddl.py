"""The migration's DDL: the shared DDL writer's output, split into statements at render time."""

from __future__ import annotations

from sqlglot.tokens import Tokenizer, TokenType

from compiler.ir import Database
from compiler.sql.ddl import render_ddl


def ddl_statements(database: Database, dialect: str) -> list[str]:
    """The CREATE statements for `dialect`, one per entry, without the trailing semicolon."""
    text = render_ddl(database, dialect)
    statements = []
    start = 0
    for token in Tokenizer(dialect=dialect).tokenize(text):
        if token.token_type is TokenType.SEMICOLON:
            statements.append(text[start : token.start].strip())
            start = token.end + 1
    statements.append(text[start:].strip())
    return [s for s in statements if s]
