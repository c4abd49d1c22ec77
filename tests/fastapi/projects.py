"""Helpers for the FastAPI emitter tests: contracts to render, writing a render to disk, serving it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest

from compiler.build import inputs_label
from compiler.ir import Contract
from emitters.base import GeneratedFile
from emitters.fastapi import FastAPIEmitter
from tests.fastapi.handmade import CONTRACT as HANDMADE
from tests.pairs import CLEAN_PAIRS, CONTRACTS

NAMES = ("handmade", *CLEAN_PAIRS)  # the hand-built IR and every clean example pair


def contract_for(name: str) -> Contract:
    """The hand-built IR, or a pair from contracts/ compiled by the real front end."""
    if name == "handmade":
        return HANDMADE
    from compiler.pipeline import compile_contract

    folder = CONTRACTS / name
    result = compile_contract(str(folder / "openapi.yaml"), [str(folder / "schema.sql")])
    if result.contract is None:
        pytest.fail(f"{name} does not compile: {[d.message for d in result.diagnostics][:3]}")
    return result.contract


def render(contract: Contract) -> tuple[GeneratedFile, ...]:
    return FastAPIEmitter().render(contract, inputs_label(contract))


def write(files: tuple[GeneratedFile, ...], out: Path) -> Path:
    for file in files:
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.content, encoding="utf-8")
        if file.executable:
            target.chmod(0o755)
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(project: Path, database_url: str, env: Mapping[str, str]) -> Iterator[str]:
    """`project` installed and served by its own launcher on a free port; yields the base URL."""
    port = _free_port()
    full_env = {
        **os.environ,
        "CONTRACTC_USE_CURRENT_PYTHON": "1",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        **env,
    }
    launch = [sys.executable, "tools/launch.py"]
    installed = subprocess.run(
        [*launch, "install"], cwd=project, env=full_env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    process = subprocess.Popen(
        [*launch, "serve"],
        cwd=project,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            process.kill()
            output = process.stdout.read() if process.stdout is not None else b""
            pytest.fail("server did not become ready: " + output.decode()[-2000:])
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)
