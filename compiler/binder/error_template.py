"""How to fill a spec's own error schema from a failure's status, title and detail.

Properties are recognised by name (`code`/`status` → the status, `message`/`detail` → the
detail, `error`/`title` → the title, or the detail when nothing else holds it), a `date-time`
string is the moment of the failure, and an array of objects that name a field
(`details: [{field, message}]`) lists the request's violations. Anything else required gets the
simplest value its schema and format admit, so the body always validates against the schema.
"""

from __future__ import annotations

from compiler.ir import ErrorSlot, ErrorValue, Model, Shape, ShapeKind
from compiler.openapi.shapes import resolve_model

_STATUS_NAMES = frozenset(
    {"code", "status", "statuscode", "status_code", "httpstatus", "http_status"}
)
_DETAIL_NAMES = frozenset(
    {"message", "detail", "details", "description", "error_description", "msg", "reason"}
)
_TITLE_NAMES = frozenset({"title", "error", "error_code", "errorcode", "name", "summary"})
_FIELD_NAMES = frozenset(
    {"field", "path", "property", "param", "parameter", "pointer", "location", "loc", "key"}
    | {"attribute", "source", "name", "fieldname", "field_name", "propertypath"}
)
_TIME_NAMES = frozenset({"timestamp", "time", "date", "at", "occurred_at", "occurredat"})
_FORMAT_SAMPLES = {
    "date": "1970-01-01",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "email": "error@example.com",
    "idn-email": "error@example.com",
    "uri": "about:blank",
    "uri-reference": "about:blank",
    "iri": "about:blank",
    "iri-reference": "about:blank",
    "hostname": "localhost",
    "idn-hostname": "localhost",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "time": "00:00:00Z",
    "duration": "PT0S",
    "byte": "",
}
_MAX_DEPTH = 4


class ErrorTemplates:
    """Error templates for one API, each computed once: specs share one error schema widely."""

    def __init__(self, models: dict[str, Model]) -> None:
        self._models = models
        self._known: dict[str, ErrorValue] = {}

    def for_shape(self, shape: Shape) -> ErrorValue:
        key = f"#ref:{shape.ref}" if shape.kind is ShapeKind.REF else shape.pointer
        if not key:
            return error_template(shape, self._models)
        if key not in self._known:
            self._known[key] = error_template(shape, self._models)
        return self._known[key]


def error_template(shape: Shape, models: dict[str, Model], depth: int = 0) -> ErrorValue:
    """A value that validates against `shape`, with the failure's facts where names suggest."""
    shape = resolve_model(shape, models)
    if shape.enum:
        return ErrorValue(literal=_scalar(shape.enum[0]))
    if shape.const is not None:
        return ErrorValue(literal=_scalar(shape.const))
    if shape.kind is ShapeKind.OBJECT and depth < _MAX_DEPTH:
        fields = []
        for prop in shape.properties:
            value = _named_value(prop.name, prop.shape, models, depth)
            if value is None and prop.required:
                value = _filler(prop.shape, models, depth)
            if value is not None:
                fields.append((prop.name, value))
        return ErrorValue(fields=_detail_somewhere(tuple(fields)))
    if shape.kind is ShapeKind.UNION and shape.variants and depth < _MAX_DEPTH:
        return error_template(shape.variants[0], models, depth + 1)
    if shape.kind is ShapeKind.ARRAY:
        if not shape.constraints.min_items or shape.items is None:
            return ErrorValue(items=())
        return ErrorValue(items=(_filler(shape.items, models, depth),))
    return _filler(shape, models, depth)


def _named_value(
    name: str, shape: Shape, models: dict[str, Model], depth: int
) -> ErrorValue | None:
    shape = resolve_model(shape, models)
    lowered = name.lower()
    if shape.enum or shape.const is not None:
        return None
    if lowered in _STATUS_NAMES:
        if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            return ErrorValue(slot=ErrorSlot.STATUS)
        if shape.kind is ShapeKind.STRING:
            return ErrorValue(slot=ErrorSlot.STATUS_TEXT)
    if shape.kind is ShapeKind.STRING:
        if shape.format == "date-time":
            return ErrorValue(slot=ErrorSlot.TIMESTAMP)
        if lowered in _DETAIL_NAMES:
            return ErrorValue(slot=ErrorSlot.DETAIL)
        if lowered in _TITLE_NAMES:
            return ErrorValue(slot=ErrorSlot.TITLE)
        if lowered == "type":
            return ErrorValue(slot=ErrorSlot.TYPE)
    if shape.kind is ShapeKind.INTEGER and lowered in _TIME_NAMES:
        return None  # an epoch number nobody can tell apart from a filler: left to `_filler`
    if shape.kind is ShapeKind.OBJECT and shape.properties and depth < _MAX_DEPTH:
        return error_template(shape, models, depth + 1)
    if shape.kind is ShapeKind.ARRAY and depth < _MAX_DEPTH:
        return _violations(shape, models, depth)
    return None


def _violations(array: Shape, models: dict[str, Model], depth: int) -> ErrorValue | None:
    """An array of `{field, message}`-like objects: one entry per violation of the request."""
    if array.items is None:
        return None
    item = resolve_model(array.items, models)
    if item.kind is not ShapeKind.OBJECT or item.enum or item.const is not None:
        return None
    field = next(
        (
            p.name
            for p in item.properties
            if p.name.lower() in _FIELD_NAMES
            and resolve_model(p.shape, models).kind is ShapeKind.STRING
            and not resolve_model(p.shape, models).enum
            and not resolve_model(p.shape, models).format
        ),
        None,
    )
    if field is None:
        return None
    entry = []
    for prop in item.properties:
        if prop.name == field:
            entry.append((prop.name, ErrorValue(slot=ErrorSlot.FIELD)))
            continue
        value = _named_value(prop.name, prop.shape, models, depth + 1)
        if value is None and prop.required:
            value = _filler(prop.shape, models, depth + 1)
        if value is not None:
            entry.append((prop.name, value))
    template = ErrorValue(fields=_detail_somewhere(tuple(entry)))
    itself = (template,) if array.constraints.min_items else ()
    return ErrorValue(per_violation=template, items=itself)


def _detail_somewhere(
    fields: tuple[tuple[str, ErrorValue], ...],
) -> tuple[tuple[str, ErrorValue], ...]:
    """With no property for the detail, the first one holding the title holds it instead."""
    slots = [value.slot for _, value in fields]
    if ErrorSlot.DETAIL in slots or ErrorSlot.TITLE not in slots:
        return fields
    at = slots.index(ErrorSlot.TITLE)
    return (*fields[:at], (fields[at][0], ErrorValue(slot=ErrorSlot.DETAIL)), *fields[at + 1 :])


def _filler(shape: Shape, models: dict[str, Model], depth: int) -> ErrorValue:
    shape = resolve_model(shape, models)
    if shape.enum:
        return ErrorValue(literal=_scalar(shape.enum[0]))
    if shape.nullable:
        return ErrorValue()
    if shape.kind is ShapeKind.STRING:
        if shape.format == "date-time":
            return ErrorValue(slot=ErrorSlot.TIMESTAMP)
        if shape.format in _FORMAT_SAMPLES:
            return ErrorValue(literal=_FORMAT_SAMPLES[shape.format])
        return ErrorValue(literal="x" * (shape.constraints.min_length or 0) or "error")
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
        minimum = shape.constraints.minimum
        return ErrorValue(literal=int(minimum) + 1 if minimum is not None else 0)
    if shape.kind is ShapeKind.BOOLEAN:
        return ErrorValue(literal=False)
    if shape.kind in (ShapeKind.OBJECT, ShapeKind.UNION, ShapeKind.ARRAY) and depth < _MAX_DEPTH:
        return error_template(shape, models, depth + 1)
    return ErrorValue()


def _scalar(value: object) -> str | int | float | bool | None:
    return value if isinstance(value, (str, int, float, bool)) else None
