"""A schema as plain JSON data and back: what an output folder remembers of the last build.

The snapshot leaves out source locations (they change with every edit that changes nothing);
reading it back restores every other field exactly, seed rows included (the migrations insert
the rows a later schema adds). Snapshots written before seed rows were recorded have no `seeds`
key (`records_seeds` tells them apart).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from compiler.diagnostics import Location
from compiler.ir.database import Database
from compiler.ir.serialize import to_data

_NOWHERE = Location("<previous build>")


def to_snapshot(database: Database) -> dict[str, Any]:
    """The schema of `database` as JSON data."""
    data: dict[str, Any] = _without_locations(to_data(database))
    data.setdefault("seeds", [])  # present even when empty: see records_seeds
    return data


def records_seeds(data: dict[str, Any]) -> bool:
    """Whether a snapshot records its seed rows (older ones do not)."""
    return "seeds" in data


def from_snapshot(data: dict[str, Any]) -> Database:
    """The schema a snapshot records (raises ValueError, KeyError or TypeError when malformed)."""
    value = _build(Database, data)
    assert isinstance(value, Database)
    return value


def _without_locations(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_locations(v) for k, v in data.items() if k != "location"}
    if isinstance(data, list):
        return [_without_locations(v) for v in data]
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, data: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(typing.get_args(hint), data)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in data)
        return tuple(_build(arg, item) for arg, item in zip(args, data, strict=True))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise TypeError(f"{hint.__name__}: expected an object, got {data!r}")
        fields = {f.name for f in dataclasses.fields(hint)}
        values = {k: _build(_hints(hint)[k], v) for k, v in data.items() if k in fields}
        if "location" in fields:
            values.setdefault("location", _NOWHERE)
        return hint(**values)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint in (str, int, float, bool) and not isinstance(data, hint):
        raise TypeError(f"expected {hint.__name__}, got {data!r}")
    return data


def _union(options: tuple[Any, ...], data: Any) -> Any:
    if data is None and type(None) in options:
        return None
    for option in options:
        if option is type(None):
            continue
        if isinstance(data, dict) == (
            isinstance(option, type) and dataclasses.is_dataclass(option)
        ):
            try:
                return _build(option, data)
            except (TypeError, ValueError, KeyError):
                continue
    raise TypeError(f"no type of {options} fits {data!r}")
