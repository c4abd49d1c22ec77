"""Read the runtime recipe an emitter recorded in the output folder's manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from emitters.base import Runtime

MANIFEST_NAME = "contractc-manifest.json"


class ManifestError(Exception):
    """The output folder has no usable manifest; the message says what to do."""


def load_runtime(out_dir: Path) -> Runtime:
    """The `runtime` recorded in `out_dir`'s manifest, or ManifestError with a one-line reason."""
    path = out_dir / MANIFEST_NAME
    if not out_dir.is_dir():
        raise ManifestError(f"{out_dir}: not a folder; pass the output folder of `contractc build`")
    if not path.is_file():
        raise ManifestError(f"{path}: not found; run `contractc build` into {out_dir} first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"{path}: unreadable ({exc}); rebuild with `contractc build`") from None
    runtime = data.get("runtime") if isinstance(data, dict) else None
    if not isinstance(runtime, dict):
        raise ManifestError(f"{path}: no `runtime` object; rebuild with `contractc build`")
    try:
        return Runtime(
            install=tuple(
                _command(c, "install") for c in _list(runtime.get("install", []), "install")
            ),
            install_marker=_string(runtime.get("install_marker"), "install_marker"),
            build=tuple(_command(c, "build") for c in _list(runtime.get("build", []), "build")),
            start=_command(runtime.get("start"), "start"),
            unit_tests=_command(runtime.get("unit_tests", []), "unit_tests", allow_empty=True),
            ready_path=_string(runtime.get("ready_path", "/readyz"), "ready_path"),
            env=tuple(_pair(p) for p in _list(runtime.get("env", []), "env")),
            build_outputs=tuple(
                _string(f, "build_outputs")
                for f in _list(runtime.get("build_outputs", []), "build_outputs")
            ),
        )
    except _BadField as exc:
        raise ManifestError(f"{path}: runtime.{exc}; rebuild with `contractc build`") from None


class _BadField(Exception):
    """A runtime field of the wrong shape; the message starts with the field name."""


def _list(value: Any, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise _BadField(f"{key} must be a list")
    return value


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise _BadField(f"{key} must be a non-empty string")
    return value


def _command(value: Any, key: str, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(arg, str) for arg in value):
        raise _BadField(f"{key} must be a list of strings")
    if not value and not allow_empty:
        raise _BadField(f"{key} must not be empty")
    return tuple(value)


def _pair(value: Any) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise _BadField("env entries must be [name, value] string pairs")
    return (value[0], value[1])
