"""A contract built for Gin, compiled, and its server run on a free port for one HTTP scenario."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from compiler.runner.processes import free_port
from tests.gin.conftest import contractc


def go(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """A `go` command run in `project`, output captured."""
    return subprocess.run(
        ["go", *args], cwd=project, capture_output=True, text=True, timeout=timeout, check=False
    )


def build_gin(spec: Path, schema: Path, out: Path, change: dict[str, str] | None = None) -> Path:
    """`contractc build --target gin` into `out`, with `change` (relative path -> text) written
    over the user-owned files, then `go build`; skips without a Go toolchain."""
    if shutil.which("go") is None:
        pytest.skip("the Go toolchain is not installed")
    done = contractc("build", str(spec), str(schema), "--target", "gin", "--out", str(out))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for relative, text in (change or {}).items():
        (out / relative).write_text(text, encoding="utf-8")
    built = go(out, "build", "-o", "bin/server", "./cmd/server")
    assert built.returncode == 0, built.stderr
    return out


@contextmanager
def serving(project: Path, database_url: str, **settings: str) -> Iterator[str]:
    """The compiled server over `database_url` with extra `settings` in its environment; its base
    URL while it runs. It must stop cleanly on SIGTERM."""
    port = free_port()
    env = {**os.environ, **settings, "PORT": str(port), "DATABASE_URL": database_url}
    process = subprocess.Popen(
        [str(project / "bin" / "server")], cwd=project, env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        assert process.wait(timeout=15) == 0  # graceful shutdown on SIGTERM
