"""Helpers shared by the OpenAPI front-end tests (a unique module name: conftest is ambiguous)."""

from __future__ import annotations

from pathlib import Path

from compiler.diagnostics import Diagnostic, DiagnosticSink
from compiler.openapi.document import Document
from compiler.openapi.loader import load_document
from compiler.openapi.validate import validate_document

FIXTURES = Path(__file__).parent / "fixtures"

Checked = tuple[Document | None, list[Diagnostic]]


def check_file(path: str | Path, validate: bool = True) -> Checked:
    """Load (and validate) a file; returns the document and the sorted diagnostics."""
    sink = DiagnosticSink()
    document = load_document(str(path), sink)
    if document is not None and validate:
        validate_document(document, sink)
    return document, list(sink.sorted())
