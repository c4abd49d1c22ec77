"""The one exception the readers raise: a located, coded reason why a file cannot be used."""

from __future__ import annotations


class SourceError(Exception):
    """A file that cannot be read or parsed; carries the diagnostic code and a 1-based position."""

    def __init__(self, code: str, message: str, line: int = 0, column: int = 0, hint: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint
