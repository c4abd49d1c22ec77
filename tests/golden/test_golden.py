"""Golden diagnostics and IR for every example pair: any change in what the compiler decides shows here.

Refresh after an intended change with `CONTRACTC_UPDATE_GOLDEN=1 python -m pytest tests/golden`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compiler.ir.serialize import to_json
from compiler.pipeline import compile_contract
from compiler.report import render_text

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "contracts"
GOLDEN = Path(__file__).parent / "expected"
PAIRS = sorted(p.name for p in CONTRACTS.iterdir() if (p / "openapi.yaml").exists())


def compile_pair(name: str):
    pair = CONTRACTS / name
    sql = sorted(str(p.relative_to(ROOT)) for p in pair.glob("*.sql"))
    return compile_contract(str((pair / "openapi.yaml").relative_to(ROOT)), sql)


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CONTRACTC_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with CONTRACTC_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("pair", PAIRS)
def test_diagnostics_match_golden(pair: str) -> None:
    assert_golden(f"{pair}/diagnostics.txt", render_text(compile_pair(pair).diagnostics))


# The torture pair's IR (1.8 MB) is no example to read; its generator and every target test it.
@pytest.mark.parametrize("pair", [p for p in PAIRS if p not in ("defects", "torture")])
def test_ir_matches_golden(pair: str) -> None:
    result = compile_pair(pair)
    assert result.contract is not None
    assert_golden(f"{pair}/ir.json", to_json(result.contract, exclude=("bundled_spec", "migrations")))


def test_defects_pair_reports_every_expected_code() -> None:
    expected = {
        "CC101",
        "CC102",
        "CC103",
        "CC104",
        "CC105",
        "CC106",
        "CC108",
        "CC109",
        "CC110",
        "CC303",
    }
    assert {d.code for d in compile_pair("defects").diagnostics} == expected


@pytest.mark.parametrize("pair", PAIRS)
def test_compiling_twice_gives_identical_ir(pair: str) -> None:
    first, second = compile_pair(pair), compile_pair(pair)
    assert first.diagnostics == second.diagnostics
    if first.contract is not None:
        assert to_json(first.contract) == to_json(second.contract)
