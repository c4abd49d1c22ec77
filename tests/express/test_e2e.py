"""Build the generated Express project, run its checks and own tests, and talk HTTP to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import fresh_postgres_database

pytestmark = pytest.mark.e2e
TOKEN = "e2e-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, express_project: ProjectFactory, tmp_path: Path
) -> Iterator[str]:
    """The clinic server on a free port, on a fresh SQLite file or PostgreSQL database."""
    if request.param == "postgres":
        url = os.environ.get("CONTRACTC_TEST_POSTGRES_URL")
        if not url:
            pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
        database_url = fresh_postgres_database(url)
    else:
        database_url = f"sqlite://{tmp_path / 'e2e.db'}"
    project = express_project("clinic")
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "AUTH_TOKENS": TOKEN,
        "LOG_LEVEL": "warn",
        "DATABASE_URL": database_url,
    }
    process = subprocess.Popen(["node", "dist/server.js"], cwd=project, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/readyz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    assert process.wait(timeout=15) == 0


def call(
    method: str, url: str, body: object | None = None, auth: bool = True, raw: bytes | None = None
) -> tuple[int, dict[str, str], object]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header("Authorization", f"Bearer {TOKEN}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return response.status, dict(response.headers), json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read()
        return error.code, dict(error.headers), json.loads(text) if text else None


def test_crud_and_failures_over_http(server: str) -> None:
    api = f"{server}/api/v1"
    status, headers, owner = call(
        "POST",
        f"{api}/owners",
        {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"},
    )
    assert status == 201 and isinstance(owner, dict)
    assert headers["Location"].endswith(f"/owners/{owner['id']}")
    assert call("GET", f"{api}/owners/{owner['id']}")[0] == 200
    assert (
        call("PATCH", f"{api}/owners/{owner['id']}", {"phone": "+44 1234"})[2]["phone"]
        == "+44 1234"
    )
    assert (
        call(
            "POST",
            f"{api}/owners",
            {"firstName": "Ada", "lastName": "L", "email": "ada@example.com"},
        )[0]
        == 409
    )
    assert (
        call("POST", f"{api}/owners", {"firstName": "Ada", "lastName": "L", "email": 5})[0] == 422
    )
    assert (
        call(
            "POST", f"{api}/owners", {"firstName": "A", "lastName": "L", "email": "a@b.co", "x": 1}
        )[0]
        == 422
    )
    assert call("POST", f"{api}/owners", raw=b"{nope")[0] == 422
    status, headers, _ = call("GET", f"{api}/owners", auth=False)
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    status, headers, body = call("PUT", f"{api}/owners")
    assert status == 405 and headers["Allow"] == "GET, POST"
    assert headers["Content-Type"].startswith("application/problem+json")
    assert call("GET", f"{api}/nowhere")[0] == 404
    assert call("GET", f"{api}/owners/not-a-uuid")[0] == 400
    assert call("POST", f"{api}/visits/{owner['id']}/complete", {})[0] == 501
    species = call("POST", f"{api}/species", {"code": "dog", "name": "Dog"})
    assert species[0] == 201
    pet = call("POST", f"{api}/owners/{owner['id']}/pets", {"speciesCode": "dog", "name": "Rex"})
    assert pet[0] == 201 and pet[2]["ownerId"] == owner["id"]
    assert call("DELETE", f"{api}/owners/{owner['id']}")[0] == 409
    assert call("DELETE", f"{api}/owners/{owner['id']}/pets/{pet[2]['id']}")[0] == 204
    assert call("DELETE", f"{api}/owners/{owner['id']}")[0] == 204
    assert call("GET", f"{api}/owners/{owner['id']}")[0] == 404
    assert call("GET", f"{server}/openapi.json", auth=False)[0] == 200


def test_int64_bounds_are_exact_and_offsets_are_stored_in_utc(server: str) -> None:
    api = f"{server}/api/v1"
    for pet_id, status in (
        ("9223372036854775807", 200),
        ("9223372036854775808", 400),
        ("18446744073709551616", 400),
    ):
        assert call("GET", f"{api}/visits?petId={pet_id}")[0] == status, pet_id
    owner = call("POST", f"{api}/owners", {"firstName": "G", "lastName": "H", "email": "g@h.io"})
    call("POST", f"{api}/species", {"code": "cat", "name": "Cat"})
    pet = call("POST", f"{api}/owners/{owner[2]['id']}/pets", {"speciesCode": "cat", "name": "T"})
    visit = {"petId": pet[2]["id"], "scheduledAt": "2030-01-01T10:00:00-16:45", "reason": "x"}
    created = call("POST", f"{api}/visits", visit)
    assert created[0] == 201, created
    assert created[2]["scheduledAt"].startswith("2030-01-02T02:45:00")
    too_big = (
        b'{"petId": 9223372036854775808, "scheduledAt": "2030-01-01T10:00:00Z", "reason": "x"}'
    )
    assert call("POST", f"{api}/visits", raw=too_big)[0] == 422
    biggest = too_big.replace(b"808", b"807")
    assert call("POST", f"{api}/visits", raw=biggest)[0] == 409
