"""Request bodies that are not JSON: which custom operations read a form, and how its fields convert.

A custom operation whose body is `multipart/form-data` or `application/x-www-form-urlencoded` with an
object schema is validated as a form (text converted by each property's schema, file parts as bytes,
repeated fields as arrays); any other non-JSON body (a form without an object schema included) is
left unread for the user's handler.
"""

from __future__ import annotations

from enum import StrEnum

from compiler.ir import Model, Operation, OperationKind, Shape, ShapeKind
from emitters.gin.naming import go_string

FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_TEXT_KINDS = {
    ShapeKind.INTEGER: "integer",
    ShapeKind.NUMBER: "number",
    ShapeKind.BOOLEAN: "boolean",
}


class BodyMedia(StrEnum):
    JSON = "json"
    FORM = "form"
    RAW = "raw"  # neither JSON nor a form: the custom handler reads the request itself


def body_media(op: Operation, models: dict[str, Model]) -> BodyMedia:
    """How the generated code reads the operation's request body."""
    if op.request is None or op.kind is not OperationKind.CUSTOM:
        return BodyMedia.JSON
    media_type = op.request.content_type.split(";")[0].strip().lower()
    if media_type in ("application/json", "*/*") or media_type.endswith("+json"):
        return BodyMedia.JSON
    shape = op.request.shape
    # A form needs an object schema to validate against; any other form reaches the handler raw.
    if (
        media_type in FORM_MEDIA_TYPES
        and shape is not None
        and _resolve(shape, models).kind is ShapeKind.OBJECT
    ):
        return BodyMedia.FORM
    return BodyMedia.RAW


def form_fields_literal(shape: Shape, models: dict[str, Model]) -> str:
    """The `[]formField` literal of an object body: each property's name, kind and repetition."""
    fields = []
    for prop in _resolve(shape, models).properties:
        value = _resolve(prop.shape, models)
        repeated = value.kind is ShapeKind.ARRAY and value.items is not None
        if repeated and value.items is not None:
            value = _resolve(value.items, models)
        fields.append(
            f"{{{go_string(prop.name)}, {go_string(_kind(value))}, "
            f"{'true' if repeated else 'false'}}}"
        )
    return "[]formField{" + ", ".join(fields) + "}"


def _kind(shape: Shape) -> str:
    if shape.kind is ShapeKind.STRING and shape.format == "binary":
        return "binary"
    return _TEXT_KINDS.get(shape.kind, "string")


def _resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
    return shape
