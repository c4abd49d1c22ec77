"""The IR's error-body templates as tagged JSON the generated `ErrorResponses` fills in.

Each node is exactly one of `{"slot": "status"}`, `{"fields": [[name, node], ...]}`,
`{"items": [node, ...]}`, `{"perViolation": node, "items": [node, ...]}` (an entry per violation
of the request, else the items) or `{"literal": value}`, so a spec literal can never pass for a
slot.
"""

from __future__ import annotations

from typing import Any

from compiler.ir import ErrorValue

PROBLEM_JSON = "application/problem+json"


def error_body_node(value: ErrorValue) -> dict[str, Any]:
    """The tagged JSON node for `value` (slots are filled at run time)."""
    if value.slot is not None:
        return {"slot": value.slot.value}
    if value.fields is not None:
        return {"fields": [[name, error_body_node(v)] for name, v in value.fields]}
    if value.per_violation is not None:
        return {
            "perViolation": error_body_node(value.per_violation),
            "items": [error_body_node(v) for v in value.items or ()],
        }
    if value.items is not None:
        return {"items": [error_body_node(v) for v in value.items]}
    return {"literal": value.literal}
