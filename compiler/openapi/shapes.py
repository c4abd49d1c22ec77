"""Turn OpenAPI schemas into IR shapes and models.

Refs to named component schemas stay as `REF` shapes, so every component is built once and
recursive schemas stay finite; any other internal ref is resolved in place (with a cycle guard).
`allOf` is merged into one object when every part is an object schema; OpenAPI 3.0 `nullable` and
3.1 `type: [x, "null"]` both become `nullable`. Building never raises on odd input: what cannot be
understood becomes `ANY`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from compiler.diagnostics import DiagnosticSink
from compiler.ir.shapes import Constraints, Model, Property, Shape, ShapeKind
from compiler.openapi.document import Document, JsonPointer

SCHEMA_PREFIX = "#/components/schemas/"
_KINDS = {
    kind.value: kind
    for kind in ShapeKind
    if kind not in (ShapeKind.ANY, ShapeKind.REF, ShapeKind.UNION)
}
_COMBINATORS = ("oneOf", "anyOf", "allOf", "not")
_CONSTRAINT_KEYWORDS = frozenset(
    {
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
    }
)
_NO_CONSTRAINTS = Constraints()
_PLAIN_KEYWORDS = frozenset(
    {
        "type",
        "format",
        "description",
        "properties",
        "items",
        "nullable",
        "title",
        "required",
        "additionalProperties",
        "example",
        "examples",
    }
)
_OBJECT_KEYWORDS = (
    "properties",
    "additionalProperties",
    "required",
    "minProperties",
    "maxProperties",
)


def component_name(ref: object) -> str | None:
    """The component schema name a `$ref` names (`#/components/schemas/Pet` -> `Pet`), else None."""
    if not isinstance(ref, str) or not ref.startswith(SCHEMA_PREFIX):
        return None
    name = ref[len(SCHEMA_PREFIX) :]
    if "/" in name:
        return None
    return name.replace("~1", "/").replace("~0", "~")


def build_models(doc: Document, sink: DiagnosticSink) -> tuple[Model, ...]:
    """Every `components.schemas` entry as a Model, sorted by name, with `recursive` set."""
    schemas = _component_schemas(doc)
    builder = _ShapeBuilder(doc)
    shapes = {
        name: builder.build(schemas[name], pointer_join("/components/schemas", name))
        for name in sorted(schemas)
    }
    recursive = _recursive_names(
        {name: _referenced_models(shape) for name, shape in shapes.items()}
    )
    return tuple(
        Model(name=name, shape=shape, recursive=name in recursive) for name, shape in shapes.items()
    )


def build_shape(doc: Document, node: Any, pointer: JsonPointer) -> Shape:
    """The shape of one schema node found at `pointer` (refs to component schemas stay `REF`)."""
    return _ShapeBuilder(doc).build(node, pointer)


def resolve_model(shape: Shape, models: dict[str, Model], limit: int = 32) -> Shape:
    """Follow `REF` shapes to the named model's shape (keeps the outer nullability)."""
    current = shape
    for _ in range(limit):
        if current.kind is not ShapeKind.REF or current.ref not in models:
            break
        target = models[current.ref].shape
        current = (
            target if not shape.nullable or target.nullable else replace(target, nullable=True)
        )
    return current


def _component_schemas(doc: Document) -> dict[str, Any]:
    components = doc.root.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


class _ShapeBuilder:
    """Builds shapes for one document; `_resolving` guards against cycles of non-component refs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.schemas = _component_schemas(doc)
        self.is_31 = doc.openapi_version.startswith("3.1")
        self._resolving: set[str] = set()

    def build(self, node: Any, pointer: JsonPointer) -> Shape:
        if not isinstance(node, dict):
            return Shape(kind=ShapeKind.ANY, pointer=pointer)
        ref = node.get("$ref")
        if isinstance(ref, str):
            return self._build_ref(node, ref, pointer)
        if isinstance(node.get("allOf"), list):
            merged = self._build_all_of(node, pointer)
            if merged is not None:
                return merged
        return self._build_plain(node, pointer)

    # --- refs -----------------------------------------------------------------------------
    def _build_ref(self, node: dict[str, Any], ref: str, pointer: JsonPointer) -> Shape:
        name = component_name(ref)
        if name is not None and name in self.schemas:
            return Shape(
                kind=ShapeKind.REF,
                ref=name,
                nullable=node.get("nullable") is True,
                description=_text(node.get("description")),
                read_only=node.get("readOnly") is True,
                write_only=node.get("writeOnly") is True,
                deprecated=node.get("deprecated") is True,
                default=node.get("default"),
                has_default="default" in node,
                pointer=pointer,
            )
        target, target_pointer = self._resolve(ref)
        if target is None or target_pointer in self._resolving:
            return Shape(kind=ShapeKind.ANY, pointer=pointer)
        self._resolving.add(target_pointer)
        try:
            return self.build(target, target_pointer)
        finally:
            self._resolving.discard(target_pointer)

    def _resolve(self, ref: str) -> tuple[Any, str]:
        if not ref.startswith("#"):
            return None, ref
        pointer = ref[1:]
        try:
            return self.doc.resolve(pointer), pointer
        except (KeyError, IndexError, ValueError, TypeError):
            return None, pointer

    # --- allOf ----------------------------------------------------------------------------
    def _build_all_of(self, node: dict[str, Any], pointer: JsonPointer) -> Shape | None:
        parts = [p for p in node["allOf"] if isinstance(p, dict)]
        siblings = {k: v for k, v in node.items() if k != "allOf"}
        single_ref = len(parts) == 1 and component_name(parts[0].get("$ref")) in self.schemas
        if single_ref and not any(
            k in siblings for k in ("type", *_OBJECT_KEYWORDS, *_COMBINATORS)
        ):
            ref_node = {**siblings, "$ref": parts[0]["$ref"]}
            return self._build_ref(ref_node, parts[0]["$ref"], pointer)
        flat = self._flatten_all_of(node, pointer, set())
        if flat is None:
            variants = tuple(
                self.build(p, pointer_join(pointer, "allOf", i))
                for i, p in enumerate(node["allOf"])
            )
            return Shape(
                kind=ShapeKind.UNION,
                variants=variants,
                exclusive=False,
                pointer=pointer,
                description=_text(node.get("description")),
            )
        merged: dict[str, Any] = {}
        properties: dict[str, Any] = {}
        property_pointers: dict[str, str] = {}
        required: list[str] = []
        closed = False
        for part, part_pointer in flat:
            for key, value in part.items():
                if key == "properties" and isinstance(value, dict):
                    for prop_name, prop_node in value.items():
                        properties[prop_name] = prop_node
                        property_pointers[prop_name] = pointer_join(
                            part_pointer, "properties", prop_name
                        )
                elif key == "required" and isinstance(value, list):
                    required.extend(r for r in value if isinstance(r, str) and r not in required)
                elif key == "additionalProperties" and value is False:
                    closed = True
                elif key not in ("discriminator", "allOf"):
                    merged[key] = value
        merged["type"] = "object"
        merged["properties"] = properties
        merged["required"] = required
        if closed:
            merged["additionalProperties"] = False
        return self._build_plain(merged, pointer, property_pointers)

    def _flatten_all_of(
        self, node: dict[str, Any], pointer: JsonPointer, seen: set[str]
    ) -> list[tuple[dict[str, Any], str]] | None:
        """The object parts of an allOf tree, or None when some part is not an object schema."""
        parts: list[tuple[dict[str, Any], str]] = [
            ({k: v for k, v in node.items() if k != "allOf"}, pointer)
        ]
        for index, part in enumerate(node.get("allOf", [])):
            part_pointer = pointer_join(pointer, "allOf", index)
            if isinstance(part, dict) and isinstance(part.get("$ref"), str):
                target, part_pointer = self._resolve(part["$ref"])
                if target is None or part_pointer in seen:
                    return None
                part = target
                seen = seen | {part_pointer}
            if not isinstance(part, dict) or not _is_object_schema(part):
                return None
            if "allOf" in part:
                nested = self._flatten_all_of(part, part_pointer, seen)
                if nested is None:
                    return None
                parts.extend(nested)
            else:
                parts.append((part, part_pointer))
        return parts

    # --- plain schemas --------------------------------------------------------------------
    def _build_plain(
        self,
        node: dict[str, Any],
        pointer: JsonPointer,
        property_pointers: dict[str, str] | None = None,
    ) -> Shape:
        kinds, nullable = self._types(node)
        common = self._common(node, pointer, nullable)
        for keyword, exclusive in (("oneOf", True), ("anyOf", False)):
            if isinstance(node.get(keyword), list):
                return self._build_union(node, keyword, exclusive, common, kinds)
        if len(kinds) > 1:
            variants = tuple(
                self._build_typed(node, kind, pointer, {}, property_pointers) for kind in kinds
            )
            return Shape(kind=ShapeKind.UNION, variants=variants, exclusive=True, **common)
        kind = kinds[0] if kinds else _implied_kind(node)
        return self._build_typed(node, kind, pointer, common, property_pointers)

    def _types(self, node: dict[str, Any]) -> tuple[list[ShapeKind], bool]:
        raw = node.get("type")
        if isinstance(raw, str) and raw in _KINDS and "enum" not in node:
            return [_KINDS[raw]], node.get("nullable") is True
        names = raw if isinstance(raw, list) else [raw] if isinstance(raw, str) else []
        nullable = node.get("nullable") is True or "null" in names
        enum = node.get("enum")
        if isinstance(enum, list) and None in enum:
            nullable = True
        kinds = [_KINDS[n] for n in names if n != "null" and n in _KINDS]
        if not kinds and names == ["null"]:
            kinds = [ShapeKind.NULL]
        return kinds, nullable

    def _common(self, node: dict[str, Any], pointer: JsonPointer, nullable: bool) -> dict[str, Any]:
        if _PLAIN_KEYWORDS.issuperset(node):
            return {
                "format": node.get("format") if isinstance(node.get("format"), str) else None,
                "nullable": nullable,
                "description": _text(node.get("description")),
                "pointer": pointer,
            }
        enum = node.get("enum")
        return {
            "format": node["format"] if isinstance(node.get("format"), str) else None,
            "nullable": nullable,
            "enum": tuple(v for v in enum if v is not None) if isinstance(enum, list) else None,
            "const": node.get("const"),
            "default": node.get("default"),
            "has_default": "default" in node,
            "constraints": self._constraints(node),
            "read_only": node.get("readOnly") is True,
            "write_only": node.get("writeOnly") is True,
            "deprecated": node.get("deprecated") is True,
            "description": _text(node.get("description")),
            "pointer": pointer,
        }

    def _constraints(self, node: dict[str, Any]) -> Constraints:
        if _CONSTRAINT_KEYWORDS.isdisjoint(node):
            return _NO_CONSTRAINTS
        minimum, exclusive_min = _bound(node, "minimum", "exclusiveMinimum", lower=True)
        maximum, exclusive_max = _bound(node, "maximum", "exclusiveMaximum", lower=False)
        return Constraints(
            min_length=_int(node.get("minLength")),
            max_length=_int(node.get("maxLength")),
            pattern=node["pattern"] if isinstance(node.get("pattern"), str) else None,
            minimum=minimum,
            maximum=maximum,
            exclusive_minimum=exclusive_min,
            exclusive_maximum=exclusive_max,
            multiple_of=_number(node.get("multipleOf")),
            min_items=_int(node.get("minItems")),
            max_items=_int(node.get("maxItems")),
            unique_items=node.get("uniqueItems") is True,
            min_properties=_int(node.get("minProperties")),
            max_properties=_int(node.get("maxProperties")),
        )

    def _build_union(
        self,
        node: dict[str, Any],
        keyword: str,
        exclusive: bool,
        common: dict[str, Any],
        kinds: list[ShapeKind],
    ) -> Shape:
        pointer = common["pointer"]
        variants = []
        nullable = common["nullable"]
        for index, variant_node in enumerate(node[keyword]):
            variant = self.build(variant_node, pointer_join(pointer, keyword, index))
            if variant.kind is ShapeKind.NULL:
                nullable = True
            else:
                variants.append(variant)
        discriminator, mapping = _discriminator(node.get("discriminator"))
        if len(variants) == 1 and discriminator is None and not _has_own_structure(node):
            only = variants[0]
            return replace(only, nullable=only.nullable or nullable)
        return Shape(
            kind=ShapeKind.UNION,
            variants=tuple(variants),
            exclusive=exclusive,
            discriminator=discriminator,
            discriminator_mapping=mapping,
            **{**common, "nullable": nullable},
        )

    def _build_typed(
        self,
        node: dict[str, Any],
        kind: ShapeKind,
        pointer: JsonPointer,
        common: dict[str, Any],
        property_pointers: dict[str, str] | None,
    ) -> Shape:
        common = {"pointer": pointer, **common}
        if kind is ShapeKind.OBJECT:
            return Shape(
                kind=kind,
                properties=self._properties(node, pointer, property_pointers or {}),
                additional_properties=self._additional(node.get("additionalProperties"), pointer),
                **common,
            )
        if kind is ShapeKind.ARRAY:
            items = node.get("items")
            items_shape = (
                self.build(items, pointer_join(pointer, "items"))
                if isinstance(items, dict)
                else None
            )
            return Shape(
                kind=kind, items=items_shape or Shape(kind=ShapeKind.ANY, pointer=pointer), **common
            )
        return Shape(kind=kind, **common)

    def _properties(
        self, node: dict[str, Any], pointer: JsonPointer, property_pointers: dict[str, str]
    ) -> tuple[Property, ...]:
        raw = node.get("properties")
        if not isinstance(raw, dict):
            return ()
        required = node.get("required")
        required_names = set(required) if isinstance(required, list) else set()
        props = []
        for name, prop_node in raw.items():
            prop_pointer = property_pointers.get(name) or pointer_join(pointer, "properties", name)
            props.append(
                Property(
                    name=name,
                    shape=self.build(prop_node, prop_pointer),
                    required=name in required_names,
                )
            )
        return tuple(props)

    def _additional(self, value: Any, pointer: JsonPointer) -> bool | Shape:
        if value is False:
            return False
        if isinstance(value, dict) and value:
            return self.build(value, pointer_join(pointer, "additionalProperties"))
        return True


def pointer_join(pointer: JsonPointer, *tokens: str | int) -> JsonPointer:
    """Append tokens to a JSON pointer, escaping `~` and `/` (the hot path of shape building)."""
    for token in tokens:
        text = str(token)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{text}"
    return pointer


def _implied_kind(node: dict[str, Any]) -> ShapeKind:
    """The kind a schema without `type` implies by its keywords."""
    if any(k in node for k in _OBJECT_KEYWORDS):
        return ShapeKind.OBJECT
    if "items" in node:
        return ShapeKind.ARRAY
    values = (
        node.get("enum")
        if isinstance(node.get("enum"), list)
        else [node["const"]]
        if "const" in node
        else []
    )
    kinds = {_value_kind(v) for v in values if v is not None}
    if len(kinds) == 1:
        return kinds.pop()
    return ShapeKind.ANY


def _value_kind(value: object) -> ShapeKind:
    if isinstance(value, bool):
        return ShapeKind.BOOLEAN
    if isinstance(value, int):
        return ShapeKind.INTEGER
    if isinstance(value, float):
        return ShapeKind.NUMBER
    if isinstance(value, str):
        return ShapeKind.STRING
    if isinstance(value, list):
        return ShapeKind.ARRAY
    if isinstance(value, dict):
        return ShapeKind.OBJECT
    return ShapeKind.ANY


def _is_object_schema(node: dict[str, Any]) -> bool:
    if any(k in node for k in ("oneOf", "anyOf", "not", "items", "enum", "const")):
        return False
    kind = node.get("type")
    return kind in (None, "object")


def _has_own_structure(node: dict[str, Any]) -> bool:
    return "type" in node or any(k in node for k in _OBJECT_KEYWORDS)


def _discriminator(raw: Any) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
        return None, ()
    mapping = raw.get("mapping")
    pairs = []
    if isinstance(mapping, dict):
        for value, target in mapping.items():
            if isinstance(target, str):
                pairs.append((str(value), component_name(target) or target))
    return raw["propertyName"], tuple(sorted(pairs))


def _bound(
    node: dict[str, Any], plain: str, exclusive: str, lower: bool
) -> tuple[float | int | None, bool]:
    value = _number(node.get(plain))
    flag = node.get(exclusive)
    if isinstance(flag, bool):  # OpenAPI 3.0: a flag on `minimum` / `maximum`
        return value, flag and value is not None
    limit = _number(flag)  # OpenAPI 3.1: the exclusive bound itself
    if limit is None:
        return value, False
    if value is None or (limit >= value if lower else limit <= value):
        return limit, True
    return value, False


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _int(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number == int(number) else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _referenced_models(shape: Shape) -> set[str]:
    """Names of the models a shape refers to (not through other models)."""
    found: set[str] = set()
    stack = [shape]
    while stack:
        current = stack.pop()
        if current.kind is ShapeKind.REF and current.ref is not None:
            found.add(current.ref)
        stack.extend(p.shape for p in current.properties)
        stack.extend(current.variants)
        if current.items is not None:
            stack.append(current.items)
        if isinstance(current.additional_properties, Shape):
            stack.append(current.additional_properties)
    return found


def _recursive_names(graph: dict[str, set[str]]) -> set[str]:
    """Names that lie on a cycle of the reference graph (Tarjan's SCC, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    recursive: set[str] = set()
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            if pending:
                child = pending.pop()
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    recursive.update(component)
    return recursive
