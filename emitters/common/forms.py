"""The fields of a form body (`Body.reading` FORM): how each one's text converts, and whether it repeats."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compiler.ir import Model, Shape, ShapeKind
from emitters.common.shapes import resolve


class FieldKind(StrEnum):
    """What a form field's text (or file part) becomes before the body is validated."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    BINARY = "binary"  # a file part, kept as bytes


@dataclass(frozen=True)
class FormField:
    """One property of a form body."""

    name: str
    kind: FieldKind
    repeated: bool  # an array property: every value sent is kept, in order


_TEXT_KINDS = {
    ShapeKind.INTEGER: FieldKind.INTEGER,
    ShapeKind.NUMBER: FieldKind.NUMBER,
    ShapeKind.BOOLEAN: FieldKind.BOOLEAN,
}


def form_fields(shape: Shape, models: dict[str, Model]) -> tuple[FormField, ...]:
    """The fields of an object body, in the schema's order."""
    fields = []
    for prop in resolve(shape, models).properties:
        value = resolve(prop.shape, models)
        repeated = value.kind is ShapeKind.ARRAY and value.items is not None
        if repeated and value.items is not None:
            value = resolve(value.items, models)
        fields.append(FormField(prop.name, _kind(value), repeated))
    return tuple(fields)


def _kind(shape: Shape) -> FieldKind:
    if shape.kind is ShapeKind.STRING and shape.format == "binary":
        return FieldKind.BINARY
    return _TEXT_KINDS.get(shape.kind, FieldKind.STRING)
