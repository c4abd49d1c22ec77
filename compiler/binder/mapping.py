"""The mapping file (`--map`): user overrides of the binder's choices, in YAML.

```yaml
operations:            # by operationId (the spec's, or the derived one)
  listPets: {table: pets}
  petStats: {kind: custom}
  getOwnerPet:
    table: pets
    kind: read
    params: {ownerSlug: slug, petName: name}   # path parameter -> the key column it names
    parents: {ownerSlug: owners}               # path parameter -> the parent table it keys
schemas:               # by components.schemas name
  PetType:
    table: pet_types
    properties: {label: type_name}
tables:                # by table name
  pets: {server_filled: [owner_id]}
```
See docs/mapping.md.
"""

from __future__ import annotations

from typing import Any

import yaml

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.api import OperationKind

KINDS = tuple(k.value for k in OperationKind)
_SECTIONS = ("operations", "schemas", "tables")


def load_mapping(path: str, sink: DiagnosticSink) -> dict[str, Any] | None:
    """Read and check a mapping file; problems become CC006 and give None."""
    location = Location(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except OSError as exc:
        sink.error("CC006", f"cannot read mapping file: {exc.strerror}", location)
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(path, mark.line + 1, mark.column + 1) if mark is not None else location
        sink.error(
            "CC006", f"mapping file is not valid YAML: {getattr(exc, 'problem', exc)}", where
        )
        return None
    problems = mapping_problems(raw if raw is not None else {})
    for problem in problems:
        sink.error("CC006", problem, location, hint="see docs/mapping.md for the format")
    return None if problems else (raw or {})


def mapping_problems(raw: Any) -> list[str]:
    """What is wrong with the structure of a mapping document (empty when it is well formed)."""
    if not isinstance(raw, dict):
        return ["mapping file must be a mapping with `operations`, `schemas` and/or `tables`"]
    problems = [f"unknown top-level key `{k}`" for k in raw if k not in _SECTIONS]
    problems += _section_problems(
        raw.get("operations"), "operations", {"table", "kind", "params", "parents"}
    )
    problems += _section_problems(raw.get("schemas"), "schemas", {"table", "properties"})
    problems += _section_problems(raw.get("tables"), "tables", {"server_filled"})
    for op_id, entry in _entries(raw.get("operations")):
        kind = entry.get("kind")
        if kind is not None and kind not in KINDS:
            problems.append(f"operations.{op_id}.kind must be one of {', '.join(KINDS)}")
        for key, what in (("params", "column"), ("parents", "table")):
            if not _names_map(entry.get(key, {})):
                problems.append(
                    f"operations.{op_id}.{key} must map path parameter names to {what} names"
                )
    for name, entry in _entries(raw.get("schemas")):
        if not _names_map(entry.get("properties", {})):
            problems.append(f"schemas.{name}.properties must map property names to column names")
    for name, entry in _entries(raw.get("tables")):
        filled = entry.get("server_filled", [])
        if not isinstance(filled, list) or not all(isinstance(c, str) for c in filled):
            problems.append(f"tables.{name}.server_filled must be a list of column names")
    return problems


def _names_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _section_problems(section: Any, name: str, keys: set[str]) -> list[str]:
    if section is None:
        return []
    if not isinstance(section, dict):
        return [f"`{name}` must be a mapping"]
    problems = []
    for entry_name, entry in section.items():
        if not isinstance(entry, dict):
            problems.append(f"{name}.{entry_name} must be a mapping")
            continue
        problems += [f"{name}.{entry_name}: unknown key `{k}`" for k in entry if k not in keys]
        if "table" in entry and not isinstance(entry["table"], str):
            problems.append(f"{name}.{entry_name}.table must be a table name")
    return problems


def _entries(section: Any) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(section, dict):
        return []
    return [(str(k), v) for k, v in section.items() if isinstance(v, dict)]
