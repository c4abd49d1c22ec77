"""Session fixtures: each example pair written, `mvn verify`-ed (JUnit + jar) once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.spring.spring_projects import maven, toolchain_missing, write_project

ProjectFactory = Callable[[str], Path]


@pytest.fixture(scope="session")
def spring_project(tmp_path_factory: pytest.TempPathFactory) -> ProjectFactory:
    """The pair's project with target/app.jar built and its generated tests passed; built lazily, once."""
    missing = toolchain_missing()
    if missing is not None:
        pytest.skip(missing)
    built: dict[str, Path] = {}

    def project(pair: str) -> Path:
        if pair not in built:
            out = write_project(pair, tmp_path_factory.mktemp(f"spring-{pair}"))
            done = maven(out, "verify")
            assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
            assert "WARNING" not in done.stdout, done.stdout[-2000:]
            built[pair] = out
        return built[pair]

    return project
