"""A spec-only build (no SQL: tables inferred from the spec) accepts valid creates in every target.

The tables inferred must let a create succeed: defaults, server-set timestamps, natural keys and
nested parents are the database's or the path's to fill (compiler/binder/infer.py). Contract
tests cannot see this (a 409 is documented), so each server is asked directly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from compiler.runner.processes import free_port, wait_ready
from tests.contractc_cli import run_contractc
from tests.express.projects import cached_node_modules, link_node_modules
from tests.pairs import pair_files

pytestmark = pytest.mark.e2e

TARGETS = ("fastapi", "express", "gin", "spring")


@contextmanager
def _serving(project: Path, database: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "compiler.cli", "run", str(project), "--port", str(port)]
    command += ["--database-url", f"sqlite:///{database}"]
    env = {**os.environ, "AUTH_TOKENS": "spec-only-token", "CONTRACTC_USE_CURRENT_PYTHON": "1"}
    log = (project.parent / "server.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        problem = wait_ready(process, f"http://127.0.0.1:{port}/readyz", 600)
        assert problem is None, problem + (project.parent / "server.log").read_text()[-3000:]
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(url, json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", "Bearer spec-only-token")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.mark.parametrize("target", TARGETS)
def test_creates_with_only_the_required_properties_succeed(target: str, tmp_path: Path) -> None:
    spec, _ = pair_files("clinic")
    built = run_contractc("build", str(spec), "--target", target, "--out", str(tmp_path / "out"))
    assert built.returncode == 0, built.stdout + built.stderr
    if target == "express":  # the shared node_modules: better-sqlite3 compiles for minutes
        link_node_modules(cached_node_modules(), tmp_path / "out")
    with _serving(tmp_path / "out", tmp_path / "clinic.db") as base:
        api = base + "/api/v1"
        status, species = _post(api + "/species", {"code": "dog", "name": "Dog"})
        assert status == 201, species
        status, owner = _post(
            api + "/owners", {"firstName": "Ada", "lastName": "Byron", "email": "ada@example.com"}
        )
        assert status == 201, owner
        assert owner["createdAt"]  # set by the database
        status, pet = _post(
            f"{api}/owners/{owner['id']}/pets", {"name": "Rex", "speciesCode": "dog"}
        )
        assert status == 201, pet
        assert pet["ownerId"] == owner["id"] and pet["sex"] == "unknown"  # the spec's default
