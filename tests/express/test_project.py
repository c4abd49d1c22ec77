"""The generated Express projects: formatted, type-checked, deterministic, and their own tests pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import INSTALL_MARKER, assert_every_node_test_passed, build_project, npm
from tests.pairs import CLEAN_PAIRS

pytestmark = pytest.mark.e2e
_NOT_GENERATED = {"node_modules", "dist", "data"}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] not in _NOT_GENERATED
    }


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_build_output_is_byte_identical(pair: str, tmp_path: Path) -> None:
    first = _tree(build_project(pair, tmp_path / "first"))
    second = _tree(build_project(pair, tmp_path / "second"))
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_output_is_prettier_formatted_and_compiles_strict(
    pair: str, express_project: ProjectFactory
) -> None:
    project = express_project(pair)  # `npm run build` is tsc in strict mode
    assert (project / INSTALL_MARKER).is_file()
    assert (project / "dist" / "server.js").is_file()
    done = npm(project, "run", "format:check")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_own_tests_pass_on_sqlite(pair: str, express_project: ProjectFactory) -> None:
    done = npm(express_project(pair), "test")
    assert done.returncode == 0, done.stdout[-4000:]
    assert_every_node_test_passed(done.stdout)


@pytest.mark.postgres
@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_own_tests_pass_on_postgres(
    pair: str,
    express_project: ProjectFactory,
    postgres_database: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEST_DATABASE_URL", postgres_database)
    done = npm(express_project(pair), "test")
    assert done.returncode == 0, done.stdout[-4000:]
    assert_every_node_test_passed(done.stdout)
