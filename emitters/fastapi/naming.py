"""Python naming rules: snake_case modules, functions and fields; PascalCase classes."""

from __future__ import annotations

import keyword
import re
from functools import cache

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_IDENTIFIER = re.compile(r"[^0-9a-zA-Z]+")
_RESERVED = frozenset(keyword.kwlist) | {"self", "cls", "request", "response", "model_config"}


def words(name: str) -> list[str]:
    """Split `petId`, `pet_id`, `Pet-ID`, `HTTPServer` into lower-case words."""
    spaced = _WORD_BOUNDARY.sub(" ", name)
    return [w.lower() for w in _NON_IDENTIFIER.sub(" ", spaced).split() if w]


@cache  # pure, and asked for the same few thousand names over and over
def snake(name: str) -> str:
    """A valid snake_case Python identifier for `name`."""
    result = "_".join(words(name)) or "value"
    if result[0].isdigit():
        result = f"n_{result}"
    if result in _RESERVED or result.startswith("model_"):
        result = f"{result}_"
    return result


@cache
def pascal(name: str) -> str:
    """A valid PascalCase class name for `name`."""
    result = "".join(w[:1].upper() + w[1:] for w in words(name)) or "Model"
    if result[0].isdigit():
        result = f"N{result}"
    return result


def constant(name: str) -> str:
    """An UPPER_SNAKE constant name for `name`."""
    return snake(name).rstrip("_").upper()
