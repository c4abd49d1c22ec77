"""The runner's plumbing: manifests, install/build steps, readiness, unit tests and signal forwarding."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from compiler import runner
from compiler.runner.processes import free_port

REPO = Path(__file__).resolve().parents[2]

# A server that records its environment and serves /readyz until SIGTERM, then exits 0.
_SERVER = """
import json, os, signal, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
open("env.json", "w").write(json.dumps(dict(os.environ)))
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
server = HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
server.serve_forever()
"""


def _project(tmp_path: Path, **runtime: object) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "server.py").write_text(_SERVER)
    recipe = {
        "install": [["{python}", "-c", "open('installed', 'a').write('x')"]],
        "install_marker": "installed",
        "build": [["{python}", "-c", "open('built', 'a').write('x')"]],
        "start": ["{python}", "server.py"],
        "unit_tests": ["{python}", "-c", "raise SystemExit(0)"],
        "ready_path": "/readyz",
        "env": [["EXTRA_SETTING", "on"]],
        **runtime,
    }
    (out / "contractc-manifest.json").write_text(json.dumps({"target": "fake", "runtime": recipe}))
    return out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("{not json", "unreadable"),
        ('{"target": "fastapi"}', "no `runtime`"),
        (
            '{"runtime": {"install_marker": "x", "start": "python app.py"}}',
            "runtime.start must be a list",
        ),
        (
            '{"runtime": {"install_marker": "x", "start": ["a"], "env": [["A"]]}}',
            "runtime.env entries",
        ),
    ],
)
def test_unusable_manifest_is_a_message_and_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        (tmp_path / "contractc-manifest.json").write_text(content)
    for code in (
        runner.test_server(tmp_path, None),
        runner.unit_tests(tmp_path),
        runner.run_server(tmp_path, free_port(), None),
    ):
        assert code == 2
    err = capfd.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_missing_folder_is_exit_2(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert runner.test_server(tmp_path / "absent", None) == 2
    assert "not a folder" in capfd.readouterr().err


def test_unit_tests_install_once_then_build_every_time(tmp_path: Path) -> None:
    out = _project(tmp_path)
    assert runner.unit_tests(out) == 0
    assert runner.unit_tests(out) == 0
    assert (out / "installed").read_text() == "x"
    assert (out / "built").read_text() == "xx"


def test_build_is_skipped_while_its_sources_are_unchanged(tmp_path: Path) -> None:
    count = "import os; os.makedirs('dist', exist_ok=True); open('dist/count', 'a').write('x')"
    out = _project(tmp_path, build=[["{python}", "-c", count]], build_outputs=["dist"])
    built = out / "dist" / "count"
    assert runner.unit_tests(out) == 0
    (out / "contract-tests" / ".pytest_cache").mkdir(parents=True)  # what a contract run leaves
    assert runner.unit_tests(out) == 0
    assert built.read_text() == "x"
    (out / "server.py").write_text(_SERVER + "\n")  # the user edits a source file
    assert runner.unit_tests(out) == 0
    assert built.read_text() == "xx"
    shutil.rmtree(out / "dist")  # e.g. `mvn clean`
    assert runner.unit_tests(out) == 0
    assert built.read_text() == "x"


def test_failing_unit_tests_and_failing_build_are_exit_1(tmp_path: Path) -> None:
    failing = _project(tmp_path, unit_tests=["{python}", "-c", "raise SystemExit(3)"])
    assert runner.unit_tests(failing) == 1
    (failing / "contractc-manifest.json").write_text(
        json.dumps(
            {
                "runtime": {
                    "install_marker": "installed",
                    "build": [["{python}", "-c", "raise SystemExit(1)"]],
                    "start": ["{python}", "server.py"],
                    "unit_tests": ["true"],
                }
            }
        )
    )
    assert runner.unit_tests(failing) == 1


def test_missing_tool_is_exit_2(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    out = _project(tmp_path, unit_tests=["contractc-no-such-tool", "test"])
    assert runner.unit_tests(out) == 2
    assert "`contractc-no-such-tool` is not installed" in capfd.readouterr().err


def test_server_that_never_gets_ready_shows_its_log(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = _project(
        tmp_path,
        start=["{python}", "-c", "import time; print('booting: port in use'); time.sleep(30)"],
    )
    (out / "contract-tests").mkdir()
    (out / "contract-tests" / "test_contract.py").write_text("")
    started = time.monotonic()
    assert runner.test_server(out, None, ready_timeout=1.5) == 1
    assert time.monotonic() - started < 10
    err = capfd.readouterr().err
    assert "never became ready" in err
    assert "booting: port in use" in err


def test_server_that_exits_early_is_reported(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = _project(
        tmp_path, start=["{python}", "-c", "raise SystemExit('DATABASE_URL is required')"]
    )
    (out / "contract-tests").mkdir()
    (out / "contract-tests" / "test_contract.py").write_text("")
    assert runner.test_server(out, "postgresql://nowhere/db") == 1
    err = capfd.readouterr().err
    assert "exited with code 1" in err
    assert "DATABASE_URL is required" in err


def test_run_server_serves_in_the_foreground_and_forwards_sigterm(tmp_path: Path) -> None:
    out = _project(tmp_path)
    port = free_port()
    script = (
        f"from compiler import runner; from pathlib import Path; "
        f"raise SystemExit(runner.run_server(Path({str(out)!r}), {port}, 'sqlite:///x.db'))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "DATABASE_URL": "postgresql://inherited"}
    process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/readyz", timeout=1
                ) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "run_server never served"
                time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    served_env = json.loads((out / "env.json").read_text())
    assert served_env["PORT"] == str(port)
    assert served_env["DATABASE_URL"] == "sqlite:///x.db"
    assert served_env["EXTRA_SETTING"] == "on"


def test_folder_without_contract_tests_is_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert runner.test_server(_project(tmp_path), None) == 2
    assert "no contract tests" in capfd.readouterr().err
