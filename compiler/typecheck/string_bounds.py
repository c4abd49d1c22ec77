"""The longest string a schema admits: from maxLength, enum/const values, an anchored pattern, a format.

Only what validation really enforces counts: a pattern bounds the length only when it is anchored at
both ends, and a format only when every value of it has a documented maximum size.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre_constants  # type: ignore[attr-defined]

from compiler.ir.shapes import Shape

# Formats whose every valid value has a documented maximum length. RFC 3339 `date-time` and
# `time` are absent on purpose: their fraction of a second (time-secfrac) has no digit limit.
FORMAT_MAX_LENGTH: dict[str, int] = {
    "uuid": 36,  # RFC 4122: 8-4-4-4-12 hex digits
    "date": 10,  # RFC 3339 full-date: YYYY-MM-DD
    "ipv4": 15,  # dotted quad, 255.255.255.255
    "ipv6": 45,  # INET6_ADDRSTRLEN - 1, incl. the IPv4-mapped form
    "int32": 11,  # -2147483648 (an integer sent as a string)
    "int64": 20,  # -9223372036854775808 (an integer sent as a string)
}

_UNICODE_CLASS = re.compile(r"\\[pP]\{[^}]*\}")  # ECMA `\p{L}`: one character, which `re` rejects
_ANCHORS_AT_START = frozenset({sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING})
_ANCHORS_AT_END = frozenset({sre_constants.AT_END, sre_constants.AT_END_STRING})


def max_string_length(shape: Shape) -> int | None:
    """The longest value `shape` admits, or None when nothing bounds it."""
    bounds = [
        shape.constraints.max_length,
        _longest(shape.enum),
        _longest((shape.const,)) if isinstance(shape.const, str) else None,
        FORMAT_MAX_LENGTH.get(shape.format or ""),
        pattern_max_length(shape.constraints.pattern) if shape.constraints.pattern else None,
    ]
    known = [b for b in bounds if b is not None]
    return min(known) if known else None


def bound_source(shape: Shape, length: int) -> str:
    """Which keyword sets the bound `length`, in words for a message."""
    if shape.constraints.max_length == length:
        return f"maxLength {length}"
    if shape.enum is not None and _longest(shape.enum) == length:
        return f"enum values up to {length} characters"
    if shape.format and FORMAT_MAX_LENGTH.get(shape.format) == length:
        return f"format {shape.format} ({length} characters)"
    return f"pattern of at most {length} characters"


def _longest(values: tuple[object, ...] | None) -> int | None:
    lengths = [len(str(v)) for v in values or () if v is not None]
    return max(lengths) if lengths else None


@lru_cache(maxsize=4096)
def pattern_max_length(pattern: str) -> int | None:
    """The longest string an anchored (`^…$`) pattern matches; None when unanchored or unbounded."""
    try:
        parsed = re._parser.parse(_UNICODE_CLASS.sub(".", pattern))  # type: ignore[attr-defined]
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    items = list(parsed)
    anchored = (
        len(items) >= 2
        and _is_anchor(items[0], _ANCHORS_AT_START)
        and _is_anchor(items[-1], _ANCHORS_AT_END)
    )
    if not anchored:
        return None
    high = parsed.getwidth()[1]
    return None if high >= sre_constants.MAXREPEAT else high


def _is_anchor(item: tuple[object, object], anchors: frozenset[object]) -> bool:
    op, arg = item
    return op is sre_constants.AT and arg in anchors
