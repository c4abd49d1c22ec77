"""A validation finding before it is located: the unit the validation cache stores."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """A problem at a JSON pointer of the bundled root (located later, only when reported)."""

    code: str
    message: str
    pointer: str
    hint: str = ""


def shorten(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
