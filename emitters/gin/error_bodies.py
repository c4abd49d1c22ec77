"""The IR's error-body templates as Go expressions over `f handlers.ErrorFacts` (and, inside a
violation list, `v validate.Violation`)."""

from __future__ import annotations

from compiler.ir import ErrorSlot, ErrorValue
from emitters.gin.naming import go_string
from emitters.gin.validators import go_json_value, go_number

_SLOTS = {
    ErrorSlot.STATUS: "f.Status",
    ErrorSlot.STATUS_TEXT: "strconv.Itoa(f.Status)",
    ErrorSlot.TITLE: "f.Title",
    ErrorSlot.DETAIL: "f.Detail",
    ErrorSlot.TYPE: '"about:blank"',
    ErrorSlot.TIMESTAMP: "f.Time",
    ErrorSlot.FIELD: '""',  # an entry for a failure without violations: no field in particular
}
_VIOLATION_SLOTS = {**_SLOTS, ErrorSlot.DETAIL: "v.Message", ErrorSlot.FIELD: "v.Field"}


def error_body_expression(value: ErrorValue) -> str:
    """A Go expression building the body `value` describes."""
    return _expression(value, _SLOTS)


def _expression(value: ErrorValue, slots: dict[ErrorSlot, str]) -> str:
    if value.slot is not None:
        return slots[value.slot]
    if value.per_violation is not None:
        entry = _expression(value.per_violation, _VIOLATION_SLOTS)
        otherwise = _items(value.items or (), slots)
        return f"perViolation(f, func(v validate.Violation) any {{ return {entry} }}, {otherwise})"
    if value.fields is not None:
        fields = ", ".join(
            f"{go_string(name)}: {_expression(v, slots)}" for name, v in value.fields
        )
        return "map[string]any{" + fields + "}"
    if value.items is not None:
        return _items(value.items, slots)
    literal = value.literal
    if isinstance(literal, (int, float)) and not isinstance(literal, bool):
        return go_number(literal)
    return go_json_value(literal)


def _items(items: tuple[ErrorValue, ...], slots: dict[ErrorSlot, str]) -> str:
    return "[]any{" + ", ".join(_expression(v, slots) for v in items) + "}"
