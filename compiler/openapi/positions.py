"""Where each node of a YAML or JSON file was written: JSON pointer -> (line, column), 1-based.

Computed on demand only (a valid document never needs it), in one pass over the text. A mapping
member is located at its key, a sequence item at its first character. Nodes repeated through YAML
aliases or `<<` merges have no entry of their own; callers fall back to the nearest ancestor.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

import yaml

from compiler.openapi.yaml_reader import YAML_LOADER

Position = tuple[int, int]


def escape_token(token: str) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def yaml_positions(text: str) -> dict[str, Position]:
    """Positions of every node of a YAML document that loaded without error."""
    positions: dict[str, Position] = {"": (1, 1)}
    loader = YAML_LOADER(text)
    # a frame: [pointer or None when not recorded, is_mapping, next key pointer or None, index]
    stack: list[list[Any]] = []
    scalar_anchors: dict[str, str] = {}
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent or kind is yaml.DocumentEndEvent:
                return positions
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                _value_done(stack)
                continue
            if kind not in (
                yaml.ScalarEvent,
                yaml.AliasEvent,
                yaml.MappingStartEvent,
                yaml.SequenceStartEvent,
            ):
                continue
            if kind is yaml.ScalarEvent and event.anchor is not None:
                scalar_anchors[event.anchor] = event.value
            pointer = _member_pointer(stack, event, scalar_anchors, positions)
            if pointer is _KEY_CONSUMED:
                continue
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append([pointer, kind is yaml.MappingStartEvent, None, 0])
            else:
                _value_done(stack)
    except yaml.YAMLError:
        return positions
    finally:
        loader.dispose()


_KEY_CONSUMED = object()


def _member_pointer(
    stack: list[list[Any]],
    event: Any,
    scalar_anchors: dict[str, str],
    positions: dict[str, Position],
) -> Any:
    """Record the event's position; returns the node's pointer, or _KEY_CONSUMED for a key."""
    if not stack:
        return ""
    frame = stack[-1]
    base = frame[0]
    mark = event.start_mark
    if frame[1]:
        if frame[2] is None:
            key = (
                event.value
                if type(event) is yaml.ScalarEvent
                else scalar_anchors.get(getattr(event, "anchor", None) or "")
            )
            if (
                base is None
                or key is None
                or (key == "<<" and type(event) is yaml.ScalarEvent and event.implicit[0])
            ):
                frame[2] = _SKIP
            else:
                frame[2] = base + "/" + escape_token(key)
                positions.setdefault(frame[2], (mark.line + 1, mark.column + 1))
            return _KEY_CONSUMED
        pointer = None if frame[2] is _SKIP else frame[2]
        return pointer
    pointer = None if base is None else f"{base}/{frame[3]}"
    if pointer is not None:
        positions[pointer] = (mark.line + 1, mark.column + 1)
    return pointer


_SKIP = "\0skip"


def _value_done(stack: list[list[Any]]) -> None:
    if not stack:
        return
    frame = stack[-1]
    if frame[1]:
        frame[2] = None
    else:
        frame[3] += 1


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)


def json_positions(text: str) -> dict[str, Position]:
    """Positions of every node of a JSON document that loaded without error."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def position(offset: int) -> Position:
        line = bisect.bisect_left(newlines, offset)
        start = newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    positions: dict[str, Position] = {"": (1, 1)}
    # a frame: [pointer, is_object, current member pointer, index, expecting a key]
    stack: list[list[Any]] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in ",:":
            if first == "," and stack:
                frame = stack[-1]
                if frame[1]:
                    frame[4] = True
                else:
                    frame[3] += 1
            continue
        if first in "}]":
            if stack:
                stack.pop()
            continue
        pointer = ""
        if stack:
            frame = stack[-1]
            if frame[1] and frame[4]:
                key = token[1:-1] if "\\" not in token else _json_string(token)
                frame[2] = frame[0] + "/" + escape_token(key)
                frame[4] = False
                positions[frame[2]] = position(match.start())
                continue
            if frame[1]:
                pointer = frame[2]
            else:
                pointer = f"{frame[0]}/{frame[3]}"
                positions[pointer] = position(match.start())
        if first in "{[":
            stack.append([pointer, first == "{", pointer, 0, first == "{"])
    return positions


def _json_string(token: str) -> str:
    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]


def nearest(positions: dict[str, Position], pointer: str) -> tuple[str, Position]:
    """The position of `pointer`, or of its nearest ancestor that has one."""
    while pointer not in positions:
        cut = pointer.rfind("/")
        pointer = pointer[:cut] if cut > 0 else ""
    return pointer, positions[pointer]
