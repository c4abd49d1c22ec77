"""Validate the whole document against the OpenAPI meta-schema shipped with openapi-spec-validator.

The meta-schema is compiled once with jsonschema-rs (about 50 ms for the 4 MB Stripe spec). A failed
`oneOf`/`anyOf` is explained by the branch the author most likely meant (not the `$ref` branch when
there is no `$ref`, not a branch whose discriminating `in`/`type` value differs), so the message
names the real mistake at its own pointer instead of dumping the whole object.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from compiler.openapi.bundler import to_pointer
from compiler.openapi.findings import Finding, shorten

_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
_BRANCHING = ("OneOfNotValid", "AnyOf")
_WRONG_BRANCH = ("Enum", "Constant", "Type", "FalseSchema")


@cache
def _meta_schema(minor: str) -> dict[str, Any]:
    """openapi-spec-validator's meta-schema, read from its package data without importing it
    (importing it pulls in pydantic and costs more than validating the Stripe spec)."""
    spec = importlib.util.find_spec("openapi_spec_validator")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("openapi-spec-validator is not installed")
    schema = Path(spec.origin).parent / "resources" / "schemas" / f"v{minor}" / "schema.json"
    return json.loads(schema.read_text("utf-8"))


@cache
def _document_validator(minor: str) -> Any:
    return jsonschema_rs.validator_for(_meta_schema(minor))


@cache
def _schema_validator() -> Any:
    return jsonschema_rs.Draft202012Validator({"$ref": _DRAFT_2020_12})


def document_problems(root: dict[str, Any], minor: str) -> Iterator[Finding]:
    """Meta-schema violations of the document; `minor` is "3.0" or "3.1"."""
    for error in _document_validator(minor).iter_errors(root):
        yield from _explain(error, (), _meta_schema(minor))


def schema_problems(schema: Any, tokens: tuple[str, ...]) -> Iterator[Finding]:
    """JSON Schema 2020-12 meta-schema violations of one OAS 3.1 Schema Object at `tokens`."""
    for error in _schema_validator().iter_errors(schema):
        yield from _explain(error, tokens, None)


def _explain(error: Any, base: tuple[str, ...], meta: dict[str, Any] | None) -> Iterator[Finding]:
    kind = type(error.kind).__name__
    if kind == "Format" and getattr(error.kind, "format", "") == "regex":
        return  # patterns are checked as ECMA-262 by compiler.openapi.patterns (CC205)
    if kind in _BRANCHING:
        branch = _likely_branch(error)
        if branch is not None:
            for sub in branch:
                yield from _explain(sub, base, meta)
            return
    tokens = base + tuple(str(t) for t in error.instance_path)
    yield Finding("CC201", _message(error, kind, meta), to_pointer(tokens))


def _likely_branch(error: Any) -> list[Any] | None:
    """The failed branch the author most likely meant, or None when no branch stands out."""
    depth = len(error.instance_path)
    candidates = []
    for branch in error.kind.context:
        at_node = [type(e.kind).__name__ for e in branch if len(e.instance_path) == depth]
        ref_branch = any(
            type(e.kind).__name__ == "Required" and e.kind.property == "$ref"
            for e in branch
            if len(e.instance_path) == depth
        )
        if not branch or ref_branch or "Type" in at_node or "FalseSchema" in at_node:
            continue
        wrong_value = any(
            len(e.instance_path) == depth + 1 and type(e.kind).__name__ in _WRONG_BRANCH
            for e in branch
        )
        candidates.append((wrong_value, len(branch), branch))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


def _message(error: Any, kind: str, meta: dict[str, Any] | None) -> str:
    details = error.kind.as_dict() if kind not in _BRANCHING else {}
    names = _branch_names(meta, list(error.schema_path)) if meta is not None else []
    if kind in _BRANCHING and names:
        return f"this is not a valid {' or '.join(names)}"
    if kind == "OneOfMultipleValid":
        return f"this matches more than one of {', '.join(names) or 'the allowed forms'}"
    if kind == "Type":
        return (
            f"expected {' or '.join(details.get('types', []))}, found {_json_type(error.instance)}"
        )
    if kind in ("MaxProperties", "MinProperties", "MaxItems", "MinItems"):
        bound = "at most" if kind.startswith("Max") else "at least"
        unit = "entries" if kind.endswith("Properties") else "items"
        return f"must have {bound} {details.get('limit')} {unit}"
    if kind == "UniqueItems":
        return "contains the same item twice"
    if kind == "Not":
        return f"must not match {shorten(json.dumps(details.get('schema')), 80)}"
    return shorten(error.message)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    return {
        dict: "object",
        list: "array",
        str: "string",
        int: "integer",
        float: "number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _branch_names(meta: dict[str, Any], schema_path: list[Any]) -> list[str]:
    node: Any = meta
    for token in schema_path:
        try:
            node = node[token] if isinstance(node, dict) else node[int(token)]
        except (KeyError, IndexError, ValueError, TypeError):
            return []
    if not isinstance(node, list):
        return []
    return [str(b["$ref"]).rsplit("/", 1)[-1] for b in node if isinstance(b, dict) and "$ref" in b]
