"""Form request bodies: which custom operations read one, how each field converts, and the
packages that parse them (busboy), added to the shipped lockfile only for contracts that need them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from compiler.ir import Contract, Model, Operation, ShapeKind
from emitters.express.metadata import body_media, resolve

_TEXT_KINDS = {
    ShapeKind.INTEGER: "integer",
    ShapeKind.NUMBER: "number",
    ShapeKind.BOOLEAN: "boolean",
}


def form_bodies(contract: Contract) -> dict[str, dict[str, dict[str, object]]]:
    """The `FormFieldSpec` literals of each form operation, by operation id and property."""
    models = {m.name: m for m in contract.api.models}
    return {
        op.operation_id: _fields(op, models)
        for op in contract.api.operations
        if body_media(op, models) == "form"
    }


def _fields(op: Operation, models: dict[str, Model]) -> dict[str, dict[str, object]]:
    assert op.request is not None and op.request.shape is not None
    fields: dict[str, dict[str, object]] = {}
    for prop in resolve(op.request.shape, models).properties:
        value = resolve(prop.shape, models)
        array = value.kind is ShapeKind.ARRAY and value.items is not None
        if array and value.items is not None:
            value = resolve(value.items, models)
        binary = value.kind is ShapeKind.STRING and value.format == "binary"
        kind = "binary" if binary else _TEXT_KINDS.get(value.kind, "string")
        fields[prop.name] = {"kind": kind, "array": array}
    return fields


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
