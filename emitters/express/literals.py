"""JSON-like values -> TypeScript/JSON literals laid out the way prettier prints them.

Non-empty objects are always broken over lines (prettier keeps an object broken once its first key
is on its own line); arrays stay on one line when they hold only scalars and fit in the print width.
"""

from __future__ import annotations

import json
import re

PRINT_WIDTH = 80
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")


def string_literal(text: str) -> str:
    """A string literal in prettier's preferred quotes (double unless that needs more escapes)."""
    if text.count('"') > text.count("'"):
        body = json.dumps(text, ensure_ascii=False)[1:-1].replace('\\"', '"').replace("'", "\\'")
        return f"'{body}'"
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, str):
        return string_literal(value)
    raise TypeError(f"not a JSON scalar: {value!r}")


def _key(name: str, quote_all: bool, json_mode: bool) -> str:
    if json_mode:
        return json.dumps(name, ensure_ascii=False)
    return string_literal(name) if quote_all else name


def _inline(value: object) -> str | None:
    """The one-line form of `value`, or None when prettier would break it."""
    if isinstance(value, dict):
        return "{}" if not value else None
    if isinstance(value, (list, tuple)):
        parts = [_inline(item) for item in value]
        if any(part is None or part.startswith("{") and part != "{}" for part in parts):
            return None
        return "[" + ", ".join(p for p in parts if p is not None) + "]"
    return _scalar(value)


def literal(
    value: object, indent: int = 0, prefix: str = "", suffix: str = "", json_mode: bool = False
) -> str:
    """`value` printed at `indent` spaces, after `prefix` on the first line, `suffix` at the end."""
    pad = " " * indent
    one_line = _inline(value)
    if one_line is not None and len(pad + prefix + one_line + suffix) <= PRINT_WIDTH:
        return pad + prefix + one_line + suffix
    trailing = "" if json_mode else ","
    inner = indent + 2
    if isinstance(value, dict):
        quote_all = any(not _IDENTIFIER.match(k) for k in value)
        items = list(value.items())
        lines = [pad + prefix + "{"]
        for index, (key, item) in enumerate(items):
            comma = trailing if index == len(items) - 1 else ","
            lines.append(
                literal(item, inner, _key(key, quote_all, json_mode) + ": ", comma, json_mode)
            )
        lines.append(pad + "}" + suffix)
        return "\n".join(lines)
    if isinstance(value, (list, tuple)):
        lines = [pad + prefix + "["]
        for index, item in enumerate(value):
            comma = trailing if index == len(value) - 1 else ","
            lines.append(literal(item, inner, "", comma, json_mode))
        lines.append(pad + "]" + suffix)
        return "\n".join(lines)
    return pad + prefix + (one_line or "") + suffix
