"""Indented JSON text, each shared subtree encoded once.

`json.dumps(..., indent=2)` runs the pure-Python encoder (the C one does not indent) over every
node, so a catalog that repeats one 60 KB error body for 400 operations costs 400 encodings. Here a
container object that occurs several times in the tree (the emitters share one per IR node, see
`memo.PerNode`) is encoded once per depth and its text reused; the text is the same as the stdlib's.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaper `ensure_ascii=False` uses
from typing import Any

INDENT = 2


def indented_json(value: Any) -> str:
    """The text of `json.dumps(value, indent=2, ensure_ascii=False)`."""
    return _Encoder().encode(value, 0)


class _Encoder:
    def __init__(self) -> None:
        self._known: dict[tuple[int, int], str] = {}  # (id(container), depth) -> text

    def encode(self, value: Any, depth: int) -> str:
        if isinstance(value, (dict, list, tuple)) and value:
            key = (id(value), depth)
            text = self._known.get(key)
            if text is None:
                text = self._container(value, depth)
                self._known[key] = text
            return text
        if isinstance(value, dict):
            return "{}"
        if isinstance(value, (list, tuple)):
            return "[]"
        return _scalar(value)

    def _container(self, value: dict[Any, Any] | list[Any] | tuple[Any, ...], depth: int) -> str:
        inner = "\n" + " " * (INDENT * (depth + 1))
        if isinstance(value, dict):
            items = [
                f"{encode_basestring(_key(k))}: {self.encode(v, depth + 1)}"
                for k, v in value.items()
            ]
            opening, closing = "{", "}"
        else:
            items = [self.encode(v, depth + 1) for v in value]
            opening, closing = "[", "]"
        outer = "\n" + " " * (INDENT * depth)
        return opening + inner + ("," + inner).join(items) + outer + closing


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A dict key as the stdlib turns it into a string: a scalar's JSON text, unquoted."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return _scalar(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)
