"""Required properties of an envelope that no target fills (CC115).

The generated servers fill an envelope's data property and, where the binder recognised them,
its total, page and size (`compiler/binder/envelope.py`); every wrapper on the way down to the
data is written as the objects that hold it. Any other required property (`hasMore`, `next`,
`status`) would be missing from every response, which then violates the spec's own schema.
"""

from __future__ import annotations

from compiler.ir.api import Envelope, Operation
from compiler.ir.shapes import Model, Shape, ShapeKind
from compiler.openapi.shapes import resolve_model


def unfilled_envelope_properties(op: Operation, models: dict[str, Model]) -> list[str]:
    """Dotted paths of the required envelope properties `op`'s success response leaves out."""
    envelope, body = op.envelope, op.success.body
    if envelope is None or body is None or body.shape is None:
        return []
    missing: list[str] = []
    shape = resolve_model(body.shape, models)
    for depth, step in enumerate((*envelope.path, None)):
        filled = {step} if step is not None else _filled_at_data_level(envelope)
        prefix = ".".join(envelope.path[:depth])
        missing += [
            f"{prefix}.{name}" if prefix else name
            for name in _required(shape)
            if name not in filled
        ]
        if step is None:
            break
        inner = next((p.shape for p in shape.properties if p.name == step), None)
        if inner is None:
            break
        shape = resolve_model(inner, models)
    return missing


def _filled_at_data_level(envelope: Envelope) -> set[str]:
    named = (
        envelope.data_property,
        envelope.total_property,
        envelope.page_property,
        envelope.size_property,
    )
    return {name for name in named if name is not None}


def _required(shape: Shape) -> list[str]:
    if shape.kind is not ShapeKind.OBJECT:
        return []
    return [p.name for p in shape.properties if p.required]
