"""The contract-test spec states `type: [T, "null"]` as an `anyOf`, which Schemathesis reads fully."""

from __future__ import annotations

import json
from typing import Any

from compiler.pipeline import compile_contract
from emitters.contract_tests.spec import contract_spec
from tests.pairs import pair_files


def _schemas_with(spec: Any, key: str) -> list[dict[str, Any]]:
    found = []
    if isinstance(spec, dict):
        if key in spec:
            found.append(spec)
        for value in spec.values():
            found += _schemas_with(value, key)
    elif isinstance(spec, list):
        for value in spec:
            found += _schemas_with(value, key)
    return found


def test_nullable_type_lists_become_any_of_keeping_their_keywords() -> None:
    spec_path, schema_path = pair_files("torture")
    result = compile_contract(str(spec_path), [str(schema_path)])
    assert result.contract is not None
    spec = contract_spec(result.contract)
    lists = [s for s in _schemas_with(spec, "type") if isinstance(s["type"], list)]
    assert lists and all(len(s) == 1 for s in lists)  # a bare type list loses nothing
    row = spec["components"]["schemas"]["Object"]["properties"]
    assert row["ctx"] == {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]}
    original = json.loads(result.contract.bundled_spec)["components"]["schemas"]["Object"]
    assert original["properties"]["ctx"]["type"] == ["string", "null"]
