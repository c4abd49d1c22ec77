"""The route table: every documented path once, in the order a router must try them.

A literal segment is tried before a templated one that would capture it (`/articles/feed` before
`/articles/{slug}`); otherwise paths sharing a prefix stay together, in spelling order. Each route
carries its operations and the `Allow` header a 405 answers with. Every target registers its
routes in this order, so no router decides precedence again.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir.api import Api, Operation


@dataclass(frozen=True)
class Route:
    """One documented path and the operations on it, by method."""

    path: str  # as in the spec, without the base path
    operations: tuple[Operation, ...]  # sorted by method
    allow: tuple[str, ...]  # the `Allow` header of a 405 (the IR's `Api.allowed_methods`)

    @property
    def segments(self) -> tuple[str, ...]:
        return segments(self.path)


def segments(path: str) -> tuple[str, ...]:
    """The path's segments: `/a/{b}` → ("a", "{b}")."""
    return tuple(path.strip("/").split("/"))


def is_template(segment: str) -> bool:
    return "{" in segment


def precedence(path: str) -> tuple[tuple[int, str], ...]:
    """The sort key of a path in the route table (see the module docstring)."""
    return tuple((1, "") if is_template(s) else (0, s) for s in segments(path))


def captures(general: str, specific: str) -> bool:
    """True when a request for `specific` would reach `general` if `general` were tried first:
    where they differ, `general` has a template and `specific` a literal somewhere."""
    wide, narrow = segments(general), segments(specific)
    if len(wide) != len(narrow):
        return False
    pairs = list(zip(wide, narrow, strict=True))
    return all(w == n or is_template(w) for w, n in pairs) and any(
        is_template(w) and not is_template(n) for w, n in pairs
    )


def route_table(api: Api) -> tuple[Route, ...]:
    """Every documented path once, in precedence order."""
    by_path: dict[str, list[Operation]] = {}
    for op in api.operations:
        by_path.setdefault(op.path, []).append(op)
    ordered = sorted(by_path, key=lambda path: (precedence(path), path))
    return tuple(
        Route(
            path, tuple(sorted(by_path[path], key=lambda op: op.method)), api.allowed_methods(path)
        )
        for path in ordered
    )
