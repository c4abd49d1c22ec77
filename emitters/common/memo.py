"""Compute a pure function once per IR node object during one render.

The binder shares one object for a value many operations use (the spec's error schema, say), so
caching by identity turns 400 identical conversions into one. Identity rather than equality on
purpose: IR values compare equal across types (`ErrorValue(literal=1) == ErrorValue(literal=True)`),
and those must not share an output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Node = TypeVar("Node")
Result = TypeVar("Result")


class PerNode(Generic[Node, Result]):
    """`convert(node)`, remembered per node object for as long as this cache lives."""

    def __init__(self, convert: Callable[[Node], Result]) -> None:
        self._convert = convert
        # The node is kept with its result, so its id cannot be reused while the cache lives.
        self._known: dict[int, tuple[Node, Result]] = {}

    def __call__(self, node: Node) -> Result:
        entry = self._known.get(id(node))
        if entry is None:
            entry = (node, self._convert(node))
            self._known[id(node)] = entry
        return entry[1]
