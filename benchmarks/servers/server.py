"""Start a server on a free loopback port, time it to ready, check its answers, stop it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from load import POST_BODY
from stacks import App


class ServerError(Exception):
    """The server did not start, or answered the benchmark's requests wrongly."""


@dataclass
class Running:
    """A started server: its process, URL and seconds from spawn to the first 200 on /healthz."""

    process: subprocess.Popen[bytes]
    base_url: str
    startup_seconds: float
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start(app: App, database_url: str, log: Path, cpu: str | None, timeout: float = 180) -> Running:
    """Spawn `app` (pinned to `cpu` when given) and wait for /healthz to answer 200."""
    port = free_port()
    env = {**os.environ, **app.env, "PORT": str(port), "DATABASE_URL": database_url}
    command = ["taskset", "-c", cpu, *app.command] if cpu is not None else app.command
    out = log.open("ab")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=app.cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    out.close()
    base_url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise ServerError(f"{app.label} exited with {process.returncode}; see {log}")
        try:
            if _get(base_url + "/healthz", timeout=1)[0] == 200:
                return Running(process, base_url, time.perf_counter() - started, log)
        except OSError:
            pass
        time.sleep(0.02)
    stop(Running(process, base_url, 0.0, log))
    raise ServerError(f"{app.label} not ready after {timeout} s; see {log}")


def stop(server: Running) -> None:
    """SIGTERM the server's process group, SIGKILL it after 15 s."""
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


def check(server: Running) -> None:
    """ServerError unless the three benchmarked requests answer as the contract says."""
    status, body = _get(server.base_url + "/pets/1")
    if status != 200 or json.loads(body).get("name") != "pet-1":
        raise ServerError(f"GET /pets/1 answered {status}: {body[:200]!r}")
    status, body = _get(server.base_url + "/pets?limit=20&offset=40")
    page = json.loads(body) if status == 200 else None
    if not isinstance(page, list) or len(page) != 20 or page[0].get("name") != "pet-41":
        raise ServerError(f"GET /pets?limit=20&offset=40 answered {status}: {body[:200]!r}")
    request = urllib.request.Request(
        server.base_url + "/pets",
        data=POST_BODY.encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    if status != 201 or json.loads(body).get("name") != "Rex":
        raise ServerError(f"POST /pets answered {status}: {body[:200]!r}")
