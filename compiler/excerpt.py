"""The source line under a diagnostic with a caret under its span, as rustc and ruff print it.

```
   |
26 |         title: {type: string, maxLength: 200}
   |         ^~~~~
```
The span is the token that starts at the diagnostic's column (the key, name or quoted string
located there); when no token starts there, one caret marks the column.
"""

from __future__ import annotations

import re

from compiler.diagnostics import Location
from compiler.openapi.source import decode
from compiler.openapi.source_error import SourceError

MAX_WIDTH = 120  # longer lines (minified JSON) are shown as a window around the column
_CONTEXT = 40  # characters kept before the column in such a window

_TOKEN = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:,{}\[\]()"'#;]+""")


class SourceExcerpts:
    """Excerpts from the input files; each file is read once, the first time it is needed."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def excerpt(self, location: Location) -> list[str]:
        """The gutter, the source line and the caret line; empty when the line is unknown."""
        lines = self._lines(location.file) if location.line > 0 else None
        if not lines or location.line > len(lines):
            return []
        text = lines[location.line - 1].rstrip("\r")
        start = min(max(location.column, 1), len(text) + 1) - 1
        token = _TOKEN.match(text, start)
        width = max(token.end() - start, 1) if token else 1
        text, start = _window(text, start)
        width = min(width, max(len(text) - start, 1))
        pad = "".join(c if c == "\t" else " " for c in text[:start])
        gutter = " " * len(str(location.line))
        return [
            f"{gutter} |",
            f"{location.line} | {text}",
            f"{gutter} | {pad}^{'~' * (width - 1)}",
        ]

    def _lines(self, path: str) -> list[str] | None:
        if path not in self._files:
            self._files[path] = _read_lines(path)
        return self._files[path]


def _read_lines(path: str) -> list[str] | None:
    try:
        with open(path, "rb") as handle:
            return decode(handle.read()).split("\n")
    except (OSError, SourceError):
        return None


def _window(text: str, start: int) -> tuple[str, int]:
    """A line cut to at most MAX_WIDTH characters around `start`, with the new start."""
    if len(text) <= MAX_WIDTH:
        return text, start
    begin = max(start - _CONTEXT, 0)
    piece = text[begin : begin + MAX_WIDTH]
    prefix = "…" if begin else ""
    suffix = "…" if begin + MAX_WIDTH < len(text) else ""
    return prefix + piece + suffix, start - begin + len(prefix)
