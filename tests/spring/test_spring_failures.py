"""Failures answered in the spec's own error schema by a real server (tests/spring/failures).

A bad body lists every violation under the spec's property names with the moment of the failure;
a path parameter no row can have answers the documented 404 when the operation declares no 400.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from compiler.ir import (
    Contract,
    FailureClass,
    Operation,
    OperationKind,
    ParamLocation,
    ParamRole,
    Property,
)
from compiler.openapi.shapes import resolve_model
from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import Reply, Server, compile_pair

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


def _hostile_creates(contract: Contract) -> list[tuple[Operation, list[Property]]]:
    """Each public, top-level create of the torture contract with its writable properties."""
    models = {m.name: m for m in contract.api.models}
    out = []
    for op in contract.api.operations:
        top_level = not op.params(ParamRole.PARENT_KEY)
        if op.kind is OperationKind.CREATE and top_level and not op.security and op.request:
            assert op.request.shape is not None
            shape = resolve_model(op.request.shape, models)
            writable = [p for p in shape.properties if not resolve_model(p.shape, models).read_only]
            out.append((op, writable))
    return out


def test_the_torture_contract_names_violations_as_its_spec_does(
    spring_project: ProjectFactory, tmp_path: Path
) -> None:
    """A resource without 400 answers a bad key with its 404 and a bad body with `default`;
    digit-initial and non-ASCII properties are listed exactly as the spec spells them."""
    contract = compile_pair("torture")
    creates = _hostile_creates(contract)
    no_400 = next(
        op
        for op in contract.api.operations
        if (error := op.error(FailureClass.INVALID_PATH)) is not None and error.status == 404
    )
    (key,) = [p.name for p in no_400.parameters if p.location is ParamLocation.PATH]
    hostile = [
        (op, p.name)
        for op, properties in creates
        for p in properties
        if not p.name.isascii() or p.name[0].isdigit()
    ]
    assert hostile
    server = Server(spring_project("torture"), f"sqlite:///{tmp_path / 'torture.db'}")
    try:
        bad_key = server.call("GET", no_400.path.replace("{" + key + "}", "abc"))
        assert bad_key.status == 404 and _fields(bad_key) == [key], bad_key.body
        _assert_recent(bad_key.body["timestamp"])
        for op, properties in creates:
            missing = server.call("POST", op.path, {})
            required = sorted(p.name for p in properties if p.required)
            assert missing.status == op.error(FailureClass.INVALID).status, missing.body
            assert _fields(missing) == required, op.path
        for op, name in hostile:
            wrong = server.call("POST", op.path, {name: {"not": "a scalar"}})
            assert name in _fields(wrong), (name, wrong.body)
    finally:
        assert server.stop() in (0, 143)
