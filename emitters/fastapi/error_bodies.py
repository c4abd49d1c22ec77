"""The IR's error-body templates as Python expressions over `status`, `title` and `detail`."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import ErrorSlot, ErrorValue

_SLOTS = {
    ErrorSlot.STATUS: "status",
    ErrorSlot.STATUS_TEXT: "str(status)",
    ErrorSlot.TITLE: "title",
    ErrorSlot.DETAIL: "detail",
    ErrorSlot.TYPE: "'about:blank'",
}


@dataclass(frozen=True)
class ErrorBody:
    """One error schema: the function name in the generated `app/errors.py` and its body."""

    function: str
    expression: str  # a Python expression over `status`, `title` and `detail`


def error_body_expression(value: ErrorValue) -> str:
    """A Python expression building the body `value` describes."""
    if value.slot is not None:
        return _SLOTS[value.slot]
    if value.fields is not None:
        return (
            "{"
            + ", ".join(f"{name!r}: {error_body_expression(v)}" for name, v in value.fields)
            + "}"
        )
    if value.items is not None:
        return "[" + ", ".join(error_body_expression(v) for v in value.items) + "]"
    return repr(value.literal)
