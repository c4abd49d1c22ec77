"""The upload contract on Gin: a form body is validated as a form before the user's handler runs,
and its contract suite (no links, so no stateful test) passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.form_scenario import SCHEMA, SPEC, check_form_bodies
from tests.gin.conftest import contractc
from tests.gin.test_gin_build import _free_port, go

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def upload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The upload contract built for Gin and compiled once."""
    if shutil.which("go") is None:
        pytest.skip("the Go toolchain is not installed")
    out = tmp_path_factory.mktemp("gin-upload")
    done = contractc("build", str(SPEC), str(SCHEMA), "--target", "gin", "--out", str(out))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    built = go(out, "build", "-o", "bin/server", "./cmd/server")
    assert built.returncode == 0, built.stderr
    return out


@pytest.fixture
def server(upload: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "DATABASE_URL": f"sqlite:///{tmp_path}/upload.db"}
    process = subprocess.Popen(
        [str(upload / "bin" / "server")], cwd=upload, env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/readyz", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield base
    process.terminate()
    assert process.wait(timeout=15) == 0


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
