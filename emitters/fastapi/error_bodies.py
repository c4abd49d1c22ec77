"""The IR's error-body templates as Python expressions over a failure's facts.

A builder in the generated `app/errors.py` receives `status`, `title`, `detail`, `now` (the
moment of the failure, RFC 3339 UTC) and `violations`: `(field, message)` pairs in the spec's
names for a validation failure, None for a failure without violations.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import ErrorSlot, ErrorValue

_SLOTS = {
    ErrorSlot.STATUS: "status",
    ErrorSlot.STATUS_TEXT: "str(status)",
    ErrorSlot.TITLE: "title",
    ErrorSlot.DETAIL: "detail",
    ErrorSlot.TYPE: "'about:blank'",
    ErrorSlot.TIMESTAMP: "now",
    ErrorSlot.FIELD: "''",  # the failure itself, outside any violation: the whole request
}
# Inside one violation's entry: where the bad value is and what is wrong with it.
_VIOLATION_SLOTS = {**_SLOTS, ErrorSlot.FIELD: "field", ErrorSlot.DETAIL: "message"}


@dataclass(frozen=True)
class ErrorBody:
    """One error schema: the function name in the generated `app/errors.py` and its body."""

    function: str
    expression: str  # a Python expression over `status`, `title`, `detail`, `now`, `violations`


def error_body_expression(value: ErrorValue) -> str:
    """A Python expression building the body `value` describes."""
    return _expression(value, _SLOTS)


def _expression(value: ErrorValue, slots: dict[ErrorSlot, str]) -> str:
    if value.slot is not None:
        return slots[value.slot]
    if value.fields is not None:
        return (
            "{" + ", ".join(f"{name!r}: {_expression(v, slots)}" for name, v in value.fields) + "}"
        )
    if value.per_violation is not None:
        entry = _expression(value.per_violation, _VIOLATION_SLOTS)
        return (
            f"([{entry} for field, message in violations] if violations is not None "
            f"else {_items(value.items or (), slots)})"
        )
    if value.items is not None:
        return _items(value.items, slots)
    return repr(value.literal)


def _items(items: tuple[ErrorValue, ...], slots: dict[ErrorSlot, str]) -> str:
    return "[" + ", ".join(_expression(v, slots) for v in items) + "]"
