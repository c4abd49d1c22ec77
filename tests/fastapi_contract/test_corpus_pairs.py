"""The real-world pairs of the shared corpus build for FastAPI and serve their contract.

Each needs the small mapping file of tests/corpus_pairs.py. How far their contract tests get is measured by hand (see the FastAPI report), not here:
their specs document almost no error responses, so the suite is expected to fail.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.corpus_pairs import CORPUS_PAIRS
from tests.fastapi_contract.runs import build_files, copy_project, served

pytestmark = [pytest.mark.e2e, pytest.mark.corpus]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("pair", sorted(CORPUS_PAIRS))
def test_corpus_pair_builds_and_serves(pair: str, corpus: Path, tmp_path: Path) -> None:
    chosen = CORPUS_PAIRS[pair]
    mapping = chosen.write_mapping(tmp_path)
    built = build_files(chosen.spec(corpus), chosen.schema(corpus), tmp_path / "out", mapping)
    project = copy_project(built, tmp_path / "project")
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    env.update({"AUTH_TOKENS": "corpus-token", "AUTH_API_KEYS": "corpus-key"})
    env.update({"AUTH_BASIC_USERS": "corpus:corpus"})
    with served(project, f"sqlite:///{tmp_path / 'corpus.db'}", env) as base_url:
        status, body = _get(base_url + "/openapi.json")
        assert status == 200 and json.loads(body)["paths"]
        assert _get(base_url + "/healthz")[0] == 200
        status, body = _get(base_url + chosen.base_path + "/no-such-route")
        assert status == 404, body
