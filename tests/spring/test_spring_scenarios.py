"""The shared HTTP scenarios over tests/data against the generated Spring Boot servers.

Forms: a multipart body is typed and validated before the user's handler (501 until written), and
the upload contract's suite passes. Routes: a literal path beside a templated one, 405 with the
documented Allow for a method outside HTTP's usual set, `%2F` and `%5C` decoded into the path
parameter, and what Tomcat rejects itself answered as problem+json (raw requests over a socket).
One `mvn verify` per contract per session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.form_scenario import check_form_bodies
from tests.route_scenario import check_route_precedence
from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import Server, contractc, raw_request

pytestmark = pytest.mark.e2e


def test_forms_are_validated_before_the_handler(
    spring_project: ProjectFactory, tmp_path: Path
) -> None:
    server = Server(spring_project("upload"), f"sqlite:///{tmp_path / 'upload.db'}")
    try:
        check_form_bodies(server.base_url)
    finally:
        assert server.stop() in (0, 143)


def test_upload_contract_suite_passes(spring_project: ProjectFactory, tmp_path: Path) -> None:
    project = spring_project("upload")
    done = contractc("test", str(project), "--database-url", f"sqlite:///{tmp_path / 'ct.db'}")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def routes(
    spring_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("spring-routes")
    server = Server(spring_project("routes"), f"sqlite:///{folder / 'routes.db'}")
    yield server
    assert server.stop() in (0, 143)


def test_literal_routes_win_and_unknown_methods_get_405(routes: Server) -> None:
    check_route_precedence(routes.base_url)


@pytest.mark.parametrize("separator", ["%2F", "%5C", "%5c"])
def test_encoded_separators_reach_the_path_parameter_decoded(
    routes: Server, separator: str
) -> None:
    # `slug` holds at most 80 characters: two decoded separators count one each, not three.
    fits = routes.call("GET", "/articles/" + "a" * 78 + separator * 2)
    assert fits.status == 404, fits.body
    assert fits.headers["content-type"] == "application/problem+json"
    too_long = routes.call("GET", "/articles/" + "a" * 79 + separator * 2)
    assert too_long.status == 400, too_long.body


@pytest.mark.parametrize(
    "request_line",
    [
        "GET /articles/a%zz HTTP/1.1",  # a malformed escape
        "GET /articles/a%00b HTTP/1.1",  # an encoded NUL
        "GET /articles/a{b HTTP/1.1",  # a character a request target may not hold
        "GARBAGE",  # no request line at all
    ],
)
def test_requests_tomcat_rejects_get_problem_json(routes: Server, request_line: str) -> None:
    reply = raw_request(routes.port, request_line)
    assert reply.status == 400, reply.body
    assert reply.headers["content-type"] == "application/problem+json"
    assert isinstance(reply.body, dict) and reply.body["status"] == 400
