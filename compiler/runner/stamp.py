"""Whether a generated project's last successful build is still current.

A stamp file holds a fingerprint of the project's sources (every file's path, size and
modification time, outside the folders install and build write). `contractc run` / `test` skip the
build while the fingerprint is unchanged and every build output folder still exists; a Maven
package alone costs seconds even when nothing changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from emitters.base import Runtime
from emitters.contract_tests.suite import FOLDER as CONTRACT_TESTS

STAMP = Path(".contractc") / "build-stamp"
# Top-level folders no server build reads: the stamp, VCS, the embedded database, the contract
# tests (whose runs leave caches behind).
_NEVER_SOURCES = frozenset({".contractc", ".git", "data", CONTRACT_TESTS})
_CACHES = frozenset({"__pycache__", ".pytest_cache"})


def source_fingerprint(out_dir: Path, runtime: Runtime) -> str:
    """A digest of every source file's path, size and modification time."""
    skipped = _NEVER_SOURCES | set(runtime.build_outputs)
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(out_dir):
        relative = Path(folder).relative_to(out_dir)
        top = relative == Path(".")
        subfolders[:] = sorted(
            d for d in subfolders if d not in _CACHES and not (top and d in skipped)
        )
        for name in sorted(files):
            stat = (Path(folder) / name).stat()
            digest.update(f"{relative / name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def build_is_current(out_dir: Path, runtime: Runtime) -> bool:
    """True when the recorded build matches the sources and its outputs are all still there."""
    if not runtime.build_outputs:
        return False
    if not all((out_dir / folder).exists() for folder in runtime.build_outputs):
        return False
    try:
        recorded = (out_dir / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return recorded == source_fingerprint(out_dir, runtime)


def record_build(out_dir: Path, runtime: Runtime) -> None:
    """Remember the sources a build just succeeded on (nothing when the target opts out)."""
    if not runtime.build_outputs:
        return
    stamp = out_dir / STAMP
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(source_fingerprint(out_dir, runtime) + "\n", encoding="utf-8")
