"""A custom operation with a multipart body: the form is validated against its schema before the
user's handler runs (501 until it is written), and the contract suite passes without links."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fastapi_contract.runs import build_files, contractc, served

pytestmark = pytest.mark.e2e

DATA = Path(__file__).parent / "data"
PNG = b"\x89PNG\r\n\x1a\n\x00\xff binary, not UTF-8"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("upload") / "out"
    return build_files(DATA / "upload.yaml", DATA / "upload.sql", out)


@pytest.fixture(scope="module")
def base_url(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("upload-db") / "upload.db"
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    with served(project, f"sqlite:///{database}", env) as url:
        yield url


def _upload(base_url: str, data: dict[str, object], with_file: bool = True) -> httpx.Response:
    files = {"file": ("photo.png", PNG, "image/png")} if with_file else None
    return httpx.post(f"{base_url}/photos", data=data, files=files, timeout=10)


def test_a_valid_form_reaches_the_unwritten_handler(base_url: str) -> None:
    response = _upload(base_url, {"caption": "harbour", "rating": "4", "tags": ["sea", "dusk"]})
    assert response.status_code == 501, response.text


@pytest.mark.parametrize(
    ("data", "with_file", "field"),
    [
        ({"rating": "4"}, True, "caption"),
        ({"caption": "harbour", "rating": "9"}, True, "rating"),
        ({"caption": "harbour", "rating": "four"}, True, "rating"),
        ({"caption": "x" * 51}, True, "caption"),
        ({"caption": "harbour"}, False, "file"),
    ],
)
def test_an_invalid_form_is_400(
    base_url: str, data: dict[str, object], with_file: bool, field: str
) -> None:
    response = _upload(base_url, data, with_file)
    assert response.status_code == 400, response.text
    assert field in response.json()["detail"]


def test_a_json_body_is_not_a_form(base_url: str) -> None:
    response = httpx.post(f"{base_url}/photos", json={"caption": "harbour"}, timeout=10)
    assert response.status_code == 400
    assert "multipart/form-data" in response.json()["detail"]


def test_contract_suite_passes_without_links(project: Path) -> None:
    env = {**os.environ, "CONTRACTC_USE_CURRENT_PYTHON": "1", "LOG_LEVEL": "WARNING"}
    env.pop("PYTEST_ADDOPTS", None)
    done = contractc("test", str(project), env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "TestWorkflow" not in (project / "contract-tests" / "test_contract.py").read_text()
