"""Example JSON values valid for a shape, for the generated projects' own tests."""

from __future__ import annotations

from decimal import Decimal

import regex  # type: ignore[import-untyped]

from compiler.ir import Model, Shape, ShapeKind
from emitters.common.patterns import translate_ecma
from emitters.common.shapes import resolve

_FORMATS = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com/a",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
}
_STRINGS = ("Rex", "rex", "abc", "a", "A1", "ab-12", "x" * 8, "2024", "a_b")
_MAX_DEPTH = 6


class Unsatisfiable(Exception):
    """No sample could be built (e.g. a pattern none of the candidates matches)."""


def sample(shape: Shape, models: dict[str, Model], depth: int = 0) -> object:
    """A value valid against `shape` as a request: required writable properties only.

    Raises Unsatisfiable when no candidate fits.
    """
    if depth > _MAX_DEPTH:
        raise Unsatisfiable("too deep")
    shape = resolve(shape, models)
    if shape.const is not None:
        return shape.const
    if shape.enum:
        return next((v for v in shape.enum if v is not None), None)
    if shape.has_default and shape.default is not None:
        return shape.default
    c = shape.constraints
    match shape.kind:
        case ShapeKind.STRING:
            return _string(shape)
        case ShapeKind.INTEGER:
            low = 1 if c.minimum is None else int(c.minimum) + (1 if c.exclusive_minimum else 0)
            if c.maximum is not None and low > c.maximum:
                raise Unsatisfiable("empty integer range")
            return low
        case ShapeKind.NUMBER:
            return _number(shape)
        case ShapeKind.BOOLEAN:
            return True
        case ShapeKind.ARRAY:
            items = shape.items
            return (
                [sample(items, models, depth + 1) for _ in range(c.min_items or 0)] if items else []
            )
        case ShapeKind.OBJECT:
            return _object(shape, models, depth)
        case ShapeKind.UNION if shape.variants:
            return sample(shape.variants[0], models, depth + 1)
        case ShapeKind.NULL:
            return None
    return "any"


def _object(shape: Shape, models: dict[str, Model], depth: int) -> dict[str, object]:
    """The required writable properties, plus optional ones until minProperties is met."""
    writable = [p for p in shape.properties if not p.shape.read_only]
    chosen = [p for p in writable if p.required]
    wanted = shape.constraints.min_properties or 0
    chosen += [p for p in writable if not p.required][: max(0, wanted - len(chosen))]
    return {p.name: sample(p.shape, models, depth + 1) for p in chosen}


def _number(shape: Shape) -> float:
    """A number inside the bounds and on the `multipleOf` grid."""
    c = shape.constraints
    base = 0.0 if c.minimum is None else float(c.minimum)
    for value in (base + 1, base + 1.5, base, base + 0.5):
        if _number_fits(shape, value):
            return value
    raise Unsatisfiable("no sample number fits the bounds")


def _number_fits(shape: Shape, value: float) -> bool:
    c = shape.constraints
    if c.minimum is not None and (
        value < c.minimum or (c.exclusive_minimum and value == c.minimum)
    ):
        return False
    if c.maximum is not None and (
        value > c.maximum or (c.exclusive_maximum and value == c.maximum)
    ):
        return False
    if c.multiple_of:
        step = Decimal(str(c.multiple_of))
        return (Decimal(str(value)) % step) == 0
    return True


def string_fits(shape: Shape, text: str) -> bool:
    """Whether `text` satisfies the length and pattern constraints of a string shape."""
    c = shape.constraints
    if len(text) < (c.min_length or 0) or (c.max_length is not None and len(text) > c.max_length):
        return False
    return c.pattern is None or regex.search(translate_ecma(c.pattern, r"\Z"), text) is not None


def _string(shape: Shape) -> str:
    if shape.format in _FORMATS:
        return _FORMATS[shape.format]
    low = shape.constraints.min_length or 0
    for candidate in (*_STRINGS, "x" * max(low, 1)):
        if string_fits(shape, candidate):
            return candidate
    raise Unsatisfiable(f"no sample matches {shape.constraints.pattern!r}")
