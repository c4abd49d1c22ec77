"""`contractc run`, `contractc test` and the unit-test runner, working from an output folder alone."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from types import FrameType

from compiler.runner.manifest import ManifestError, load_runtime
from compiler.runner.processes import (
    ToolMissing,
    exit_code,
    free_port,
    prepare,
    run_step,
    say,
    signal_group,
    start,
    stop,
    tail,
    wait_ready,
)
from emitters.base import Runtime
from emitters.contract_tests import FOLDER, TEST_CREDENTIALS
from emitters.contract_tests.credentials import spec_scopes

USAGE_ERROR = 2
READY_TIMEOUT_SECONDS = 120.0
_FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_server(out_dir: Path, port: int, database_url: str | None) -> int:
    """Install if needed, build, and serve in the foreground until SIGINT/SIGTERM; the server's exit code."""
    try:
        runtime = load_runtime(out_dir)
        env = _server_env(runtime, port, database_url, inherit_database=True)
        if not prepare(out_dir, runtime, env):
            return 1
        say(f"serving {out_dir} on http://127.0.0.1:{port}")
        process = start(runtime.start, out_dir, env, log=None)
    except (ManifestError, ToolMissing) as exc:
        say(str(exc))
        return USAGE_ERROR
    return _wait_forwarding_signals(process)


def test_server(
    out_dir: Path,
    database_url: str | None,
    port: int | None = None,
    ready_timeout: float = READY_TIMEOUT_SECONDS,
) -> int:
    """Start the server on a loopback port with the test credentials, run the contract tests, stop it.

    0 when every contract test passes, 1 when one fails or the server cannot be built or started,
    2 when the folder or the environment cannot run tests at all.
    """
    try:
        runtime = load_runtime(out_dir)
    except ManifestError as exc:
        say(str(exc))
        return USAGE_ERROR
    problem = _contract_suite_problem(out_dir)
    if problem is not None:
        say(problem)
        return USAGE_ERROR
    port = port or free_port()
    env = {
        **_server_env(runtime, port, database_url, inherit_database=False),
        **TEST_CREDENTIALS.server_env(_scopes(out_dir)),
    }
    with tempfile.TemporaryDirectory(prefix="contractc-test-") as scratch:
        log_path = Path(scratch) / "server.log"
        try:
            if not prepare(out_dir, runtime, env):
                return 1
            with log_path.open("wb") as log:
                process = start(runtime.start, out_dir, env, log)
        except ToolMissing as exc:
            say(str(exc))
            return USAGE_ERROR
        try:
            return _run_contract_tests(out_dir, runtime, process, port, ready_timeout, log_path)
        finally:
            stop(process)


def unit_tests(out_dir: Path) -> int:
    """Install if needed, build, and run the stack's own tests; 0 when they pass, 1 when not, 2 when unusable."""
    try:
        runtime = load_runtime(out_dir)
        if not runtime.unit_tests:
            say(f"{out_dir}: the target records no unit test command")
            return USAGE_ERROR
        env = dict(os.environ, **dict(runtime.env))
        if not prepare(out_dir, runtime, env):
            return 1
        return 0 if run_step(runtime.unit_tests, out_dir, env) == 0 else 1
    except (ManifestError, ToolMissing) as exc:
        say(str(exc))
        return USAGE_ERROR


def _run_contract_tests(
    out_dir: Path,
    runtime: Runtime,
    process: subprocess.Popen[bytes],
    port: int,
    ready_timeout: float,
    log_path: Path,
) -> int:
    base_url = f"http://127.0.0.1:{port}"
    problem = wait_ready(process, base_url + runtime.ready_path, ready_timeout)
    if problem is not None:
        say(f"the server never became ready: {problem}")
        _show_log(log_path)
        return 1
    say(f"server ready at {base_url}; running the contract tests")
    env = {**os.environ, **TEST_CREDENTIALS.client_env(), "CONTRACT_BASE_URL": base_url}
    command = [sys.executable, "-m", "pytest", FOLDER, "-q"]
    code = subprocess.run(command, cwd=out_dir, env=env, check=False).returncode
    if code != 0:
        _show_log(log_path)
        return 1
    return 0


def _server_env(
    runtime: Runtime, port: int, database_url: str | None, inherit_database: bool
) -> dict[str, str]:
    env = {**os.environ, **dict(runtime.env), "PORT": str(port)}
    if not inherit_database:
        env.pop("DATABASE_URL", None)  # never run contract tests against a database nobody named
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _contract_suite_problem(out_dir: Path) -> str | None:
    if not (out_dir / FOLDER / "test_contract.py").is_file():
        return f"{out_dir / FOLDER}: no contract tests; rebuild with `contractc build`"
    if (
        importlib.util.find_spec("schemathesis") is None
        or importlib.util.find_spec("pytest") is None
    ):
        return "schemathesis is not installed: pip install 'schemathesis>=4.32,<5' 'pytest<9.2'"
    if _pytest_version() >= (9, 2):
        return "pytest 9.2 and later break Schemathesis 4.x: pip install 'pytest<9.2'"
    return None


def _pytest_version() -> tuple[int, int]:
    try:
        major, minor = metadata.version("pytest").split(".")[:2]
        return (int(major), int(minor))
    except (metadata.PackageNotFoundError, ValueError):
        return (0, 0)


def _show_log(log_path: Path) -> None:
    lines = tail(log_path)
    if lines:
        say("last lines of the server log:")
        print("\n".join("    " + line for line in lines), file=sys.stderr, flush=True)


def _wait_forwarding_signals(process: subprocess.Popen[bytes]) -> int:
    """Wait for the server; SIGINT and SIGTERM sent to us are passed on to its process group."""

    def forward(signum: int, _frame: FrameType | None) -> None:
        signal_group(process, signum)

    previous = {sig: signal.getsignal(sig) for sig in _FORWARDED_SIGNALS}
    for sig in _FORWARDED_SIGNALS:
        signal.signal(sig, forward)
    try:
        return exit_code(process.wait())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _scopes(out_dir: Path) -> tuple[str, ...]:
    """The scopes the project's spec requires anywhere (the test token holds them all)."""
    try:
        spec = json.loads((out_dir / FOLDER / "openapi.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return spec_scopes(spec) if isinstance(spec, dict) else ()
