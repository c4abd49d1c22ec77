"""Fixtures for the Gin target: compiled example contracts and their projects built by the real CLI."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from compiler.build import inputs_label
from compiler.ir import Contract
from compiler.pipeline import compile_contract
from emitters.base import GeneratedFile
from emitters.gin import GinEmitter
from tests.contractc_cli import run_contractc
from tests.pairs import CLEAN_PAIRS, pair_files

CLI_TIMEOUT_SECONDS = 600

ProjectFactory = Callable[[str], Path]
CONTRACT_RUN_PROPERTY = "gin_contract_run"  # a test's user property: its `contractc test` outcome


def compiled(name: str) -> Contract:
    spec, schema = pair_files(name)
    result = compile_contract(str(spec), [str(schema)])
    assert result.contract is not None, result.diagnostics
    return result.contract


def render(contract: Contract) -> tuple[GeneratedFile, ...]:
    return GinEmitter().render(contract, inputs_label(contract))


def contractc(*args: str) -> subprocess.CompletedProcess[str]:
    """The contractc CLI run with this interpreter; output captured."""
    return run_contractc(*args, timeout=CLI_TIMEOUT_SECONDS)


@pytest.fixture(scope="session")
def gin_project(tmp_path_factory: pytest.TempPathFactory) -> ProjectFactory:
    """`gin_project(pair)`: `contractc build --target gin` of the pair, once per session.

    The build tests, the HTTP walk-through and `contractc test` all use this one folder, so its
    `go build -o bin/server ./cmd/server` is compiled once and then only re-linked from Go's cache.
    """
    if shutil.which("go") is None:
        pytest.skip("the Go toolchain is not installed")
    built: dict[str, Path] = {}

    def project(pair: str) -> Path:
        if pair not in built:
            out = tmp_path_factory.mktemp(f"gin-{pair}")
            spec, schema = pair_files(pair)
            done = contractc(
                "build",
                str(spec),
                str(schema),
                "--target",
                "gin",
                "--out",
                str(out),
            )
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
            built[pair] = out
        return built[pair]

    return project


@pytest.fixture(scope="session", params=CLEAN_PAIRS)
def project(request: pytest.FixtureRequest, gin_project: ProjectFactory) -> Path:
    """A generated project per example pair."""
    return gin_project(request.param)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per finished `contractc test` run: the suite's own summary and the wall time."""
    lines = [
        f"{report.nodeid.rsplit('[', 1)[-1].rstrip(']')}: {value}"
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        for name, value in getattr(report, "user_properties", ())
        if name == CONTRACT_RUN_PROPERTY
    ]
    if lines:
        terminalreporter.section("Gin contract runs")
        for line in lines:
            terminalreporter.write_line(line)
