"""The DDL inside PostgreSQL `DO $$ … $$` blocks, as migration tools write it.

Two guarded patterns are common: `BEGIN CREATE TYPE …; EXCEPTION WHEN duplicate_object THEN null;
END` and `IF NOT EXISTS (SELECT …) THEN ALTER TABLE …; END IF;`. Both run the DDL only when the
object is not there yet; the statements found here are replayed with that meaning (a duplicate is
skipped, not reported). PL/pgSQL control words around them are dropped; anything that is not DDL
(assignments, PERFORM, RAISE, dynamic EXECUTE) is left alone.
"""

from __future__ import annotations

import re

from compiler.sql.splitter import Statement, split_statements

_DO = re.compile(r"DO\s+(?:LANGUAGE\s+\w+\s+)?(?P<tag>\$[\w]*\$)", re.IGNORECASE)
_CONTROL = re.compile(
    r"""\A(?:\s+ | --[^\n]* | /\*.*?\*/
      | BEGIN\b | DECLARE\b[^;]*?\bBEGIN\b | END\s+IF\b | END\s+LOOP\b | END\b | ELSE\b
      | (?:IF|ELSIF)\b.*?\bTHEN\b
      | EXCEPTION\s+WHEN\b.*?\bTHEN\b(?:\s*(?:NULL|RETURN)\s*;)?
    )""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_DDL = re.compile(r"(?:CREATE|ALTER|DROP|COMMENT)\b", re.IGNORECASE)


def do_block_statements(statement: Statement, dialect: str) -> list[Statement] | None:
    """The DDL statements inside a `DO` block, located in the file; None when it is no DO block."""
    match = _DO.match(statement.text)
    if match is None:
        return None
    tag = match.group("tag")
    body_start = match.end()
    body_end = statement.text.find(tag, body_start)
    if body_end < 0:
        return []
    body = statement.text[body_start:body_end]
    found = []
    for inner in split_statements(body, dialect):
        text, skipped = _strip_control(inner.text)
        if _DDL.match(text):
            found.append(Statement(text, statement.start + body_start + inner.start + skipped))
    return found


def _strip_control(text: str) -> tuple[str, int]:
    """`text` without the PL/pgSQL control words in front of it, and how many characters went."""
    skipped = 0
    while True:
        match = _CONTROL.match(text)
        if match is None or not match.group(0):
            return text, skipped
        skipped += match.end()
        text = text[match.end() :]
