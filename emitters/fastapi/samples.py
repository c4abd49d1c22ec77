"""Example JSON values that satisfy a shape, for the generated project's own tests."""

from __future__ import annotations

import regex  # type: ignore[import-untyped]

from compiler.ir import Model, Shape, ShapeKind
from emitters.fastapi.patterns import ecma_to_python

_FORMAT_SAMPLES = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com/a",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
}
_STRING_CANDIDATES = ("Rex", "rex", "abc", "a", "A1", "ab-12", "x" * 8, "2024", "a_b")


class Unsatisfiable(Exception):
    """No sample could be built (e.g. a pattern none of the candidates matches)."""


def sample(shape: Shape, models: dict[str, Model], depth: int = 0) -> object:
    """A value valid against `shape` (required properties only); raises Unsatisfiable."""
    if depth > 6:
        raise Unsatisfiable("too deep")
    if shape.kind is ShapeKind.REF and shape.ref in models:
        return sample(models[shape.ref].shape, models, depth + 1)
    if shape.const is not None:
        return shape.const
    if shape.enum:
        return (
            next(v for v in shape.enum if v is not None)
            if any(v is not None for v in shape.enum)
            else None
        )
    if shape.has_default and shape.default is not None:
        return shape.default
    kind = shape.kind
    c = shape.constraints
    if kind is ShapeKind.STRING:
        return _string(shape)
    if kind is ShapeKind.INTEGER:
        low = int(c.minimum) + (1 if c.exclusive_minimum else 0) if c.minimum is not None else 1
        if c.maximum is not None and low > c.maximum:
            raise Unsatisfiable("empty integer range")
        return low
    if kind is ShapeKind.NUMBER:
        return (
            float(c.minimum) + 1
            if c.minimum is not None and c.maximum is None
            else float(c.minimum or 1)
        )
    if kind is ShapeKind.BOOLEAN:
        return True
    if kind is ShapeKind.ARRAY:
        count = c.min_items or 0
        return [sample(shape.items, models, depth + 1) for _ in range(count)] if shape.items else []
    if kind is ShapeKind.OBJECT:
        return _object(shape, models, depth)
    if kind is ShapeKind.UNION and shape.variants:
        return sample(shape.variants[0], models, depth + 1)
    if kind is ShapeKind.NULL:
        return None
    return "any"


def _object(shape: Shape, models: dict[str, Model], depth: int) -> dict[str, object]:
    """The required writable properties, plus optional ones until minProperties is met."""
    writable = [p for p in shape.properties if not p.shape.read_only]
    wanted = shape.constraints.min_properties or 0
    chosen = [p for p in writable if p.required]
    chosen += [p for p in writable if not p.required][: max(0, wanted - len(chosen))]
    return {p.name: sample(p.shape, models, depth + 1) for p in chosen}


def _string(shape: Shape) -> str:
    if shape.format in _FORMAT_SAMPLES:
        return _FORMAT_SAMPLES[shape.format]
    c = shape.constraints
    low, high = c.min_length or 0, c.max_length if c.max_length is not None else 10_000
    candidates = [s for s in _STRING_CANDIDATES if low <= len(s) <= high]
    candidates.append("x" * max(low, 1))
    if c.pattern is None:
        return candidates[0]
    compiled = regex.compile(ecma_to_python(c.pattern))
    for candidate in candidates:
        if compiled.search(candidate) is not None:
            return candidate
    raise Unsatisfiable(f"no sample matches {c.pattern!r}")
