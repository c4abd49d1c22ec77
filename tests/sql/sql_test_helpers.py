"""Small helpers shared by the SQL tests."""

from __future__ import annotations

from compiler.diagnostics import Diagnostic


def codes(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    """The codes of the warnings and errors (infos left out)."""
    return [d.code for d in diagnostics if d.severity.value != "info"]
