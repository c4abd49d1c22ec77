"""YAML text to plain JSON data, straight from libyaml's event stream.

Building the data from events (instead of PyYAML's compose + construct) is about twice as fast and
lets the reader refuse hostile input early: every alias adds the size of the node it repeats to a
running total, so an alias bomb is stopped long before it is expanded (nothing is ever expanded:
aliases share the object they name).

Scalars resolve by the YAML 1.2 core schema, the JSON model OpenAPI is defined on: `yes`/`on` stay
strings and dates stay strings. Mapping keys are always strings, taken as written, so an unquoted
`200:` is the key "200" (no diagnostic: every OpenAPI tool reads it that way).

The same pass records where each node was written (see `compiler.openapi.positions`), so
locating diagnostics never parses the text again.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

import yaml

from compiler.openapi.limits import MAX_DEPTH, MAX_EXPANDED_NODES, TOO_DEEP
from compiler.openapi.positions import YamlPositions
from compiler.openapi.source_error import SourceError

YAML_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_MAYBE_TYPED = frozenset("0123456789-+.~nNtTfF")
_TAG = "tag:yaml.org,2002:"
_NO_KEY = object()
_MERGE = object()


def resolve_plain(text: str) -> Any:
    """The JSON value of an untagged plain scalar (YAML 1.2 core schema)."""
    if not text:
        return None
    if text[0] not in _MAYBE_TYPED:
        return text
    if text in _SPECIAL:
        return _SPECIAL[text]
    if _INT.match(text):
        return int(text)
    if text.startswith(("0x", "0o")) and len(text) > 2:
        try:
            return int(text[2:], 16 if text[1] == "x" else 8)
        except ValueError:
            return text
    if _FLOAT.match(text):
        return float(text)
    return text


def _tagged(tag: str, text: str) -> Any:
    """The value of a scalar with an explicit tag; unknown tags keep the text."""
    kind = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
    if kind in ("int", "float", "bool", "null"):
        value = resolve_plain(text)
        expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[kind]
        if isinstance(value, expected) and not (kind == "int" and isinstance(value, bool)):
            return float(value) if kind == "float" else value
    return text


def _scalar_value(event: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        return resolve_plain(event.value) if event.implicit[0] and tag is None else event.value
    return _tagged(tag, event.value)


def _mark_error(error: yaml.YAMLError) -> SourceError:
    """The YAML library's refusal as a located diagnostic.

    libyaml (PyYAML >= 6.0.4) refuses deep nesting itself, while scanning ahead and before this
    reader's own depth check sees an event; that refusal is the same finding as ours (CC004).
    """
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    code, message = "CC003", f"YAML syntax error: {problem}"
    if "nesting depth" in problem:
        code, message = "CC004", TOO_DEEP
    if mark is not None:
        return SourceError(code, message, mark.line + 1, mark.column + 1)
    return SourceError(code, message)


def _error_at(code: str, message: str, event: Any, hint: str = "") -> SourceError:
    mark = event.start_mark
    return SourceError(code, message, mark.line + 1, mark.column + 1, hint)


class YamlDocument(NamedTuple):
    """A parsed YAML document: its JSON data, its warnings and where each node was written."""

    data: Any
    warnings: list[SourceError]
    positions: YamlPositions


def read_yaml(text: str) -> YamlDocument:
    """Parse a single YAML document into JSON data, with warnings and positions.

    Raises `SourceError` (CC003 syntax, CC004 too deep or expanding too much).
    """
    loader = YAML_LOADER(text)
    try:
        return _build(loader.get_event, text)
    except yaml.YAMLError as error:
        raise _mark_error(error) from None
    finally:
        loader.dispose()


def _build(next_event: Any, text: str) -> YamlDocument:
    warnings: list[SourceError] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    scalar_texts: dict[str, str] = {}  # anchor -> the text of the scalar it names
    positions = YamlPositions()
    # a frame: [container, pending key, anchor, expanded weight, merge-key values,
    #           block indentation (-1 in flow style), first line of a flow node inside a block,
    #           its positions entry (None: not recorded), the entry of its pending member]
    stack: list[list[Any]] = []
    expanded = 0
    root: Any = None
    seen_document = False
    lines: list[str] = []  # the text's lines, split when a multi-line flow node needs checking

    def place(event: Any) -> int | None:
        """Record where the node `event` starts was written; its entry (None: not recorded).

        A mapping key records its member's position and returns None; the node under a `<<`
        merge key, and everything inside it, is not recorded.
        """
        if not stack:
            return 0
        frame = stack[-1]
        parent = frame[7]
        container = frame[0]
        if type(container) is list:
            return (
                None if parent is None else positions.add(parent, len(container), event.start_mark)
            )
        if frame[1] is not _NO_KEY:
            return frame[8]
        if type(event) is yaml.ScalarEvent:
            key = None if _is_merge_key(event) else event.value
        else:
            key = scalar_texts.get(event.anchor) if type(event) is yaml.AliasEvent else None
        frame[8] = (
            None if parent is None or key is None else positions.add(parent, key, event.start_mark)
        )
        return None

    def attach(value: Any, weight: int, event: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        frame[3] += weight
        container = frame[0]
        if type(container) is list:
            container.append(value)
            return
        key = frame[1]
        if key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise _error_at("CC003", "a mapping key must be a scalar, not a collection", event)
            frame[1] = (
                _MERGE if _is_merge_key(event) else ("" if value is None else _key_text(value))
            )
            if frame[1] is not _MERGE and frame[1] in container:
                warnings.append(
                    _error_at(
                        "CC007", f"duplicate mapping key {frame[1]!r}; the last one wins", event
                    )
                )
            return
        if key is _MERGE:
            frame[4].append((value, event))
        else:
            container[key] = value
        frame[1] = _NO_KEY

    while True:
        event = next_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            place(event)
            if stack and type(stack[-1][0]) is dict and stack[-1][1] is _NO_KEY:
                value: Any = event.value if event.tag in (None, "!") else _scalar_value(event)
            else:
                value = _scalar_value(event)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
                scalar_texts[event.anchor] = event.value
            attach(value, 1, event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _error_at("CC004", TOO_DEEP, event)
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            container = {} if kind is yaml.MappingStartEvent else []
            entry = place(event)
            mark = event.start_mark
            in_block = bool(stack) and stack[-1][5] >= 0
            stack.append(
                [
                    container,
                    _NO_KEY,
                    event.anchor,
                    1,
                    [],
                    -1 if event.flow_style else mark.column,
                    mark.line if event.flow_style and in_block else None,
                    entry,
                    None,
                ]
            )
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            container, _, anchor, weight, merges, _, flow_line, _, _ = stack.pop()
            if flow_line is not None and event.end_mark.line > flow_line:
                lines = lines or text.split("\n")
                _check_flow_indent(lines, flow_line, event.end_mark.line, stack[-1][5])
            if merges:
                container = _merged(container, merges)
            if anchor is not None:
                open_anchors.discard(anchor)
                anchors[anchor] = (container, weight)
            attach(container, weight, event)
        elif kind is yaml.AliasEvent:
            place(event)
            if event.anchor in open_anchors:
                raise _error_at(
                    "CC004",
                    f"alias *{event.anchor} repeats the node that contains it",
                    event,
                    "a recursive YAML alias has no JSON equivalent",
                )
            if event.anchor not in anchors:
                raise _error_at(
                    "CC003", f"YAML syntax error: undefined alias *{event.anchor}", event
                )
            value, weight = anchors[event.anchor]
            expanded += weight
            if expanded > MAX_EXPANDED_NODES:
                raise _error_at(
                    "CC004",
                    f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes (alias bomb)",
                    event,
                    "write the repeated parts once and use $ref",
                )
            attach(value, weight, event)
        elif kind is yaml.DocumentStartEvent:
            if seen_document:
                raise _error_at(
                    "CC003",
                    "YAML syntax error: expected a single document, found another one",
                    event,
                )
            seen_document = True
        elif kind is yaml.StreamEndEvent:
            return YamlDocument(root, warnings, positions)


def _check_flow_indent(lines: list[str], first: int, last: int, block_indent: int) -> None:
    """A flow collection's continuation lines may not be indented less than its block parent."""
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        line = lines[number]
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and indent < block_indent:
            raise SourceError(
                "CC003",
                "YAML syntax error: this line of a flow collection is "
                f"indented less than its parent (column {block_indent + 1})",
                number + 1,
                indent + 1,
                "indent every line of a {...} or [...] value at least as far as its key",
            )


def _is_merge_key(event: Any) -> bool:
    return (
        type(event) is yaml.ScalarEvent
        and event.value == "<<"
        and event.tag is None
        and event.implicit[0]
    )


def _key_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _merged(explicit: dict[str, Any], merges: list[tuple[Any, Any]]) -> dict[str, Any]:
    """Apply `<<` merge keys: explicit keys win, earlier merged mappings win over later ones."""
    sources: list[dict[str, Any]] = []
    for value, event in merges:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                raise _error_at(
                    "CC003",
                    "YAML syntax error: a merge key (<<) needs a mapping or a list of mappings",
                    event,
                )
            sources.append(item)
    result: dict[str, Any] = {}
    for source in reversed(sources):
        result.update(source)
    result.update(explicit)
    return result
