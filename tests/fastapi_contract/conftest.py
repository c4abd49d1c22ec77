"""Session fixtures: one build per pair, and every planned run executed two at a time.

Runs are slow (a server start plus a Schemathesis suite each), so the first test that needs one
starts all runs the collected tests need on a two-thread pool; each test then waits for its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.fastapi_contract.plan import PLANNED, Planned
from tests.fastapi_contract.runs import POSTGRES_ENV, build
from tests.run_result import RunResult

PARALLEL_RUNS = 2
FINISHED: dict[str, RunResult] = {}  # for the terminal summary


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`builds(pair)`: the pair built once per session with `contractc build --target fastapi`."""
    done: dict[str, Path] = {}

    def get(pair: str) -> Path:
        if pair not in done:
            done[pair] = build(pair, tmp_path_factory.mktemp(f"build-{pair}") / "out")
        return done[pair]

    return get


@pytest.fixture(scope="session")
def runs(
    request: pytest.FixtureRequest,
    builds: Callable[[str], Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Future[RunResult]]]:
    """Futures of every planned run some collected test asks for (by its `run` parameter)."""
    wanted = [
        name
        for name in PLANNED
        if any(_run_param(item) == name for item in request.session.items)
        and (PLANNED[name].database != "postgres" or os.environ.get(POSTGRES_ENV))
    ]
    for name in wanted:
        builds(PLANNED[name].pair)  # build in the main thread, before anything runs
    with ThreadPoolExecutor(max_workers=PARALLEL_RUNS, thread_name_prefix="contract-run") as pool:
        futures = {
            name: pool.submit(_execute, name, PLANNED[name], builds, tmp_path_factory.mktemp(name))
            for name in wanted
        }
        yield futures
        for future in futures.values():
            future.cancel()


def _run_param(item: pytest.Item) -> object:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("run") if callspec is not None else None


def _execute(
    name: str, planned: Planned, builds: Callable[[str], Path], workdir: Path
) -> RunResult:
    result = planned.execute(builds(planned.pair), workdir)
    FINISHED[name] = result
    return result


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per finished run: exit code, wall time, the suite's own summary."""
    if FINISHED:
        terminalreporter.section("FastAPI end-to-end runs")
        for name, result in FINISHED.items():
            terminalreporter.write_line(
                f"{name}: exit {result.returncode} in {result.seconds:.0f} s - {result.summary}"
            )


@pytest.fixture
def run_result(run: str, runs: dict[str, Future[RunResult]]) -> RunResult:
    """The finished result of this test's run; skips PostgreSQL runs without a server."""
    if PLANNED[run].database == "postgres" and not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"{POSTGRES_ENV} is not set")
    return runs[run].result()
