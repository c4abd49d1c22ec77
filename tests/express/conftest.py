"""Session fixtures: the cached node_modules and each example pair built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.express.projects import build_project, cached_node_modules, link_node_modules, npm

ProjectFactory = Callable[[str], Path]


@pytest.fixture(scope="session")
def express_modules() -> Path:
    """node_modules for the generated projects, installed once per lockfile on this machine."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("node/npm not installed")
    return cached_node_modules()


@pytest.fixture(scope="session")
def express_project(
    express_modules: Path, tmp_path_factory: pytest.TempPathFactory
) -> ProjectFactory:
    """Builds a contract with `contractc build`, installs and compiles it, once per session."""
    built: dict[str, Path] = {}

    def project(pair: str) -> Path:
        if pair not in built:
            out = build_project(pair, tmp_path_factory.mktemp(f"express-{pair}"))
            link_node_modules(express_modules, out)
            done = npm(out, "run", "build")
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
            built[pair] = out
        return built[pair]

    return project


@pytest.fixture
def postgres_database(fresh_postgres_database: Callable[[str], str | None]) -> str:
    """An empty database of its own on the test PostgreSQL server; skips without one."""
    url = fresh_postgres_database("express")
    if url is None:
        pytest.skip("CONTRACTC_TEST_POSTGRES_URL is not set")
    return url
