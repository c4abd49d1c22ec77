"""A content-addressed on-disk cache (parsed YAML, validation findings), safe against corruption.

Keys cover the input bytes, the versions of the libraries involved and the source of contractc's
own modules that produce the entry, so a stale entry is never served. Entries live in
$XDG_CACHE_HOME/contractc (or ~/.cache/contractc), one JSON file each, written atomically
(temporary file + rename). An unreadable or malformed entry is a miss; a cache that cannot be
written is skipped. CONTRACTC_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

_FORMAT = 1
_HERE = Path(__file__).parent


def cache_dir(kind: str) -> Path:
    """The folder holding entries of one kind ("parsed", "validation")."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contractc" / kind


@cache
def fingerprint(modules: tuple[str, ...], libraries: tuple[str, ...]) -> str:
    """A hash of the given compiler/openapi modules' source and the libraries' versions."""
    digest = hashlib.sha256(f"format {_FORMAT}".encode())
    for library in libraries:
        try:
            digest.update(f"{library}={metadata.version(library)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none;".encode())
    for module in modules:
        digest.update((_HERE / module).read_bytes())
    return digest.hexdigest()


def _enabled() -> bool:
    return os.environ.get("CONTRACTC_NO_CACHE", "") in ("", "0")


def read_entry(kind: str, key: str) -> Any:
    """The payload stored under `key`, or None on a miss (absent, unreadable or malformed)."""
    if not _enabled():
        return None
    try:
        entry = json.loads((cache_dir(kind) / key[:2] / f"{key}.json").read_text("utf-8"))
        return entry["payload"] if isinstance(entry, dict) and entry.get("key") == key else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_entry(kind: str, key: str, payload: Any) -> None:
    """Store `payload` (JSON data) under `key`; failures are ignored."""
    if not _enabled():
        return
    folder = cache_dir(kind) / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False
        ) as handle:
            # dumps, not dump: only the one-shot encoder is the C one (dump is 5x slower)
            handle.write(json.dumps({"key": key, "payload": payload}, allow_nan=True))
        os.replace(handle.name, folder / f"{key}.json")
    except (OSError, ValueError, TypeError):
        return
