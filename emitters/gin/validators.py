"""IR shapes -> Go functions that check a decoded JSON value (package `validate`, file schemas.go).

Each function has the signature `func(v any, path string, e *Errors)`. Named models become one
function each (so recursive schemas stay finite); inline shapes become numbered helpers, shared
when two shapes are identical. Request semantics: readOnly properties are never required.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from compiler.ir import Model, Shape, ShapeKind
from emitters.gin.naming import ProjectNames, exported, go_comment, go_string

_ECMA_UNICODE = re.compile(r"\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]+)\}")


def go_pattern(pattern: str) -> str:
    """An ECMA-262 pattern as RE2 source: `\\uXXXX` becomes `\\x{XXXX}`; the rest RE2 reads alike."""
    return _ECMA_UNICODE.sub(lambda m: "\\x{" + (m.group(1) or m.group(2)) + "}", pattern)


def go_number(value: float | int) -> str:
    """A JSON number as exact decimal text for `Compare` / `MultipleOf`."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return repr(value)


def go_json_value(value: object) -> str:
    """A JSON scalar as the Go value `Decode` produces (strings, json.Number, bools, nil)."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return "nil"
        return f"json.Number({go_string(go_number(value))})"
    if isinstance(value, str):
        return go_string(value)
    return f"json.RawMessage({go_string(json.dumps(value, sort_keys=True, separators=(',', ':')))})"


@dataclass
class ValidatorWriter:
    """Collects the Go functions for every shape it is asked about, in a stable order."""

    models: dict[str, Model]
    names: ProjectNames
    functions: list[str] = field(default_factory=list)
    uses_json: bool = False
    uses_strconv: bool = False
    _by_key: dict[str, str] = field(default_factory=dict)
    _model_functions: dict[str, str] = field(default_factory=dict)
    _any_size: Shape | None = None  # the integer shape being checked without the int64 range

    def named(self, name: str, shape: Shape, doc: str, any_size: bool = False) -> str:
        """An exported function `name` (claimed from `names`) checking `shape`; returns it.
        With `any_size`, a whole number beyond int64 passes (the caller clamps it)."""
        self._any_size = shape if any_size else None
        self._emit(name, shape, doc)
        self._any_size = None
        return name

    def reference(self, shape: Shape) -> str | None:
        """The function checking `shape` (None when anything is accepted)."""
        if shape.kind is ShapeKind.ANY and not shape.enum and shape.const is None:
            return None
        if shape.kind is ShapeKind.REF and not shape.nullable and shape.ref in self.models:
            return self._model(shape.ref)
        key = repr(shape)
        if key not in self._by_key:
            name = self.names.validator(f"shape{len(self._by_key) + 1}")
            self._by_key[key] = name
            self._emit(name, shape, "")
        return self._by_key[key]

    def _model(self, ref: str) -> str:
        if ref not in self._model_functions:
            name = self.names.validator("model" + exported(ref))
            self._model_functions[ref] = name
            self._emit(name, self.models[ref].shape, f"checks the {ref} schema.")
        return self._model_functions[ref]

    def _emit(self, name: str, shape: Shape, doc: str) -> None:
        slot = len(self.functions)
        self.functions.append("")
        body = self._checks(shape)
        lines = [f"// {name} {go_comment(doc)}"] if doc else []
        lines.append(f"func {name}(v any, path string, e *Errors) {{")
        lines.extend("\t" + line if line else "" for line in body)
        lines.append("}")
        self.functions[slot] = "\n".join(lines)

    def _checks(self, shape: Shape) -> list[str]:
        out: list[str] = []
        if shape.nullable or shape.kind is ShapeKind.NULL:
            if shape.kind is ShapeKind.NULL:
                return _fail_if("v != nil", "must be null")
            out += ["if v == nil {", "\treturn", "}"]
        if shape.const is not None:
            self.uses_json |= isinstance(shape.const, (int, float)) and not isinstance(
                shape.const, bool
            )
            out += _fail_if(
                f"!Equal(v, {go_json_value(shape.const)})", "has the wrong value", stop=True
            )
        if shape.enum:
            values = ", ".join(go_json_value(v) for v in shape.enum)
            self.uses_json |= any(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in shape.enum
            )
            allowed = ", ".join(json.dumps(v) for v in shape.enum)
            out += _fail_if(f"!OneOf(v, {values})", f"must be one of {allowed}", stop=True)
        kind = shape.kind
        if kind is ShapeKind.REF:
            if shape.ref in self.models:
                out.append(f"{self._model(shape.ref)}(v, path, e)")
            return out
        if kind is ShapeKind.STRING:
            return out + self._string(shape)
        if kind in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            return out + self._number(shape)
        if kind is ShapeKind.BOOLEAN:
            return out + _fail_if("!isBool(v)", "must be a boolean", stop=False)
        if kind is ShapeKind.ARRAY:
            return out + self._array(shape)
        if kind is ShapeKind.OBJECT:
            return out + self._object(shape)
        if kind is ShapeKind.UNION:
            return out + self._union(shape)
        return out

    def _string(self, shape: Shape) -> list[str]:
        c = shape.constraints
        checks: list[str] = []
        if c.min_length is not None:
            checks += _fail_if(
                f"Length(s) < {c.min_length}", f"must be at least {c.min_length} characters long"
            )
        if c.max_length is not None:
            checks += _fail_if(
                f"Length(s) > {c.max_length}", f"must be at most {c.max_length} characters long"
            )
        if c.pattern is not None:
            checks += _fail_if(
                f"!Matches({go_string(go_pattern(c.pattern))}, s)", f"must match {c.pattern}"
            )
        if shape.format:
            checks += _fail_if(
                f"!Format({go_string(shape.format)}, s)", f"must be a valid {shape.format}"
            )
        target = "s" if checks else "_"
        file_part = ["if _, ok := v.([]byte); ok {", "\treturn", "}"]  # a form's file part
        return [
            *(file_part if shape.format == "binary" else []),
            f"{target}, ok := v.(string)",
            "if !ok {",
            '\te.Add(path, "must be a string")',
            "\treturn",
            "}",
            *checks,
        ]

    def _number(self, shape: Shape) -> list[str]:
        self.uses_json = True
        c = shape.constraints
        integer = shape.kind is ShapeKind.INTEGER
        checks: list[str] = []
        if c.minimum is not None:
            op = "<=" if c.exclusive_minimum else "<"
            word = "greater than" if c.exclusive_minimum else "at least"
            checks += _fail_if(
                f'Compare(n, "{go_number(c.minimum)}") {op} 0',
                f"must be {word} {go_number(c.minimum)}",
            )
        if c.maximum is not None:
            op = ">=" if c.exclusive_maximum else ">"
            word = "less than" if c.exclusive_maximum else "at most"
            checks += _fail_if(
                f'Compare(n, "{go_number(c.maximum)}") {op} 0',
                f"must be {word} {go_number(c.maximum)}",
            )
        if c.multiple_of is not None:
            checks += _fail_if(
                f'!MultipleOf(n, "{go_number(c.multiple_of)}")',
                f"must be a multiple of {go_number(c.multiple_of)}",
            )
        if integer:
            head = _fail_if("!ok || !Integer(n)", "must be an integer", stop=True)
            if shape is not self._any_size:
                head += _fail_if("!FitsInt64(n)", "is out of range", stop=True)
            if shape.format == "int32":
                head += _fail_if(
                    'Compare(n, "-2147483648") < 0 || Compare(n, "2147483647") > 0',
                    "is out of the int32 range",
                    stop=True,
                )
            return ["n, ok := v.(json.Number)", *head, *checks]
        target = "n" if checks else "_"
        return [
            f"{target}, ok := v.(json.Number)",
            *_fail_if("!ok", "must be a number", stop=True),
            *checks,
        ]

    def _array(self, shape: Shape) -> list[str]:
        c = shape.constraints
        item = self.reference(shape.items) if shape.items is not None else None
        checks: list[str] = []
        if c.min_items is not None:
            checks += _fail_if(
                f"len(items) < {c.min_items}", f"must have at least {c.min_items} items"
            )
        if c.max_items is not None:
            checks += _fail_if(
                f"len(items) > {c.max_items}", f"must have at most {c.max_items} items"
            )
        if c.unique_items:
            checks += _fail_if("!Unique(items)", "must not repeat items")
        if item is not None:
            self.uses_strconv = True
            checks += [
                "for i, item := range items {",
                f"\t{item}(item, Child(path, strconv.Itoa(i)), e)",
                "}",
            ]
        target = "items" if checks else "_"
        return [
            f"{target}, ok := v.([]any)",
            *_fail_if("!ok", "must be an array", stop=True),
            *checks,
        ]

    def _object(self, shape: Shape) -> list[str]:
        c = shape.constraints
        checks: list[str] = []
        for prop in shape.properties:
            if prop.required and not prop.shape.read_only:
                checks += [
                    f"if _, found := object[{go_string(prop.name)}]; !found {{",
                    f'\te.Add(Child(path, {go_string(prop.name)}), "is required")',
                    "}",
                ]
        for prop in shape.properties:
            check = self.reference(prop.shape)
            if check is not None:
                checks += [
                    f"if value, found := object[{go_string(prop.name)}]; found {{",
                    f"\t{check}(value, Child(path, {go_string(prop.name)}), e)",
                    "}",
                ]
        extra = shape.additional_properties
        known = ", ".join(go_string(p.name) for p in shape.properties)
        if extra is False:
            if known:
                checks += [
                    "for key := range object {",
                    "\tswitch key {",
                    f"\tcase {known}:",
                    "\tdefault:",
                    '\t\te.Add(Child(path, key), "is not an allowed property")',
                    "\t}",
                    "}",
                ]
            else:
                checks += [
                    "for key := range object {",
                    '\te.Add(Child(path, key), "is not an allowed property")',
                    "}",
                ]
        elif isinstance(extra, Shape):
            check = self.reference(extra)
            if check is not None:
                skip = [
                    f"\tif {' || '.join('key == ' + go_string(p.name) for p in shape.properties)} {{",
                    "\t\tcontinue",
                    "\t}",
                ]
                checks += [
                    "for key, value := range object {",
                    *(skip if shape.properties else []),
                    f"\t{check}(value, Child(path, key), e)",
                    "}",
                ]
        if c.min_properties is not None:
            checks += _fail_if(
                f"len(object) < {c.min_properties}",
                f"must have at least {c.min_properties} properties",
            )
        if c.max_properties is not None:
            checks += _fail_if(
                f"len(object) > {c.max_properties}",
                f"must have at most {c.max_properties} properties",
            )
        target = "object" if checks else "_"
        return [
            f"{target}, ok := v.(map[string]any)",
            *_fail_if("!ok", "must be an object", stop=True),
            *checks,
        ]

    def _union(self, shape: Shape) -> list[str]:
        variants = [self.reference(v) or "anything" for v in shape.variants]
        if not variants:
            return []
        rule = "count != 1" if shape.exclusive else "count == 0"
        message = (
            "must match exactly one of the allowed schemas"
            if shape.exclusive
            else "must match one of the allowed schemas"
        )
        return [
            f"count := matching(v, path, {', '.join(variants)})",
            *_fail_if(rule, message),
        ]


def _fail_if(condition: str, message: str, stop: bool = False) -> list[str]:
    lines = [f"if {condition} {{", f"\te.Add(path, {go_string(message)})"]
    if stop:
        lines.append("\treturn")
    lines.append("}")
    return lines
