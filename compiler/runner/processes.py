"""Child processes of `contractc run` / `test`: install and build steps, and the server itself."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

from compiler.runner.stamp import build_is_current, record_build
from emitters.base import Runtime

STOP_GRACE_SECONDS = 10.0


class ToolMissing(Exception):
    """A command's program is not installed; the message names it."""


def say(message: str) -> None:
    """A progress or error line for the user, on stderr."""
    print(f"contractc: {message}", file=sys.stderr, flush=True)


def resolve(command: Sequence[str]) -> list[str]:
    """The command with `{python}` replaced by the interpreter running contractc."""
    return [arg.replace("{python}", sys.executable) for arg in command]


def run_step(command: Sequence[str], cwd: Path, env: Mapping[str, str]) -> int:
    """Run one install/build/test command in the foreground; its exit code."""
    args = resolve(command)
    try:
        return subprocess.run(args, cwd=cwd, env=dict(env), check=False).returncode
    except FileNotFoundError:
        raise ToolMissing(
            f"`{args[0]}` is not installed or not on PATH (needed for: {' '.join(args)})"
        ) from None
    except PermissionError:
        raise ToolMissing(f"`{args[0]}` is not executable (needed for: {' '.join(args)})") from None


def prepare(out_dir: Path, runtime: Runtime, env: Mapping[str, str]) -> bool:
    """Install (once, while the marker is absent) and build (unless the last build is current);
    False after reporting a failed step."""
    installed = (out_dir / runtime.install_marker).exists()
    if installed and runtime.build and build_is_current(out_dir, runtime):
        say("build is up to date")
        return True
    steps = list(runtime.build) if installed else [*runtime.install, *runtime.build]
    for command in steps:
        say("$ " + " ".join(resolve(command)))
        code = run_step(command, out_dir, env)
        if code != 0:
            say(f"step failed with exit code {code}: {' '.join(resolve(command))}")
            return False
    if runtime.build:
        record_build(out_dir, runtime)
    return True


def start(
    command: Sequence[str], cwd: Path, env: Mapping[str, str], log: IO[bytes] | None
) -> subprocess.Popen[bytes]:
    """Start the server in its own process group; output goes to `log`, or to ours when None."""
    args = resolve(command)
    try:
        return subprocess.Popen(
            args,
            cwd=cwd,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
            start_new_session=True,
        )
    except FileNotFoundError:
        raise ToolMissing(
            f"`{args[0]}` is not installed or not on PATH (needed for: {' '.join(args)})"
        ) from None


def signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    """Send `signum` to the server's process group (the server and anything it spawned)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def stop(process: subprocess.Popen[bytes], grace: float = STOP_GRACE_SECONDS) -> None:
    """SIGTERM, then SIGKILL when the server has not exited after `grace` seconds."""
    if process.poll() is None:
        signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            signal_group(process, signal.SIGKILL)
            process.wait()
    signal_group(process, signal.SIGKILL)  # leftovers of the group, if any


def exit_code(returncode: int) -> int:
    """A shell-style exit code: 128 + N for a process ended by signal N."""
    return 128 - returncode if returncode < 0 else returncode


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(process: subprocess.Popen[bytes], url: str, timeout: float) -> str | None:
    """None once `url` answers 2xx; otherwise why it never did (exited, or timed out)."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return (
                f"the server exited with code {exit_code(process.returncode)} before it was ready"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if 200 <= response.status < 300:
                    return None
                last = f"status {response.status}"
        except urllib.error.HTTPError as exc:
            last = f"status {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            last = str(getattr(exc, "reason", exc))
        time.sleep(0.2)
    return f"{url} was not ready after {timeout:g} s (last: {last})"


def tail(path: Path, lines: int = 40) -> list[str]:
    """The last `lines` lines of a log file."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return list(deque((line.rstrip("\n") for line in handle), maxlen=lines))
    except OSError:
        return []
