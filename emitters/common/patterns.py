"""ECMA-262 patterns (what OpenAPI specs are written in) for regex engines that read some
constructs differently: Python's `regex` and `java.util.regex`."""

from __future__ import annotations

_OUTSIDE = {"d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]"}
_INSIDE = {"d": "0-9", "w": "A-Za-z0-9_"}


def translate_ecma(pattern: str, end_of_input: str) -> str:
    """Rewrite the ECMA constructs whose meaning differs in the target engine.

    `$` outside a character class is end-of-input in ECMA (no multiline flag) but also matches
    before a final newline elsewhere, so it becomes `end_of_input` (`\\Z` in Python, `\\z` in
    Java); `\\d` and `\\w` are ASCII-only in ECMA and become explicit classes. `\\p{L}`,
    lookarounds and the rest mean the same and stay as written.
    """
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(char, "\\" + char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == "$":
            out.append(end_of_input)
        else:
            out.append(char)
    if escaped:  # a lone trailing backslash: keep it literal rather than write an invalid pattern
        out.append("\\\\")
    return "".join(out)
