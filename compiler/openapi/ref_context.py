"""Which `components` section a `$ref` at a given place points into (for bundling external refs)."""

from __future__ import annotations

_SCHEMA_VALUE_KEYS = frozenset(
    {
        "schema",
        "items",
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
    }
)
_SCHEMA_MAP_KEYS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
_SCHEMA_LIST_KEYS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_MAP_SECTIONS = {
    "responses": "responses",
    "headers": "headers",
    "examples": "examples",
    "links": "links",
    "callbacks": "callbacks",
    "securitySchemes": "securitySchemes",
}
COMPONENT_SECTIONS = frozenset(
    {
        "schemas",
        "responses",
        "parameters",
        "examples",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
    }
)


def component_section(tokens: tuple[str, ...], openapi_version: str) -> str | None:
    """The `components` section for a reference object at `tokens`, None when it must be inlined."""
    if len(tokens) == 3 and tokens[0] == "components" and tokens[1] in COMPONENT_SECTIONS:
        return tokens[1]
    if not tokens:
        return None
    last = tokens[-1]
    parent = tokens[-2] if len(tokens) > 1 else ""
    if (
        last in _SCHEMA_VALUE_KEYS
        or parent in _SCHEMA_MAP_KEYS
        or (parent in _SCHEMA_LIST_KEYS and last.isdigit())
    ):
        return "schemas"
    if parent == "parameters" and last.isdigit():
        return "parameters"
    if last == "requestBody":
        return "requestBodies"
    if parent in _MAP_SECTIONS:
        return _MAP_SECTIONS[parent]
    is_path_item = (len(tokens) == 2 and tokens[0] in ("paths", "webhooks")) or (
        len(tokens) >= 3 and tokens[-3] == "callbacks"
    )
    if is_path_item and openapi_version.startswith("3.1"):
        return "pathItems"
    return None
