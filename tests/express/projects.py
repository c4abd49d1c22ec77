"""Generated Express projects for the tests: one cached node_modules, shared by every project.

The generated package.json and lockfile are the same for every contract except the package name,
so `npm ci` runs once per lockfile (better-sqlite3 compiles from source there, which takes
minutes) into a cache folder reused across sessions; each project gets a hard-linked copy.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from importlib.resources import files
from pathlib import Path

from emitters.express.project import PACKAGE_LOCK, package_lock, package_manifest

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
CACHE_ROOT = Path(
    os.environ.get("CONTRACTC_TEST_CACHE", Path.home() / ".cache" / "contractc-tests")
)
NPM_CACHE = os.environ.get("CONTRACTC_NPM_CACHE", str(Path.home() / ".npm"))
INSTALL_MARKER = Path("node_modules") / ".package-lock.json"
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
    return subprocess.run(
        [sys.executable, "-m", "compiler.cli", *args],
        capture_output=True,
        text=True,
        timeout=_NPM_TIMEOUT,
        check=False,
    )


def lockfile_digest() -> str:
    """Identifies the dependency set: the shipped lockfile's hash."""
    data = files("emitters.express").joinpath("data", PACKAGE_LOCK).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def cached_node_modules() -> Path:
    """node_modules for the shipped lockfile, installed once under CACHE_ROOT and reused."""
    home = CACHE_ROOT / f"express-{lockfile_digest()}"
    if (home / INSTALL_MARKER).is_file():
        return home / "node_modules"
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{home.name}-", dir=CACHE_ROOT))
    name = "contractc-express-cache"
    (staging / "package.json").write_text(
        json.dumps(package_manifest(name), indent=2) + "\n", encoding="utf-8"
    )
    (staging / PACKAGE_LOCK).write_text(package_lock(name), encoding="utf-8")
    done = npm(staging, "ci", "--no-audit", "--no-fund", "--prefer-offline")
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError("npm ci failed:\n" + done.stdout[-2000:] + done.stderr[-2000:])
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


def build_project(pair: str, out: Path) -> Path:
    """`contractc build` of an example pair for the Express target into `out`."""
    folder = CONTRACTS / pair
    done = contractc(
        "build",
        str(folder / "openapi.yaml"),
        str(folder / "schema.sql"),
        "--target",
        "express",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def fresh_postgres_database(server_url: str) -> str:
    """A new, empty database on the server behind `server_url`; its URL."""
    import asyncpg

    name = f"express_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        connection = await asyncpg.connect(server_url)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(create())
    return server_url.rsplit("/", 1)[0] + f"/{name}"
