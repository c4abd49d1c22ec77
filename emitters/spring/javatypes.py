"""IR shapes -> Java types, and how each Java type is read from a JDBC result set."""

from __future__ import annotations

from dataclasses import dataclass, replace

from compiler.ir import Model, Shape, ShapeKind


@dataclass(frozen=True)
class JavaType:
    """A Java type, the import it needs and the `Rows` reader for it."""

    name: str
    imports: tuple[str, ...] = ()
    reader: str = "getJson"

    @property
    def is_json(self) -> bool:
        return self.name == "JsonNode"


_JSON = JavaType("JsonNode", ("com.fasterxml.jackson.databind.JsonNode",), "getJson")
_STRING = JavaType("String", (), "getString")
_FORMATTED = {
    "date-time": JavaType("OffsetDateTime", ("java.time.OffsetDateTime",), "getOffsetDateTime"),
    "date": JavaType("LocalDate", ("java.time.LocalDate",), "getLocalDate"),
    "uuid": JavaType("UUID", ("java.util.UUID",), "getUuid"),
}


def resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    """Follow `ref`s to the named model's shape (keeps the outer nullability)."""
    seen: set[str] = set()
    nullable = shape.nullable
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
        nullable = nullable or shape.nullable
    return shape if shape.nullable == nullable else replace(shape, nullable=nullable)


def java_type(shape: Shape, models: dict[str, Model]) -> JavaType:
    """The Java type that holds a value of `shape` (scalars typed, structures as JsonNode)."""
    shape = resolve(shape, models)
    kind = shape.kind
    if kind is ShapeKind.INTEGER:
        return (
            JavaType("Integer", (), "getInteger")
            if shape.format == "int32"
            else JavaType("Long", (), "getLong")
        )
    if kind is ShapeKind.NUMBER:
        return JavaType("BigDecimal", ("java.math.BigDecimal",), "getBigDecimal")
    if kind is ShapeKind.BOOLEAN:
        return JavaType("Boolean", (), "getBoolean")
    if kind is ShapeKind.STRING:
        return _FORMATTED.get(shape.format or "", _STRING)
    return _JSON


_LONG_RANGE = (-(2**63), 2**63 - 1)


def parameter_type(shape: Shape, models: dict[str, Model]) -> JavaType:
    """The Java type of a parameter: as `java_type`, but an integer the spec does not bound to
    64 bits (`type: integer` with no format or bounds) is a BigInteger, so any valid value binds."""
    resolved = resolve(shape, models)
    if resolved.kind is ShapeKind.INTEGER and resolved.format not in ("int32", "int64"):
        low, high = resolved.constraints.minimum, resolved.constraints.maximum
        if low is None or high is None or low < _LONG_RANGE[0] or high > _LONG_RANGE[1]:
            return JavaType("BigInteger", ("java.math.BigInteger",), "getObject")
    return java_type(shape, models)


def scalar_kind(shape: Shape, models: dict[str, Model]) -> str:
    """How a parameter's text is turned into JSON before validation."""
    shape = resolve(shape, models)
    if shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER, ShapeKind.BOOLEAN, ShapeKind.ARRAY):
        return shape.kind.value
    if shape.kind is ShapeKind.UNION:
        # `10 | "all"`: text that reads as the typed variant is typed, any other stays text.
        kinds = {scalar_kind(variant, models) for variant in shape.variants}
        return next((k for k in ("integer", "number", "boolean") if k in kinds), "string")
    return "string"
