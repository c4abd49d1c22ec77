"""Read one input file (YAML or JSON, told apart by content) into JSON data with lazy positions."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from compiler.openapi.cache import fingerprint, read_entry, write_entry
from compiler.openapi.limits import MAX_DEPTH, MAX_FILE_BYTES, TOO_DEEP
from compiler.openapi.positions import JsonPositions, Position, YamlPositions
from compiler.openapi.source_error import SourceError
from compiler.openapi.yaml_reader import read_yaml

_CACHED_PARSE_BYTES = 256 * 1024  # smaller YAML files parse faster than a cache entry reads

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class SourceFile:
    """One parsed file: its text, its JSON data, and where its nodes were written.

    YAML positions come from the parse (or the parse cache); JSON positions are found on first use.
    """

    path: str
    text: str
    data: Any
    raw: bytes = field(repr=False, default=b"")
    warnings: list[SourceError] = field(default_factory=list)
    positions: YamlPositions | JsonPositions | None = field(default=None, repr=False)

    def position(self, pointer: str) -> Position:
        """(line, column) of the node at `pointer` in this file, or of its nearest ancestor."""
        if self.positions is None:
            self.positions = JsonPositions(self.text)
        return self.positions.nearest(pointer)


def read_source(path: str) -> SourceFile:
    """Read and parse `path`; raises `SourceError` (CC001-CC004) when it cannot be used.

    Large YAML files are parsed once: their data is cached by content (JSON reads ten times
    faster than YAML parses), see `compiler.openapi.cache`.
    """
    raw = _read_bytes(path)
    text = decode(raw)
    key = _parse_cache_key(raw) if len(raw) >= _CACHED_PARSE_BYTES else ""
    cached = _cached_parse(key) if key else None
    data, warnings, positions = (
        cached
        if cached is not None
        else parse_text(text, strict_json=path.lower().endswith(".json"))
    )
    if key and cached is None and positions is not None:
        write_entry(
            "parsed",
            key,
            {
                "data": data,
                "warnings": [[w.code, w.message, w.line, w.column, w.hint] for w in warnings],
                "positions": positions.as_payload(),
            },
        )
    return SourceFile(path, text, data, raw, warnings, positions)


def _cached_parse(key: str) -> tuple[Any, list[SourceError], YamlPositions] | None:
    """(data, warnings, positions) of a cached YAML parse, or None on a miss."""
    entry = read_entry("parsed", key)
    try:
        warnings = [SourceError(*w) for w in entry["warnings"]]
        return entry["data"], warnings, YamlPositions.from_payload(entry["positions"])
    except (TypeError, KeyError, ValueError):
        return None


def _parse_cache_key(raw: bytes) -> str:
    reader = fingerprint(("source.py", "yaml_reader.py", "positions.py", "limits.py"), ("PyYAML",))
    return hashlib.sha256(raw + reader.encode()).hexdigest()


def _read_bytes(path: str) -> bytes:
    if os.path.isdir(path):
        raise SourceError("CC001", f"{path} is a directory, not a file")
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise SourceError("CC001", f"{path} is not a regular file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                "CC004",
                f"file is {size / 2**20:.0f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
            )
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SourceError("CC001", f"{path} does not exist") from None
    except OSError as error:
        raise SourceError("CC001", f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError("CC004", f"file is over the {MAX_FILE_BYTES // 2**20} MiB limit")
    return raw


def decode(raw: bytes) -> str:
    """Bytes to text: a BOM picks the encoding, otherwise strict UTF-8; NUL bytes mean binary."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\0" in raw:
        raise SourceError("CC002", "file contains NUL bytes: it is binary, not YAML or JSON")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceError(
            "CC002",
            f"file is not valid {encoding.upper()} text (byte {error.start})",
            line,
            1,
            "save the file as UTF-8",
        ) from None
    if "\0" in text:
        raise SourceError("CC002", "file contains NUL characters: it is binary, not YAML or JSON")
    return text


def parse_text(
    text: str, strict_json: bool = False
) -> tuple[Any, list[SourceError], YamlPositions | None]:
    """Parse JSON when the text looks like JSON, YAML otherwise.

    Returns (data, warnings, positions): YAML's positions, None for JSON (found on demand).

    Text that starts like JSON but is not valid JSON is retried as YAML (a flow mapping), unless
    `strict_json` (the file is named *.json), where the JSON syntax error is reported.
    """
    if text.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except RecursionError:
            raise SourceError("CC004", TOO_DEEP) from None
        except ValueError as json_error:
            if strict_json:
                raise _json_error(json_error) from None
            try:
                return read_yaml(text)
            except SourceError:
                raise _json_error(json_error) from None
        check_depth(data)
        return data, [], None
    return read_yaml(text)


def _json_error(error: ValueError) -> SourceError:
    if isinstance(error, json.JSONDecodeError):
        return SourceError("CC003", f"JSON syntax error: {error.msg}", error.lineno, error.colno)
    return SourceError("CC003", f"JSON syntax error: {error}")


def check_depth(data: Any) -> None:
    """Raise CC004 when JSON data nests deeper than MAX_DEPTH (iteratively: no recursion)."""
    level: list[Any] = [data]
    for _ in range(MAX_DEPTH + 1):
        level = [
            child
            for node in level
            if isinstance(node, (dict, list))
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, (dict, list))
        ]
        if not level:
            return
    raise SourceError("CC004", TOO_DEEP)
