"""Build the generated Express project, run its checks and own tests, and talk HTTP to it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.express.test_render import render

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("npm") is None, reason="node/npm not installed"),
]
NPM_CACHE = os.environ.get("CONTRACTC_NPM_CACHE", str(Path.home() / ".npm"))
TOKEN = "e2e-token"


def npm(project: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npm", *args, "--cache", NPM_CACHE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("express-clinic")
    for path, content in render("clinic").items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for step in (("ci", "--no-audit", "--no-fund", "--prefer-offline"), ("run", "build")):
        result = npm(root, *step)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(project: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "AUTH_TOKENS": TOKEN,
        "LOG_LEVEL": "warn",
        "DATABASE_URL": os.environ.get(
            "CONTRACTC_TEST_DATABASE_URL", f"sqlite://{project}/data/e2e.db"
        ),
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


def test_output_is_prettier_formatted_and_type_checks(project: Path) -> None:
    assert npm(project, "run", "format:check").returncode == 0
    assert npm(project, "run", "typecheck").returncode == 0


def test_own_tests_pass(project: Path) -> None:
    result = npm(project, "test")
    assert result.returncode == 0, result.stdout[-3000:]


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
