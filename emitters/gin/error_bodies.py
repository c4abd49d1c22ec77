"""The spec's own error schemas -> Go expressions that fill them from (status, title, detail)."""

from __future__ import annotations

from compiler.ir import Model, Shape, ShapeKind
from emitters.gin.naming import go_string
from emitters.gin.validators import go_json_value, go_number

_STATUS_NAMES = frozenset(
    {"code", "status", "statuscode", "status_code", "httpstatus", "http_status"}
)
_DETAIL_NAMES = frozenset(
    {"message", "detail", "details", "description", "error_description", "msg", "reason"}
)
_TITLE_NAMES = frozenset({"title", "error", "error_code", "errorcode", "name", "summary"})
_MAX_DEPTH = 4


def error_body_expression(shape: Shape, models: dict[str, Model], depth: int = 0) -> str:
    """A Go expression (over `status int`, `title`, `detail string`) that validates against `shape`."""
    shape = _resolve(shape, models)
    if shape.enum:
        return _scalar(shape.enum[0])
    if shape.const is not None:
        return _scalar(shape.const)
    if shape.kind is ShapeKind.OBJECT and depth < _MAX_DEPTH:
        items = []
        for prop in shape.properties:
            value = _property_value(prop.name, prop.shape, models, depth)
            if value is not None or prop.required:
                items.append(
                    f"{go_string(prop.name)}: {value or _filler(prop.shape, models, depth)}"
                )
        return "map[string]any{" + ", ".join(items) + "}"
    if shape.kind is ShapeKind.UNION and shape.variants:
        return error_body_expression(shape.variants[0], models, depth + 1)
    if shape.kind is ShapeKind.ARRAY:
        if not shape.constraints.min_items:
            return "[]any{}"
        return "[]any{" + _filler(shape.items, models, depth) + "}"
    return _filler(shape, models, depth)


def _property_value(name: str, shape: Shape, models: dict[str, Model], depth: int) -> str | None:
    shape = _resolve(shape, models)
    lowered = name.lower()
    if shape.enum or shape.const is not None:
        return None
    if lowered in _STATUS_NAMES:
        if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            return "status"
        if shape.kind is ShapeKind.STRING:
            return "strconv.Itoa(status)"
    if shape.kind is ShapeKind.STRING:
        if lowered in _DETAIL_NAMES:
            return "detail"
        if lowered in _TITLE_NAMES:
            return "title"
        if lowered == "type":
            return '"about:blank"'
    if shape.kind is ShapeKind.OBJECT and shape.properties:
        return error_body_expression(shape, models, depth + 1)
    return None


def _filler(shape: Shape | None, models: dict[str, Model], depth: int) -> str:
    if shape is None:
        return "nil"
    shape = _resolve(shape, models)
    if shape.enum:
        return _scalar(shape.enum[0])
    if shape.nullable:
        return "nil"
    if shape.kind is ShapeKind.STRING:
        return go_string("x" * (shape.constraints.min_length or 0) or "error")
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        minimum = shape.constraints.minimum
        return str(int(minimum) + 1) if minimum is not None else "0"
    if shape.kind is ShapeKind.BOOLEAN:
        return "false"
    if shape.kind in (ShapeKind.OBJECT, ShapeKind.UNION, ShapeKind.ARRAY) and depth < _MAX_DEPTH:
        return error_body_expression(shape, models, depth + 1)
    return "nil"


def _scalar(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return go_number(value)
    return go_json_value(value)


def _resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
    return shape
