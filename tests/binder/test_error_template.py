"""Filling a spec's own error schema: the same decision for every target."""

from __future__ import annotations

from compiler.binder.error_template import error_template
from compiler.ir import Constraints, ErrorSlot, ErrorValue, Model, Property, Shape, ShapeKind

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
    shape = obj(
        Property("status", STRING),
        Property("error", STRING),
        Property("message", STRING),
        Property("type", STRING),
    )
    slots = {name: value.slot for name, value in error_template(shape, {}).fields or ()}
    assert slots == {
        "status": ErrorSlot.STATUS_TEXT,
        "error": ErrorSlot.TITLE,
        "message": ErrorSlot.DETAIL,
        "type": ErrorSlot.TYPE,
    }


def test_a_lone_error_string_carries_the_detail() -> None:
    shape = obj(Property("error", STRING, required=True))
    assert error_template(shape, {}).fields == (("error", ErrorValue(slot=ErrorSlot.DETAIL)),)


def test_formats_are_respected_and_date_times_are_the_failure_time() -> None:
    shape = obj(
        Property("timestamp", Shape(ShapeKind.STRING, format="date-time"), required=True),
        Property("traceId", Shape(ShapeKind.STRING, format="uuid"), required=True),
        Property("day", Shape(ShapeKind.STRING, format="date"), required=True),
        Property("help", Shape(ShapeKind.STRING, format="uri"), required=True),
    )
    assert error_template(shape, {}).fields == (
        ("timestamp", ErrorValue(slot=ErrorSlot.TIMESTAMP)),
        ("traceId", ErrorValue(literal="00000000-0000-0000-0000-000000000000")),
        ("day", ErrorValue(literal="1970-01-01")),
        ("help", ErrorValue(literal="about:blank")),
    )


def test_an_array_of_field_messages_lists_the_violations() -> None:
    entry = obj(
        Property("field", STRING, required=True), Property("message", STRING, required=True)
    )
    models = {"Violation": Model("Violation", entry)}
    details = Shape(ShapeKind.ARRAY, items=Shape(ShapeKind.REF, ref="Violation"))
    shape = obj(Property("message", STRING, required=True), Property("details", details))
    per_entry = ErrorValue(
        fields=(
            ("field", ErrorValue(slot=ErrorSlot.FIELD)),
            ("message", ErrorValue(slot=ErrorSlot.DETAIL)),
        )
    )
    assert error_template(shape, models).fields == (
        ("message", ErrorValue(slot=ErrorSlot.DETAIL)),
        ("details", ErrorValue(items=(), per_violation=per_entry)),
    )


def test_a_violation_list_that_needs_an_entry_gets_one_for_the_failure_itself() -> None:
    entry = obj(Property("name", STRING, required=True), Property("reason", STRING))
    details = Shape(ShapeKind.ARRAY, items=entry, constraints=Constraints(min_items=1))
    value = error_template(obj(Property("errors", details, required=True)), {})
    (_, errors), *_ = value.fields or ()
    assert errors.per_violation is not None and errors.items == (errors.per_violation,)


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
