"""compiler.openapi.shapes: refs, allOf, unions, nullability, bounds, cycles."""

from __future__ import annotations

from builders import document

from compiler.diagnostics import DiagnosticSink
from compiler.ir.shapes import ShapeKind
from compiler.openapi.document import Document
from compiler.openapi.shapes import build_models, build_shape


def shape_of(schema: dict, version: str = "3.0.3", schemas: dict | None = None):
    doc = document({}, schemas)
    doc.root["openapi"] = version
    return build_shape(doc, schema, "/x")


def test_component_ref_stays_ref_and_other_refs_resolve() -> None:
    doc = document(
        {},
        {"Pet": {"type": "object"}},
        components={"parameters": {"P": {"schema": {"type": "integer"}}}},
    )
    assert build_shape(doc, {"$ref": "#/components/schemas/Pet"}, "/x").ref == "Pet"
    resolved = build_shape(doc, {"$ref": "#/components/parameters/P/schema"}, "/x")
    assert resolved.kind is ShapeKind.INTEGER
    assert resolved.pointer == "/components/parameters/P/schema"


def test_all_of_merges_properties_required_and_pointers() -> None:
    schemas = {
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
        "Dog": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {
                    "type": "object",
                    "required": ["bark"],
                    "properties": {"bark": {"type": "boolean"}},
                },
            ]
        },
    }
    models = {m.name: m for m in build_models(document({}, schemas), DiagnosticSink())}
    dog = models["Dog"].shape
    assert dog.kind is ShapeKind.OBJECT
    assert [p.name for p in dog.properties] == ["id", "bark"]
    assert dog.required_names == ("id", "bark")
    assert dog.find_property("id").shape.pointer == "/components/schemas/Base/properties/id"


def test_all_of_with_non_object_part_is_kept_as_union() -> None:
    shape = shape_of({"allOf": [{"type": "string"}, {"maxLength": 3}]})
    assert shape.kind is ShapeKind.UNION and not shape.exclusive


def test_single_ref_all_of_keeps_ref_with_nullable() -> None:
    shape = shape_of(
        {"allOf": [{"$ref": "#/components/schemas/Pet"}], "nullable": True}, schemas={"Pet": {}}
    )
    assert shape.kind is ShapeKind.REF and shape.ref == "Pet" and shape.nullable


def test_one_of_with_discriminator_and_null_variant() -> None:
    shape = shape_of(
        {
            "oneOf": [
                {"$ref": "#/components/schemas/Cat"},
                {"$ref": "#/components/schemas/Dog"},
                {"type": "null"},
            ],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"cat": "#/components/schemas/Cat"},
            },
        },
        "3.1.0",
        {"Cat": {}, "Dog": {}},
    )
    assert shape.kind is ShapeKind.UNION and shape.exclusive and shape.nullable
    assert [v.ref for v in shape.variants] == ["Cat", "Dog"]
    assert shape.discriminator == "kind" and shape.discriminator_mapping == (("cat", "Cat"),)


def test_nullable_both_versions() -> None:
    assert shape_of({"type": "string", "nullable": True}).nullable
    typed = shape_of({"type": ["integer", "null"]}, "3.1.0")
    assert typed.kind is ShapeKind.INTEGER and typed.nullable


def test_exclusive_minimum_both_styles() -> None:
    old = shape_of({"type": "number", "minimum": 5, "exclusiveMinimum": True}).constraints
    new = shape_of({"type": "number", "exclusiveMinimum": 5}, "3.1.0").constraints
    assert (old.minimum, old.exclusive_minimum) == (5, True) == (new.minimum, new.exclusive_minimum)
    assert (
        shape_of(
            {"type": "number", "minimum": 5, "exclusiveMinimum": False}
        ).constraints.exclusive_minimum
        is False
    )


def test_keywords_are_carried() -> None:
    shape = shape_of(
        {
            "type": "string",
            "enum": ["a", "b"],
            "default": "a",
            "readOnly": True,
            "format": "email",
            "maxLength": 9,
            "pattern": "^a",
        }
    )
    assert shape.enum == ("a", "b") and shape.has_default and shape.default == "a"
    assert shape.read_only and shape.format == "email"
    assert (shape.constraints.max_length, shape.constraints.pattern) == (9, "^a")


def test_recursive_flag_and_ref_cycles_terminate() -> None:
    schemas = {
        "Node": {
            "type": "object",
            "properties": {
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
            },
        },
        "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
        "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}},
        "Leaf": {"type": "string"},
        "Loop": {"allOf": [{"$ref": "#/components/schemas/Loop"}, {"type": "object"}]},
    }
    doc = document({}, schemas, components={"x": {"$ref": "#/components/x"}})
    models = {m.name: m for m in build_models(doc, DiagnosticSink())}
    assert [name for name, m in sorted(models.items()) if m.recursive] == ["A", "B", "Loop", "Node"]
    assert build_shape(doc, {"$ref": "#/components/x"}, "/y").kind is ShapeKind.ANY


def test_odd_input_never_raises() -> None:
    doc = Document(
        "s", {"openapi": "3.0.0", "components": {"schemas": {"Bad": ["not", "a", "schema"]}}}, ""
    )
    assert build_models(doc, DiagnosticSink())[0].shape.kind is ShapeKind.ANY
    assert build_shape(doc, {"$ref": "#/missing/thing"}, "/z").kind is ShapeKind.ANY
