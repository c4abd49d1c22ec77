"""Recognise what a statement is from its leading keywords, before any parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_NAME = r'(?:"(?:[^"]|"")+"|`[^`]+`|[\w$]+)'
_QUALIFIED = rf"(?P<name>{_NAME}(?:\s*\.\s*{_NAME})*)"
_CREATE = re.compile(
    r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?P<temp>TEMP(?:ORARY)?\s+)?"
    r"(?:UNLOGGED\s+)?(?P<unique>UNIQUE\s+)?(?P<object>MATERIALIZED\s+VIEW|[A-Za-z_]+)"
    rf"(?:\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QUALIFIED})?",
    re.IGNORECASE,
)
_ENUM_TYPE = re.compile(rf"CREATE\s+TYPE\s+{_QUALIFIED}\s+AS\s+ENUM\b", re.IGNORECASE)
_DROP = re.compile(r"DROP\s+(?P<object>MATERIALIZED\s+VIEW|[A-Za-z_]+)", re.IGNORECASE)
_FIRST_WORDS = re.compile(r"[A-Za-z_]+(?:\s+[A-Za-z_]+)?")
_RELATIONS = frozenset({"VIEW", "MATERIALIZED VIEW", "SEQUENCE", "FOREIGN"})


class Kind(StrEnum):
    TABLE = "table"
    ENUM = "enum"
    DOMAIN = "domain"
    INDEX = "index"
    ALTER_TABLE = "alter table"
    DROP = "drop"  # DROP TABLE / DROP TYPE: may remove something declared earlier
    COMMENT = "comment"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class StatementKind:
    kind: Kind
    label: str  # "CREATE FUNCTION", "INSERT", "\\c" ... for messages
    relation: str | None = None  # the name of a skipped view, sequence or temp table


def classify(text: str, meta_command: bool) -> StatementKind:
    """What a statement declares, judged from its first keywords."""
    if meta_command:
        word = text.split(None, 1)[0] if text.strip() else text
        return StatementKind(Kind.SKIPPED, word if word.startswith("\\") else "DELIMITER")
    upper_head = text[:40].upper()
    if upper_head.startswith("CREATE"):
        return _classify_create(text)
    if upper_head.startswith("ALTER") and re.match(r"ALTER\s+TABLE\b", text, re.IGNORECASE):
        return StatementKind(Kind.ALTER_TABLE, "ALTER TABLE")
    if upper_head.startswith("DROP"):
        drop = _DROP.match(text)
        obj = " ".join(drop.group("object").upper().split()) if drop else ""
        kind = Kind.DROP if obj in ("TABLE", "TYPE", "DOMAIN") else Kind.SKIPPED
        return StatementKind(kind, f"DROP {obj}".strip())
    if re.match(r"COMMENT\s+ON\s+(?:TABLE|COLUMN)\b", text, re.IGNORECASE):
        return StatementKind(Kind.COMMENT, "COMMENT")
    words = _FIRST_WORDS.match(text)
    label = words.group(0).split()[0].upper() if words else text[:20].split("\n")[0]
    if label in ("ALTER", "GRANT", "REVOKE") and words:
        label = " ".join(words.group(0).upper().split())
    return StatementKind(Kind.SKIPPED, label)


def _classify_create(text: str) -> StatementKind:
    match = _CREATE.match(text)
    if match is None:
        return StatementKind(Kind.SKIPPED, "CREATE")
    obj = " ".join(match.group("object").upper().split())
    name = match.group("name")
    if obj == "TABLE":
        if match.group("temp"):
            return StatementKind(Kind.SKIPPED, "CREATE TEMPORARY TABLE", name)
        return StatementKind(Kind.TABLE, "CREATE TABLE")
    if obj == "INDEX":
        return StatementKind(Kind.INDEX, "CREATE INDEX")
    if obj == "TYPE":
        return StatementKind(Kind.ENUM if _ENUM_TYPE.match(text) else Kind.SKIPPED, "CREATE TYPE")
    if obj == "DOMAIN":
        return StatementKind(Kind.DOMAIN, "CREATE DOMAIN")
    return StatementKind(Kind.SKIPPED, f"CREATE {obj}", name if obj in _RELATIONS else None)


def unquote_name(qualified: str) -> str:
    """The last part of a possibly qualified, possibly quoted name."""
    parts = re.findall(_NAME, qualified)
    last = parts[-1] if parts else qualified
    if last[:1] in '"`':
        return last[1:-1].replace('""', '"')
    return last
