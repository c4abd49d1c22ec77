"""Failures answered in the spec's own error schema by a real server (tests/spring/failures).

A bad body lists every violation under the spec's property names with the moment of the failure;
a path parameter no row can have answers the documented 404 when the operation declares no 400.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import Reply, Server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def failures(
    spring_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder: Path = tmp_path_factory.mktemp("spring-failures")
    server = Server(spring_project("failures"), f"sqlite:///{folder / 'failures.db'}")
    yield server
    assert server.stop() in (0, 143)


def _fields(reply: Reply) -> list[str]:
    assert isinstance(reply.body, dict), reply.body
    return sorted(entry["field"] for entry in reply.body["details"])


def _assert_recent(timestamp: str) -> None:
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0), timestamp
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=1), timestamp


def test_a_bad_body_lists_each_violation_under_the_spec_names(failures: Server) -> None:
    bad = failures.call(
        "POST", "/owners", {"name": "", "born": "someday", "nicknames": ["Al", ""], "age": 3}
    )
    assert bad.status == 400, bad.body
    assert isinstance(bad.body, dict) and bad.body["code"] == 400
    assert _fields(bad) == ["age", "born", "name", "nicknames.1"]
    assert all(entry["message"] for entry in bad.body["details"])
    _assert_recent(bad.body["timestamp"])
    missing = failures.call("POST", "/owners", {})
    assert missing.status == 400 and _fields(missing) == ["name"]
    not_json = failures.call("POST", "/owners", raw=b"{")
    assert not_json.status == 400 and _fields(not_json) == [""]


def test_a_key_no_row_can_have_answers_the_documented_404(failures: Server) -> None:
    for key in ("abc", "0"):
        invalid = failures.call("GET", f"/owners/{key}")
        assert invalid.status == 404, (key, invalid.body)
        assert _fields(invalid) == ["ownerId"]
        _assert_recent(invalid.body["timestamp"])
    created = failures.call("POST", "/owners", {"name": "Ann", "born": "1990-02-03"})
    assert created.status == 201, created.body
    assert failures.call("GET", f"/owners/{created.body['id']}").body == created.body
    missing = failures.call("GET", f"/owners/{created.body['id'] + 1}")
    assert missing.status == 404 and missing.body["details"] == []
    _assert_recent(missing.body["timestamp"])


def test_the_torture_contract_names_violations_as_its_spec_does(
    spring_project: ProjectFactory, tmp_path: Path
) -> None:
    """`package` documents no 400: a bad key answers its 404, a bad body its `default`."""
    server = Server(spring_project("torture"), f"sqlite:///{tmp_path / 'torture.db'}")
    try:
        bad_key = server.call("GET", "/package/abc")
        assert bad_key.status == 404 and _fields(bad_key) == ["range"], bad_key.body
        _assert_recent(bad_key.body["timestamp"])
        bad_body = server.call("POST", "/package", {"date": "x", "3d_model": 5})
        assert bad_body.status == 400, bad_body.body
        assert {"date", "3d_model", "process", "returning"} <= set(_fields(bad_body))
        unicode = server.call("POST", "/order", {"größe": "not a uuid", "List": 1, "rowid": 2})
        assert unicode.status == 400 and "größe" in _fields(unicode), unicode.body
    finally:
        assert server.stop() in (0, 143)
