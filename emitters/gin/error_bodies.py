"""The IR's error-body templates as Go expressions over `status int`, `title` and `detail string`."""

from __future__ import annotations

from compiler.ir import ErrorSlot, ErrorValue
from emitters.gin.naming import go_string
from emitters.gin.validators import go_json_value, go_number

_SLOTS = {
    ErrorSlot.STATUS: "status",
    ErrorSlot.STATUS_TEXT: "strconv.Itoa(status)",
    ErrorSlot.TITLE: "title",
    ErrorSlot.DETAIL: "detail",
    ErrorSlot.TYPE: '"about:blank"',
}


def error_body_expression(value: ErrorValue) -> str:
    """A Go expression building the body `value` describes."""
    if value.slot is not None:
        return _SLOTS[value.slot]
    if value.fields is not None:
        fields = ", ".join(
            f"{go_string(name)}: {error_body_expression(v)}" for name, v in value.fields
        )
        return "map[string]any{" + fields + "}"
    if value.items is not None:
        return "[]any{" + ", ".join(error_body_expression(v) for v in value.items) + "}"
    literal = value.literal
    if isinstance(literal, (int, float)) and not isinstance(literal, bool):
        return go_number(literal)
    return go_json_value(literal)
