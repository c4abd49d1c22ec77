"""First pass over an operation: everything read from the spec alone, before any table is chosen."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.binder.params import build_parameters
from compiler.binder.responses import build_body, build_responses, success_response
from compiler.binder.route import Route, derive_operation_id, parse_route
from compiler.binder.spec import RawOperation, follow, is_json
from compiler.ir.api import Body, OperationKind, Parameter, Response
from compiler.openapi.document import Document, pointer_join

_NATURAL_KINDS = {
    ("get", False): OperationKind.LIST,
    ("post", False): OperationKind.CREATE,
    ("get", True): OperationKind.READ,
    ("put", True): OperationKind.REPLACE,
    ("patch", True): OperationKind.PATCH,
    ("delete", True): OperationKind.DELETE,
}


@dataclass(frozen=True)
class PreparedOperation:
    raw: RawOperation
    operation_id: str
    route: Route
    natural_kind: OperationKind  # what method + path shape suggest; CUSTOM when neither does
    parameters: tuple[Parameter, ...]
    request: Body | None
    responses: tuple[Response, ...]

    @property
    def json_request(self) -> bool:
        return (
            self.request is not None
            and is_json(self.request.content_type)
            and self.request.shape is not None
        )

    def success(self, kind: OperationKind) -> Response:
        return success_response(self.responses, kind)


def prepare_operation(doc: Document, raw: RawOperation) -> PreparedOperation:
    """Parameters, bodies, responses and route of one operation."""
    node = raw.node
    route = parse_route(raw.path)
    op_id = node.get("operationId")
    if not isinstance(op_id, str) or not op_id:
        op_id = derive_operation_id(raw.method, route)
    request = None
    body_node, body_pointer = follow(
        doc, node.get("requestBody"), pointer_join(raw.pointer, "requestBody")
    )
    if isinstance(body_node, dict):
        request = build_body(
            doc, body_node.get("content"), body_pointer, required=body_node.get("required") is True
        )
    natural = OperationKind.CUSTOM
    if route.resource is not None:
        natural = _NATURAL_KINDS.get((raw.method, route.is_item), OperationKind.CUSTOM)
    return PreparedOperation(
        raw=raw,
        operation_id=op_id,
        route=route,
        natural_kind=natural,
        parameters=build_parameters(doc, raw.parameters),
        request=request,
        responses=build_responses(doc, node, raw.pointer),
    )
