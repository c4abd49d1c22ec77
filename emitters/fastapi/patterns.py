"""ECMA-262 patterns -> the `regex` module's dialect, as the generated validators compile them."""

from __future__ import annotations

_OUTSIDE = {"d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]"}
_INSIDE = {"d": "0-9", "w": "A-Za-z0-9_"}


def ecma_to_python(pattern: str) -> str:
    """Translate the ECMA constructs that mean something else in Python's `regex`.

    `$` outside a character class is end-of-input in ECMA (no multiline flag) but also matches
    before a final newline in Python, so it becomes `\\Z`; `\\d` and `\\w` are ASCII-only in ECMA
    and become explicit classes. `\\p{L}`, lookarounds and the rest are understood as written.
    """
    out: list[str] = []
    in_class = False
    escaped = False
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
            out.append(r"\Z")
        else:
            out.append(char)
    if escaped:
        out.append("\\")
    return "".join(out)
