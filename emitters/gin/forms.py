"""Form request bodies (`Body.reading` FORM) as Go: the `[]formField` literal the generated code reads."""

from __future__ import annotations

from compiler.ir import Model, Shape
from emitters.common.forms import form_fields
from emitters.gin.naming import go_string


def form_fields_literal(shape: Shape, models: dict[str, Model]) -> str:
    """The `[]formField` literal of an object body: each property's name, kind and repetition."""
    fields = [
        f"{{{go_string(field.name)}, {go_string(field.kind.value)}, "
        f"{'true' if field.repeated else 'false'}}}"
        for field in form_fields(shape, models)
    ]
    return "[]formField{" + ", ".join(fields) + "}"
