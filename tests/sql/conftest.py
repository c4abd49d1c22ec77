"""Fixtures for the SQL front-end tests: parse SQL text written to a temporary file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from compiler.diagnostics import Diagnostic, DiagnosticSink
from compiler.ir.database import Database
from compiler.sql import parse_schema

Parsed = tuple[Database, tuple[Diagnostic, ...]]


@pytest.fixture
def parse_sql(tmp_path: Path) -> Callable[..., Parsed]:
    """parse_sql(text, dialect="postgres", name="schema.sql") -> (database, diagnostics)."""

    def parse(text: str | bytes, dialect: str = "postgres", name: str = "schema.sql") -> Parsed:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        sink = DiagnosticSink()
        database = parse_schema([str(path)], dialect, sink)
        return database, sink.sorted()

    return parse
