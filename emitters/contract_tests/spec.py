"""The spec the contract tests run against: the bundled spec, plus OpenAPI links, on a relative server."""

from __future__ import annotations

import copy
import json
from typing import Any

from compiler.ir import Contract, Link, Operation, OperationKind

_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def contract_spec(contract: Contract) -> dict[str, Any]:
    """The bundled spec with the IR's links added and every server reduced to the API's base path.

    Custom operations also document the 501 they answer until their handler is written.

    Links go on the source operation's documented response (a shared `$ref` response is inlined
    first, so the link stays on that one operation); a link the spec already declares by that name
    is kept as written. A relative server lets Schemathesis target any base URL.

    A nullable type list with a `format` (`type: [string, "null"], format: date`) becomes the
    equivalent `anyOf`: Schemathesis 4.32's coverage phase drops the format of a type list and
    sends `""` as valid data.
    """
    spec: dict[str, Any] = json.loads(contract.bundled_spec)
    _split_nullable_formats(spec)
    _normalise_servers(spec, contract.api.base_path)
    _document_not_implemented(spec, contract)
    by_id = {op.operation_id: op for op in contract.api.operations}
    for link in sorted(contract.api.links, key=_link_order):
        source, target = by_id.get(link.source_operation), by_id.get(link.target_operation)
        if source is not None and target is not None:
            _add_link(spec, link, source, target)
    return spec


def render_spec(contract: Contract) -> str:
    """`contract_spec` as stable, readable JSON text."""
    return json.dumps(contract_spec(contract), indent=2, ensure_ascii=False) + "\n"


def _link_order(link: Link) -> tuple[str, str, str]:
    return (link.source_operation, link.status, link.name)


_ANNOTATIONS = frozenset(
    {"title", "description", "default", "example", "examples", "readOnly", "writeOnly"}
    | {"deprecated", "externalDocs", "xml"}
)


def _split_nullable_formats(node: Any) -> None:
    """Rewrite, in place, every `{type: [T, "null"], format: F, ...}` below `node` as
    `{anyOf: [{type: T, format: F, ...}, {type: "null"}]}`, annotations kept outside."""
    if isinstance(node, list):
        for item in node:
            _split_nullable_formats(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _split_nullable_formats(value)
    kinds = node.get("type")
    if not (isinstance(kinds, list) and "null" in kinds and len(kinds) == 2 and "format" in node):
        return
    (kind,) = [k for k in kinds if k != "null"]
    branch = {k: v for k, v in node.items() if k not in _ANNOTATIONS and k != "type"}
    for key in (*branch, "type"):
        del node[key]
    node["anyOf"] = [{"type": kind, **branch}, {"type": "null"}]


def _normalise_servers(spec: dict[str, Any], base_path: str) -> None:
    spec["servers"] = [{"url": base_path or "/"}]
    for path_item in _dicts(spec.get("paths")).values():
        if isinstance(path_item, dict):
            path_item.pop("servers", None)
            for method in _HTTP_METHODS:
                operation = path_item.get(method)
                if isinstance(operation, dict):
                    operation.pop("servers", None)


def _document_not_implemented(spec: dict[str, Any], contract: Contract) -> None:
    """Custom operations answer 501 until their user-owned handler is written: say so."""
    for op in contract.api.operations:
        if op.kind is not OperationKind.CUSTOM:
            continue
        operation = _operation(spec, op)
        if operation is None or not isinstance(operation.get("responses"), dict):
            continue
        operation["responses"].setdefault(
            "501", {"description": "Not implemented yet: its user-owned handler is not written."}
        )


def _add_link(spec: dict[str, Any], link: Link, source: Operation, target: Operation) -> None:
    operation = _operation(spec, source)
    if operation is None:
        return
    responses = _dicts(operation.get("responses"))
    response = responses.get(link.status)
    if not isinstance(response, dict):
        return
    if "$ref" in response:
        resolved = _resolve(spec, response["$ref"])
        if resolved is None:
            return
        response = copy.deepcopy(resolved)
        responses[link.status] = response
    links = response.setdefault("links", {})
    if not isinstance(links, dict) or link.name in links:
        return
    links[link.name] = {**_target_reference(spec, target), "parameters": dict(link.parameters)}


def _target_reference(spec: dict[str, Any], target: Operation) -> dict[str, str]:
    operation = _operation(spec, target)
    if operation is not None and operation.get("operationId") == target.operation_id:
        return {"operationId": target.operation_id}
    return {"operationRef": "#/paths/" + _escape(target.path) + "/" + target.method}


def _operation(spec: dict[str, Any], op: Operation) -> dict[str, Any] | None:
    path_item = _dicts(spec.get("paths")).get(op.path)
    if not isinstance(path_item, dict):
        return None
    operation = path_item.get(op.method)
    return operation if isinstance(operation, dict) else None


def _resolve(spec: dict[str, Any], ref: object) -> dict[str, Any] | None:
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return None
    node: Any = spec
    for token in ref[2:].split("/"):
        key = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, dict) else None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _dicts(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
