"""Form request bodies: how each field of a form operation converts, and the
packages that parse them (busboy), added to the shipped lockfile only for contracts that need them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from compiler.ir import BodyReading, Contract
from emitters.common.forms import form_fields


def form_bodies(contract: Contract) -> dict[str, dict[str, dict[str, object]]]:
    """The `FormFieldSpec` literals of each form operation, by operation id and property."""
    models = {m.name: m for m in contract.api.models}
    return {
        op.operation_id: {
            field.name: {"kind": field.kind.value, "array": field.repeated}
            for field in form_fields(op.request.shape, models)
        }
        for op in contract.api.operations
        if op.request is not None
        and op.request.reading is BodyReading.FORM
        and op.request.shape is not None
    }


def with_form_packages(lock: dict[str, Any]) -> dict[str, Any]:
    """The lockfile plus busboy and its types, as `npm install --save-exact` resolved them."""
    extra = json.loads(
        files("emitters.express").joinpath("data", "form-packages.json").read_text("utf-8")
    )
    root = lock["packages"][""]
    for group in ("dependencies", "devDependencies"):
        root[group] = dict(sorted({**root[group], **extra[group]}.items()))
    packages = {**lock["packages"], **extra["packages"]}
    lock["packages"] = {"": packages.pop(""), **dict(sorted(packages.items()))}
    return lock
