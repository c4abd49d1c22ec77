"""Columns a BEFORE INSERT trigger fills (`NEW.col := …` in PostgreSQL, `SET NEW.col = …` in MySQL).

Such a column may be NOT NULL without a DEFAULT and still be omitted from an INSERT: the database
fills it. PostgreSQL triggers call a function declared earlier; MySQL triggers carry their body.
An AFTER trigger cannot fill a NOT NULL column (the constraint is checked first), nor can SQLite's.
"""

from __future__ import annotations

import re

from compiler.sql.drafts import SchemaDraft, name_key
from compiler.sql.kinds import unquote_name

_NAME = r'(?:"(?:[^"]|"")+"|`[^`]+`|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|`[^`]+`|[\w$]+))*'
_FUNCTION = re.compile(
    rf"CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?P<name>{_NAME})\s*\(.*?\)\s*RETURNS\s+TRIGGER\b",
    re.IGNORECASE | re.DOTALL,
)
_TRIGGER = re.compile(
    rf"CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>{_NAME})\s+"
    rf"BEFORE\s+(?P<events>.+?)\s+ON\s+(?P<table>{_NAME})(?P<rest>.*)\Z",
    re.IGNORECASE | re.DOTALL,
)
_EXECUTE = re.compile(
    rf"EXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(?P<function>{_NAME})\s*\(", re.IGNORECASE
)
# an assignment starts a statement (`IF NEW.x = 1 THEN` is a comparison)
_ASSIGNED = re.compile(
    r"(?:\A|;|\bBEGIN\b|\bTHEN\b|\bELSE\b|\bLOOP\b|\bSET\b|,)\s*"
    r'NEW\s*\.\s*("(?:[^"]|"")+"|`[^`]+`|\w+)\s*:?=(?!=)',
    re.IGNORECASE,
)


def record_trigger_function(draft: SchemaDraft, text: str) -> bool:
    """Remember which NEW columns a trigger function assigns; False when `text` is not one."""
    match = _FUNCTION.match(text)
    if match is None:
        return False
    draft.trigger_functions[name_key(unquote_name(match.group("name")))] = _assigned(text)
    return True


def record_insert_trigger(draft: SchemaDraft, text: str) -> bool:
    """Mark the columns a BEFORE INSERT trigger fills; False when `text` is no such trigger."""
    match = _TRIGGER.match(text)
    if match is None or not re.search(r"\bINSERT\b", match.group("events"), re.IGNORECASE):
        return False
    table = draft.table(unquote_name(match.group("table")))
    if table is None:
        return False
    execute = _EXECUTE.search(match.group("rest"))
    if execute is not None:
        filled = draft.trigger_functions.get(
            name_key(unquote_name(execute.group("function"))), set()
        )
    else:
        filled = _assigned(match.group("rest"))
    trigger = unquote_name(match.group("name"))
    for name in filled:
        column = table.column(name)
        if column is not None:
            column.filled_by_trigger = trigger
    return True


def _assigned(body: str) -> set[str]:
    return {unquote_name(m.group(1)) for m in _ASSIGNED.finditer(body)}
