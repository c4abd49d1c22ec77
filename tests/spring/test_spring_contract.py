"""`contractc test` (the shared Schemathesis suite) passes against each pair, on both databases.

Reuses the session's jars: the runtime's `mvn package` finds nothing to rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.pairs import CLEAN_PAIRS
from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import contractc

pytestmark = pytest.mark.e2e
_SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed).*)$", re.MULTILINE)


def _contract_test(project: Path, *options: str) -> None:
    jar = project / "target" / "app.jar"
    built_at = jar.stat().st_mtime_ns
    done = contractc("test", str(project), *options)
    summary = _SUMMARY.findall(done.stdout)
    assert done.returncode == 0, (summary, done.stdout[-6000:], done.stderr[-3000:])
    assert summary and "failed" not in summary[-1], summary
    assert jar.stat().st_mtime_ns == built_at, "contractc test rebuilt an up-to-date jar"


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_contract_tests_pass_on_sqlite(
    pair: str, spring_project: ProjectFactory, tmp_path: Path
) -> None:
    _contract_test(spring_project(pair), "--database-url", f"sqlite:///{tmp_path / 'contract.db'}")


@pytest.mark.postgres
@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_contract_tests_pass_on_postgres(
    pair: str,
    spring_project: ProjectFactory,
    fresh_postgres_database: Callable[[str], str | None],
) -> None:
    url = fresh_postgres_database(f"spring_contract_{pair}")
    if url is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")
    _contract_test(spring_project(pair), "--database-url", url)
