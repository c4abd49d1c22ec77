"""Rows of the torture pair's schemas for walk-through tests, read from the generated spec.

The generator spreads the hostile words over the tables, so which property is required or has
which type changes whenever the word lists do: tests ask here instead of naming properties.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC = Path(__file__).resolve().parents[2] / "contracts" / "torture" / "openapi.yaml"
_SAMPLES = {
    "date": "2024-01-02",
    "date-time": "2024-01-02T03:04:05Z",
    "uuid": "00000000-0000-4000-8000-000000000001",
}


@cache
def _schemas() -> dict[str, Any]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _value(schema: dict[str, Any]) -> Any:
    if "$ref" in schema:
        return _value(_schemas()[schema["$ref"].rsplit("/", 1)[1]])
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema["type"][0] if isinstance(schema["type"], list) else schema["type"]
    if kind == "string":
        return _SAMPLES.get(schema.get("format", ""), "x")
    return {"integer": 7, "number": 1.5, "boolean": True}[kind]


def required_row(schema_name: str) -> dict[str, Any]:
    """A valid row of `schema_name` holding exactly its required, writable properties."""
    schema = _schemas()[schema_name]
    properties = schema["properties"]
    return {
        name: _value(properties[name])
        for name in schema.get("required", [])
        if not properties[name].get("readOnly")
    }


def wrongly_typed(schema_name: str, count: int) -> dict[str, Any]:
    """The required row with its first `count` string properties given a number instead."""
    row = required_row(schema_name)
    strings = [name for name, value in row.items() if isinstance(value, str)][:count]
    return {**row, **{name: 5 for name in strings}}
