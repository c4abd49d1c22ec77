"""Load an OpenAPI document: read, parse, check the version, bundle external refs, check refs.

Every problem becomes a located diagnostic; `load_document` never raises for bad input and returns
None when there is no usable document (CC001-CC005, CC204). Limits against hostile input are in
`compiler.openapi.limits`. Unquoted integer keys (`200:`) are read as the strings they spell,
silently, as every OpenAPI tool does (see `yaml_reader`). YAML positions are recorded by the
parse; JSON positions are found on the first `locate` call.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from compiler.codes import code
from compiler.diagnostics import DiagnosticSink, Location, Severity
from compiler.openapi.bundler import Bundle, bundle
from compiler.openapi.document import Document
from compiler.openapi.refs import ref_problems
from compiler.openapi.source import SourceFile, read_source
from compiler.openapi.source_error import SourceError

SUPPORTED_VERSION = re.compile(r"3\.[01](\.|$)")


def load_document(path: str, sink: DiagnosticSink) -> Document | None:
    """Load and bundle the OpenAPI document at `path`; None when it cannot be used."""
    try:
        entry = read_source(path)
    except SourceError as error:
        sink.add(
            error.code,
            _severity(error.code),
            error.message,
            Location(path, error.line, error.column),
            error.hint,
        )
        return None
    for warning in entry.warnings:
        sink.warning(
            warning.code,
            warning.message,
            Location(path, warning.line, warning.column),
            warning.hint,
        )
    if not isinstance(entry.data, dict):
        kind = "empty" if entry.data is None else f"a {_json_type(entry.data)}"
        sink.error(
            "CC005",
            f"the document root must be a mapping, but it is {kind}",
            Location(path, 1, 1),
            "an OpenAPI document starts with `openapi: 3.1.0`",
        )
        return None
    if not _check_version(entry, sink):
        return None
    result = bundle(entry)
    document = Document(
        path=path,
        root=entry.data,
        text=entry.text,
        _locator=_locator(result),
        files=_file_names(result),
        digest=_digest(result),
    )
    _report_bundle_problems(result, document, sink)
    for pointer, message in ref_problems(document.root, result.refs):
        sink.error(
            "CC202",
            message,
            document.locate(pointer),
            "point the $ref at an existing node, e.g. '#/components/schemas/Name'",
        )
    return document


def _severity(code_id: str) -> Severity:
    return code(code_id).severity


def _json_type(value: Any) -> str:
    return {list: "sequence", str: "string", bool: "boolean", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )


def _check_version(entry: SourceFile, sink: DiagnosticSink) -> bool:
    root = entry.data
    version = root.get("openapi")
    if version is None:
        if "swagger" in root:
            line, column = entry.position("/swagger")
            sink.error(
                "CC204",
                f"Swagger {root['swagger']} (OpenAPI 2) is not supported",
                Location(entry.path, line, column),
                "convert it to OpenAPI 3 first, e.g. with swagger2openapi",
            )
        else:
            sink.error(
                "CC204",
                "the document has no `openapi` version field",
                Location(entry.path, 1, 1),
                "add `openapi: 3.1.0` at the top",
            )
        return False
    if not SUPPORTED_VERSION.match(str(version)):
        line, column = entry.position("/openapi")
        sink.error(
            "CC204",
            f"OpenAPI version {version!r} is not supported (3.0.x and 3.1.x are)",
            Location(entry.path, line, column),
        )
        return False
    return True


def _locator(result: Bundle) -> Any:
    entry, mounts = result.entry, result.mounts

    def locate(pointer: str) -> Location:
        pointer = pointer.lstrip("#")
        prefix = pointer
        while prefix:
            mount = mounts.get(prefix)
            if mount is not None:
                line, column = mount.source.position(mount.pointer + pointer[len(prefix) :])
                return Location(mount.source.path, line, column)
            prefix = prefix[: prefix.rfind("/")]
        line, column = entry.position(pointer)
        return Location(entry.path, line, column)

    return locate


def _file_names(result: Bundle) -> tuple[str, ...]:
    others = sorted(s.path for s in result.files.values() if s is not result.entry)
    return (result.entry.path, *others)


def _digest(result: Bundle) -> str:
    digest = hashlib.sha256(result.entry.raw)
    base = os.path.dirname(os.path.realpath(result.entry.path))
    for key in sorted(result.files):
        source = result.files[key]
        if source is not result.entry:
            digest.update(b"\0" + os.path.relpath(key, base).encode() + b"\0" + source.raw)
    return digest.hexdigest()


def _report_bundle_problems(result: Bundle, document: Document, sink: DiagnosticSink) -> None:
    for problem in result.problems:
        if problem.file_position is not None:
            location = Location(*problem.file_position)
        else:
            location = document.locate(problem.pointer)
        sink.add(problem.code, _severity(problem.code), problem.message, location, problem.hint)
