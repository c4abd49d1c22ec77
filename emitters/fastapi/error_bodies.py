"""The spec's own error schemas -> expressions that fill them from (status, title, detail)."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import Model, Shape, ShapeKind

_STATUS_NAMES = frozenset(
    {"code", "status", "statuscode", "status_code", "httpstatus", "http_status"}
)
_DETAIL_NAMES = frozenset(
    {"message", "detail", "details", "description", "error_description", "msg", "reason"}
)
_TITLE_NAMES = frozenset({"title", "error", "error_code", "errorcode", "name", "summary"})
_MAX_DEPTH = 4


@dataclass(frozen=True)
class ErrorBody:
    """One error schema: the function name in the generated `app/errors.py` and its body."""

    function: str
    expression: str  # a Python expression over `status`, `title` and `detail`


def error_body_expression(shape: Shape, models: dict[str, Model], depth: int = 0) -> str:
    """A Python expression building a value that validates against `shape`."""
    shape = _resolve(shape, models)
    if shape.enum:
        return repr(shape.enum[0])
    if shape.const is not None:
        return repr(shape.const)
    kind = shape.kind
    if kind is ShapeKind.OBJECT and depth < _MAX_DEPTH:
        items = []
        for prop in shape.properties:
            value = _property_value(prop.name, prop.shape, models, depth)
            if value is not None or prop.required:
                items.append(f"{prop.name!r}: {value or _filler(prop.shape, models, depth)}")
        return "{" + ", ".join(items) + "}"
    if kind is ShapeKind.UNION and shape.variants:
        return error_body_expression(shape.variants[0], models, depth + 1)
    if kind is ShapeKind.ARRAY:
        return (
            "[]" if not shape.constraints.min_items else f"[{_filler(shape.items, models, depth)}]"
        )
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
            return "str(status)"
    if shape.kind is ShapeKind.STRING:
        if lowered in _DETAIL_NAMES:
            return "detail"
        if lowered in _TITLE_NAMES:
            return "title"
        if lowered == "type":
            return "'about:blank'"
    if shape.kind is ShapeKind.OBJECT and shape.properties:
        return error_body_expression(shape, models, depth + 1)
    return None


def _filler(shape: Shape | None, models: dict[str, Model], depth: int) -> str:
    if shape is None:
        return "None"
    shape = _resolve(shape, models)
    if shape.enum:
        return repr(shape.enum[0])
    if shape.nullable:
        return "None"
    if shape.kind is ShapeKind.STRING:
        return repr("x" * (shape.constraints.min_length or 0) or "error")
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        minimum = shape.constraints.minimum
        return repr(int(minimum) + 1 if minimum is not None else 0)
    if shape.kind is ShapeKind.BOOLEAN:
        return "False"
    if shape.kind in (ShapeKind.OBJECT, ShapeKind.UNION, ShapeKind.ARRAY) and depth < _MAX_DEPTH:
        return error_body_expression(shape, models, depth + 1)
    return "None"


def _resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
    return shape
