"""IR shapes -> the Pydantic v2 models of the generated `app/schemas.py`.

Input models validate requests exactly as the spec does (strict JSON mode: no coercion; required,
nullable, enum, formats, bounds, lengths, ECMA patterns, additionalProperties, property counts).
Output models only shape responses: lax, without constraints, write-only properties left out.
A constrained scalar type gets a module-level alias (`PersonName = Annotated[str, ...]`), named
after its component schema, property or parameter, and shared wherever the same name fits.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from compiler.ir import Model, Shape, ShapeKind
from emitters.fastapi.naming import (
    CLASS_RESERVED,
    MODEL_FIELD_RESERVED,
    Scope,
    field_name,
    pascal,
    schema_class,
)
from emitters.fastapi.patterns import ecma_to_python


class Direction(StrEnum):
    INPUT = "input"
    OUTPUT = "output"


@dataclass(frozen=True)
class ModelField:
    name: str  # Python attribute
    annotation: str
    default: str | None  # None: required


@dataclass(frozen=True)
class ModelClass:
    name: str
    direction: Direction
    description: str
    extra: str  # forbid / ignore / allow
    fields: tuple[ModelField, ...]
    min_properties: int | None = None  # enforced on the raw JSON object (inputs only)
    max_properties: int | None = None


@dataclass(frozen=True)
class TypeAlias:
    """`name = definition` at the top of `app/schemas.py`."""

    name: str
    definition: str


_FORMAT_TYPES = {"date-time": "datetime", "date": "date", "uuid": "UUID"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class SchemaWriter:
    """Collects the model classes the operations need, named deterministically."""

    models: dict[str, Model]
    classes: dict[str, ModelClass] = field(default_factory=dict)
    imports: set[str] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)
    aliases: dict[str, TypeAlias] = field(default_factory=dict)  # by name, in creation order
    _pending: set[str] = field(default_factory=set)
    _parameter: bool = False
    _converter: str | None = None

    def parameter_annotation(self, shape: Shape, name: str, converter: str | None = None) -> str:
        """Like `annotation` for inputs, for a parameter's text: `converter` turns it into a value."""
        self._parameter, self._converter = True, converter
        try:
            annotation = self.annotation(shape, Direction.INPUT, f"{name}_param", pascal(name))
            if self._converter is not None:  # not folded into an alias (an enum, a const)
                self.imports.add("Annotated")
                annotation = f"Annotated[{annotation}, {self._converter}]"
            return annotation
        finally:
            self._parameter, self._converter = False, None

    def model_class(self, model_name: str, direction: Direction) -> str:
        """The class for a named component schema, generated on first use."""
        class_name = schema_class(model_name) + ("Input" if direction is Direction.INPUT else "")
        if class_name not in self.classes and class_name not in self._pending:
            self._pending.add(class_name)
            model = self.models.get(model_name)
            shape = model.shape if model else Shape(kind=ShapeKind.OBJECT)
            if shape.kind is ShapeKind.OBJECT and (
                shape.properties or shape.additional_properties is False
            ):
                self._object_class(class_name, shape, direction)
            else:
                self._pending.discard(class_name)
                return self.annotation(shape, direction, class_name, schema_class(model_name))
            self._pending.discard(class_name)
        return class_name

    def annotation(
        self, shape: Shape, direction: Direction, context: str, alias: str | None = None
    ) -> str:
        """The Python type of `shape`, constraints included for inputs (named `alias` if any)."""
        names = (alias, pascal(context)) if alias else (pascal(context),)
        base = self._base_type(shape, direction, context, names)
        if shape.nullable and base != "None":
            base = f"{base} | None"
        return base

    def _base_type(
        self, shape: Shape, direction: Direction, context: str, names: tuple[str, ...]
    ) -> str:
        if shape.const is not None:
            self.imports.add("Literal")
            return f"Literal[{_literal(shape.const)}]"
        if shape.enum is not None and shape.kind not in (ShapeKind.OBJECT, ShapeKind.ARRAY):
            values = [v for v in shape.enum if v is not None]
            if values:
                self.imports.add("Literal")
                return f"Literal[{', '.join(_literal(v) for v in values)}]"
        kind = shape.kind
        if kind is ShapeKind.REF and shape.ref:
            return self.model_class(shape.ref, direction)
        if kind is ShapeKind.STRING:
            return self._string(shape, direction, names)
        if kind is ShapeKind.INTEGER and direction is Direction.INPUT and not self._parameter:
            # JSON Schema counts 5.0 as an integer; "5" and true are not (strict mode).
            self.helpers.add("WHOLE_NUMBER")
            args, extras = self._number_args(shape)
            return self._constrained(
                "int | float", args, direction, names, ["WHOLE_NUMBER", *extras]
            )
        if kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            base = "int" if kind is ShapeKind.INTEGER else "float"
            args, extras = self._number_args(shape)
            return self._constrained(base, args, direction, names, extras)
        if kind is ShapeKind.BOOLEAN:
            return self._constrained("bool", [], direction, names)
        if kind is ShapeKind.NULL:
            return "None"
        if kind is ShapeKind.ARRAY:
            return self._array(shape, direction, context, names)
        if kind is ShapeKind.OBJECT:
            return self._object(shape, direction, context)
        if kind is ShapeKind.UNION and shape.variants:
            options = [
                self.annotation(v, direction, f"{context}Option{i + 1}")
                for i, v in enumerate(shape.variants)
            ]
            return " | ".join(dict.fromkeys(options))
        self.imports.add("Any")
        return "Any"

    def _string(self, shape: Shape, direction: Direction, names: tuple[str, ...]) -> str:
        base = _FORMAT_TYPES.get(shape.format or "", "str")
        if base == "datetime" and direction is Direction.OUTPUT:
            self.helpers.add("UtcDateTime")
            return "UtcDateTime"
        if base != "str":
            self.imports.add(base)
            return base
        c = shape.constraints
        args = []
        if c.min_length is not None:
            args.append(f"min_length={c.min_length}")
        if c.max_length is not None:
            args.append(f"max_length={c.max_length}")
        extras = []
        if direction is Direction.INPUT and c.pattern is not None:
            self.helpers.add("matches")
            extras.append(f"matches({ecma_to_python(c.pattern)!r})")
        if direction is Direction.INPUT and shape.format == "email":
            self.helpers.add("EMAIL")
            extras.append("EMAIL")
        if direction is Direction.INPUT and shape.format == "binary":
            return self._constrained("bytes", args, direction, names)  # a file part of a form
        return self._constrained("str", args, direction, names, extras)

    def _array(
        self, shape: Shape, direction: Direction, context: str, names: tuple[str, ...]
    ) -> str:
        item = (
            self.annotation(shape.items, direction, f"{context}Item", f"{names[0]}Item")
            if shape.items
            else "Any"
        )
        if item == "Any":
            self.imports.add("Any")
        c = shape.constraints
        args = []
        if c.min_items is not None:
            args.append(f"min_length={c.min_items}")
        if c.max_items is not None:
            args.append(f"max_length={c.max_items}")
        extras = []
        if direction is Direction.INPUT and c.unique_items:
            self.helpers.add("UNIQUE_ITEMS")
            extras.append("UNIQUE_ITEMS")
        return self._constrained(f"list[{item}]", args, direction, names, extras)

    def _object(self, shape: Shape, direction: Direction, context: str) -> str:
        if shape.properties or shape.additional_properties is False:
            name = pascal(context)
            while name in self.aliases:
                name += "Body"
            if name not in self.classes and name not in self._pending:
                self._pending.add(name)
                self._object_class(name, shape, direction)
                self._pending.discard(name)
            return name
        if isinstance(shape.additional_properties, Shape):
            value = self.annotation(shape.additional_properties, direction, f"{context}Value")
            return f"dict[str, {value}]"
        self.imports.add("Any")
        return "dict[str, Any]"

    def _object_class(self, name: str, shape: Shape, direction: Direction) -> None:
        fields: list[ModelField] = []
        scope = Scope(MODEL_FIELD_RESERVED)
        for prop in shape.properties:
            if direction is Direction.OUTPUT and prop.shape.write_only:
                continue
            attr = scope.claim(field_name(prop.name))
            annotation = self.annotation(
                prop.shape, direction, f"{name}{pascal(prop.name)}", pascal(prop.name)
            )
            required = prop.required and not (direction is Direction.INPUT and prop.shape.read_only)
            metadata = []
            if attr != prop.name:
                metadata.append(f"Field(alias={prop.name!r})")
            default = None
            if not required:
                default = "None"
                if not annotation.endswith("| None") and annotation != "None":
                    annotation = f"{annotation} | None"
                    if direction is Direction.INPUT:
                        self.helpers.add("NOT_NULL")
                        metadata.append("NOT_NULL")
            if metadata:
                self.imports.add("Annotated")
                annotation = f"Annotated[{annotation}, {', '.join(metadata)}]"
            fields.append(ModelField(attr, annotation, default))
        counted = shape.constraints.min_properties is not None or (
            shape.constraints.max_properties is not None
        )
        if direction is Direction.INPUT and shape.additional_properties is False:
            extra = "forbid"
        elif direction is Direction.INPUT and counted:
            extra = "allow"  # unknown properties count towards min/maxProperties
        else:
            extra = "ignore"
        self.classes[name] = ModelClass(
            name,
            direction,
            shape.description.strip().splitlines()[0] if shape.description.strip() else "",
            extra,
            tuple(fields),
            shape.constraints.min_properties if direction is Direction.INPUT else None,
            shape.constraints.max_properties if direction is Direction.INPUT else None,
        )

    def _constrained(
        self,
        base: str,
        args: list[str],
        direction: Direction,
        names: tuple[str, ...],
        extras: list[str] | None = None,
    ) -> str:
        if direction is Direction.OUTPUT:
            return base
        converter = []
        if self._converter is not None and base in ("int", "float", "bool"):
            converter, self._converter = [self._converter], None
        metadata = ([f"Field({', '.join(args)})"] if args else []) + (extras or []) + converter
        if not metadata:
            return base
        self.imports.add("Annotated")
        return self._alias(f"Annotated[{base}, {', '.join(metadata)}]", names)

    def _alias(self, definition: str, names: tuple[str, ...]) -> str:
        """The module-level alias for `definition`: the first of `names` that is free or equal."""
        if any(n in self.classes or n in self._pending for n in _IDENTIFIER.findall(definition)):
            return definition  # refers to a model class defined further down: stays inline
        for name in names:
            existing = self.aliases.get(name)
            if existing is not None and existing.definition == definition:
                return name
            if existing is None and self._free(name):
                self.aliases[name] = TypeAlias(name, definition)
                return name
        number = 2
        while not self._free(f"{names[-1]}{number}"):
            number += 1
        name = f"{names[-1]}{number}"
        self.aliases[name] = TypeAlias(name, definition)
        return name

    def _free(self, name: str) -> bool:
        """Not an alias, a class, or the class a component schema becomes."""
        if name in self.aliases or name in self.classes or name in self._pending:
            return False
        return name not in CLASS_RESERVED and name not in self._component_classes

    @cached_property
    def _component_classes(self) -> frozenset[str]:
        """The class names component schemas become (computed once: `models` is fixed)."""
        names = set()
        for model in self.models.values():
            shape = model.shape
            if shape.kind is ShapeKind.OBJECT and (
                shape.properties or shape.additional_properties is False
            ):
                names |= {schema_class(model.name), schema_class(model.name) + "Input"}
        return frozenset(names)

    def _number_args(self, shape: Shape) -> tuple[list[str], list[str]]:
        """Field bounds from minimum/maximum (tightened by int32/int64), and extra validators.

        A fractional multipleOf is checked in decimal arithmetic (58053975.73 is a multiple of
        0.01, whatever binary floating point says); a whole one by Pydantic.
        """
        c = shape.constraints
        low, high = _FORMAT_RANGES.get(shape.format or "", (None, None))
        args = []
        extras = []
        if c.minimum is not None and (low is None or c.minimum >= low):
            args.append(f"{'gt' if c.exclusive_minimum else 'ge'}={c.minimum!r}")
        elif low is not None:
            args.append(f"ge={low}")
        if c.maximum is not None and (high is None or c.maximum <= high):
            args.append(f"{'lt' if c.exclusive_maximum else 'le'}={c.maximum!r}")
        elif high is not None:
            args.append(f"le={high}")
        if c.multiple_of is not None and float(c.multiple_of).is_integer():
            args.append(f"multiple_of={int(c.multiple_of)}")
        elif c.multiple_of is not None:
            self.helpers.add("decimal_multiple_of")
            extras.append(f"decimal_multiple_of({str(c.multiple_of)!r})")
        return args, extras


_FORMAT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _literal(value: object) -> str:
    if isinstance(value, (bool, int, float, str)):
        return repr(value)
    return repr(json.dumps(value, sort_keys=True))
