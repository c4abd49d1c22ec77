"""Scopes of a served Express project: a credential without the scopes an operation requires gets
403, with them 2xx; operations requiring no scope still answer; bad credentials stay 401."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import running_server

pytestmark = pytest.mark.e2e
JWT_SECRET = "scopes-test-secret-0123456789abcdef"
TOKENS = "plain,reader:notes:read,writer:notes:write notes:read"


def _jwt(claims: dict[str, object]) -> str:
    """An HS256 JWT of `claims`, signed with JWT_SECRET."""

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signed = part(b'{"alg":"HS256","typ":"JWT"}') + "." + part(json.dumps(claims).encode())
    digest = hmac.new(JWT_SECRET.encode(), signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{part(digest)}"


@pytest.fixture(scope="module")
def base(
    express_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    database = tmp_path_factory.mktemp("scopes") / "notes.db"
    env = {
        "DATABASE_URL": f"sqlite://{database}",
        "AUTH_TOKENS": TOKENS,
        "AUTH_JWT_SECRET": JWT_SECRET,
    }
    with running_server(express_project("notes"), env) as url:
        yield url


def _call(method: str, url: str, token: str, body: object = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_a_token_without_the_scope_is_forbidden_with_the_documented_body(base: str) -> None:
    for token in ("plain", "reader", _jwt({"sub": "ann", "scope": "notes:read"})):
        status, body = _call("POST", f"{base}/notes", token, {"text": "hello"})
        assert status == 403, (token, body)
        assert isinstance(body, dict) and body["code"] == 403, body  # the spec's Problem


def test_a_token_holding_the_scope_is_served(base: str) -> None:
    tokens = [
        "writer",
        _jwt({"sub": "ann", "scope": "notes:read notes:write"}),
        _jwt({"sub": "ann", "scp": "notes:write"}),
        _jwt({"sub": "ann", "scp": ["notes:write"]}),
        _jwt({"sub": "ann", "scopes": ["notes:write"]}),
        _jwt({"sub": "ann", "roles": ["notes:write"]}),
    ]
    for token in tokens:
        status, note = _call("POST", f"{base}/notes", token, {"text": "hello"})
        assert status == 201, (token, note)
    assert isinstance(note, dict)
    assert _call("GET", f"{base}/notes/{note['id']}", "reader")[0] == 200
    status, body = _call("GET", f"{base}/notes/{note['id']}", "plain")
    assert status == 403, body  # undocumented 403: problem details


def test_an_operation_requiring_no_scope_serves_any_valid_credential(base: str) -> None:
    for token in ("plain", _jwt({"sub": "ann"})):
        status, notes = _call("GET", f"{base}/notes", token)
        assert status == 200 and isinstance(notes, list), (token, notes)


def test_bad_credentials_stay_unauthenticated(base: str) -> None:
    forged = _jwt({"sub": "ann", "scope": "notes:write"})[:-2] + "xx"
    for token in ("nobody", forged, "writer:notes:write"):
        status, body = _call("POST", f"{base}/notes", token, {"text": "hello"})
        assert status == 401, (token, body)
