"""Java naming rules: identifiers, packages, reserved words, SQL identifier quoting."""

from __future__ import annotations

import re

from emitters.common import camel, pascal, words

JAVA_RESERVED = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do double else "
    "enum extends final finally float for goto if implements import instanceof int interface long "
    "native new package private protected public return short static strictfp super switch "
    "synchronized this throw throws transient try void volatile while true false null var record "
    "yield sealed permits".split()
)
# Words the generated SQL quotes (a superset of what SQLite and PostgreSQL reserve in practice).
SQL_RESERVED = frozenset(
    "all and any array as asc between by case cast check collate column constraint create cross "
    "current_date current_time current_timestamp default delete desc distinct do else end except "
    "false fetch for foreign from grant group having in index inner insert intersect into is join "
    "key leading left like limit natural not null offset on or order outer primary references "
    "returning right select session_user set some table then to trailing true union unique update "
    "user using values when where window with".split()
)
_SIMPLE_SQL = re.compile(r"[a-z_][a-z0-9_]*")


def java_field(name: str) -> str:
    """A record component / parameter name: `created_at` -> `createdAt`, `class` -> `class_`."""
    ident = camel(name) or "value"
    if ident[0].isdigit():
        ident = "v" + ident
    return ident + "_" if ident in JAVA_RESERVED else ident


def java_class(name: str) -> str:
    """A class name: `pets` -> `Pets`, `new-pet` -> `NewPet`."""
    ident = pascal(name) or "Value"
    return "V" + ident if ident[0].isdigit() else ident


def java_package_segment(name: str) -> str:
    """A package segment: lower case letters and digits only."""
    segment = "".join(words(name)) or "app"
    if segment[0].isdigit() or segment in JAVA_RESERVED:
        segment = "p" + segment
    return segment


def sql_identifier(name: str) -> str:
    """Quote an identifier only when it needs it (same rule as `Sql.identifier` in Java)."""
    if _SIMPLE_SQL.fullmatch(name) and name not in SQL_RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


_COMMENT_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\\", "&#92;"), ("@", "&#64;"))
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def java_string(value: str) -> str:
    """A Java string literal; control characters as octal escapes (never `\\u`, which javac
    would decode before lexing)."""
    out = []
    for char in value:
        if char in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):03o}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def java_comment(value: str) -> str:
    """Spec prose made inert inside a Javadoc comment: one line, HTML-escaped, no `*/`, no `\\u`."""
    text = " ".join(value.split())
    for raw, entity in _COMMENT_ENTITIES:
        text = text.replace(raw, entity)
    return text.replace("*/", "*&#47;")
