"""The spec's error schemas -> body templates the generated server fills per response.

A template is the JSON body with `{"$error": "status" | "statusText" | "title" | "detail"}`
markers where the response's values go; everything else is a fixed value that fits the schema.
"""

from __future__ import annotations

from compiler.ir import Model, Shape, ShapeKind

_STATUS_NAMES = frozenset(
    {"code", "status", "statuscode", "status_code", "httpstatus", "http_status"}
)
_DETAIL_NAMES = frozenset(
    {"message", "detail", "details", "description", "error_description", "msg", "reason"}
)
_TITLE_NAMES = frozenset({"title", "error", "error_code", "errorcode", "name", "summary"})
_MAX_DEPTH = 4


def error_template(shape: Shape, models: dict[str, Model], depth: int = 0) -> object:
    """A template value that validates against `shape` once its markers are filled."""
    shape = _resolve(shape, models)
    if shape.enum:
        return shape.enum[0]
    if shape.const is not None:
        return shape.const
    if shape.kind is ShapeKind.OBJECT and depth < _MAX_DEPTH:
        body: dict[str, object] = {}
        for prop in shape.properties:
            value = _property_value(prop.name, prop.shape, models, depth)
            if value is not None:
                body[prop.name] = value
            elif prop.required:
                body[prop.name] = _filler(prop.shape, models, depth)
        return body
    if shape.kind is ShapeKind.UNION and shape.variants:
        return error_template(shape.variants[0], models, depth + 1)
    if shape.kind is ShapeKind.ARRAY:
        return [_filler(shape.items, models, depth)] if shape.constraints.min_items else []
    return _filler(shape, models, depth)


def _property_value(name: str, shape: Shape, models: dict[str, Model], depth: int) -> object:
    shape = _resolve(shape, models)
    lowered = name.lower()
    if shape.enum or shape.const is not None:
        return None
    if lowered in _STATUS_NAMES and shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        return {"$error": "status"}
    if lowered in _STATUS_NAMES and shape.kind is ShapeKind.STRING:
        return {"$error": "statusText"}
    if shape.kind is ShapeKind.STRING:
        if lowered in _DETAIL_NAMES:
            return {"$error": "detail"}
        if lowered in _TITLE_NAMES:
            return {"$error": "title"}
        if lowered == "type":
            return "about:blank"
    if shape.kind is ShapeKind.OBJECT and shape.properties:
        return error_template(shape, models, depth + 1)
    return None


def _filler(shape: Shape | None, models: dict[str, Model], depth: int) -> object:
    if shape is None:
        return None
    shape = _resolve(shape, models)
    if shape.enum:
        return shape.enum[0]
    if shape.nullable:
        return None
    if shape.kind is ShapeKind.STRING:
        return "x" * (shape.constraints.min_length or 0) or "error"
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        minimum = shape.constraints.minimum
        return int(minimum) + 1 if minimum is not None else 0
    if shape.kind is ShapeKind.BOOLEAN:
        return False
    if shape.kind in (ShapeKind.OBJECT, ShapeKind.UNION, ShapeKind.ARRAY) and depth < _MAX_DEPTH:
        return error_template(shape, models, depth + 1)
    return None


def _resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
    return shape
