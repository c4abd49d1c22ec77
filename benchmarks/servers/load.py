"""Load one endpoint with wrk (loopback only) and read requests/s, p99 and error counts."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from seed import PETS

POST_BODY = '{"name":"Rex","tag":"dog","status":"available","categoryId":3}'

# endpoint name -> wrk Lua script; each thread walks its own counter
SCRIPTS: dict[str, str] = {
    "GET /pets/{id}": f"""
local i = 0
request = function()
  i = (i % {PETS}) + 1
  return wrk.format("GET", "/pets/" .. i)
end
""",
    "GET /pets?limit=20": f"""
local i = 0
request = function()
  i = (i + 1) % {PETS // 20}
  return wrk.format("GET", "/pets?limit=20&offset=" .. (i * 20))
end
""",
    "POST /pets": f"""
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{POST_BODY}'
request = function()
  return wrk.format("POST", "/pets")
end
""",
}

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass(frozen=True)
class Result:
    """What one wrk run measured."""

    requests_per_second: float
    p99_ms: float
    requests: int
    bad_responses: int
    socket_errors: int


def wrk_path() -> str:
    """The wrk executable; SystemExit with the install hint when absent."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    return found


def run_wrk(
    base_url: str,
    endpoint: str,
    script_dir: Path,
    seconds: float,
    threads: int,
    connections: int,
    cpu: str | None,
) -> Result:
    """Load `endpoint` of the server at `base_url` for `seconds`; `cpu` pins wrk (taskset)."""
    script = script_dir / (re.sub(r"\W+", "_", endpoint).strip("_") + ".lua")
    script.write_text(SCRIPTS[endpoint])
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "-s",
        str(script),
        base_url,
    ]
    if cpu is not None:
        command = ["taskset", "-c", cpu, *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Result:
    """Read a `wrk --latency` report."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if rps is None or p99 is None or total is None:
        raise RuntimeError("unexpected wrk output:\n" + output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return Result(
        requests_per_second=float(rps.group(1)),
        p99_ms=float(p99.group(1)) * _UNITS[p99.group(2)],
        requests=int(total.group(1)),
        bad_responses=int(bad.group(1)) if bad else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )
