"""`contractc test` (the shared Schemathesis suite) passes for every pair, on SQLite and PostgreSQL.

Each run starts the generated server and fuzzes it for up to a minute, so the first test that needs
one starts every run the collected tests ask for, two at a time, and each test waits for its own.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from emitters.gin import GinEmitter
from tests.gin.conftest import CONTRACT_RUN_PROPERTY, ProjectFactory, contractc
from tests.pairs import CLEAN_PAIRS
from tests.run_result import RunResult

pytestmark = pytest.mark.e2e

PARALLEL_RUNS = 2
DATABASES = ("postgres", "sqlite")  # PostgreSQL runs are the longer ones: they start first
RUNS = tuple((pair, database) for pair in CLEAN_PAIRS for database in DATABASES)


@pytest.fixture(scope="session")
def contract_runs(
    request: pytest.FixtureRequest,
    gin_project: ProjectFactory,
    fresh_postgres_database: Callable[[str], str | None],
) -> Iterator[dict[tuple[str, str], Future[RunResult]]]:
    """Futures of the runs some collected test asks for; PostgreSQL runs only when it is configured."""
    wanted = [run for run in RUNS if run in _requested(request.session.items)]
    options: dict[tuple[str, str], tuple[str, ...]] = {}
    for pair, database in wanted:
        if database == "sqlite":
            options[pair, database] = ()
        elif url := fresh_postgres_database(f"gin_{pair}"):
            options[pair, database] = ("--database-url", url)
    for pair in {pair for pair, _ in options}:
        _build_binary(gin_project(pair))  # once, here, so parallel runs of a pair only reuse it
    with ThreadPoolExecutor(max_workers=PARALLEL_RUNS, thread_name_prefix="gin-contract") as pool:
        futures = {
            run: pool.submit(_contract_test, str(gin_project(run[0])), *run_options)
            for run, run_options in options.items()
        }
        yield futures
        for future in futures.values():
            future.cancel()


def _requested(items: list[pytest.Item]) -> set[tuple[str, str]]:
    return {
        (str(item.callspec.params["pair"]), str(item.callspec.params["database"]))
        for item in items
        if isinstance(item, pytest.Function)
        and item.module is not None
        and item.module.__name__ == __name__
    }


def _build_binary(project_dir: Path) -> None:
    for command in GinEmitter().runtime().build:
        done = subprocess.run(
            list(command), cwd=project_dir, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]


def _contract_test(project_dir: str, *options: str) -> RunResult:
    started = time.monotonic()
    done = contractc("test", project_dir, *options)
    return RunResult(done.returncode, done.stdout + done.stderr, time.monotonic() - started)


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_contract_suite_passes(
    pair: str,
    database: str,
    contract_runs: dict[tuple[str, str], Future[RunResult]],
    request: pytest.FixtureRequest,
) -> None:
    if (pair, database) not in contract_runs:
        pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
    result = contract_runs[pair, database].result()
    outcome = f"exit {result.returncode}, {result.summary} ({result.seconds:.0f} s wall)"
    request.node.user_properties.append((CONTRACT_RUN_PROPERTY, outcome))
    assert result.returncode == 0, (result.summary, result.output[-6000:])
    assert " passed" in result.summary and "failed" not in result.summary, result.summary
