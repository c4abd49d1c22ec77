"""Generated Express projects for the tests: one cached node_modules, shared by every project.

The generated package.json and lockfile are the same for every contract except the package name,
so `npm ci` runs once per lockfile (better-sqlite3 compiles from source there, which takes
minutes) into a cache folder reused across sessions; each project gets a hard-linked copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

from emitters.express.project import PACKAGE_LOCK, package_lock, package_manifest
from tests.contractc_cli import run_contractc
from tests.pairs import pair_files

CACHE_ROOT = Path(
    os.environ.get("CONTRACTC_TEST_CACHE", Path.home() / ".cache" / "contractc-tests")
)
NPM_CACHE = os.environ.get("CONTRACTC_NPM_CACHE", str(Path.home() / ".npm"))
INSTALL_MARKER = Path("node_modules") / ".package-lock.json"
OWN_CONTRACTS = Path(__file__).resolve().parent / "contracts"
_NPM_TIMEOUT = 1200


def npm(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Runs npm in `project` with the shared download cache."""
    return subprocess.run(
        ["npm", *args, "--cache", NPM_CACHE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=_NPM_TIMEOUT,
        check=False,
    )


def contractc(*args: str) -> subprocess.CompletedProcess[str]:
    """Runs the contractc CLI with this interpreter."""
    return run_contractc(*args, timeout=_NPM_TIMEOUT)


def lockfile_digest(forms: bool = False) -> str:
    """Identifies the dependency set: the shipped lockfile's hash (and the form packages')."""
    data = files("emitters.express").joinpath("data")
    content = data.joinpath(PACKAGE_LOCK).read_bytes()
    if forms:
        content += data.joinpath("form-packages.json").read_bytes()
    return hashlib.sha256(content).hexdigest()[:16]


def cached_node_modules(forms: bool = False) -> Path:
    """node_modules for the lockfile of projects with (or without) form bodies, installed once
    under CACHE_ROOT and reused. The forms set is the plain one plus busboy, added by `npm install`
    to a copy of it, so better-sqlite3 is not compiled twice."""
    home = CACHE_ROOT / f"express-{lockfile_digest(forms)}"
    if (home / INSTALL_MARKER).is_file():
        return home / "node_modules"
    base = cached_node_modules() if forms else None
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{home.name}-", dir=CACHE_ROOT))
    name = "contractc-express-cache"
    (staging / "package.json").write_text(
        json.dumps(package_manifest(name, forms), indent=2) + "\n", encoding="utf-8"
    )
    (staging / PACKAGE_LOCK).write_text(package_lock(name, forms), encoding="utf-8")
    if base is None:
        done = npm(staging, "ci", "--no-audit", "--no-fund", "--prefer-offline")
    else:
        shutil.copytree(base, staging / "node_modules", symlinks=True)
        done = npm(staging, "install", "--no-audit", "--no-fund", "--prefer-offline")
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError("npm failed:\n" + done.stdout[-2000:] + done.stderr[-2000:])
    try:
        staging.rename(home)
    except OSError:  # another session finished first; use its copy
        shutil.rmtree(staging, ignore_errors=True)
    return home / "node_modules"


def link_node_modules(modules: Path, project: Path) -> None:
    """A hard-linked copy of `modules` in `project` (a plain copy across file systems)."""
    target = project / "node_modules"
    linked = subprocess.run(
        ["cp", "-al", str(modules), str(target)], capture_output=True, check=False
    )
    if linked.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(modules, target, symlinks=True)


def build_project(name: str, out: Path) -> Path:
    """`contractc build` for the Express target into `out` of an example pair or of a contract
    of this folder's `contracts/`."""
    folder = OWN_CONTRACTS / name
    files = (
        (folder / "openapi.yaml", folder / "schema.sql") if folder.is_dir() else pair_files(name)
    )
    return build_contract(*files, out)


def build_contract(spec: Path, schema: Path, out: Path, mapping: Path | None = None) -> Path:
    """`contractc build` of one OpenAPI document and schema (and mapping file) for the Express
    target into `out`."""
    options = ["--map", str(mapping)] if mapping is not None else []
    done = contractc(
        "build",
        str(spec),
        str(schema),
        *options,
        "--target",
        "express",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(project: Path, env: dict[str, str]) -> Iterator[str]:
    """The built project's server on a free port with `env` added; its base URL while running."""
    port = free_port()
    process = subprocess.Popen(
        ["node", "dist/server.js"],
        cwd=project,
        env={**os.environ, "PORT": str(port), "LOG_LEVEL": "warn", **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/readyz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        assert process.wait(timeout=15) == 0


def node_test_counts(output: str) -> dict[str, int]:
    """The closing counts of node's test runner (`# tests 12`, `# pass 12`, `# fail 0`, …)."""
    return {name: int(count) for name, count in re.findall(r"^# (\w+) (\d+)$", output, re.M)}


def assert_every_node_test_passed(output: str) -> None:
    """Some tests ran and every one passed: `# fail 0` alone is also what a run of no test prints."""
    counts = node_test_counts(output)
    assert counts.get("tests", 0) > 0, f"node's test runner ran no test:\n{output[-2000:]}"
    assert counts.get("pass") == counts["tests"], counts
