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

from tests.gin.conftest import contractc
from tests.gin.test_gin_build import _free_port, go


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
def serving(project: Path, database: Path) -> Iterator[str]:
    """The compiled server over a SQLite file at `database`; its base URL while it runs."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "DATABASE_URL": f"sqlite:///{database}"}
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
        assert process.wait(timeout=15) == 0
