"""Reading operations out of the OpenAPI dict: refs followed, parameters merged, bodies picked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compiler.openapi.document import Document, JsonPointer, pointer_join

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class RawOperation:
    """One operation of the spec with its referenced parts already looked up."""

    path: str
    method: str
    node: dict[str, Any]
    pointer: JsonPointer
    parameters: tuple[
        tuple[dict[str, Any], JsonPointer], ...
    ]  # path-level merged with operation-level


def follow(
    doc: Document, node: Any, pointer: JsonPointer, limit: int = 16
) -> tuple[Any, JsonPointer]:
    """Follow `$ref`s (parameters, responses, request bodies) to the node they name."""
    for _ in range(limit):
        if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
            return node, pointer
        ref = node["$ref"]
        if not ref.startswith("#"):
            return None, pointer
        try:
            node, pointer = doc.resolve(ref[1:]), ref[1:]
        except (KeyError, IndexError, ValueError, TypeError):
            return None, pointer
    return None, pointer


def raw_operations(doc: Document) -> list[RawOperation]:
    """Every operation of `paths`, in path then method order."""
    paths = doc.root.get("paths")
    if not isinstance(paths, dict):
        return []
    found = []
    for path in sorted(p for p in paths if isinstance(p, str)):
        item, item_pointer = follow(doc, paths[path], pointer_join("/paths", path))
        if not isinstance(item, dict):
            continue
        shared = _parameters(doc, item.get("parameters"), pointer_join(item_pointer, "parameters"))
        for method in sorted(m for m in item if m in HTTP_METHODS):
            node = item[method]
            if not isinstance(node, dict):
                continue
            pointer = pointer_join(item_pointer, method)
            own = _parameters(doc, node.get("parameters"), pointer_join(pointer, "parameters"))
            merged = {(p["name"], p["in"]): (p, ptr) for p, ptr in shared}
            merged.update({(p["name"], p["in"]): (p, ptr) for p, ptr in own})
            found.append(RawOperation(path, method, node, pointer, tuple(merged.values())))
    return found


def _parameters(
    doc: Document, raw: Any, pointer: JsonPointer
) -> list[tuple[dict[str, Any], JsonPointer]]:
    if not isinstance(raw, list):
        return []
    params = []
    for index, entry in enumerate(raw):
        node, node_pointer = follow(doc, entry, pointer_join(pointer, index))
        if (
            isinstance(node, dict)
            and isinstance(node.get("name"), str)
            and isinstance(node.get("in"), str)
        ):
            params.append((node, node_pointer))
    return params


def parameter_schema(node: dict[str, Any], pointer: JsonPointer) -> tuple[Any, JsonPointer]:
    """A parameter's schema, from `schema` or from its single `content` entry."""
    if "schema" in node:
        return node["schema"], pointer_join(pointer, "schema")
    content = node.get("content")
    if isinstance(content, dict):
        for media_type in sorted(content):
            media = content[media_type]
            if isinstance(media, dict) and "schema" in media:
                return media["schema"], pointer_join(pointer, "content", media_type, "schema")
    return None, pointer


def is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base in ("application/json", "*/*") or base.endswith("+json")


def pick_content(content: Any, pointer: JsonPointer) -> tuple[str, Any, JsonPointer] | None:
    """The JSON media type of a `content` map (else the first one): (type, schema, schema pointer)."""
    if not isinstance(content, dict) or not content:
        return None
    names = sorted(str(k) for k in content)
    chosen = next((n for n in names if n.split(";")[0].strip().lower() == "application/json"), None)
    chosen = chosen or next((n for n in names if is_json(n)), names[0])
    media = content.get(chosen)
    schema = media.get("schema") if isinstance(media, dict) else None
    return chosen, schema, pointer_join(pointer, "content", chosen, "schema")
