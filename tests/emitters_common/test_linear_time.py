"""No emitter may be worse than linear in the number of schemas and operations.

A synthetic spec (N component schemas referring to each other, constrained properties, a shared
error schema, 2N operations) is rendered at 1x and 4x size; each target's CPU time at 4x must stay
within 5x its time at 1x (best of a few runs, so a busy machine does not fail it). A quadratic step
(a name lookup over every schema per schema, say) makes that ratio about 16.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from compiler.build import render_target
from compiler.ir import Contract
from compiler.pipeline import compile_contract
from compiler.targets import available_targets
from emitters.contract_tests import render_contract_tests

SMALL, LARGE = 60, 240
CHAIN = 6  # each widget refers to the first of its group of six
RUNS = 2
BOUND = 5.0


def synthetic_spec(size: int) -> dict[str, object]:
    """`size` schemas referring to each other, and a list + create operation for each."""
    schemas: dict[str, object] = {
        "Error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
        }
    }
    paths: dict[str, object] = {}
    error = {"description": "failed", "content": _json({"$ref": "#/components/schemas/Error"})}
    for i in range(size):
        name = f"Widget{i}"
        schemas[name] = {
            "type": "object",
            "required": ["id", "label"],
            "properties": {
                "id": {"type": "integer", "format": "int64", "readOnly": True},
                "label": {"type": "string", "maxLength": 40 + i, "pattern": "^[a-z]+$"},
                "weight": {"type": "number", "minimum": 0, "maximum": 100 + i},
                "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "next": {"$ref": f"#/components/schemas/Widget{i - i % CHAIN}"},
                **{
                    f"code{k}": {"type": "string", "minLength": k, "maxLength": 8 + i}
                    for k in range(4)
                },
            },
        }
        ref = {"$ref": f"#/components/schemas/{name}"}
        paths[f"/widgets{i}"] = {
            "get": {
                "operationId": f"listWidgets{i}",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "maximum": i + 10},
                    }
                ],
                "responses": {
                    "200": {"description": "ok", "content": _json({"type": "array", "items": ref})},
                    "400": error,
                },
            },
            "post": {
                "operationId": f"createWidget{i}",
                "requestBody": {"required": True, "content": _json(ref)},
                "responses": {"201": {"description": "made", "content": _json(ref)}, "400": error},
            },
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Widgets", "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _json(schema: dict[str, object]) -> dict[str, object]:
    return {"application/json": {"schema": schema}}


def compile_synthetic(tmp_path: Path, size: int) -> Contract:
    spec = tmp_path / f"widgets-{size}.json"
    spec.write_text(json.dumps(synthetic_spec(size)), encoding="utf-8")
    result = compile_contract(str(spec))
    assert result.contract is not None, [d.message for d in result.diagnostics if d.is_error]
    assert len(result.contract.api.operations) == 2 * size
    return result.contract


def cpu_seconds(render: object, contract: Contract) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        render(contract)  # type: ignore[operator]
        best = min(best, time.process_time() - started)
    return best


@pytest.fixture(scope="module")
def contracts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Contract, Contract]:
    tmp = tmp_path_factory.mktemp("linear")
    return compile_synthetic(tmp, SMALL), compile_synthetic(tmp, LARGE)


def _renderers() -> dict[str, object]:
    out: dict[str, object] = {"contract-tests": render_contract_tests}
    for target in available_targets():
        out[target] = lambda contract, target=target: render_target(contract, target)
    return out


@pytest.mark.parametrize("name", sorted(_renderers()))
def test_render_time_grows_linearly(name: str, contracts: tuple[Contract, Contract]) -> None:
    render = _renderers()[name]
    small, large = contracts
    render(small)  # type: ignore[operator]  # warm-up: imports, template compilation
    ratio = cpu_seconds(render, large) / cpu_seconds(render, small)
    assert ratio <= BOUND, f"{name}: {LARGE // SMALL}x the spec took {ratio:.1f}x the CPU time"
