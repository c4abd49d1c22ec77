"""Filling a spec's own error schema: the same decision for every target."""

from __future__ import annotations

from compiler.binder.error_template import error_template
from compiler.ir import ErrorSlot, ErrorValue, Model, Property, Shape, ShapeKind

STRING = Shape(ShapeKind.STRING)
INTEGER = Shape(ShapeKind.INTEGER)


def obj(*props: Property) -> Shape:
    return Shape(ShapeKind.OBJECT, properties=props)


def test_status_and_message_are_filled_from_the_failure() -> None:
    shape = obj(
        Property("code", INTEGER, required=True), Property("message", STRING, required=True)
    )
    assert error_template(shape, {}) == ErrorValue(
        fields=(
            ("code", ErrorValue(slot=ErrorSlot.STATUS)),
            ("message", ErrorValue(slot=ErrorSlot.DETAIL)),
        )
    )


def test_string_status_title_and_type() -> None:
    shape = obj(Property("status", STRING), Property("error", STRING), Property("type", STRING))
    slots = {name: value.slot for name, value in error_template(shape, {}).fields or ()}
    assert slots == {
        "status": ErrorSlot.STATUS_TEXT,
        "error": ErrorSlot.TITLE,
        "type": ErrorSlot.TYPE,
    }


def test_unknown_required_properties_get_values_their_schema_admits() -> None:
    shape = obj(
        Property("kind", Shape(ShapeKind.STRING, enum=("fault",)), required=True),
        Property("retry", Shape(ShapeKind.BOOLEAN), required=True),
        Property("hint", STRING),  # optional and unknown: left out
    )
    assert error_template(shape, {}).fields == (
        ("kind", ErrorValue(literal="fault")),
        ("retry", ErrorValue(literal=False)),
    )


def test_named_models_and_nesting_are_followed() -> None:
    inner = obj(Property("message", STRING, required=True))
    models = {"Inner": Model("Inner", inner)}
    shape = obj(Property("error", Shape(ShapeKind.REF, ref="Inner"), required=True))
    assert error_template(shape, models).fields == (
        ("error", ErrorValue(fields=(("message", ErrorValue(slot=ErrorSlot.DETAIL)),))),
    )


def test_self_referencing_model_terminates() -> None:
    models = {
        "Loop": Model(
            "Loop", obj(Property("next", Shape(ShapeKind.REF, ref="Loop"), required=True))
        )
    }
    # `next` is required at every level: the template follows it four levels deep, then stops
    # with an empty value instead of recursing forever.
    innermost = ErrorValue()
    expected = innermost
    for _ in range(4):
        expected = ErrorValue(fields=(("next", expected),))
    assert error_template(Shape(ShapeKind.REF, ref="Loop"), models) == expected
