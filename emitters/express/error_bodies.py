"""The IR's error-body templates as JSON the generated server fills per response.

Values known only when the failure happens are markers, `{"$error": "status" | "statusText" |
"title" | "detail" | "timestamp" | "field"}`; an array with one entry per violation of the request
is `{"$violations": entry, "$otherwise": items}` (`items` when the failure has no violations);
everything else is a fixed value that fits the spec's schema.
"""

from __future__ import annotations

from compiler.ir import ErrorSlot, ErrorValue

_MARKERS: dict[ErrorSlot, object] = {
    ErrorSlot.STATUS: {"$error": "status"},
    ErrorSlot.STATUS_TEXT: {"$error": "statusText"},
    ErrorSlot.TITLE: {"$error": "title"},
    ErrorSlot.DETAIL: {"$error": "detail"},
    ErrorSlot.TIMESTAMP: {"$error": "timestamp"},
    ErrorSlot.FIELD: {"$error": "field"},
    ErrorSlot.TYPE: "about:blank",
}


def error_template(value: ErrorValue) -> object:
    """The JSON template of the body `value` describes."""
    if value.slot is not None:
        return _MARKERS[value.slot]
    if value.per_violation is not None:
        return {
            "$violations": error_template(value.per_violation),
            "$otherwise": [error_template(item) for item in value.items or ()],
        }
    if value.fields is not None:
        return {name: error_template(field) for name, field in value.fields}
    if value.items is not None:
        return [error_template(item) for item in value.items]
    return value.literal
