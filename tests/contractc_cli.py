"""The contractc CLI as the end-to-end tests run it: this interpreter, output captured."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping


def run_contractc(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """`contractc ARGS` run with this interpreter; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "compiler.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(env) if env is not None else None,
        check=False,
    )
