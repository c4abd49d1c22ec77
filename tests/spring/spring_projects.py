"""Helpers for the Spring target tests: compile a pair, write its project, run a server."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from compiler.build import plan_targets, write_target
from compiler.ir import Contract
from compiler.pipeline import compile_contract
from tests import form_scenario, route_scenario
from tests.contractc_cli import run_contractc
from tests.pairs import pair_files

TEST_TOKEN = "spring-e2e-token"
FAILURES = Path(__file__).parent / "failures"
MARKS = Path(__file__).parent / "marks"
# The HTTP scenarios' contracts (shared ones in tests/data), by name: (OpenAPI document, schema SQL).
SCENARIOS: dict[str, tuple[Path, Path]] = {
    "upload": (form_scenario.SPEC, form_scenario.SCHEMA),
    "routes": (route_scenario.SPEC, route_scenario.SCHEMA),
    "failures": (FAILURES / "openapi.yaml", FAILURES / "schema.sql"),
    "marks": (MARKS / "openapi.yaml", MARKS / "schema.sql"),
}
FAST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def compile_files(spec: Path, schema: Path) -> Contract:
    result = compile_contract(str(spec), [str(schema)])
    assert result.contract is not None, result.diagnostics
    return result.contract


def compile_pair(pair: str) -> Contract:
    return compile_files(*pair_files(pair))


def write_contract(contract: Contract, out: Path) -> Path:
    for output in plan_targets(contract, ["spring"], out):
        write_target(contract, output)
    return out


def write_project(pair: str, out: Path) -> Path:
    """The project of an example pair, or of a scenario's contract when `pair` names one."""
    contract = compile_files(*SCENARIOS[pair]) if pair in SCENARIOS else compile_pair(pair)
    return write_contract(contract, out)


def jvm_env(**extra: str) -> dict[str, str]:
    """The environment for test JVMs (Maven, Surefire's fork, servers): C1 only and the serial GC.

    Short-lived JVMs start two to three times faster without C2 and the parallel collectors; the
    generated project's own `start` command keeps the JVM's defaults.
    """
    options = (os.environ.get("JAVA_TOOL_OPTIONS", "") + " " + FAST_JVM_OPTIONS).strip()
    return {**os.environ, "JAVA_TOOL_OPTIONS": options, **extra}


def maven(project: Path, *goals: str) -> subprocess.CompletedProcess[str]:
    """`mvn -B -q <goals>` in `project` with the test JVM settings."""
    return subprocess.run(
        ["mvn", "-B", "-q", *goals],
        cwd=project,
        env=jvm_env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def contractc(*args: str) -> subprocess.CompletedProcess[str]:
    """The contractc CLI run with this interpreter and the test JVM settings."""
    return run_contractc(*args, env=jvm_env())


def toolchain_missing() -> str | None:
    """Why the Java toolchain tests cannot run here, or None."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: object


class Server:
    """`java -jar target/app.jar` on a free loopback port, stopped with SIGTERM."""

    def __init__(
        self,
        project: Path,
        database_url: str,
        *,
        log_name: str = "server.log",
        ready_within: float = 90,
        **settings: str,
    ) -> None:
        self.port = free_port()
        env = jvm_env(
            PORT=str(self.port),
            DATABASE_URL=database_url,
            SERVER_ADDRESS="127.0.0.1",
            **{"AUTH_TOKENS": TEST_TOKEN, **settings},
        )
        self.log = project / log_name
        self._out = self.log.open("wb")
        self.process = subprocess.Popen(
            ["java", "-jar", "target/app.jar"],
            cwd=project,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + self.log.read_text()[-2000:])
            try:
                if self.call("GET", "/readyz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server not ready in {ready_within} s")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def call(
        self,
        method: str,
        path: str,
        body: object = None,
        token: str | None = TEST_TOKEN,
        raw: bytes | None = None,
    ) -> Reply:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return _reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return _reply(error.code, dict(error.headers), error.read())

    def stop(self) -> int:
        self.process.terminate()
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self._out.close()
        return code


def raw_request(port: int, request_line: str) -> Reply:
    """Send `request_line` as it is (http.client refuses malformed targets); read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            request_line.encode("latin-1") + b"\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    if headers.get("Transfer-Encoding") == "chunked":
        body = _unchunked(body)
    return _reply(int(status_line.split()[1]), headers, body)


def _unchunked(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out, body = out + rest[:size], rest[size + 2 :]
    return out


def _reply(status: int, headers: dict[str, str], raw: bytes) -> Reply:
    try:
        body: object = json.loads(raw) if raw else None
    except ValueError:
        body = raw.decode(errors="replace")
    return Reply(status, {k.lower(): v for k, v in headers.items()}, body)
