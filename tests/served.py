"""Any target's generated project, served by `contractc run` for a test, and a JSON client."""

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

from compiler.runner.processes import free_port, wait_ready
from tests.contractc_cli import run_contractc
from tests.express.projects import cached_node_modules, link_node_modules

TOKEN = "served-token"  # an opaque bearer token every served project accepts


def build(target: str, out: Path, *inputs: Path) -> Path:
    """`contractc build` of `inputs` for `target` into `out`, ready to serve."""
    built = run_contractc("build", *map(str, inputs), "--target", target, "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    if target == "express" and not (out / "node_modules").exists():
        link_node_modules(cached_node_modules(), out)  # better-sqlite3 compiles for minutes
    return out


@contextmanager
def serving(project: Path, database: Path | str, **settings: str) -> Iterator[str]:
    """The base URL of `project` served on `database` (a SQLite file or a URL), stopped afterwards.

    `settings` are extra environment variables of the server (`MIGRATE_ON_START="false"`).
    """
    port = free_port()
    url = database if isinstance(database, str) else f"sqlite:///{database}"
    command = [sys.executable, "-m", "compiler.cli", "run", str(project), "--port", str(port)]
    command += ["--database-url", url]
    env = {**os.environ, "AUTH_TOKENS": TOKEN, "CONTRACTC_USE_CURRENT_PYTHON": "1", **settings}
    log_path = project.parent / f"{project.name}-server-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            problem = wait_ready(process, f"http://127.0.0.1:{port}/readyz", 600)
            assert problem is None, problem + log_path.read_text(errors="replace")[-3000:]
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def call(method: str, url: str, body: Any = None) -> tuple[int, Any]:
    """(status, decoded JSON or text) of one request carrying the bearer token."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data, method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {TOKEN}")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
