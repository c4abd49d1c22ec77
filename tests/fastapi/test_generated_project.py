"""Generated projects pass ruff, mypy and their own pytest suite; the server works over HTTP."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fastapi.projects import NAMES, contract_for, render, serve, write
from tests.postgres import POSTGRES_ENV, create_database

pytestmark = pytest.mark.e2e
MYPY_CACHE = str(
    Path(tempfile.gettempdir()) / "contractc-fastapi-mypy-cache"
)  # shared: 35 s -> 2 s


def _run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=240, env=env, check=False
    )


@pytest.mark.parametrize("name", NAMES)
def test_generated_project_is_lint_clean_and_its_tests_pass(name: str, tmp_path: Path) -> None:
    project = write(render(contract_for(name)), tmp_path / name)
    for args in (
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy", "--cache-dir", MYPY_CACHE],
    ):
        done = _run([sys.executable, "-m", *args], project)
        assert done.returncode == 0, done.stdout + done.stderr
    done = _run([sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"], project)
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The handmade project served by uvicorn through its runtime commands."""
    if request.param == "postgres":
        created = create_database("fastapi_handmade")
        if created is None:
            pytest.skip(f"{POSTGRES_ENV} is not set")
        url = created
    else:
        url = f"sqlite:///{tmp_path / 'e2e.db'}"
    project = write(render(contract_for("handmade")), tmp_path / "project")
    with serve(project, url, {"AUTH_TOKENS": "e2e-token"}) as base:
        assert (project / ".contractc" / "python").exists()
        yield base


def test_server_keeps_the_contract_over_http(server: str) -> None:
    with httpx.Client(base_url=server) as http:
        category = http.post("/categories", json={"name": "e2e-dogs"})
        assert category.status_code == 201, category.text
        category_id = category.json()["id"]
        assert http.post("/categories", json={"name": "e2e-dogs"}).status_code == 409

        created = http.post("/pets", json={"name": "Rex", "categoryId": category_id})
        assert created.status_code == 201, created.text
        pet = created.json()
        assert created.headers["location"] == f"/pets/{pet['id']}"
        assert pet["category"] == {"id": category_id, "name": "e2e-dogs"}
        assert http.get(f"/pets/{pet['id']}").json() == pet
        assert pet["id"] in [p["id"] for p in http.get("/pets", params={"limit": 100}).json()]
        assert [p["id"] for p in http.get(f"/categories/{category_id}/pets").json()] == [pet["id"]]

        updated = http.patch(f"/pets/{pet['id']}", json={"name": "Max"})
        assert updated.status_code == 200 and updated.json()["name"] == "Max"
        assert http.delete(f"/categories/{category_id}").status_code == 409  # still referenced

        assert http.post("/pets", json={"name": "Rex", "age": "5"}).status_code == 400
        assert http.post("/pets", json={"name": "Rex", "extra": 1}).status_code == 400
        assert http.get("/pets", params={"limit": "abc"}).status_code == 400
        error = http.get("/pets/987654321")
        assert error.status_code == 404 and error.json() == {
            "code": 404,
            "message": "no such pets row",
        }

        anonymous = http.delete(f"/pets/{pet['id']}")
        assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"]
        bearer = {"Authorization": "Bearer e2e-token"}
        assert http.delete(f"/pets/{pet['id']}", headers=bearer).status_code == 204
        assert http.get(f"/pets/{pet['id']}").status_code == 404

        not_allowed = http.request("PATCH", "/categories")
        assert not_allowed.status_code == 405 and not_allowed.headers["allow"] == "GET, POST"
        assert http.get("/nowhere").status_code == 404
        assert http.post("/pets/1/adopt").status_code == 501
        assert (
            http.get("/healthz", headers={"X-Request-ID": "r-1"}).headers["x-request-id"] == "r-1"
        )
        basic = base64.b64encode(b"x:y").decode()
        assert (
            http.delete("/pets/1", headers={"Authorization": f"Basic {basic}"}).status_code == 401
        )


def test_missing_secret_stops_start_up(tmp_path: Path) -> None:
    project = write(render(contract_for("handmade")), tmp_path / "project")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTH_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'x.db'}"
    done = _run([sys.executable, "-m", "app"], project, env)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("configuration error: AUTH_JWT_SECRET")
