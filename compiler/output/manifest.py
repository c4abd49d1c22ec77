"""The manifest each output folder carries: inputs, runtime recipe, and every file with its hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from compiler.ir import SourceFile
from emitters.base import Runtime

MANIFEST_NAME = "contractc-manifest.json"
MANIFEST_FORMAT = 1


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    user_owned: bool


@dataclass(frozen=True)
class Manifest:
    target: str
    generator_version: str
    inputs: tuple[SourceFile, ...]
    runtime: Runtime
    files: dict[str, FileRecord]
    fingerprint: str = ""  # compiler.output.fingerprint: what decided this render
    # every schema this folder was built for, oldest first (compiler.output.schema_history)
    schemas: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> str:
        data = {
            "format": MANIFEST_FORMAT,
            "generator": "contractc",
            "generator_version": self.generator_version,
            "target": self.target,
            "inputs": [asdict(s) for s in self.inputs],
            "fingerprint": self.fingerprint,
            "runtime": asdict(self.runtime),
            **({"schemas": list(self.schemas)} if self.schemas else {}),
            "files": {
                path: {"sha256": rec.sha256, "owner": "user" if rec.user_owned else "generated"}
                for path, rec in sorted(self.files.items())
            },
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class ManifestError(Exception):
    """The manifest is missing, unreadable or not one contractc wrote."""


def read_manifest(out_dir: Path) -> Manifest:
    path = out_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: no manifest (was this folder built by contractc?)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: unreadable manifest ({exc})") from None
    try:
        return _manifest_from_data(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ManifestError(f"{path}: malformed manifest ({exc!r})") from None


def _manifest_from_data(data: dict[str, Any]) -> Manifest:
    if data.get("generator") != "contractc":
        raise ValueError("not written by contractc")
    rt = data["runtime"]
    runtime = Runtime(
        install=tuple(tuple(c) for c in rt["install"]),
        install_marker=str(rt["install_marker"]),
        build=tuple(tuple(c) for c in rt["build"]),
        start=tuple(rt["start"]),
        unit_tests=tuple(rt["unit_tests"]),
        ready_path=str(rt.get("ready_path", "/readyz")),
        env=tuple((str(k), str(v)) for k, v in rt.get("env", ())),
        build_outputs=tuple(str(f) for f in rt.get("build_outputs", ())),
    )
    files = {
        str(path): FileRecord(str(rec["sha256"]), rec["owner"] == "user")
        for path, rec in data["files"].items()
    }
    inputs = tuple(SourceFile(str(s["path"]), str(s["sha256"])) for s in data["inputs"])
    fingerprint = str(data.get("fingerprint", ""))
    schemas = tuple(dict(s) for s in data.get("schemas", ()))
    return Manifest(
        str(data["target"]),
        str(data["generator_version"]),
        inputs,
        runtime,
        files,
        fingerprint,
        schemas,
    )
