"""`x-contractc-ignore: [CC104]` on an operation or a schema: codes silenced for that node.

A finding belongs to the node when it is located inside it (validation, binding and type-checking
locate findings at the exact spec node they are about), or when its `subject` is the node (a CC102
located at a SQL column, about a create operation). No line ranges are guessed: the node's extent
is the set of locations of the nodes under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from compiler.codes import CODES
from compiler.diagnostics import Diagnostic, DiagnosticSink, Location
from compiler.openapi.document import Document, pointer_join

IGNORE_KEY = "x-contractc-ignore"

_Path = tuple[Any, str | int] | None  # a container's path: (its parent's path, its token)


@dataclass(frozen=True)
class SpecIgnores:
    """The spec's `x-contractc-ignore` scopes: the codes silenced at each location."""

    codes_at: dict[Location, frozenset[str]]

    def covers(self, diagnostic: Diagnostic) -> bool:
        """True when an `x-contractc-ignore` around the finding names its code."""
        return any(
            diagnostic.code in self.codes_at.get(where, ())
            for where in (diagnostic.location, diagnostic.subject)
            if where is not None
        )


def spec_ignores(doc: Document, sink: DiagnosticSink) -> SpecIgnores:
    """Every scope of `doc`; a value that is not a list of known codes is reported (CC208)."""
    codes_at: dict[Location, set[str]] = {}
    for pointer, node in _scopes(doc.root):
        codes = _codes(node[IGNORE_KEY], pointer_join(pointer, IGNORE_KEY), doc, sink)
        if not codes:
            continue
        for inner, _ in _nodes(node, pointer):
            codes_at.setdefault(doc.locate(inner), set()).update(codes)
    return SpecIgnores({where: frozenset(codes) for where, codes in codes_at.items()})


def _codes(value: Any, pointer: str, doc: Document, sink: DiagnosticSink) -> frozenset[str]:
    values = value if isinstance(value, list) else [value]
    known = {str(v).strip().upper() for v in values if str(v).strip().upper() in CODES}
    unknown = [str(v) for v in values if not isinstance(v, str) or v.strip().upper() not in CODES]
    if unknown or not isinstance(value, list):
        sink.warning(
            "CC208",
            f"{IGNORE_KEY} must list known codes; "
            + (f"unknown: {', '.join(unknown)}" if unknown else "it is not a list"),
            doc.locate(pointer),
            hint=f"write {IGNORE_KEY}: [CC104], with codes from docs/diagnostics.md",
        )
    return frozenset(known)


def _scopes(root: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping that has the key, with its pointer, without recursion.

    Only containers are visited (scalars are most of a document), and a container's path is a
    chain of (parent path, token) pairs made into a pointer only for the few that have the key:
    joining a pointer for each of the 35,000 containers of a 4 MB spec took a tenth of a second.
    """
    stack: list[tuple[_Path, Any]] = [(None, root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if IGNORE_KEY in node:
                yield _pointer(path), node
            items: Iterable[tuple[str | int, Any]] = node.items()
        else:
            items = enumerate(node)
        stack.extend(((path, k), v) for k, v in items if isinstance(v, (dict, list)))


def _pointer(path: _Path) -> str:
    tokens: list[str | int] = []
    while path is not None:
        path, token = path
        tokens.append(token)
    return pointer_join("", *reversed(tokens))


def _nodes(node: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every node under `node` (itself first) with its pointer, without recursion."""
    stack = [(pointer, node)]
    while stack:
        pointer, node = stack.pop()
        yield pointer, node
        if isinstance(node, dict):
            items: Iterable[tuple[str | int, Any]] = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            continue
        stack.extend((pointer_join(pointer, k), v) for k, v in items)
