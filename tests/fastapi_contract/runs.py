"""End-to-end runs of generated FastAPI projects through the real CLI, each in its own copy.

A run copies one shared build, optionally breaks or completes it (a `Change`), and then either runs
`contractc test` on it or serves it with `contractc run` and points the Schemathesis CLI at it.
Runs are plain functions so a session fixture can execute several at once on a thread pool.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.contractc_cli import run_contractc
from tests.postgres import POSTGRES_ENV, create_database
from tests.run_result import RunResult

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
RUN_TIMEOUT_SECONDS = 600
CLI_TOKEN = "cli-e2e-token"

Change = Callable[[Path], None]  # edits a copied project in place


@dataclass(frozen=True)
class ContractRun:
    """`contractc test` on a copy of `pair`'s build, after `change`, selecting tests with `select`."""

    pair: str
    database: str  # "sqlite" or "postgres"
    change: Change | None = None
    select: str = ""  # a pytest -k expression, passed the standard way (PYTEST_ADDOPTS)
    env: Mapping[str, str] = field(default_factory=dict)


def contractc(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The contractc CLI run with this interpreter; output captured."""
    return run_contractc(*args, env=env, timeout=RUN_TIMEOUT_SECONDS)


def build(pair: str, out: Path) -> Path:
    """`contractc build` of contracts/<pair> for the fastapi target into `out`."""
    folder = CONTRACTS / pair
    return build_files(folder / "openapi.yaml", folder / "schema.sql", out)


def build_files(spec: Path, sql: Path, out: Path, mapping: Path | None = None) -> Path:
    """`contractc build SPEC SQL [--map FILE] --target fastapi --out OUT`; `out`."""
    options = ["--map", str(mapping)] if mapping is not None else []
    done = contractc(
        "build", str(spec), str(sql), *options, "--target", "fastapi", "--out", str(out)
    )
    if done.returncode != 0:
        raise AssertionError(f"build of {spec} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return out


def copy_project(built: Path, out: Path) -> Path:
    """A fresh copy of a build: no database file, no recorded interpreter."""
    shutil.copytree(built, out, ignore=shutil.ignore_patterns("data", ".contractc", ".venv"))
    return out


def _runner_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    env.pop("PYTEST_ADDOPTS", None)  # the outer pytest's options are not the contract suite's
    return {**env, **extra}


def _database_url(pair: str) -> str:
    url = create_database(f"fastapi_{pair}")
    if url is None:
        raise AssertionError(f"{POSTGRES_ENV} is not set")
    return url


def execute(run: ContractRun, built: Path, workdir: Path) -> RunResult:
    """Copy, change, and `contractc test` the copy; the CLI's exit code and output."""
    project = copy_project(built, workdir / "project")
    if run.change is not None:
        run.change(project)
    args = ["test", str(project)]
    if run.database == "postgres":
        args += ["--database-url", _database_url(run.pair)]
    extra = dict(run.env)
    if run.select:
        extra["PYTEST_ADDOPTS"] = f"-k {run.select!r}"
    started = time.monotonic()
    done = contractc(*args, env=_runner_env(extra))
    return RunResult(done.returncode, done.stdout + done.stderr, time.monotonic() - started)


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"`contractc run` exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered 200")


@contextlib.contextmanager
def served(project: Path, database_url: str, env: Mapping[str, str]) -> Iterator[str]:
    """`contractc run` on a free loopback port until the block ends; yields the base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "compiler.cli", "run", str(project), "--port", str(port)]
        + ["--database-url", database_url],
        env=dict(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}/readyz", server, 120)
        yield f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
            os.killpg(server.pid, signal.SIGTERM)  # `contractc run` forwards it to the server
        server.wait(timeout=30)


@contextlib.contextmanager
def served_copy(
    built: Path, pair: str, database: str, workdir: Path, settings: Mapping[str, str]
) -> Iterator[tuple[str, Path | str]]:
    """A fresh copy of `pair`'s build served on an empty database (`sqlite` or `postgres`) with
    the server `settings`; yields the base URL and the database (the SQLite file or the URL)."""
    stored: Path | str
    if database == "postgres":
        stored = url = _database_url(pair)
    else:
        stored = workdir / f"{pair}.db"
        url = f"sqlite:///{stored}"
    project = copy_project(built, workdir / "project")
    with served(project, url, _runner_env(settings)) as base_url:
        yield base_url, stored


def schemathesis_cli(
    built: Path, workdir: Path, change: Change | None, spec: Path, base_path: str
) -> RunResult:
    """Serve a copy with `contractc run`, run `schemathesis run --checks all` on `spec`, stop it."""
    project = copy_project(built, workdir / "project")
    if change is not None:
        change(project)
    env = _runner_env({"AUTH_TOKENS": CLI_TOKEN})
    started = time.monotonic()
    with served(project, f"sqlite:///{workdir / 'cli.db'}", env) as base_url:
        command = [
            "schemathesis",
            "run",
            str(spec),
            "--url",
            base_url + base_path,
            "--checks",
            "all",
            "--header",
            f"Authorization: Bearer {CLI_TOKEN}",
            "--max-examples",
            "15",
            "--generation-deterministic",
            "--generation-allow-x00",
            "false",
            "--workers",
            "1",
            "--no-color",
        ]
        done = subprocess.run(
            command,
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    return RunResult(done.returncode, done.stdout + done.stderr, time.monotonic() - started)
