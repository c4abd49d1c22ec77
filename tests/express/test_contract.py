"""`contractc test` (the shared Schemathesis suite) passes against each pair, on both databases."""

from __future__ import annotations

import re

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import contractc, fresh_postgres_database

pytestmark = pytest.mark.e2e
PAIRS = ["petstore", "clinic"]
_SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed).*?)\s*=*$", re.MULTILINE)


def _contract_test(project: str, *options: str) -> None:
    done = contractc("test", project, *options)
    summary = _SUMMARY.findall(done.stdout)
    assert done.returncode == 0, (summary, done.stdout[-6000:], done.stderr[-3000:])
    assert summary and "failed" not in summary[-1], summary


@pytest.mark.parametrize("pair", PAIRS)
def test_contract_tests_pass_on_sqlite(pair: str, express_project: ProjectFactory) -> None:
    project = express_project(pair)
    _contract_test(str(project))


@pytest.mark.parametrize("pair", PAIRS)
def test_contract_tests_pass_on_postgres(
    pair: str, express_project: ProjectFactory, postgres_url: str
) -> None:
    project = express_project(pair)
    _contract_test(str(project), "--database-url", fresh_postgres_database(postgres_url))
