"""Build the generated Go projects and run them: gofmt, vet, build, their own tests, HTTP end to end."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from tests.gin.serving import go, serving
from tests.library_scenario import check_library_relations
from tests.shop_scenario import SERVER_ENV, check_shop
from tests.torture.rows import required_row, wrongly_typed

pytestmark = pytest.mark.e2e

TOKEN = "e2e-token"
API_KEY = "e2e-key"
DATABASES = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))
SQLITE_URL = "sqlite:///"
# what a pair's scenario needs in the server's environment besides the tokens and keys above
PAIR_SETTINGS = {"shop": SERVER_ENV}


@pytest.fixture(scope="session")
def built(project: Path) -> Path:
    """The project, compiled once."""
    result = go(project, "build", "-o", "bin/server", "./cmd/server")
    assert result.returncode == 0, result.stderr
    return project


def test_gofmt_and_vet_are_clean(built: Path) -> None:
    fmt = subprocess.run(
        ["gofmt", "-l", "."], cwd=built, capture_output=True, text=True, check=True
    )
    assert fmt.stdout == ""
    vet = go(built, "vet", "./...")
    assert vet.returncode == 0, vet.stderr


def test_go_mod_is_tidy(built: Path) -> None:
    tidy = go(built, "mod", "tidy", "-diff")
    assert tidy.returncode == 0, tidy.stdout + tidy.stderr


def test_own_go_tests_pass(built: Path) -> None:
    result = go(built, "test", "-count=1", "-v", "./...")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--- PASS" in result.stdout, f"go test ran no test:\n{result.stdout[-2000:]}"
    assert "--- FAIL" not in result.stdout


@pytest.fixture(params=DATABASES)
def database_url(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    fresh_postgres_database: Callable[[str], str | None],
) -> str:
    """A fresh, empty database per test: an SQLite file, or a PostgreSQL database when configured."""
    if request.param == "sqlite":
        return f"{SQLITE_URL}{tmp_path_factory.mktemp('db')}/e2e.db"
    url = fresh_postgres_database("gin_http")
    if url is None:
        pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
    return url


@pytest.fixture
def server(request: pytest.FixtureRequest, built: Path, database_url: str) -> Iterator[str]:
    """The server on a free loopback port over `database_url`; stopped with SIGTERM afterwards."""
    settings = {"AUTH_TOKENS": TOKEN, "AUTH_API_KEYS": API_KEY}
    settings.update(PAIR_SETTINGS.get(request.node.callspec.params["project"], {}))
    with serving(built, database_url, **settings) as base:
        yield base


def _database(url: str) -> Path | str:
    """The database a scenario reads directly: the SQLite file, or the PostgreSQL URL."""
    return Path(url.removeprefix(SQLITE_URL)) if url.startswith(SQLITE_URL) else url


def call(
    base: str, method: str, path: str, body: object = None, token: str | None = TOKEN
) -> tuple[int, Message, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            raw = response.read()
            return response.status, response.headers, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, error.headers, json.loads(raw) if raw else None


def test_http_end_to_end(request: pytest.FixtureRequest, server: str, database_url: str) -> None:
    """The pair's walk-through against the running server; library and shop are the shared
    scenarios (relations; scopes, sorting and soft delete)."""
    pair = request.node.callspec.params["project"]
    walks: dict[str, Callable[[str], None]] = {
        "petstore": _petstore,
        "clinic": _clinic,
        "library": lambda base: check_library_relations(base, API_KEY),
        "shop": lambda base: check_shop(base, _database(database_url)),
        "torture": _torture,
    }
    if pair not in walks:
        pytest.skip(f"no HTTP walk-through for {pair}")
    walks[pair](server)


def _petstore(base: str) -> None:
    status, headers, category = call(base, "POST", "/categories", {"name": "dogs"})
    assert status == 201 and headers["Location"] == f"/categories/{category['id']}"
    assert call(base, "POST", "/categories", {"name": "dogs"})[0] == 409
    status, _, pet = call(
        base, "POST", "/pets", {"name": "Rex", "categoryId": category["id"], "tag": None}
    )
    assert status == 201 and pet["status"] == "available" and pet["tag"] is None
    assert call(base, "GET", f"/pets/{pet['id']}")[2] == pet
    assert any(p["id"] == pet["id"] for p in call(base, "GET", "/pets?limit=100")[2])
    status, _, replaced = call(base, "PUT", f"/pets/{pet['id']}", {"name": "Max"})
    assert status == 200 and replaced["name"] == "Max" and replaced["categoryId"] is None
    assert call(base, "POST", "/pets", {"name": "Rex", "categoryId": 987654})[0] == 409
    assert call(base, "POST", "/pets", {"name": 5})[0] == 400
    assert call(base, "POST", "/pets", {"name": "Rex", "status": "lost"})[0] == 400
    assert call(base, "GET", "/pets?limit=0")[0] == 400
    status, headers, _ = call(base, "PATCH", f"/pets/{pet['id']}", {})
    assert status == 405 and headers["Allow"] == "DELETE, GET, PUT"
    assert call(base, "DELETE", f"/pets/{pet['id']}")[0] == 204
    assert call(base, "GET", f"/pets/{pet['id']}")[0] == 404
    assert call(base, "GET", "/nowhere")[0] == 404


def _clinic(base: str) -> None:
    api = base + "/api/v1"
    status, headers, _ = call(api, "POST", "/owners", {"firstName": "A"}, token=None)
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    owner = {"firstName": "Ada", "lastName": "Byron", "email": "ada@example.com"}
    status, _, created = call(api, "POST", "/owners", owner)
    assert status == 201 and created["phone"] is None if "phone" in created else status == 201
    assert call(api, "POST", "/owners", owner)[0] == 409
    assert call(api, "POST", "/owners", {**owner, "email": "x@example.com", "extra": 1})[0] == 422
    status, _, patched = call(api, "PATCH", f"/owners/{created['id']}", {"phone": "+44 1234"})
    assert status == 200 and patched["phone"] == "+44 1234"
    assert call(api, "POST", "/species", {"code": "dog", "name": "Dog"})[0] == 201
    status, _, pet = call(
        api, "POST", f"/owners/{created['id']}/pets", {"speciesCode": "dog", "name": "Rex"}
    )
    assert status == 201 and pet["ownerId"] == created["id"] and pet["attributes"] == {}
    assert (
        call(api, "GET", f"/owners/00000000-0000-4000-8000-000000000000/pets/{pet['id']}")[0] == 404
    )
    assert call(api, "DELETE", f"/owners/{created['id']}")[0] == 409  # still has a pet
    status, _, page = call(api, "GET", "/visits?page=1&size=5")
    assert status == 200 and page == {"items": [], "page": 1, "size": 5, "total": 0}
    status, _, problem = call(api, "POST", "/visits/00000000-0000-4000-8000-000000000000/complete")
    assert status == 501 and problem["status"] == 501


def _torture(base: str) -> None:
    """Hostile names keep their spec spelling on the wire; failures fill the spec's error schema."""
    row = required_row("Object")
    status, _, created = call(base, "POST", "/order", row)
    assert status == 201, created
    assert {k: created[k] for k in row} == row
    assert call(base, "GET", f"/order/{created['default']}")[2] == created
    bad = wrongly_typed("Object", 2)
    status, _, problem = call(base, "POST", "/order", bad)
    assert status == 400 and problem["code"] == 400, problem
    wrong = sorted(name for name in bad if bad[name] != row[name])
    assert sorted(d["field"] for d in problem["details"]) == wrong
    status, _, problem = call(base, "GET", "/order/abc")
    assert status == 400 and [d["field"] for d in problem["details"]] == ["default"]
    status, _, problem = call(
        base, "GET", "/package/abc"
    )  # documents no 400: the resource cannot exist
    assert status == 404 and [d["field"] for d in problem["details"]] == ["range"], problem
    assert problem["timestamp"].endswith("Z")
