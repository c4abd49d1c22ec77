"""How the generated server reads a request body: as JSON, as a validated form, or not at all.

A custom operation whose body is `multipart/form-data` or `application/x-www-form-urlencoded` gets
its form validated (text converted by each property's schema, file parts as bytes, repeated fields
as arrays); any other non-JSON body of a custom operation reaches the user's handler unread.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from compiler.ir import Model, Operation, OperationKind, Shape, ShapeKind
from emitters.spring.javatypes import resolve

FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_TEXT_KINDS = {
    ShapeKind.INTEGER: "integer",
    ShapeKind.NUMBER: "number",
    ShapeKind.BOOLEAN: "boolean",
}


class BodyReading(StrEnum):
    JSON = "json"
    FORM = "form"
    RAW = "raw"  # neither JSON nor a form: the custom handler reads the request itself


def body_reading(op: Operation) -> BodyReading:
    """How the generated server reads the operation's request body."""
    if op.request is None or op.kind is not OperationKind.CUSTOM:
        return BodyReading.JSON
    media_type = op.request.content_type.split(";")[0].strip().lower()
    if media_type in ("application/json", "*/*") or media_type.endswith("+json"):
        return BodyReading.JSON
    if media_type in FORM_MEDIA_TYPES and op.request.shape is not None:
        return BodyReading.FORM
    return BodyReading.RAW


def form_fields(shape: Shape, models: dict[str, Model]) -> list[dict[str, Any]]:
    """Each property of a form body: its name, how its text converts, and whether it repeats."""
    fields = []
    for prop in resolve(shape, models).properties:
        value = resolve(prop.shape, models)
        repeated = value.kind is ShapeKind.ARRAY and value.items is not None
        if repeated and value.items is not None:
            value = resolve(value.items, models)
        fields.append({"name": prop.name, "kind": _kind(value), "repeated": repeated})
    return fields


def _kind(shape: Shape) -> str:
    if shape.kind is ShapeKind.STRING and shape.format == "binary":
        return "binary"
    return _TEXT_KINDS.get(shape.kind, "string")
