"""The JSON half of the IR: the shape of every body and parameter, as typed data.

A `Shape` is a JSON Schema already resolved and normalised for code generation: `$ref`s to named
component schemas stay as `ref` (so recursive schemas are finite), `allOf` is merged into one
object where that is sound, and OpenAPI 3.0 `nullable` and 3.1 `type: [..., "null"]` both become
`nullable`. Every target generates its types and its validation from these, so all four agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ShapeKind(StrEnum):
    OBJECT = "object"
    ARRAY = "array"
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    NULL = "null"
    ANY = "any"  # no type constraint at all
    REF = "ref"  # a named model: `ref` holds the model name
    UNION = "union"  # oneOf / anyOf: `variants`


@dataclass(frozen=True)
class Constraints:
    """Validation keywords; None means absent."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None  # ECMA-262 source text, as written in the spec
    minimum: float | int | None = None
    maximum: float | int | None = None
    exclusive_minimum: bool = False  # `minimum` is exclusive
    exclusive_maximum: bool = False  # `maximum` is exclusive
    multiple_of: float | int | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    min_properties: int | None = None
    max_properties: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == _NO_CONSTRAINTS


_NO_CONSTRAINTS = Constraints()


@dataclass(frozen=True)
class Property:
    """A property of an object shape. `name` is the JSON name, exactly as in the spec."""

    name: str
    shape: Shape
    required: bool = False


@dataclass(frozen=True)
class Shape:
    kind: ShapeKind
    format: str | None = (
        None  # int32, int64, float, double, date, date-time, uuid, email, uri, byte, binary...
    )
    nullable: bool = False
    enum: tuple[object, ...] | None = None  # allowed values (JSON scalars)
    const: object | None = None
    default: object | None = None  # JSON value; None when absent
    has_default: bool = False
    constraints: Constraints = _NO_CONSTRAINTS
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    description: str = ""
    # OBJECT
    properties: tuple[Property, ...] = ()
    additional_properties: bool | Shape = True  # False: unknown properties are rejected
    # ARRAY
    items: Shape | None = None
    # REF
    ref: str | None = None
    # UNION
    variants: tuple[Shape, ...] = ()
    exclusive: bool = True  # oneOf (True) or anyOf (False)
    discriminator: str | None = None  # property name
    discriminator_mapping: tuple[tuple[str, str], ...] = ()  # (value, model name)
    pointer: str = ""  # JSON pointer of the schema in the bundled spec, for validators and messages

    def find_property(self, name: str) -> Property | None:
        for prop in self.properties:
            if prop.name == name:
                return prop
        return None

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties if p.required)


ANY_SHAPE = Shape(kind=ShapeKind.ANY)


@dataclass(frozen=True)
class Model:
    """A named schema from `components.schemas`: the unit targets turn into a class or type."""

    name: str  # the component name as in the spec
    shape: Shape
    recursive: bool = False  # refers back to itself, directly or not
