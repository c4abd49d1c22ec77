"""Failure bodies of a running server fill the spec's own error schema: violations listed under the
spec's property names, the moment of the failure, and a bad path parameter answered as not found
when the operation documents no 400/422."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import running_server
from tests.express.test_e2e import call

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def gadgets(
    express_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The gadgets server on a fresh SQLite file."""
    database = tmp_path_factory.mktemp("gadgets") / "gadgets.db"
    with running_server(
        express_project("gadgets"), {"DATABASE_URL": f"sqlite://{database}"}
    ) as base:
        yield base


def _recent(timestamp: str) -> bool:
    """An RFC 3339 date-time in UTC, within the last minute."""
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return moment.utcoffset() == timedelta(0) and (datetime.now(UTC) - moment) < timedelta(
        minutes=1
    )


def test_a_bad_body_lists_every_violation_under_the_spec_names(gadgets: str) -> None:
    body = {"name": "", "size": "big", "parts": [{"label": "ok"}, {"label": ""}, {}], "extra": 1}
    status, headers, answer = call("POST", f"{gadgets}/gadgets", body, auth=False)
    assert status == 400 and headers["Content-Type"].startswith("application/json"), answer
    assert isinstance(answer, dict) and answer["code"] == 400
    assert _recent(answer["timestamp"]), answer["timestamp"]
    fields = sorted(entry["field"] for entry in answer["details"])
    assert fields == ["extra", "name", "parts.1.label", "parts.2.label", "size"], answer
    assert all(entry["message"] for entry in answer["details"])


def test_an_unreadable_body_is_one_violation_of_the_whole_body(gadgets: str) -> None:
    status, _, answer = call("POST", f"{gadgets}/gadgets", raw=b"{nope", auth=False)
    assert status == 400 and isinstance(answer, dict)
    assert [entry["field"] for entry in answer["details"]] == [""], answer


def test_a_bad_path_parameter_answers_the_documented_404(gadgets: str) -> None:
    status, _, answer = call("GET", f"{gadgets}/gadgets/abc", auth=False)
    assert status == 404 and isinstance(answer, dict), answer
    assert answer["code"] == 404 and _recent(answer["timestamp"])
    assert [entry["field"] for entry in answer["details"]] == ["gadgetId"], answer
    # an escape that does not decode is a value like any other, not a router failure (500)
    status, _, answer = call("GET", f"{gadgets}/gadgets/%zz", auth=False)
    assert status == 404 and isinstance(answer, dict), answer
    assert [entry["field"] for entry in answer["details"]] == ["gadgetId"], answer


def test_a_failure_without_violations_lists_none(gadgets: str) -> None:
    created = call("POST", f"{gadgets}/gadgets", {"name": "lamp", "parts": [{"label": "bulb"}]})
    assert created[0] == 201, created
    assert call("GET", f"{gadgets}/gadgets/{created[2]['id']}", auth=False)[0] == 200
    status, _, answer = call("GET", f"{gadgets}/gadgets/{created[2]['id'] + 1000}", auth=False)
    assert status == 404 and isinstance(answer, dict)
    assert answer["details"] == [] and _recent(answer["timestamp"])
