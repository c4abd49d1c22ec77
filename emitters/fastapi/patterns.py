"""ECMA-262 patterns -> the `regex` module's dialect, as the generated validators compile them."""

from __future__ import annotations

from emitters.common.patterns import translate_ecma


def ecma_to_python(pattern: str) -> str:
    """`pattern` as Python's `regex` reads it with the ECMA meaning (`$` -> `\\Z`, ASCII `\\d`)."""
    return translate_ecma(pattern, r"\Z")
