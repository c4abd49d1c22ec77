"""Responses: what the spec documents, the success response, and the status of each failure class.

Failure statuses (generated-backend.md §5), decided once here for all targets:
- INVALID: 400 if declared, else 422, else `4XX`/`default` answered as 400. When both 400 and 422
  are declared, 400 wins (it is the generic "bad request"; 422 stays documented for the user's code).
- INVALID_PATH (operations with path parameters): as INVALID when 400 or 422 is declared, else a
  declared 404 (no resource has that key), else as INVALID.
- NOT_FOUND: 404 (read, replace, patch, delete, and every nested route).
- CONFLICT: 409, else whichever of 400/422 INVALID uses (create, replace, patch, delete).
- UNAUTHENTICATED: 401 when the operation is secured; FORBIDDEN: 403 when secured and either
  declared or needed to refuse a caller without the scopes (roles) its security names.
- NOT_IMPLEMENTED: 501 for custom operations.
A failure without a fitting declared status (nor `4XX`/`5XX`/`default`) is `documented=False`.
"""

from __future__ import annotations

from typing import Any

from compiler.binder.error_template import ErrorTemplates
from compiler.binder.spec import follow, pick_content
from compiler.ir.api import Body, ErrorResponse, ErrorValue, FailureClass, OperationKind, Response
from compiler.openapi.document import Document, JsonPointer, pointer_join
from compiler.openapi.shapes import build_shape

_ROW_KINDS = (OperationKind.READ, OperationKind.REPLACE, OperationKind.PATCH, OperationKind.DELETE)
_WRITE_KINDS = (
    OperationKind.CREATE,
    OperationKind.REPLACE,
    OperationKind.PATCH,
    OperationKind.DELETE,
)


def build_body(
    doc: Document, content: Any, pointer: JsonPointer, required: bool = True
) -> Body | None:
    """A payload from a `content` map (JSON preferred); None when there is no content."""
    picked = pick_content(content, pointer)
    if picked is None:
        return None
    media_type, schema, schema_pointer = picked
    shape = build_shape(doc, schema, schema_pointer) if schema is not None else None
    return Body(content_type=media_type, shape=shape, required=required)


def build_responses(
    doc: Document, node: dict[str, Any], pointer: JsonPointer
) -> tuple[Response, ...]:
    """Every documented response, sorted by status."""
    raw = node.get("responses")
    if not isinstance(raw, dict):
        return ()
    responses = []
    for key in raw:
        status = str(key)
        resolved, resolved_pointer = follow(
            doc, raw[key], pointer_join(pointer, "responses", status)
        )
        if not isinstance(resolved, dict):
            continue
        headers = resolved.get("headers")
        responses.append(
            Response(
                status=status,
                description=resolved.get("description")
                if isinstance(resolved.get("description"), str)
                else "",
                body=build_body(doc, resolved.get("content"), resolved_pointer),
                headers=tuple(sorted(str(h) for h in headers)) if isinstance(headers, dict) else (),
            )
        )
    return tuple(sorted(responses, key=lambda r: r.status))


def success_response(responses: tuple[Response, ...], kind: OperationKind) -> Response:
    """The documented 2xx (lowest; 204 for delete when declared), else 2XX/default, else a bare 200/204."""
    by_status = {r.status: r for r in responses}
    if kind is OperationKind.DELETE and "204" in by_status:
        return by_status["204"]
    codes = sorted(s for s in by_status if s.isdigit() and s.startswith("2"))
    if codes:
        return by_status[codes[0]]
    for fallback in ("2XX", "default"):
        if fallback in by_status:
            template = by_status[fallback]
            return Response("200", template.description, template.body, template.headers)
    return Response("204" if kind is OperationKind.DELETE else "200")


def failure_classes(
    kind: OperationKind,
    nested: bool,
    secured: bool,
    validates: bool,
    has_path_params: bool,
    marks_rows: bool = False,
) -> list[FailureClass]:
    """The failure classes an operation of this kind can produce: INVALID only when it takes a
    body or a query, header or cookie parameter (a path parameter fails as INVALID_PATH); a
    DELETE that marks rows (soft delete) removes nothing, so nothing can conflict."""
    failures = []
    if validates:
        failures.append(FailureClass.INVALID)
    if has_path_params:
        failures.append(FailureClass.INVALID_PATH)
    if kind in _ROW_KINDS or (nested and kind is not OperationKind.CUSTOM):
        failures.append(FailureClass.NOT_FOUND)
    if kind in _WRITE_KINDS and not (kind is OperationKind.DELETE and marks_rows):
        failures.append(FailureClass.CONFLICT)
    if secured:
        failures.extend((FailureClass.UNAUTHENTICATED, FailureClass.FORBIDDEN))
    if kind is OperationKind.CUSTOM:
        failures.append(FailureClass.NOT_IMPLEMENTED)
    return failures


def error_responses(
    responses: tuple[Response, ...],
    failures: list[FailureClass],
    templates: ErrorTemplates,
    scoped: bool = False,
) -> tuple[ErrorResponse, ...]:
    """The status and body each failure class answers with (FORBIDDEN, undeclared, only when
    the operation requires scopes)."""
    by_status = {r.status: r for r in responses}
    invalid = next((s for s in ("400", "422") if s in by_status), None)
    wanted: dict[FailureClass, tuple[str, ...]] = {
        FailureClass.INVALID: ("400", "422"),
        FailureClass.INVALID_PATH: ("400", "422", "404"),
        FailureClass.NOT_FOUND: ("404",),
        FailureClass.CONFLICT: ("409", *((invalid,) if invalid else ())),
        FailureClass.UNAUTHENTICATED: ("401",),
        FailureClass.FORBIDDEN: ("403",),
        FailureClass.NOT_IMPLEMENTED: ("501",),
    }
    default_status = {
        FailureClass.INVALID: 400,
        FailureClass.INVALID_PATH: 400,
        FailureClass.NOT_FOUND: 404,
        FailureClass.CONFLICT: 409,
        FailureClass.UNAUTHENTICATED: 401,
        FailureClass.FORBIDDEN: 403,
        FailureClass.NOT_IMPLEMENTED: 501,
    }
    errors = []
    for failure in failures:
        declared = next((s for s in wanted[failure] if s in by_status), None)
        if declared is not None:
            body = _error_body(by_status[declared])
            errors.append(
                ErrorResponse(failure, int(declared), True, body, _template(body, templates))
            )
            continue
        if failure is FailureClass.FORBIDDEN and not scoped:
            continue
        status = default_status[failure]
        fallback = next(
            (by_status[s] for s in (f"{str(status)[0]}XX", "default") if s in by_status), None
        )
        body = _error_body(fallback) if fallback is not None else None
        errors.append(
            ErrorResponse(failure, status, fallback is not None, body, _template(body, templates))
        )
    return tuple(errors)


def _template(body: Body | None, templates: ErrorTemplates) -> ErrorValue | None:
    if body is None or body.shape is None:
        return None
    return templates.for_shape(body.shape)


def _error_body(response: Response) -> Body | None:
    body = response.body
    if body is None or body.shape is None:
        return None
    return body
