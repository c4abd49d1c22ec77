"""Check the internal `$ref`s of a bundled document: each must resolve, and not only to itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from compiler.openapi.bundler import resolve_fragment


def ref_problems(
    root: dict[str, Any], refs: list[tuple[str, dict[str, Any]]]
) -> Iterator[tuple[str, str]]:
    """(pointer of the reference object, message) for each `$ref` that can never resolve."""
    for pointer, ref_object in refs:
        ref = ref_object.get("$ref")
        if not isinstance(ref, str):
            continue
        problem = _chain_problem(root, ref)
        if problem:
            yield pointer, problem


def _chain_problem(root: dict[str, Any], ref: str) -> str:
    """Follow references to references; report a missing target or a loop."""
    chain = [ref]
    while True:
        if not ref.startswith("#"):
            return ""
        if ref[1:] and not ref.startswith("#/"):
            return f"$ref {ref!r} is not a JSON pointer (anchors are not supported)"
        try:
            target = resolve_fragment(root, ref[1:])[0]
        except LookupError:
            return f"$ref {ref!r} points to nothing" + (
                f" (via {' -> '.join(chain[:-1])})" if len(chain) > 1 else ""
            )
        if not (isinstance(target, dict) and isinstance(target.get("$ref"), str)):
            return ""
        ref = target["$ref"]
        if ref in chain:
            return f"$ref loop never resolves: {' -> '.join(chain + [ref])}"
        chain.append(ref)
