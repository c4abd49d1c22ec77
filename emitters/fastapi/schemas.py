"""IR shapes -> the Pydantic v2 models of the generated `app/schemas.py`.

Input models validate requests exactly as the spec does (strict JSON mode: no coercion; required,
nullable, enum, formats, bounds, lengths, ECMA patterns, additionalProperties). Output models only
shape responses: lax, without constraints, write-only properties left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from compiler.ir import Model, Shape, ShapeKind
from emitters.fastapi.naming import pascal, snake
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


_FORMAT_TYPES = {"date-time": "datetime", "date": "date", "uuid": "UUID"}


@dataclass
class SchemaWriter:
    """Collects the model classes the operations need, named deterministically."""

    models: dict[str, Model]
    classes: dict[str, ModelClass] = field(default_factory=dict)
    imports: set[str] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)
    _pending: set[str] = field(default_factory=set)
    _parameter: bool = False

    def parameter_annotation(self, shape: Shape, context: str) -> str:
        """Like `annotation` for inputs, for a parameter whose text was already converted."""
        self._parameter = True
        try:
            return self.annotation(shape, Direction.INPUT, context)
        finally:
            self._parameter = False

    def model_class(self, model_name: str, direction: Direction) -> str:
        """The class for a named component schema, generated on first use."""
        class_name = pascal(model_name) + ("Input" if direction is Direction.INPUT else "")
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
                return self.annotation(shape, direction, class_name)
            self._pending.discard(class_name)
        return class_name

    def annotation(self, shape: Shape, direction: Direction, context: str) -> str:
        """The Python type of `shape`, constraints included for inputs."""
        base = self._base_type(shape, direction, context)
        if shape.nullable and base != "None":
            base = f"{base} | None"
        return base

    def _base_type(self, shape: Shape, direction: Direction, context: str) -> str:
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
            return self._string(shape, direction)
        if kind is ShapeKind.INTEGER and direction is Direction.INPUT and not self._parameter:
            # JSON Schema counts 5.0 as an integer; "5" and true are not (strict mode).
            self.helpers.add("WHOLE_NUMBER")
            return self._constrained(
                "int | float", _number_args(shape), direction, ["WHOLE_NUMBER"]
            )
        if kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            base = "int" if kind is ShapeKind.INTEGER else "float"
            return self._constrained(base, _number_args(shape), direction)
        if kind is ShapeKind.BOOLEAN:
            return "bool"
        if kind is ShapeKind.NULL:
            return "None"
        if kind is ShapeKind.ARRAY:
            return self._array(shape, direction, context)
        if kind is ShapeKind.OBJECT:
            return self._object(shape, direction, context)
        if kind is ShapeKind.UNION and shape.variants:
            names = [
                self.annotation(v, direction, f"{context}Option{i + 1}")
                for i, v in enumerate(shape.variants)
            ]
            return " | ".join(dict.fromkeys(names))
        self.imports.add("Any")
        return "Any"

    def _string(self, shape: Shape, direction: Direction) -> str:
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
        return self._constrained("str", args, direction, extras)

    def _array(self, shape: Shape, direction: Direction, context: str) -> str:
        item = self.annotation(shape.items, direction, f"{context}Item") if shape.items else "Any"
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
        return self._constrained(f"list[{item}]", args, direction, extras)

    def _object(self, shape: Shape, direction: Direction, context: str) -> str:
        if shape.properties or shape.additional_properties is False:
            name = pascal(context)
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
        used: set[str] = set()
        for prop in shape.properties:
            if direction is Direction.OUTPUT and prop.shape.write_only:
                continue
            attr = snake(prop.name)
            while attr in used:
                attr += "_"
            used.add(attr)
            annotation = self.annotation(prop.shape, direction, f"{name}{pascal(prop.name)}")
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
        if direction is Direction.INPUT:
            extra = "forbid" if shape.additional_properties is False else "ignore"
        else:
            extra = "ignore"
        self.classes[name] = ModelClass(
            name,
            direction,
            shape.description.strip().splitlines()[0] if shape.description.strip() else "",
            extra,
            tuple(fields),
        )

    def _constrained(
        self, base: str, args: list[str], direction: Direction, extras: list[str] | None = None
    ) -> str:
        if direction is Direction.OUTPUT:
            return base
        metadata = ([f"Field({', '.join(args)})"] if args else []) + (extras or [])
        if not metadata:
            return base
        self.imports.add("Annotated")
        return f"Annotated[{base}, {', '.join(metadata)}]"


_FORMAT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _number_args(shape: Shape) -> list[str]:
    """Bounds from minimum/maximum, tightened by an int32/int64 format (as validators read it)."""
    c = shape.constraints
    low, high = _FORMAT_RANGES.get(shape.format or "", (None, None))
    args = []
    if c.minimum is not None and (low is None or c.minimum >= low):
        args.append(f"{'gt' if c.exclusive_minimum else 'ge'}={c.minimum!r}")
    elif low is not None:
        args.append(f"ge={low}")
    if c.maximum is not None and (high is None or c.maximum <= high):
        args.append(f"{'lt' if c.exclusive_maximum else 'le'}={c.maximum!r}")
    elif high is not None:
        args.append(f"le={high}")
    if c.multiple_of is not None:
        args.append(f"multiple_of={c.multiple_of!r}")
    return args


def _literal(value: object) -> str:
    if isinstance(value, (bool, int, float, str)):
        return repr(value)
    return repr(json.dumps(value, sort_keys=True))
