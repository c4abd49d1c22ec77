"""Sample values for the generated Go tests: the common sample of a shape, or None when none fits."""

from __future__ import annotations

from compiler.ir import Model, Shape
from emitters.common.samples import Unsatisfiable, sample


def sample_value(shape: Shape, models: dict[str, Model]) -> object | None:
    """A JSON value valid for `shape` as a request, or None when no candidate satisfies it."""
    try:
        return sample(shape, models)
    except Unsatisfiable:
        return None
