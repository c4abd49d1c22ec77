"""The spec's own error schemas -> JSON templates the generated `ErrorResponses` fills in.

A template is plain JSON; the strings `{status}`, `{status-text}`, `{title}` and `{detail}` are
replaced at run time (`{status}` by a number). `None` stands for RFC 9457 problem+json.
"""

from __future__ import annotations

from typing import Any

from compiler.ir import Body, Model, Shape, ShapeKind
from emitters.spring.javatypes import resolve

STATUS, STATUS_TEXT, TITLE, DETAIL = "{status}", "{status-text}", "{title}", "{detail}"
_STATUS_NAMES = frozenset(
    {"code", "status", "statuscode", "status_code", "httpstatus", "http_status"}
)
_DETAIL_NAMES = frozenset(
    {"message", "detail", "details", "description", "error_description", "msg", "reason"}
)
_TITLE_NAMES = frozenset({"title", "error", "error_code", "errorcode", "name", "summary"})
_MAX_DEPTH = 4
PROBLEM_JSON = "application/problem+json"


def error_template(body: Body | None, models: dict[str, Model]) -> tuple[str, Any]:
    """(media type, template) for an error response; template None means problem+json."""
    if body is None or body.shape is None or _is_problem(body.shape, models):
        return PROBLEM_JSON, None
    return body.content_type, _value(body.shape, models, 0)


def _is_problem(shape: Shape, models: dict[str, Model]) -> bool:
    """A schema RFC 9457's own fields satisfy (title + status + detail as declared)."""
    resolved = resolve(shape, models)
    if resolved.kind is not ShapeKind.OBJECT:
        return False
    known = {"type", "title", "status", "detail", "instance"}
    return {p.name for p in resolved.properties} <= known and bool(resolved.properties)


def _value(shape: Shape, models: dict[str, Model], depth: int) -> Any:
    shape = resolve(shape, models)
    if shape.enum:
        return shape.enum[0]
    if shape.const is not None:
        return shape.const
    if shape.kind is ShapeKind.OBJECT and depth < _MAX_DEPTH:
        out: dict[str, Any] = {}
        for prop in shape.properties:
            value = _named_value(prop.name, prop.shape, models, depth)
            if value is not None:
                out[prop.name] = value
            elif prop.required:
                out[prop.name] = _filler(prop.shape, models, depth)
        return out
    if shape.kind is ShapeKind.UNION and shape.variants:
        return _value(shape.variants[0], models, depth + 1)
    if shape.kind is ShapeKind.ARRAY:
        count = shape.constraints.min_items or 0
        return [_filler(shape.items, models, depth) for _ in range(count)]
    return _filler(shape, models, depth)


def _named_value(name: str, shape: Shape, models: dict[str, Model], depth: int) -> Any:
    shape = resolve(shape, models)
    lowered = name.lower()
    if shape.enum or shape.const is not None:
        return None
    if lowered in _STATUS_NAMES:
        if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            return STATUS
        if shape.kind is ShapeKind.STRING:
            return STATUS_TEXT
    if shape.kind is ShapeKind.STRING:
        if lowered in _DETAIL_NAMES:
            return DETAIL
        if lowered in _TITLE_NAMES:
            return TITLE
        if lowered == "type":
            return "about:blank"
    if shape.kind is ShapeKind.OBJECT and shape.properties:
        return _value(shape, models, depth + 1)
    return None


def _filler(shape: Shape | None, models: dict[str, Model], depth: int) -> Any:
    if shape is None:
        return None
    shape = resolve(shape, models)
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
        return _value(shape, models, depth + 1)
    return None
