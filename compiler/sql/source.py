"""Reading SQL files and turning character offsets back into file:line:col."""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field

from compiler.diagnostics import DiagnosticSink, Location

SQL_SUFFIXES = (".sql", ".ddl")


@dataclass
class SourceText:
    """One SQL file's text and the offsets where its lines start."""

    path: str
    text: str
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    def location(self, offset: int) -> Location:
        """The 1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return Location(self.path, line_index + 1, offset - self._line_starts[line_index] + 1)

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based line and column (clamped to the text)."""
        line_index = max(0, min(line - 1, len(self._line_starts) - 1))
        return min(self._line_starts[line_index] + max(column - 1, 0), len(self.text))


def expand_paths(paths: list[str] | tuple[str, ...], sink: DiagnosticSink) -> list[str]:
    """Files to read, in replay order: folders expand to their SQL files sorted by name."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(n for n in os.listdir(path) if n.lower().endswith(SQL_SUFFIXES))
            if not names:
                sink.error(
                    "CC001",
                    f"folder {path} holds no .sql files",
                    Location(path),
                    "point at a folder of migrations named like 001_create.sql",
                )
            files.extend(os.path.join(path, n) for n in names)
        else:
            files.append(path)
    return files


def read_source(path: str, sink: DiagnosticSink) -> SourceText | None:
    """The decoded text of one file, or None with a CC001/CC002 diagnostic."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        sink.error(
            "CC001",
            f"cannot read SQL file: {error.strerror or error}",
            Location(path),
            "check the path given for the SQL schema",
        )
        return None
    if b"\x00" in data[:8192]:
        sink.error(
            "CC002",
            "SQL file is binary, not text",
            Location(path),
            "pass a text file of SQL statements",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", "replace")
        location = SourceText(path, prefix).location(len(prefix))
        sink.error(
            "CC002",
            f"SQL file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            location,
            "save the file as UTF-8",
        )
        return None
    return SourceText(path, text.replace("\r\n", "\n").replace("\r", "\n"))
