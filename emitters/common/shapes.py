"""Reading IR shapes the way every emitter needs to: through references to named models."""

from __future__ import annotations

from compiler.ir import Model, Shape, ShapeKind


def resolve(shape: Shape, models: dict[str, Model]) -> Shape:
    """The shape a chain of model references ends at (`shape` itself when it is no reference)."""
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
    return shape
