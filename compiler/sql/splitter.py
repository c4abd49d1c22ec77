"""Split a SQL script into statements without being fooled by quotes, comments or function bodies.

Handles '…' strings (with '' and, for MySQL or E'…', backslash escapes), "…" and `…` identifiers,
-- and nested /* */ comments, MySQL # comments, PostgreSQL $tag$…$tag$ bodies, psql meta-commands
(a line starting with a backslash), MySQL `DELIMITER` lines, `COPY … FROM stdin` data blocks, and
trigger bodies (`CREATE TRIGGER … BEGIN …; …; END;`, which end, as SQLite decides, at an `END`
that follows a `;`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    """One statement: its text (no terminator) and the offset of its first character in the file."""

    text: str
    start: int
    meta_command: bool = False  # a psql backslash command or a MySQL DELIMITER line


_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$")
_STANDARD_STRING = re.compile(r"'(?:[^']|'')*(?:'|\Z)")
_ESCAPED_STRING = re.compile(r"'(?:[^'\\]|\\.|'')*(?:'|\Z)", re.DOTALL)
_DQUOTE = re.compile(r'"(?:[^"]|"")*(?:"|\Z)')
_BACKTICK = re.compile(r"`(?:[^`]|``)*(?:`|\Z)")
_DELIMITER_LINE = re.compile(r"DELIMITER[ \t]+(\S+)[ \t]*(?:\n|\Z)", re.IGNORECASE)
_COPY_FROM_STDIN = re.compile(r"\ACOPY\b.*\bFROM\s+STDIN\b", re.IGNORECASE | re.DOTALL)
_COMMENT_MARK = re.compile(r"/\*|\*/")
_COPY_END = re.compile(r"^\\\.[ \t]*$", re.MULTILINE)
_TRIGGER = re.compile(r"CREATE\s+(?:TEMP(?:ORARY)?\s+)?TRIGGER\b", re.IGNORECASE)
_BODY_BEGIN = re.compile(r"\bBEGIN\b", re.IGNORECASE)
_BODY_END = re.compile(r";\s*END\Z", re.IGNORECASE)


def split_statements(text: str, dialect: str) -> list[Statement]:
    """The statements of `text` in order; empty statements are dropped."""
    return _Splitter(text, dialect).run()


class _Splitter:
    def __init__(self, text: str, dialect: str) -> None:
        self.text = text
        self.mysql = dialect == "mysql"
        self.delimiter = ";"
        self.statements: list[Statement] = []
        self._special = self._special_pattern()

    def _special_pattern(self) -> re.Pattern[str]:
        starts = {"-", "/", "'", '"', self.delimiter[0]}
        starts |= {"#", "`"} if self.mysql else {"$"}
        return re.compile("[" + "".join(re.escape(c) for c in sorted(starts)) + "]")

    def run(self) -> list[Statement]:
        text, n = self.text, len(self.text)
        pos = 0
        stmt_start: int | None = None
        while pos < n:
            if stmt_start is None:
                pos = self._skip_blank(pos)
                if pos >= n:
                    break
                meta_end = self._meta_command_end(pos)
                if meta_end is not None:
                    self.statements.append(Statement(text[pos:meta_end].rstrip(), pos, True))
                    pos = meta_end
                    continue
                stmt_start = pos
            match = self._special.search(text, pos)
            if match is None:
                pos = n
                break
            pos = match.start()
            char = text[pos]
            if text.startswith(self.delimiter, pos) and not self._inside_body(stmt_start, pos):
                pos = self._finish(stmt_start, pos, pos + len(self.delimiter))
                stmt_start = None
            elif char == ";":
                pos += 1
            else:
                pos = self._skip_token(pos, char)
        if stmt_start is not None:
            self._finish(stmt_start, n, n)
        return self.statements

    def _inside_body(self, start: int, pos: int) -> bool:
        """Whether the `;` at `pos` is inside the BEGIN … END body of a trigger begun at `start`."""
        if not _TRIGGER.match(self.text, start):
            return False
        so_far = self.text[start:pos].rstrip()
        return bool(_BODY_BEGIN.search(so_far)) and not _BODY_END.search(so_far)

    def _finish(self, start: int, end: int, resume: int) -> int:
        """Record text[start:end] as a statement; returns where scanning resumes."""
        body = self.text[start:end].rstrip()
        if body:
            self.statements.append(Statement(body, start))
            if _COPY_FROM_STDIN.match(body):
                data_end = _COPY_END.search(self.text, resume)
                if data_end is not None:
                    return data_end.end()
        return resume

    def _skip_blank(self, pos: int) -> int:
        """Skip whitespace and comments between statements."""
        text, n = self.text, len(self.text)
        while pos < n:
            if text[pos].isspace():
                pos += 1
            elif text.startswith("--", pos) or (self.mysql and text[pos] == "#"):
                newline = text.find("\n", pos)
                pos = n if newline == -1 else newline + 1
            elif text.startswith("/*", pos):
                pos = self._block_comment_end(pos)
            else:
                break
        return pos

    def _meta_command_end(self, pos: int) -> int | None:
        """End of a psql meta-command or DELIMITER line starting at `pos`, else None."""
        text = self.text
        if text[pos] == "\\":
            newline = text.find("\n", pos)
            return len(text) if newline == -1 else newline
        if self.mysql and text[pos] in "dD":
            match = _DELIMITER_LINE.match(text, pos)
            if match:
                self.delimiter = match.group(1)
                self._special = self._special_pattern()
                return match.end()
        return None

    def _skip_token(self, pos: int, char: str) -> int:
        """Skip the quoted string, identifier, comment or dollar body starting at `pos`."""
        text = self.text
        if char == "'":
            escaped = self.mysql or (
                pos > 0 and text[pos - 1] in "eE" and not _is_word(text, pos - 2)
            )
            pattern = _ESCAPED_STRING if escaped else _STANDARD_STRING
            return pattern.match(text, pos).end()  # type: ignore[union-attr]
        if char == '"':
            return _DQUOTE.match(text, pos).end()  # type: ignore[union-attr]
        if char == "`":
            return _BACKTICK.match(text, pos).end()  # type: ignore[union-attr]
        if char == "-" and text.startswith("--", pos) or char == "#":
            newline = text.find("\n", pos)
            return len(text) if newline == -1 else newline
        if char == "/" and text.startswith("/*", pos):
            return self._block_comment_end(pos)
        if char == "$" and not _is_word(text, pos - 1):
            tag = _DOLLAR_TAG.match(text, pos)
            if tag:
                close = text.find(tag.group(0), tag.end())
                return len(text) if close == -1 else close + len(tag.group(0))
        return pos + 1

    def _block_comment_end(self, pos: int) -> int:
        """End of a /* */ comment; PostgreSQL nests them."""
        text, depth = self.text, 0
        while pos < len(text):
            if text.startswith("/*", pos):
                depth += 1
                pos += 2
            elif text.startswith("*/", pos):
                depth -= 1
                pos += 2
                if depth == 0 or self.mysql:
                    return pos
            else:
                nxt = _COMMENT_MARK.search(text, pos)
                pos = len(text) if nxt is None else nxt.start()
        return len(text)


def _is_word(text: str, index: int) -> bool:
    return index >= 0 and (text[index].isalnum() or text[index] in "_$")
