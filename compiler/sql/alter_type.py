"""PostgreSQL `ALTER TYPE` on enum types: `RENAME TO`, `ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']`,
`RENAME VALUE 'a' TO 'b'` (sqlglot reads none of them)."""

from __future__ import annotations

import re
from dataclasses import replace

from compiler.ir.database import EnumType
from compiler.sql.drafts import SchemaDraft, name_key
from compiler.sql.kinds import unquote_name

_NAME = r'(?:"(?:[^"]|"")+"|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+))*'
_LITERAL = r"'((?:[^']|'')*)'"
_ALTER_TYPE = re.compile(rf"ALTER\s+TYPE\s+(?P<name>{_NAME})\s+(?P<action>.*)\Z", re.I | re.S)
_RENAME = re.compile(rf"RENAME\s+TO\s+(?P<new>{_NAME})\Z", re.I)
_ADD_VALUE = re.compile(
    rf"ADD\s+VALUE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_LITERAL}(?:\s+(?P<where>BEFORE|AFTER)\s+{_LITERAL})?\Z",
    re.I,
)
_RENAME_VALUE = re.compile(rf"RENAME\s+VALUE\s+{_LITERAL}\s+TO\s+{_LITERAL}\Z", re.I)


def apply_alter_type(draft: SchemaDraft, text: str) -> bool:
    """Apply an ALTER TYPE to a known enum type; False when it is not one contractc follows."""
    match = _ALTER_TYPE.match(text)
    if match is None:
        return False
    key = name_key(_type_name(match.group("name"), draft.dialect))
    enum = draft.enums.get(key)
    if enum is None:
        return False
    action = match.group("action").strip()
    if rename := _RENAME.match(action):
        new_name = _type_name(rename.group("new"), draft.dialect)
        del draft.enums[key]
        draft.enums[name_key(new_name)] = replace(enum, name=new_name)
        return True
    if added := _ADD_VALUE.match(action):
        draft.enums[key] = _with_value(
            enum, _unquote(added.group(1)), added.group("where"), added.group(3)
        )
        return True
    if renamed := _RENAME_VALUE.match(action):
        old, new = _unquote(renamed.group(1)), _unquote(renamed.group(2))
        draft.enums[key] = replace(enum, values=tuple(new if v == old else v for v in enum.values))
        return True
    return False


def _with_value(enum: EnumType, value: str, where: str | None, anchor: str | None) -> EnumType:
    if value in enum.values:
        return enum
    values = list(enum.values)
    anchor = _unquote(anchor) if anchor is not None else None
    if where and anchor in values:
        values.insert(values.index(anchor) + (where.upper() == "AFTER"), value)
    else:
        values.append(value)
    return replace(enum, values=tuple(values))


def _type_name(text: str, dialect: str) -> str:
    name = unquote_name(text)
    quoted = text.rstrip().endswith('"')
    return name if quoted or dialect != "postgres" else name.lower()


def _unquote(literal: str) -> str:
    return literal.replace("''", "'")
