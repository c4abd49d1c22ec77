"""Validate a loaded OpenAPI 3.0/3.1 document and report every problem at its line (CC201-CC207).

Two passes over plain data: the OpenAPI meta-schema of openapi-spec-validator 0.9, compiled with
jsonschema-rs, then the semantic rules of `spec_rules` (the same checks as the validator's Python
keyword validators, without their cost and without their crashes on dangling `$ref`s or ECMA
patterns). Findings are cached by the digest of all input bytes (see `cache`), so an
unchanged spec is validated once.
"""

from __future__ import annotations

import hashlib

from compiler.codes import code
from compiler.diagnostics import DiagnosticSink
from compiler.openapi.cache import fingerprint, read_entry, write_entry
from compiler.openapi.document import Document
from compiler.openapi.findings import Finding, shorten

_MODULES = (
    "bundler.py",
    "findings.py",
    "meta_schema.py",
    "patterns.py",
    "spec_rules.py",
    "spec_walk.py",
    "validate.py",
)
_LIBRARIES = (
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-rs",
    "regex",
    "referencing",
)


def validate_document(doc: Document, sink: DiagnosticSink) -> None:
    """Report every validation problem of `doc` into `sink`; never raises for bad input."""
    minor = "3.1" if doc.openapi_version.startswith("3.1") else "3.0"
    key = _cache_key(doc.digest, minor) if doc.digest else ""
    findings = _cached(key)
    if findings is None:
        findings = find_problems(doc, minor)
        if key:
            write_entry(
                "validation", key, [[f.code, f.message, f.pointer, f.hint] for f in findings]
            )
    for finding in findings:
        sink.add(
            finding.code,
            code(finding.code).severity,
            finding.message,
            doc.locate(finding.pointer),
            finding.hint,
        )


def _cache_key(document_digest: str, minor: str) -> str:
    """Every input byte (the digest) plus everything that judges them."""
    text = f"{document_digest}:{minor}:{fingerprint(_MODULES, _LIBRARIES)}"
    return hashlib.sha256(text.encode()).hexdigest()


def _cached(key: str) -> list[Finding] | None:
    rows = read_entry("validation", key) if key else None
    if not isinstance(rows, list) or not all(
        isinstance(r, list) and len(r) == 4 and all(isinstance(f, str) for f in r) for r in rows
    ):
        return None
    return [Finding(*row) for row in rows]


def find_problems(doc: Document, minor: str) -> list[Finding]:
    """All findings of one document, in a stable order, without duplicates."""
    # imported on a cache miss only: the validators cost more to import than a warm check
    from jsonschema_rs import ReferencingError
    from referencing.exceptions import Unresolvable

    from compiler.openapi.meta_schema import document_problems
    from compiler.openapi.spec_rules import rule_problems

    findings: list[Finding] = []
    try:
        findings += document_problems(doc.root, minor)
        findings += rule_problems(doc.root, minor)
    except (ReferencingError, Unresolvable, RecursionError, ValueError) as error:
        findings.append(
            Finding(
                "CC201",
                f"validation stopped early: {shorten(str(error))}",
                "",
                "fix the problems reported above and check again",
            )
        )
    return list(dict.fromkeys(findings))
