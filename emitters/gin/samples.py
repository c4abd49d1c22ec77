"""Sample values for the generated Go tests: a valid value for a shape, or None when unsure."""

from __future__ import annotations

import regex

from compiler.ir import Model, Shape, ShapeKind
from emitters.common.patterns import translate_ecma

_FORMATS = {
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "date": "2024-01-15",
    "date-time": "2024-01-15T10:30:00Z",
    "email": "someone@example.com",
    "uri": "https://example.com/x",
    "ipv4": "192.0.2.1",
    "time": "10:30:00Z",
}
_CANDIDATES = ("sample", "SAMPLE", "1234", "s", "S", "1", "AB-12", "ab-12")


def sample_value(shape: Shape, models: dict[str, Model], depth: int = 0) -> object | None:
    """A JSON value valid for `shape` (request semantics: readOnly properties left out)."""
    shape = _resolve(shape, models)
    if depth > 4:
        return None
    if shape.enum:
        return shape.enum[0]
    if shape.has_default and shape.default is not None:
        return shape.default
    c = shape.constraints
    if shape.kind is ShapeKind.STRING:
        return _string(shape)
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        number = 1
        if c.minimum is not None:
            number = int(c.minimum) + (1 if c.exclusive_minimum else 0)
        if c.maximum is not None and number > c.maximum:
            return None
        if c.multiple_of is not None and number % c.multiple_of:
            return 0 if c.minimum is None or c.minimum <= 0 else None
        return number
    if shape.kind is ShapeKind.BOOLEAN:
        return True
    if shape.kind is ShapeKind.ARRAY:
        return [] if not c.min_items else None
    if shape.kind is ShapeKind.OBJECT:
        out: dict[str, object] = {}
        for prop in shape.properties:
            if prop.required and not prop.shape.read_only:
                required = sample_value(prop.shape, models, depth + 1)
                if required is None and not _resolve(prop.shape, models).nullable:
                    return None
                out[prop.name] = required
        for prop in shape.properties:
            if len(out) >= (c.min_properties or 0):
                break
            optional = None if prop.shape.read_only else sample_value(prop.shape, models, depth + 1)
            if prop.name not in out and optional is not None:
                out[prop.name] = optional
        return out
    if shape.kind is ShapeKind.ANY:
        return "x"
    return None


def _string(shape: Shape) -> str | None:
    c = shape.constraints
    if shape.format in _FORMATS:
        return _FORMATS[shape.format]
    pattern = regex.compile(translate_ecma(c.pattern, r"\Z")) if c.pattern else None
    for candidate in _CANDIDATES:
        text = candidate * max(1, -(-(c.min_length or 0) // len(candidate)))
        if c.max_length is not None:
            text = text[: c.max_length]
        if len(text) < (c.min_length or 0):
            continue
        if pattern is None or pattern.search(text):
            return text
    return None


def _resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
    return shape
