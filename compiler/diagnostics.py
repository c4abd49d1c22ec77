"""Diagnostics are data: every problem the compiler finds is a located, coded `Diagnostic`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; only errors make `check` fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    """A position in an input file; line and column are 1-based, 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Diagnostic:
    """One finding with a stable code (see `compiler.codes`)."""

    code: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    # the spec node (operation or schema) a finding is about when it is located elsewhere, e.g.
    # a CC102 at a SQL column about a create operation; `x-contractc-ignore` on that node covers it
    subject: Location | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)


class DiagnosticSink:
    """Collects diagnostics during one compilation."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        location: Location,
        hint: str = "",
        subject: Location | None = None,
    ) -> Diagnostic:
        diagnostic = Diagnostic(code, severity, message, location, hint, subject)
        self._items.append(diagnostic)
        return diagnostic

    def error(
        self,
        code: str,
        message: str,
        location: Location,
        hint: str = "",
        subject: Location | None = None,
    ) -> Diagnostic:
        return self.add(code, Severity.ERROR, message, location, hint, subject)

    def warning(self, code: str, message: str, location: Location, hint: str = "") -> Diagnostic:
        return self.add(code, Severity.WARNING, message, location, hint)

    def info(self, code: str, message: str, location: Location, hint: str = "") -> Diagnostic:
        return self.add(code, Severity.INFO, message, location, hint)

    def extend(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self._items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def sorted(self) -> tuple[Diagnostic, ...]:
        """All diagnostics, deduplicated, in file/line/column order."""
        return tuple(sorted(set(self._items), key=Diagnostic.sort_key))


class CompileAborted(Exception):
    """Raised inside a stage when input is too broken to go on; the diagnostic is already in the sink."""
