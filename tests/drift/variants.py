"""The clinic contract and edited copies of it, each rendered once per target (cached)."""

from __future__ import annotations

import copy
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from compiler.build import render_target
from compiler.ir import Contract
from compiler.pipeline import compile_contract
from emitters.base import GeneratedFile

ROOT = Path(__file__).resolve().parents[2]
CLINIC = ROOT / "contracts/clinic"


def _original() -> dict[str, Any]:
    return yaml.safe_load((CLINIC / "openapi.yaml").read_text(encoding="utf-8"))


def _no_vets(doc: dict[str, Any]) -> None:
    """A resource dropped: its files are no longer produced (orphans), shared files change (stale)."""
    for path in [p for p in doc["paths"] if p.startswith("/vets")]:
        del doc["paths"][path]


def _new_custom_operation(doc: dict[str, Any]) -> None:
    """A new custom operation beside `completeVisit`."""
    complete = doc["paths"]["/visits/{visitId}/complete"]
    cancel = copy.deepcopy(complete)
    cancel["post"]["operationId"] = "cancelVisit"
    cancel["post"]["summary"] = "Cancel a visit"
    doc["paths"]["/visits/{visitId}/cancel"] = cancel


EDITS = {"no-vets": _no_vets, "cancel": _new_custom_operation}


def spec_path(variant: str, folder: Path) -> Path:
    """The OpenAPI file of `variant` ("clinic" is the original), written into `folder`."""
    if variant == "clinic":
        return CLINIC / "openapi.yaml"
    doc = _original()
    EDITS[variant](doc)
    path = folder / variant / "openapi.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@cache
def contract(variant: str) -> Contract:
    """The compiled contract of `variant`; the headers name the same inputs for every variant."""
    with tempfile.TemporaryDirectory(prefix="contractc-variant-") as folder:
        spec = spec_path(variant, Path(folder))
        result = compile_contract(str(spec), [str(CLINIC / "schema.sql")])
    assert result.contract is not None, result.diagnostics
    return result.contract


@cache
def rendered(target: str, variant: str) -> tuple[GeneratedFile, ...]:
    """Every file `target` renders for `variant`."""
    return render_target(contract(variant), target)
