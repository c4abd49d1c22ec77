"""`contractc test` (the shared Schemathesis suite) passes against each pair, on both databases."""

from __future__ import annotations

import re

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import contractc
from tests.pairs import CLEAN_PAIRS

pytestmark = pytest.mark.e2e
_SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed).*?)\s*=*$", re.MULTILINE)


def _contract_test(project: str, *options: str) -> None:
    done = contractc("test", project, *options)
    summary = _SUMMARY.findall(done.stdout)
    assert done.returncode == 0, (summary, done.stdout[-6000:], done.stderr[-3000:])
    assert summary and "failed" not in summary[-1], summary


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_contract_tests_pass_on_sqlite(pair: str, express_project: ProjectFactory) -> None:
    _contract_test(str(express_project(pair)))


@pytest.mark.postgres
@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_contract_tests_pass_on_postgres(
    pair: str, express_project: ProjectFactory, postgres_database: str
) -> None:
    _contract_test(str(express_project(pair)), "--database-url", postgres_database)
