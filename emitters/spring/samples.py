"""Example JSON values that satisfy a shape, for the generated project's own tests."""

from __future__ import annotations

import re

from compiler.ir import Model, Shape, ShapeKind
from emitters.spring.javatypes import resolve

_FORMATS = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com/a",
}
_CANDIDATES = ("Rex", "rex", "ABC1", "abc", "a", "A1", "ab-12", "2024", "a_b")


class Unsatisfiable(Exception):
    """No sample could be built (a pattern no candidate matches, an empty range)."""


def sample(
    shape: Shape, models: dict[str, Model], depth: int = 0, required_only: bool = True
) -> object:
    """A value valid against `shape`; raises Unsatisfiable."""
    if depth > 6:
        raise Unsatisfiable("too deep")
    shape = resolve(shape, models)
    if shape.const is not None:
        return shape.const
    if shape.enum:
        return next((v for v in shape.enum if v is not None), None)
    c = shape.constraints
    if shape.kind is ShapeKind.STRING:
        return _string(shape)
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        low = int(c.minimum) + (1 if c.exclusive_minimum else 0) if c.minimum is not None else 1
        if c.maximum is not None and low > c.maximum:
            raise Unsatisfiable("empty range")
        return low
    if shape.kind is ShapeKind.BOOLEAN:
        return True
    if shape.kind is ShapeKind.ARRAY:
        return (
            [sample(shape.items, models, depth + 1) for _ in range(c.min_items or 0)]
            if shape.items
            else []
        )
    if shape.kind is ShapeKind.OBJECT:
        return {
            p.name: sample(p.shape, models, depth + 1)
            for p in shape.properties
            if (p.required or not required_only) and not p.shape.read_only
        }
    if shape.kind is ShapeKind.UNION and shape.variants:
        return sample(shape.variants[0], models, depth + 1)
    return None


def _string(shape: Shape) -> str:
    if shape.format in _FORMATS:
        return _FORMATS[shape.format]
    c = shape.constraints
    low, high = c.min_length or 0, c.max_length if c.max_length is not None else 10_000
    candidates = [s for s in _CANDIDATES if low <= len(s) <= high] + ["x" * max(low, 1)]
    if c.pattern is None:
        return candidates[0]
    try:
        compiled = re.compile(c.pattern)
    except re.error as exc:
        raise Unsatisfiable(str(exc)) from None
    for candidate in candidates:
        if compiled.search(candidate) is not None:
            return candidate
    raise Unsatisfiable(f"no sample matches {c.pattern!r}")
