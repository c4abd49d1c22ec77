"""The CI rule of tests/conftest.py: under CI=true a missing prerequisite fails, it never skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CONFTEST = """
from tests.conftest import (
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_runtest_makereport,
    pytest_runtest_setup,
    pytest_runtest_teardown,
)
"""
TESTS = """
import pytest

def test_needs_a_toolchain():
    pytest.skip("the Go toolchain is not installed")

def test_does_not_apply():
    pytest.skip("not applicable: root can read any file")

@pytest.mark.skipif(True, reason="corpus absent: ../shared/corpus is not present")
def test_reads_the_corpus():
    pass

@pytest.mark.postgres
def test_needs_the_database():
    pass
"""
UNMARKED = """
import pytest
from tests.postgres import create_database

@pytest.fixture(scope="session")
def shared_database():
    return create_database("shared")

def test_served_by_a_shared_fixture(shared_database):
    pass

def test_reaches_for_the_database():
    create_database("unmarked")
"""


def _run(
    tmp_path: Path, ci: str, postgres_url: str | None, tests: str = TESTS
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_sample.py").write_text(tests)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CONTRACTC_TEST_POSTGRES_URL")}
    env.update(CI=ci, PYTHONPATH=str(ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    if postgres_url:
        env["CONTRACTC_TEST_POSTGRES_URL"] = postgres_url
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rfEs",
            "-p",
            "no:cacheprovider",
            "-c",
            "/dev/null",
            "--rootdir",
            str(tmp_path),
            "-W",
            "ignore::pytest.PytestUnknownMarkWarning",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_outside_ci_missing_prerequisites_skip_with_their_reason(tmp_path: Path) -> None:
    done = _run(tmp_path, "", None)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 3 skipped" in done.stdout
    assert "the Go toolchain is not installed" in done.stdout


def test_under_ci_a_missing_database_stops_the_run_before_any_test(tmp_path: Path) -> None:
    done = _run(tmp_path, "true", None)
    assert done.returncode == 3, done.stdout
    assert "CI=true and prerequisites are missing" in done.stdout + done.stderr
    assert "CONTRACTC_TEST_POSTGRES_URL is not set" in done.stdout + done.stderr


@pytest.mark.postgres
def test_under_ci_only_accepted_skips_stay_skips(tmp_path: Path) -> None:
    from tests.postgres import postgres_server_url

    url = postgres_server_url()
    if url is None:
        pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
    done = _run(tmp_path, "true", url)
    assert done.returncode == 1, done.stdout
    assert "1 failed, 1 passed, 2 skipped" in done.stdout
    assert "FAILED" in done.stdout and "test_needs_a_toolchain" in done.stdout
    assert "skipped under CI=true, where nothing may be missing" in done.stdout


def test_a_test_that_uses_postgres_unmarked_fails_even_without_a_server(tmp_path: Path) -> None:
    done = _run(tmp_path, "", None, UNMARKED)
    assert done.returncode == 1, done.stdout
    assert "1 passed, 1 failed" in done.stdout or "1 failed, 1 passed" in done.stdout
    assert "test_reaches_for_the_database uses PostgreSQL but is not marked `postgres`" in (
        done.stdout
    )
