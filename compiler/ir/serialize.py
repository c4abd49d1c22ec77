"""The IR as deterministic JSON, for `contractc ir` and golden tests."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any


def to_data(value: Any) -> Any:
    """Plain JSON data for an IR value: dataclasses become objects, enums their values.

    Fields still at their default are left out, which keeps the output readable and stable.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.default is not dataclasses.MISSING and item == f.default:
                continue
            out[f.name] = to_data(item)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


def to_json(value: Any, *, exclude: tuple[str, ...] = ()) -> str:
    """Deterministic, indented JSON of an IR value; `exclude` drops top-level keys."""
    data = to_data(value)
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in exclude}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
