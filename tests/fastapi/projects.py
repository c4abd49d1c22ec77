"""Helpers for the FastAPI emitter tests: contracts to render, writing a render to disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.build import inputs_label
from compiler.ir import Contract
from emitters.base import GeneratedFile
from emitters.fastapi import FastAPIEmitter
from tests.fastapi.handmade import CONTRACT as HANDMADE
from tests.pairs import CLEAN_PAIRS, CONTRACTS

NAMES = ("handmade", *CLEAN_PAIRS)  # the hand-built IR and every clean example pair


def contract_for(name: str) -> Contract:
    """The hand-built IR, or a pair from contracts/ compiled by the real front end."""
    if name == "handmade":
        return HANDMADE
    from compiler.pipeline import compile_contract

    folder = CONTRACTS / name
    result = compile_contract(str(folder / "openapi.yaml"), [str(folder / "schema.sql")])
    if result.contract is None:
        pytest.fail(f"{name} does not compile: {[d.message for d in result.diagnostics][:3]}")
    return result.contract


def render(contract: Contract) -> tuple[GeneratedFile, ...]:
    return FastAPIEmitter().render(contract, inputs_label(contract))


def write(files: tuple[GeneratedFile, ...], out: Path) -> Path:
    for file in files:
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.content, encoding="utf-8")
        if file.executable:
            target.chmod(0o755)
    return out
