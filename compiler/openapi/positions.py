"""Where each node of a YAML or JSON file was written: JSON pointer -> (line, column), 1-based.

YAML positions are recorded by `yaml_reader` during its one parse pass, as a tree of entries that
becomes pointers on first use; JSON positions are found per pointer on demand, scanning only the
containers on its path. A mapping member is located at
its key, a sequence item at its first character. Nodes repeated through YAML aliases or `<<`
merges have no entry of their own; callers fall back to the nearest ancestor.
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring
from typing import Any

Position = tuple[int, int]


def escape_token(token: str) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


class YamlPositions:
    """Positions recorded while a YAML document was parsed, expanded into pointers on first use.

    Entry i is one node: the entry of the container holding it (-1 for the root), its token (a
    mapping key as written, or a sequence index) and its line and column. Recording is a few
    appends per node, and the flat lists are what the parse cache stores.
    """

    def __init__(
        self,
        parents: list[int] | None = None,
        tokens: list[str | int] | None = None,
        lines: list[int] | None = None,
        columns: list[int] | None = None,
    ) -> None:
        self.parents = [-1] if parents is None else parents
        self.tokens: list[str | int] = [""] if tokens is None else tokens
        self.lines = [1] if lines is None else lines
        self.columns = [1] if columns is None else columns
        self._by_pointer: dict[str, Position] | None = None

    def add(self, parent: int, token: str | int, mark: Any) -> int:
        """Record a node of the container entry `parent` written at a libyaml `mark`; its entry."""
        self.parents.append(parent)
        self.tokens.append(token)
        self.lines.append(mark.line + 1)
        self.columns.append(mark.column + 1)
        return len(self.parents) - 1

    def as_payload(self) -> dict[str, list[Any]]:
        """The entries as JSON data (see `from_payload`)."""
        return {
            "parents": self.parents,
            "tokens": self.tokens,
            "lines": self.lines,
            "columns": self.columns,
        }

    @classmethod
    def from_payload(cls, payload: Any) -> YamlPositions:
        """Entries from `as_payload` data; raises ValueError when they do not fit together."""
        lists = [payload[name] for name in ("parents", "tokens", "lines", "columns")]
        if not all(isinstance(entries, list) for entries in lists):
            raise ValueError("positions are not lists")
        if len({len(entries) for entries in lists}) != 1:
            raise ValueError("positions lists differ in length")
        return cls(*lists)

    def nearest(self, pointer: str) -> Position:
        """The position of `pointer`, or of its nearest ancestor that has one."""
        by_pointer = self._by_pointer
        if by_pointer is None:
            by_pointer = self._by_pointer = self._expand()
        while pointer not in by_pointer:
            cut = pointer.rfind("/")
            pointer = pointer[:cut] if cut > 0 else ""
        return by_pointer[pointer]

    def _expand(self) -> dict[str, Position]:
        """Pointer -> position; of duplicate mapping keys the first is kept."""
        parents, tokens, lines, columns = self.parents, self.tokens, self.lines, self.columns
        pointers = [""] * len(parents)
        by_pointer: dict[str, Position] = {"": (1, 1)}
        for entry in range(1, len(parents)):
            token = tokens[entry]
            if type(token) is str:
                pointer = pointers[parents[entry]] + "/" + escape_token(token)
                by_pointer.setdefault(pointer, (lines[entry], columns[entry]))
            else:
                pointer = f"{pointers[parents[entry]]}/{token}"
                by_pointer[pointer] = (lines[entry], columns[entry])
            pointers[entry] = pointer
        return by_pointer


class JsonPositions:
    """Positions in a JSON text that loaded without error, found per pointer on demand.

    Only the containers on a pointer's path are scanned: their members' offsets are read with
    the C decoder (`scanstring` for keys, `raw_decode` to step over each value), so locating a
    few hundred operations of a 4 MB spec touches a fraction of it at C speed.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines: list[int] | None = None
        # container offset -> its members: key -> (key offset, value offset), or item offsets
        self._members: dict[int, dict[str, tuple[int, int]] | list[int]] = {}

    def nearest(self, pointer: str) -> Position:
        """The position of `pointer`, or of its nearest ancestor that has one."""
        found = None  # the offset of the deepest node located so far; None: the root
        offset = _skip_space(self._text, 0)
        for token in pointer.split("/")[1:]:
            members = self._container(offset)
            if isinstance(members, dict):
                key = token.replace("~1", "/").replace("~0", "~")
                member = members.get(key) if escape_token(key) == token else None
                if member is None:
                    break
                found, offset = member
            elif isinstance(members, list) and _INDEX.fullmatch(token):
                index = int(token)
                if index >= len(members) or str(index) != token:
                    break
                found = offset = members[index]
            else:
                break
        return (1, 1) if found is None else self._position(found)

    def _container(self, offset: int) -> dict[str, tuple[int, int]] | list[int] | None:
        if offset not in self._members:
            opening = self._text[offset : offset + 1]
            if opening == "{":
                self._members[offset] = self._object(offset)
            elif opening == "[":
                self._members[offset] = self._array(offset)
            else:
                return None
        return self._members[offset]

    def _object(self, offset: int) -> dict[str, tuple[int, int]]:
        text, members = self._text, {}
        at = _skip_space(text, offset + 1)
        while text[at] == '"':
            key, after = scanstring(text, at + 1)
            value = _skip_space(text, _skip_space(text, after) + 1)  # past the colon
            members[key] = (at, value)
            at = _skip_space(text, _value_end(text, value))
            if text[at] != ",":
                break
            at = _skip_space(text, at + 1)
        return members

    def _array(self, offset: int) -> list[int]:
        text, items = self._text, []
        at = _skip_space(text, offset + 1)
        while text[at] != "]":
            items.append(at)
            at = _skip_space(text, _value_end(text, at))
            if text[at] != ",":
                break
            at = _skip_space(text, at + 1)
        return items

    def _position(self, offset: int) -> Position:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1


_SPACE = re.compile(r"[ \t\n\r]*")
_INDEX = re.compile(r"[0-9]+")
_DECODER = json.JSONDecoder()


def _skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # `*` always matches


def _value_end(text: str, at: int) -> int:
    """The offset just past the JSON value that starts at `at`."""
    return _DECODER.raw_decode(text, at)[1]
