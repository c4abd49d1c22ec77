"""A loaded OpenAPI document: plain JSON data plus a way back to where each node was written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from compiler.diagnostics import Location

JsonPointer = str  # RFC 6901, "" is the root, e.g. "/paths/~1pets/get"


@dataclass
class Document:
    """The spec after loading and bundling.

    `root` holds plain JSON values (dict, list, str, int, float, bool, None) with every string key;
    external `$ref`s are already bundled into `#/components/...`, so every `$ref` left is internal.
    `locate` maps a JSON pointer of `root` to the file, line and column where that node was written.
    """

    path: str  # the entry file as the user named it
    root: dict[str, Any]
    text: str  # the entry file's text, for hashing and position lookups
    _locator: Callable[[JsonPointer], Location] = field(repr=False, default=lambda p: Location(""))
    files: tuple[str, ...] = ()  # every file read: the entry file first, then bundled `$ref` files
    digest: str = ""  # sha256 over the bytes of all `files` (cache key for validation results)

    def locate(self, pointer: JsonPointer) -> Location:
        """The location of the node at `pointer`, or of its nearest located ancestor."""
        return self._locator(pointer)

    def resolve(self, pointer: JsonPointer) -> Any:
        """The node at an internal pointer (`#/components/schemas/Pet` or `/components/...`)."""
        node: Any = self.root
        if pointer.startswith("#"):
            pointer = unquote(pointer)  # a URI fragment is percent-encoded (RFC 6901, section 6)
        for token in pointer.lstrip("#").lstrip("/").split("/") if pointer.strip("#/") else []:
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    @property
    def openapi_version(self) -> str:
        return str(self.root.get("openapi", ""))


def pointer_join(pointer: JsonPointer, *tokens: str | int) -> JsonPointer:
    """Append escaped tokens to a JSON pointer."""
    parts = [str(t).replace("~", "~0").replace("/", "~1") for t in tokens]
    return pointer + "".join("/" + p for p in parts)
