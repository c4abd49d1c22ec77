"""Route precedence on Express: a literal route beside a templated one that would capture it, and
methods outside HTTP's usual set; on the routes contract, and on RealWorld's `/articles/feed`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.corpus_pairs import CORPUS_PAIRS
from tests.express.projects import build_contract, link_node_modules, npm, running_server
from tests.route_scenario import SCHEMA, SPEC, check_route_precedence

pytestmark = pytest.mark.e2e


def _compile(project: Path, modules: Path) -> Path:
    link_node_modules(modules, project)
    done = npm(project, "run", "build")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project


def test_route_precedence(express_modules: Path, tmp_path: Path) -> None:
    project = _compile(build_contract(SPEC, SCHEMA, tmp_path / "routes"), express_modules)
    with running_server(project, {"DATABASE_URL": f"sqlite:///{tmp_path}/routes.db"}) as base:
        check_route_precedence(base)


@pytest.mark.corpus
def test_realworld_feed_is_its_own_path(
    express_modules: Path, corpus: Path, tmp_path: Path
) -> None:
    """Among RealWorld's many routes, `/articles/{slug}` answers neither `GET` nor `DELETE` of
    `/articles/feed`."""
    folder = corpus / "pairs" / "realworld"
    mapping = CORPUS_PAIRS["realworld"].write_mapping(tmp_path)
    project = build_contract(
        folder / "openapi.yml", folder / "schema.sql", tmp_path / "realworld", mapping
    )
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/realworld.db", "AUTH_API_KEYS": "key"}
    with running_server(_compile(project, express_modules), env) as base:
        feed = httpx.get(f"{base}/api/articles/feed", headers={"Authorization": "key"})
        assert feed.status_code == 501, feed.text
        refused = httpx.delete(f"{base}/api/articles/feed", headers={"Authorization": "key"})
        assert refused.status_code == 405, refused.text
        assert refused.headers["allow"] == "GET"
