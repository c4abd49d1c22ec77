"""The order Express tries the documented paths in: literal segments before parameters."""

from __future__ import annotations

from compiler.ir import Contract, Operation
from emitters.express.metadata import route_path


def route_precedence(path: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts `/articles/feed` before `/articles/{slug}`, which would capture it,
    and otherwise keeps paths that share a prefix together."""
    return tuple(
        (1, "") if "{" in segment else (0, segment) for segment in path.strip("/").split("/")
    )


def documented_paths(contract: Contract) -> list[list[str]]:
    """Each documented path as Express matches it, with its `Allow` header, in the order the
    router must try them: a path before any templated one that would capture its requests."""
    first: dict[str, Operation] = {}
    for op in contract.api.operations:
        first.setdefault(op.path, op)
    ordered = sorted(first, key=lambda path: (route_precedence(path), path))
    base_path = contract.api.base_path
    return [
        [route_path(first[path], base_path), ", ".join(contract.api.allowed_methods(path))]
        for path in ordered
    ]
