"""Format generated Python the way the stack does (`ruff check --fix` for imports, `ruff format`)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

RUFF_CONFIG = """\
line-length = 100
target-version = "py311"

[lint]
select = ["E", "F", "I", "UP", "B"]
"""


class FormattingError(RuntimeError):
    """ruff could not format a rendered file: a template bug, never a user error."""


def format_python(files: dict[str, str]) -> dict[str, str]:
    """Return `files` (path -> source) formatted by ruff, in one batch."""
    with tempfile.TemporaryDirectory(prefix="contractc-fmt-") as tmp:
        root = Path(tmp)
        (root / "ruff.toml").write_text(RUFF_CONFIG, encoding="utf-8")
        for path, source in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8")
        for args in (
            ("check", "--fix-only", "--select", "I,F401", "--quiet", "."),
            ("format", "--quiet", "."),
        ):
            done = subprocess.run(
                [sys.executable, "-m", "ruff", *args],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise FormattingError(done.stderr.strip() or done.stdout.strip())
        return {path: (root / path).read_text(encoding="utf-8") for path in files}
