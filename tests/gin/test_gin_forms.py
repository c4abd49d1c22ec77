"""The upload contract on Gin: a form body is validated as a form before the user's handler runs,
and its contract suite (no links, so no stateful test) passes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.form_scenario import SCHEMA, SPEC, check_form_bodies
from tests.gin.conftest import contractc
from tests.gin.serving import build_gin, go, serving

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def upload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The upload contract built for Gin and compiled once."""
    return build_gin(SPEC, SCHEMA, tmp_path_factory.mktemp("gin-upload"))


@pytest.fixture
def server(upload: Path, tmp_path: Path) -> Iterator[str]:
    with serving(upload, f"sqlite:///{tmp_path / 'upload.db'}") as base:
        yield base


def test_form_code_is_gofmt_and_vet_clean(upload: Path) -> None:
    fmt = subprocess.run(["gofmt", "-l", "."], cwd=upload, capture_output=True, text=True)
    assert fmt.stdout == ""
    vet = go(upload, "vet", "./...")
    assert vet.returncode == 0, vet.stderr


def test_own_tests_pass(upload: Path) -> None:
    """The generated cases send JSON; a form operation's 501 case must not be one of them."""
    done = go(upload, "test", "./...")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_forms_are_validated_before_the_handler(server: str) -> None:
    check_form_bodies(server)


def test_contract_suite_passes_without_links(upload: Path) -> None:
    done = contractc("test", str(upload))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "TestWorkflow" not in (upload / "contract-tests" / "test_contract.py").read_text()
