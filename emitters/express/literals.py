"""JSON-like values -> TypeScript/JSON literals laid out the way prettier prints them.

Non-empty objects are always broken over lines (prettier keeps an object broken once its first key
is on its own line); arrays stay on one line when they hold only scalars and fit in the print width.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from emitters.express.naming import is_identifier, object_key

PRINT_WIDTH = 80


class MapLiteral(dict[str, object]):
    """A dict printed as `new Map([[key, value], ...])`: any string may be a key, even one that
    names a member every object has (`constructor`, `toString`, `__proto__`). With `value_type`,
    the map states its types (`new Map<string, TableSpec>([`) for a declaration to infer."""

    def __init__(self, entries: Iterable[tuple[str, object]] = (), value_type: str = "") -> None:
        super().__init__(entries)
        self.value_type = value_type

    @property
    def constructor(self) -> str:
        """`new Map`, with its type arguments when the value type is stated."""
        return f"new Map<string, {self.value_type}>" if self.value_type else "new Map"


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


def _key(name: str, json_mode: bool) -> str:
    """A key as prettier prints it: quoted only when it is not an identifier name."""
    if json_mode:
        return json.dumps(name, ensure_ascii=False)
    return object_key(name, name if is_identifier(name) else string_literal(name))


def literal(
    value: object, indent: int = 0, prefix: str = "", suffix: str = "", json_mode: bool = False
) -> str:
    """`value` printed at `indent` spaces, after `prefix` on the first line, `suffix` at the end."""
    return _Printer(json_mode).block(value, indent, prefix, suffix)


class _Printer:
    """Prints one value; a container object met again (a shared error template) is printed once.

    Caches are keyed by object identity and live for one `literal` call, while the value (and so
    every id in it) stays alive.
    """

    def __init__(self, json_mode: bool) -> None:
        self._json_mode = json_mode
        self._inline_known: dict[int, str | None] = {}
        self._block_known: dict[tuple[int, int, str, str], str] = {}

    def inline(self, value: object) -> str | None:
        """The one-line form of `value`, or None when prettier would break it."""
        if isinstance(value, MapLiteral):
            return f"{value.constructor}()" if not value else None
        if isinstance(value, dict):
            return "{}" if not value else None
        if not isinstance(value, (list, tuple)):
            return _scalar(value)
        if id(value) not in self._inline_known:
            parts = [self.inline(item) for item in value]
            text = None
            if not any(part is None or part.startswith("{") and part != "{}" for part in parts):
                text = "[" + ", ".join(p for p in parts if p is not None) + "]"
            self._inline_known[id(value)] = text
        return self._inline_known[id(value)]

    def block(self, value: object, indent: int, prefix: str, suffix: str) -> str:
        if not isinstance(value, (dict, list, tuple)):
            return " " * indent + prefix + _scalar(value) + suffix
        key = (id(value), indent, prefix, suffix)
        text = self._block_known.get(key)
        if text is None:
            text = self._container(value, indent, prefix, suffix)
            self._block_known[key] = text
        return text

    def _entry(self, key: str, value: object, indent: int) -> str:
        """One `[key, value],` of a Map literal, on one line when it fits."""
        pad = " " * indent
        one_line = self.inline(value)
        if one_line is not None:
            text = f"{pad}[{_scalar(key)}, {one_line}],"
            if len(text) <= PRINT_WIDTH:
                return text
        head = f"{pad}[\n{pad}  {_scalar(key)},\n"
        return head + self.block(value, indent + 2, "", ",") + f"\n{pad}],"

    def _container(
        self,
        value: dict[str, object] | list[object] | tuple[object, ...],
        indent: int,
        prefix: str,
        suffix: str,
    ) -> str:
        pad = " " * indent
        one_line = self.inline(value)
        if one_line is not None and len(pad + prefix + one_line + suffix) <= PRINT_WIDTH:
            return pad + prefix + one_line + suffix
        trailing = "" if self._json_mode else ","
        inner = indent + 2
        if isinstance(value, MapLiteral):
            lines = [pad + prefix + value.constructor + "(["]
            lines.extend(self._entry(key, item, inner) for key, item in value.items())
            lines.append(pad + "])" + suffix)
            return "\n".join(lines)
        if isinstance(value, dict):
            items = list(value.items())
            lines = [pad + prefix + "{"]
            for index, (key, item) in enumerate(items):
                comma = trailing if index == len(items) - 1 else ","
                name = _key(key, self._json_mode)
                lines.append(self.block(item, inner, name + ": ", comma))
            lines.append(pad + "}" + suffix)
            return "\n".join(lines)
        lines = [pad + prefix + "["]
        for index, item in enumerate(value):
            comma = trailing if index == len(value) - 1 else ","
            lines.append(self.block(item, inner, "", comma))
        lines.append(pad + "]" + suffix)
        return "\n".join(lines)
