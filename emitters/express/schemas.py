"""IR shapes -> the JSON Schemas (draft-07, ajv) the generated server validates requests with.

Requests are validated exactly as the spec is written: no type coercion, `additionalProperties:
false` enforced, nullable as a `null` type, readOnly properties accepted but never required.
Model references point into one shared document, `contract#/definitions/<Model>`.
"""

from __future__ import annotations

from compiler.ir import Model, Shape, ShapeKind

# formats ajv-formats knows; any other format is an annotation only
KNOWN_FORMATS = frozenset(
    """date time date-time iso-time iso-date-time duration uri uri-reference uri-template url email
    hostname ipv4 ipv6 regex uuid json-pointer json-pointer-uri-fragment relative-json-pointer byte
    int32 int64 float double password binary""".split()
)
_SKIPPED_BY_AJV = "__proto__"
_TYPES = {
    ShapeKind.STRING: "string",
    ShapeKind.INTEGER: "integer",
    ShapeKind.NUMBER: "number",
    ShapeKind.BOOLEAN: "boolean",
    ShapeKind.NULL: "null",
    ShapeKind.ARRAY: "array",
    ShapeKind.OBJECT: "object",
}


def model_ref(name: str) -> str:
    return f"contract#/definitions/{name}"


def request_schema(shape: Shape) -> dict[str, object]:
    """The schema a request value must satisfy."""
    schema = _base(shape)
    if shape.nullable and shape.kind is not ShapeKind.NULL:
        schema = _nullable(schema)
    return schema


def referenced_models(shapes: list[Shape], models: dict[str, Model]) -> list[str]:
    """Every model name reachable from `shapes`, sorted."""
    found: set[str] = set()
    stack = list(shapes)
    while stack:
        shape = stack.pop()
        if shape.kind is ShapeKind.REF and shape.ref and shape.ref not in found:
            found.add(shape.ref)
            if shape.ref in models:
                stack.append(models[shape.ref].shape)
        stack.extend(p.shape for p in shape.properties)
        stack.extend(shape.variants)
        if shape.items is not None:
            stack.append(shape.items)
        if isinstance(shape.additional_properties, Shape):
            stack.append(shape.additional_properties)
    return sorted(found)


def _nullable(schema: dict[str, object]) -> dict[str, object]:
    if "enum" in schema:
        values = list(schema["enum"])  # type: ignore[call-overload]
        if None not in values:
            schema["enum"] = [*values, None]
    if isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]
        return schema
    if "type" in schema or "const" in schema and "enum" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "$ref" in schema or "anyOf" in schema or "oneOf" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _base(shape: Shape) -> dict[str, object]:
    kind = shape.kind
    if kind is ShapeKind.REF and shape.ref:
        return {"$ref": model_ref(shape.ref)}
    if kind is ShapeKind.UNION:
        key = "oneOf" if shape.exclusive else "anyOf"
        return {key: [request_schema(v) for v in shape.variants]}
    schema: dict[str, object] = {}
    if kind in _TYPES:
        schema["type"] = _TYPES[kind]
    if shape.const is not None:
        schema["const"] = shape.const
    if shape.enum is not None:
        schema["enum"] = list(shape.enum)
    if shape.format in KNOWN_FORMATS and kind in (
        ShapeKind.STRING,
        ShapeKind.INTEGER,
        ShapeKind.NUMBER,
    ):
        schema["format"] = shape.format
    c = shape.constraints
    for key, value in (
        ("minLength", c.min_length),
        ("maxLength", c.max_length),
        ("pattern", c.pattern),
        ("decimalMultipleOf", c.multiple_of),  # exact, see src/http/validation.ts
        ("minItems", c.min_items),
        ("maxItems", c.max_items),
        ("minProperties", c.min_properties),
        ("maxProperties", c.max_properties),
    ):
        if value is not None:
            schema[key] = value
    if c.minimum is not None:
        schema["exclusiveMinimum" if c.exclusive_minimum else "minimum"] = c.minimum
    if c.maximum is not None:
        schema["exclusiveMaximum" if c.exclusive_maximum else "maximum"] = c.maximum
    if c.unique_items:
        schema["uniqueItems"] = True
    if kind is ShapeKind.ARRAY and shape.items is not None:
        schema["items"] = request_schema(shape.items)
    if kind is ShapeKind.OBJECT:
        properties = {p.name: request_schema(p.shape) for p in shape.properties}
        # ajv skips a property named `__proto__` (against prototype pollution); a pattern is checked
        shielded = properties.pop(_SKIPPED_BY_AJV, None)
        if properties:
            schema["properties"] = properties
        if shielded is not None:
            schema["patternProperties"] = {f"^{_SKIPPED_BY_AJV}$": shielded}
        required = [p.name for p in shape.properties if p.required and not p.shape.read_only]
        if required:
            schema["required"] = required
        if shape.additional_properties is False:
            schema["additionalProperties"] = False
        elif isinstance(shape.additional_properties, Shape):
            schema["additionalProperties"] = request_schema(shape.additional_properties)
    return schema
