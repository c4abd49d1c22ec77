"""IR shapes -> JSON Schema (draft 2020-12) as the generated server validates requests.

Requests are validated against the same schemas the contract tests generate data from, so the
server is exactly as permissive as the spec. In request mode a `readOnly` property is accepted
and ignored (never required); ECMA-262 patterns become Java patterns (`$` is end of input).
"""

from __future__ import annotations

from typing import Any

from compiler.ir import Model, Shape, ShapeKind
from emitters.common.patterns import translate_ecma

# Formats the server asserts (see Formats.java for date-time and email). Others (uri, hostname...)
# are annotations, as JSON Schema 2020-12 says by default: validators disagree on their edges.
ASSERTED_FORMATS = frozenset({"date-time", "date", "uuid", "email"})


def java_pattern(pattern: str) -> str:
    """An ECMA-262 pattern as `java.util.regex` reads it with the same meaning."""
    return translate_ecma(pattern, r"\z")


def request_schema(shape: Shape) -> dict[str, Any] | bool:
    """The JSON Schema a request value of `shape` must satisfy; `$ref`s point into `$defs`."""
    if shape.kind is ShapeKind.REF:
        ref = {"$ref": "#/$defs/" + (shape.ref or "")}
        return {"anyOf": [ref, {"type": "null"}]} if shape.nullable else ref
    if shape.kind is ShapeKind.ANY and not _has_keywords(shape):
        return True
    out: dict[str, Any] = {}
    if shape.kind not in (ShapeKind.ANY, ShapeKind.UNION):
        out["type"] = (
            [shape.kind.value, "null"]
            if shape.nullable and shape.kind is not ShapeKind.NULL
            else shape.kind.value
        )
    if shape.enum is not None:
        values = list(shape.enum)
        if shape.nullable and None not in values:
            values.append(None)
        out["enum"] = values
    if shape.const is not None:
        out["const"] = shape.const
    if shape.format in ASSERTED_FORMATS and shape.kind is ShapeKind.STRING:
        out["format"] = shape.format
    out.update(_constraints(shape))
    if shape.kind is ShapeKind.OBJECT:
        out.update(_object(shape))
    elif shape.kind is ShapeKind.ARRAY and shape.items is not None:
        out["items"] = request_schema(shape.items)
    elif shape.kind is ShapeKind.UNION:
        variants = [request_schema(v) for v in shape.variants]
        if shape.nullable:
            variants.append({"type": "null"})
        out["oneOf" if shape.exclusive and not shape.nullable else "anyOf"] = variants
    return out


def definitions(models: tuple[Model, ...]) -> dict[str, Any]:
    """`$defs` for every named model, in request mode."""
    return {model.name: request_schema(model.shape) for model in models}


def _has_keywords(shape: Shape) -> bool:
    return shape.enum is not None or shape.const is not None or not shape.constraints.is_empty


def _object(shape: Shape) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if shape.properties:
        out["properties"] = {
            p.name: (True if p.shape.read_only else request_schema(p.shape))
            for p in shape.properties
        }
    required = [p.name for p in shape.properties if p.required and not p.shape.read_only]
    if required:
        out["required"] = required
    if shape.additional_properties is False:
        out["additionalProperties"] = False
    elif isinstance(shape.additional_properties, Shape):
        out["additionalProperties"] = request_schema(shape.additional_properties)
    return out


def _constraints(shape: Shape) -> dict[str, Any]:
    c = shape.constraints
    out: dict[str, Any] = {}
    pairs = (
        ("minLength", c.min_length),
        ("maxLength", c.max_length),
        ("multipleOf", c.multiple_of),
        ("minItems", c.min_items),
        ("maxItems", c.max_items),
        ("minProperties", c.min_properties),
        ("maxProperties", c.max_properties),
    )
    out.update({key: value for key, value in pairs if value is not None})
    if c.pattern is not None:
        out["pattern"] = java_pattern(c.pattern)
    if c.minimum is not None:
        out["exclusiveMinimum" if c.exclusive_minimum else "minimum"] = c.minimum
    if c.maximum is not None:
        out["exclusiveMaximum" if c.exclusive_maximum else "maximum"] = c.maximum
    if c.unique_items:
        out["uniqueItems"] = True
    return out
