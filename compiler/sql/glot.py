"""Parse one statement with sqlglot and map its nodes back to file:line:col."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError

from compiler.diagnostics import DiagnosticSink, Location
from compiler.sql.source import SourceText
from compiler.sql.splitter import Statement

_MAX_TYPE_RETRIES = 8
_ON_ONLY = re.compile(r"(\bON\s+)ONLY\b", re.IGNORECASE)
# SQLite table syntax sqlglot rejects and contractc does not need: conflict clauses on
# constraints and the sort order of key columns. Blanked (same length, so positions hold).
_SQLITE_IGNORED = re.compile(
    r"\bON\s+CONFLICT\s+(?:ROLLBACK|ABORT|FAIL|IGNORE|REPLACE)\b"
    r"|(?<=\bKEY)\s+(?:ASC|DESC)\b"
    r"|\b(?:ASC|DESC)\b(?=\s*[,)])",
    re.IGNORECASE,
)
_CREATE_TABLE = re.compile(r"CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\b", re.IGNORECASE)
_TYPE_POSITION = re.compile(r"(?:\A|[(,\n])[ \t]*(?:\"[^\"]+\"|[\w$]+)[ \t]+\Z")


@dataclass
class StatementContext:
    """One statement being parsed: where it sits in its file, and how its nodes are located."""

    source: SourceText
    statement: Statement
    dialect: str
    sink: DiagnosticSink
    _inserts: list[int] = field(
        default_factory=list
    )  # parsed-text offsets where `"` pairs were added

    @property
    def start(self) -> Location:
        return self.source.location(self.statement.start)

    def location_at(self, parsed_offset: int) -> Location:
        """The file location of an offset into the text that sqlglot parsed."""
        shift = 2 * bisect.bisect_right(self._inserts, parsed_offset)
        return self.source.location(self.statement.start + max(parsed_offset - shift, 0))

    def at(self, node: exp.Expression | None) -> Location:
        """Where `node` was written: its first identifier or literal carrying a position."""
        if node is not None:
            for sub in node.walk():
                meta = sub._meta  # noqa: SLF001 - reading sqlglot's position metadata
                if meta and "start" in meta:
                    return self.location_at(int(meta["start"]))
        return self.start

    def name(self, node: exp.Expression) -> str:
        """An identifier's name as the database stores it (PostgreSQL folds unquoted to lower)."""
        ident = node if isinstance(node, exp.Identifier) else node.args.get("this")
        if isinstance(ident, exp.Identifier):
            text = ident.name
            return text.lower() if self.dialect == "postgres" and not ident.quoted else text
        return node.name

    def parse(self) -> exp.Expression | None:
        """The statement's sqlglot tree, or None after a located CC301."""
        text = _ON_ONLY.sub(lambda m: m.group(1) + "    ", self.statement.text)
        if self.dialect == "sqlite" and _CREATE_TABLE.match(text):
            text = _SQLITE_IGNORED.sub(lambda m: " " * len(m.group(0)), text)
        for _ in range(_MAX_TYPE_RETRIES):
            try:
                with _quiet_sqlglot():
                    tree = sqlglot.parse_one(text, read=self.dialect)
                return tree
            except ParseError as error:
                retry = self._quote_keyword_type(text, error)
                if retry is None:
                    self._report_parse_error(text, error)
                    return None
                text = retry
            except (SqlglotError, RecursionError, ValueError, KeyError, IndexError) as error:
                message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
                self.sink.error(
                    "CC301",
                    f"SQL does not parse: {message}",
                    self.start,
                    "check for an unterminated string or quoted identifier",
                )
                return None
        return None

    def _error_offset(self, text: str, error: ParseError) -> tuple[int, str]:
        detail = error.errors[0] if error.errors else {}
        line, column = int(detail.get("line") or 1), int(detail.get("col") or 1)
        highlight = str(detail.get("highlight") or "")
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        line_start = starts[min(max(line - 1, 0), len(starts) - 1)]
        return max(line_start + column - len(highlight), 0), highlight

    def _quote_keyword_type(self, text: str, error: ParseError) -> str | None:
        """Retry a column type that is a SQL keyword (e.g. the `cube` extension type) quoted."""
        offset, highlight = self._error_offset(text, error)
        if (
            not re.fullmatch(r"[A-Za-z_]\w*", highlight)
            or text[offset : offset + len(highlight)] != highlight
        ):
            return None
        if not _TYPE_POSITION.search(text[:offset]):
            return None
        bisect.insort(self._inserts, offset)
        return f'{text[:offset]}"{highlight.lower()}"{text[offset + len(highlight) :]}'

    def _report_parse_error(self, text: str, error: ParseError) -> None:
        offset, highlight = self._error_offset(text, error)
        detail = error.errors[0] if error.errors else {}
        description = str(detail.get("description") or "syntax error")
        near = f" near '{highlight}'" if highlight else ""
        self.sink.error(
            "CC301",
            f"SQL does not parse: {description}{near}",
            self.location_at(offset),
            "fix the syntax here; contractc reads standard PostgreSQL, MySQL and SQLite DDL",
        )


@contextmanager
def _quiet_sqlglot() -> Iterator[None]:
    """sqlglot logs a warning when it falls back to `exp.Command`; we report those ourselves."""
    logger = logging.getLogger("sqlglot")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)
