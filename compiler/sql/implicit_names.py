"""The names PostgreSQL (and MySQL) give constraints declared without one, so a later DROP finds them.

Follows PostgreSQL's `ChooseConstraintName` / `makeObjectName` (src/backend/commands/indexcmds.c,
catalog/pg_constraint.c): `<table>_<columns joined by _>_<label>` with label `pkey` (no columns),
`key` (UNIQUE), `fkey`, `check` (the column when the expression uses exactly one, else none);
the table and column parts are shortened, the longer one first, so the name fits 63 bytes; a name
already taken gets a number after the label (`_fkey1`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

NAMEDATALEN = 64  # PostgreSQL's identifier buffer: names hold at most 63 bytes


def implicit_name(table: str, columns: Sequence[str], label: str, taken: Collection[str]) -> str:
    """The name PostgreSQL would choose; `taken` are the names already in use (compared as is)."""
    columns_part = _join_columns(columns)
    for attempt in range(1000):
        suffix = label if attempt == 0 else f"{label}{attempt}"
        name = make_object_name(table, columns_part, suffix)
        if name not in taken:
            return name
    return make_object_name(table, columns_part, label)


def make_object_name(name1: str, name2: str, label: str) -> str:
    """`name1_name2_label`, shortening name1 and name2 (the longer first) to fit 63 bytes."""
    first, second = name1.encode(), name2.encode()
    overhead = (len(label.encode()) + 1 if label else 0) + (1 if second else 0)
    available = NAMEDATALEN - 1 - overhead
    first_len, second_len = len(first), len(second)
    while first_len + second_len > available:
        if first_len > second_len:
            first_len -= 1
        else:
            second_len -= 1
    parts = [_clip(first, first_len)]
    if second:
        parts.append(_clip(second, second_len))
    if label:
        parts.append(label)
    return "_".join(parts)


def _join_columns(columns: Sequence[str]) -> str:
    """Column names joined by `_`, stopping once the result reaches NAMEDATALEN bytes."""
    joined = b""
    for column in columns:
        if joined:
            joined += b"_"
        joined += column.encode()[: NAMEDATALEN - 1]
        if len(joined) >= NAMEDATALEN:
            break
    return joined.decode(errors="ignore")


def _clip(name: bytes, length: int) -> str:
    """The first `length` bytes of `name`, not splitting a multi-byte character."""
    return name[:length].decode(errors="ignore")


def mysql_implicit_name(
    table: str, columns: Sequence[str], label: str, taken: Collection[str]
) -> str:
    """MySQL's name: `PRIMARY`; a foreign key `<table>_ibfk_<n>`, a CHECK `<table>_chk_<n>` (n one
    above the highest in use); a UNIQUE key its first column, then `<column>_2`, `_3`, …"""
    if label == "pkey":
        return "PRIMARY"
    if label in ("fkey", "check"):
        prefix = f"{table}_{'ibfk' if label == 'fkey' else 'chk'}_"
        used = [
            int(n[len(prefix) :])
            for n in taken
            if n.startswith(prefix) and n[len(prefix) :].isdigit()
        ]
        return f"{prefix}{max(used, default=0) + 1}"
    base = columns[0] if columns else table
    lowered = {n.lower() for n in taken}
    name, number = base, 1
    while name.lower() in lowered:
        number += 1
        name = f"{base}_{number}"
    return name
