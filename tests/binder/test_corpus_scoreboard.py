"""The corpus scoreboard as tests: real pairs bound as a person would, judged by tests/corpus_expectations.

Fails when a wrong binding or an RPC route bound as CRUD appears, when the bound share of the
CRUD-shaped operations falls below what was reached, or when an error finding appears that the
pair's expectations do not list as genuine. Skips cleanly when ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scoreboard import CORPUS, Expectation, Score, expectations, fixed_copy, score
from tests.contractc_cli import run_contractc

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent"),
]

# The share of CRUD-shaped operations bound over all pairs, as reached (the goal is 0.90).
BOUND_SHARE_REACHED = 0.97  # reached: 219 of 224 (97.8 %)
EXPECTATIONS = expectations() if CORPUS.is_dir() else []
_SCORES: dict[str, Score] = {}


def _score(expectation: Expectation) -> Score:
    if expectation.pair not in _SCORES:
        _SCORES[expectation.pair] = score(expectation)
    return _SCORES[expectation.pair]


def test_every_pair_has_an_expectations_file() -> None:
    pairs = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert pairs <= {e.pair for e in EXPECTATIONS}


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_no_wrong_binding(expectation: Expectation) -> None:
    result = _score(expectation)
    assert result.wrong == []


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_no_rpc_route_bound_as_crud(expectation: Expectation) -> None:
    result = _score(expectation)
    assert result.rpc_as_crud == []


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_every_judged_operation_exists(expectation: Expectation) -> None:
    """An expectation naming an operation the spec lacks is a stale judgement."""
    result = _score(expectation)
    assert result.operations > 0
    assert set(expectation.crud) | set(expectation.either) <= result.operation_ids


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_no_false_error(expectation: Expectation) -> None:
    result = _score(expectation)
    assert result.false_errors == []


def test_bound_share_of_crud_shaped_operations() -> None:
    scores = [_score(e) for e in EXPECTATIONS]
    bound = sum(s.crud_bound for s in scores)
    shaped = sum(s.crud_shaped for s in scores)
    assert shaped > 0
    assert bound / shaped >= BOUND_SHARE_REACHED


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.pair)
def test_pair_builds_once_its_genuine_findings_are_fixed_or_downgraded(
    expectation: Expectation, tmp_path: Path
) -> None:
    """What a user does with a real pair: fix what cannot be downgraded (in a copy), downgrade the
    other genuine findings, then build every target."""
    inputs = fixed_copy(expectation, tmp_path / "pair")
    done = run_contractc("build", *inputs, "--target", "all", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert built == ["express", "fastapi", "gin", "spring"]
