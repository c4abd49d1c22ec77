"""`contract/operations.json`: what the generated server checks per operation, as data.

Request schemas, how each body is read (JSON, a form and its fields, or left raw), parameter
parsing hints, auth alternatives, error bodies per failure class and the documented methods of
every path (405 + Allow). Rendered from the IR only; the generated Java (`OperationCatalog`) reads
it once at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from compiler.ir import (
    Api,
    BodyReading,
    Contract,
    ErrorValue,
    FailureClass,
    Model,
    Operation,
    Parameter,
    SecurityKind,
    SecurityScheme,
)
from emitters.common.forms import form_fields
from emitters.common.json_text import indented_json
from emitters.common.memo import PerNode
from emitters.spring.error_bodies import PROBLEM_JSON, error_body_node
from emitters.spring.javatypes import resolve, scalar_kind
from emitters.spring.schemas import definitions, request_schema

DEFAULT_STATUS = {
    FailureClass.INVALID: 400,
    FailureClass.INVALID_PATH: 400,
    FailureClass.NOT_FOUND: 404,
    FailureClass.CONFLICT: 409,
    FailureClass.UNAUTHENTICATED: 401,
    FailureClass.FORBIDDEN: 403,
    FailureClass.NOT_IMPLEMENTED: 501,
}


def challenge(scheme: SecurityScheme) -> str:
    """The `WWW-Authenticate` challenge a 401 carries for `scheme` (same text as every target)."""
    if scheme.kind is SecurityKind.BASIC:
        return 'Basic realm="api"'
    if scheme.kind is SecurityKind.API_KEY:
        location = scheme.location.value if scheme.location else "header"
        return f'ApiKey realm="api", in="{location}", name="{scheme.parameter_name or ""}"'
    return 'Bearer realm="api"'


def render_catalog(contract: Contract) -> str:
    """The catalog as deterministic, indented JSON."""
    api = contract.api
    models = {m.name: m for m in api.models}
    body_node = PerNode(error_body_node)  # one node per shared template: encoded once
    data = {
        "$defs": definitions(api.models),
        "operations": {op.operation_id: _operation(op, models, body_node) for op in api.operations},
        "paths": _paths(api),
        "securitySchemes": {
            s.name: _scheme(s) for s in sorted(api.security_schemes, key=lambda s: s.name)
        },
    }
    return indented_json(data) + "\n"


def _operation(
    op: Operation, models: dict[str, Model], body_node: Callable[[ErrorValue], dict[str, Any]]
) -> dict[str, Any]:
    out: dict[str, Any] = {"security": [list(alt) for alt in op.security]}
    # per alternative of `security`, the scopes its credentials must hold (403 without them)
    out["scopes"] = [list(scopes) for scopes in op.scopes] or [[] for _ in op.security]
    out["parameters"] = [_parameter(p, models) for p in op.parameters]
    if op.request is not None:
        reading = op.body_reading
        out["body"] = {
            "required": op.request.required,
            "mediaType": op.request.content_type,
            "reading": reading.value,
            "schema": request_schema(op.request.shape) if op.request.shape is not None else True,
        }
        if reading is BodyReading.FORM and op.request.shape is not None:
            out["body"]["fields"] = [
                {"name": f.name, "kind": str(f.kind), "repeated": f.repeated}
                for f in form_fields(op.request.shape, models)
            ]
    errors: dict[str, Any] = {}
    for failure in FailureClass:
        declared = op.error(failure)
        if declared is None or declared.body is None or declared.template is None:
            status = declared.status if declared else DEFAULT_STATUS[failure]
            errors[failure.value] = {"status": status, "mediaType": PROBLEM_JSON, "body": None}
            continue
        errors[failure.value] = {
            "status": declared.status,
            "mediaType": declared.body.content_type,
            "body": body_node(declared.template),
        }
    out["errors"] = errors
    return out


def _parameter(p: Parameter, models: dict[str, Model]) -> dict[str, Any]:
    items = resolve(p.shape, models).items
    return {
        "name": p.name,
        "in": p.location.value,
        "required": p.required,
        "kind": scalar_kind(p.shape, models),
        "itemKind": scalar_kind(items, models) if items is not None else "string",
        "schema": request_schema(p.shape),
    }


def _paths(api: Api) -> list[dict[str, Any]]:
    """Documented paths, literal segments before templated ones, with their methods."""
    entries: list[dict[str, Any]] = []
    for path in api.paths:
        full = api.base_path + path
        regex = "".join(
            "[^/]+" if piece.startswith("{") else re.escape(piece)
            for piece in re.split(r"(\{[^}]+\})", full)
            if piece
        )
        operations = {
            op.method.upper(): op.operation_id for op in api.operations if op.path == path
        }
        entries.append(
            {
                "template": full,
                "pattern": regex,
                "methods": list(api.allowed_methods(path)),
                "operations": operations,
            }
        )
    entries.sort(key=lambda e: (str(e["template"]).count("{"), str(e["template"])))
    return entries


def _scheme(scheme: SecurityScheme) -> dict[str, Any]:
    return {
        "kind": scheme.kind.value,
        "in": scheme.location.value if scheme.location else None,
        "name": scheme.parameter_name,
        "challenge": challenge(scheme),
    }


__all__ = ["DEFAULT_STATUS", "PROBLEM_JSON", "challenge", "render_catalog"]
