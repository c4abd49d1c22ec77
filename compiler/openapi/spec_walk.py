"""Walk the parts of a bundled OpenAPI root that the semantic rules look at, following `$ref`s.

Every node is yielded with the tokens of its canonical place (where a `$ref` points, not where it
is used), once, so a schema shared by a hundred operations is checked once. Malformed parts (a list
where a mapping belongs...) are skipped: the meta-schema reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from compiler.openapi.bundler import resolve_fragment

Tokens = tuple[str, ...]
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SUBSCHEMA = (
    "additionalProperties",
    "not",
    "additionalItems",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")


def deref(root: dict[str, Any], node: Any, tokens: Tokens) -> tuple[Any, Tokens]:
    """Follow `$ref`s (at most 32 hops) to the node and tokens they name; dangling -> (None, ())."""
    if type(node) is not dict or "$ref" not in node:
        return node, tokens
    for _ in range(32):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str):
            return node, tokens
        if not ref.startswith("#"):
            return None, ()
        try:
            node, fragment = resolve_fragment(root, ref[1:])
        except LookupError:
            return None, ()
        tokens = tuple(
            t.replace("~1", "/").replace("~0", "~") for t in unquote(fragment).split("/")[1:]
        )
    return None, ()


@dataclass(frozen=True)
class Operation:
    """One operation with its path template and the path item's shared parameters."""

    path: str
    method: str
    node: dict[str, Any]
    tokens: Tokens
    path_parameters: list[tuple[dict[str, Any], Tokens]]  # resolved, from the path item


def _mappings(node: Any) -> Iterator[tuple[str, Any]]:
    return iter(node.items()) if isinstance(node, dict) else iter(())


class SpecWalker:
    """Yields operations, parameters and schemas of one root, each once."""

    def __init__(self, root: dict[str, Any]):
        self.root = root

    def path_items(self) -> Iterator[tuple[str, dict[str, Any], Tokens]]:
        """(path template, resolved path item, tokens) for `paths`, callbacks and webhooks."""
        seen: set[int] = set()
        pending: list[tuple[str, Any, Tokens]] = [
            (p, item, ("paths", p)) for p, item in _mappings(self.root.get("paths"))
        ]
        pending += [
            (name, item, ("webhooks", name)) for name, item in _mappings(self.root.get("webhooks"))
        ]
        while pending:
            template, raw, tokens = pending.pop(0)
            item, tokens = deref(self.root, raw, tokens)
            if not isinstance(item, dict) or id(item) in seen:
                continue
            seen.add(id(item))
            yield template, item, tokens
            for method in HTTP_METHODS:
                operation = item.get(method)
                if isinstance(operation, dict):
                    for cb_name, callback in _mappings(operation.get("callbacks")):
                        callback, cb_tokens = deref(
                            self.root, callback, tokens + (method, "callbacks", cb_name)
                        )
                        pending += [
                            (expr, cb_item, cb_tokens + (expr,))
                            for expr, cb_item in _mappings(callback)
                        ]

    def operations(self) -> Iterator[Operation]:
        """Every operation of every path item (the path items' `parameters` resolved)."""
        for template, item, tokens in self.path_items():
            shared = list(self.parameters(item.get("parameters"), tokens + ("parameters",)))
            for method in HTTP_METHODS:
                node = item.get(method)
                if isinstance(node, dict):
                    yield Operation(template, method, node, tokens + (method,), shared)

    def parameters(self, raw: Any, tokens: Tokens) -> Iterator[tuple[dict[str, Any], Tokens]]:
        """The resolved parameter objects of a `parameters` list."""
        for index, parameter in enumerate(raw if isinstance(raw, list) else ()):
            node, where = deref(self.root, parameter, tokens + (str(index),))
            if isinstance(node, dict):
                yield node, where

    def schema_roots(self) -> Iterator[tuple[Any, Tokens]]:
        """Schema objects written where the OpenAPI structure (not another schema) holds them."""
        components = self.root.get("components")
        components = components if isinstance(components, dict) else {}
        for name, schema in _mappings(components.get("schemas")):
            yield schema, ("components", "schemas", name)
        holders: list[tuple[Any, Tokens]] = []
        for section in ("parameters", "requestBodies", "responses", "headers"):
            holders += [
                (node, ("components", section, name))
                for name, node in _mappings(components.get(section))
            ]
        for operation in self.operations():
            holders += [(node, tokens) for node, tokens in operation.path_parameters]
            holders += list(
                self.parameters(
                    operation.node.get("parameters"), operation.tokens + ("parameters",)
                )
            )
            holders.append((operation.node.get("requestBody"), operation.tokens + ("requestBody",)))
            holders += [
                (node, operation.tokens + ("responses", code))
                for code, node in _mappings(operation.node.get("responses"))
            ]
        seen: set[int] = set()
        while holders:
            raw, tokens = holders.pop()
            holder, tokens = deref(self.root, raw, tokens)
            if not isinstance(holder, dict) or id(holder) in seen:
                continue
            seen.add(id(holder))
            if "schema" in holder:
                yield holder["schema"], tokens + ("schema",)
            for media, media_type in _mappings(holder.get("content")):
                if isinstance(media_type, dict) and "schema" in media_type:
                    yield media_type["schema"], tokens + ("content", media, "schema")
            holders += [
                (node, tokens + ("headers", name))
                for name, node in _mappings(holder.get("headers"))
            ]

    def schemas(self) -> Iterator[tuple[dict[str, Any], Tokens]]:
        """Every schema object reachable from the schema roots, subschemas included, once each."""
        seen: set[int] = set()
        pending = list(self.schema_roots())
        while pending:
            raw, tokens = pending.pop()
            schema, tokens = deref(self.root, raw, tokens)
            if not isinstance(schema, dict) or id(schema) in seen:
                continue
            seen.add(id(schema))
            yield schema, tokens
            pending += [(schema[k], tokens + (k,)) for k in _SUBSCHEMA if k in schema]
            items = schema.get("items")
            if isinstance(items, list):
                pending += [(s, tokens + ("items", str(i))) for i, s in enumerate(items)]
            elif items is not None:
                pending.append((items, tokens + ("items",)))
            for key in _SUBSCHEMA_LISTS:
                if isinstance(schema.get(key), list):
                    pending += [(s, tokens + (key, str(i))) for i, s in enumerate(schema[key])]
            for key in _SUBSCHEMA_MAPS:
                pending += [(s, tokens + (key, name)) for name, s in _mappings(schema.get(key))]
