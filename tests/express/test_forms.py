"""The upload contract on Express: a form body is validated as a form (busboy) before the user's
handler runs, the project is prettier-clean and strict, and its contract suite (no links) passes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.express.projects import (
    build_contract,
    cached_node_modules,
    contractc,
    link_node_modules,
    npm,
    running_server,
)
from tests.form_scenario import SCHEMA, SPEC, check_form_bodies

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def upload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The upload contract built for Express, with busboy installed, and compiled once."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("node/npm not installed")
    out = build_contract(SPEC, SCHEMA, tmp_path_factory.mktemp("express-upload"))
    link_node_modules(cached_node_modules(forms=True), out)
    done = npm(out, "run", "build")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def test_busboy_is_pinned_and_the_form_code_is_prettier_clean(upload: Path) -> None:
    package = json.loads((upload / "package.json").read_text())
    assert package["dependencies"]["busboy"] == "1.6.0"
    lock = json.loads((upload / "package-lock.json").read_text())
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    done = npm(upload, "run", "format:check")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_forms_are_validated_before_the_handler(upload: Path, tmp_path: Path) -> None:
    with running_server(upload, {"DATABASE_URL": f"sqlite:///{tmp_path}/upload.db"}) as base:
        check_form_bodies(base)


def test_contract_suite_passes_without_links(upload: Path) -> None:
    done = contractc("test", str(upload))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "TestWorkflow" not in (upload / "contract-tests" / "test_contract.py").read_text()
