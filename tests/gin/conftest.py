"""Fixtures for the Gin target: compiled example contracts and their rendered projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compiler.build import inputs_label
from compiler.ir import Contract
from compiler.pipeline import compile_contract
from emitters.base import GeneratedFile
from emitters.gin import GinEmitter

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
PAIRS = ("petstore", "clinic")


def compiled(name: str) -> Contract:
    result = compile_contract(
        str(CONTRACTS / name / "openapi.yaml"), [str(CONTRACTS / name / "schema.sql")]
    )
    assert result.contract is not None, result.diagnostics
    return result.contract


def render(contract: Contract) -> tuple[GeneratedFile, ...]:
    return GinEmitter().render(contract, inputs_label(contract))


def write(files: tuple[GeneratedFile, ...], out: Path) -> Path:
    for f in files:
        path = out / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f.content, encoding="utf-8")
    return out


@pytest.fixture(scope="session", params=PAIRS)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rendered project, written once per session."""
    if shutil.which("go") is None:
        pytest.skip("the Go toolchain is not installed")
    contract = compiled(request.param)
    out = tmp_path_factory.mktemp(f"gin-{request.param}")
    return write(render(contract), out)
