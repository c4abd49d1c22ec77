"""Shared test configuration: the real-world corpus (skipped cleanly when absent) and the CI rule
that end-to-end and database tests never pass by skipping (see tests/prerequisites.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import postgres
from tests.postgres import create_database
from tests.prerequisites import in_ci, missing_prerequisites, skip_is_accepted, skip_reason

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder (../shared/corpus beside the checkout); skips the test when absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent: {CORPUS} not found")
    return CORPUS


@pytest.fixture(scope="session")
def fresh_postgres_database() -> Callable[[str], str | None]:
    """`create(prefix)`: an empty database of its own on the test server, or None without one."""
    return create_database


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under CI, stop before the first test when what the selected tests need is missing."""
    if not in_ci():
        return
    missing = missing_prerequisites(
        end_to_end=any(item.get_closest_marker("e2e") for item in items),
        database=any(item.get_closest_marker("postgres") for item in items),
    )
    if missing:
        lines = "\n  ".join(missing)
        pytest.exit(f"CI=true and prerequisites are missing:\n  {lines}", returncode=3)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # noqa: ARG001
    """Under CI, a skip that is not an accepted one (not applicable, corpus absent) fails."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = skip_reason(report.longrepr)
        if not skip_is_accepted(reason):
            report.outcome = "failed"
            report.longrepr = f"skipped under CI=true, where nothing may be missing: {reason}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    postgres.current_test = item


class _SharedFixtureSetup:
    """Counts the module- and session-scoped fixtures being set up (see tests/postgres.py).

    A plugin rather than a conftest hook: session fixtures are set up through the session's
    hooks, which a conftest below the root folder does not take part in.
    """

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[object]):
        shared = fixturedef.scope != "function"
        postgres.shared_fixtures_in_setup += shared
        try:
            yield
        finally:
            postgres.shared_fixtures_in_setup -= shared


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_SharedFixtureSetup(), "contractc-shared-fixture-setup")


def pytest_runtest_teardown(item: pytest.Item) -> None:  # noqa: ARG001
    postgres.current_test = None
