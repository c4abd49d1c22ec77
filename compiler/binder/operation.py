"""Second pass over an operation: classify it, bind it to a table, and fill in every IR fact."""

from __future__ import annotations

from dataclasses import dataclass, replace

from compiler.binder.envelope import RowLocation, list_rows, single_row
from compiler.binder.error_template import ErrorTemplates
from compiler.binder.evidence import row_fit, suggest_table
from compiler.binder.fields import FieldContext, bind_fields
from compiler.binder.naming import snake_case
from compiler.binder.params import assign_roles, find_paging
from compiler.binder.prepare import PreparedOperation
from compiler.binder.resolve import Pins, RouteTables, resolve_route
from compiler.binder.responses import error_responses, failure_classes
from compiler.binder.rpc import rpc_reason
from compiler.binder.security import is_secured, required_scopes, requirements
from compiler.binder.soft_delete import soft_delete_of
from compiler.binder.sorting import find_sorting
from compiler.binder.spec import is_json
from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import (
    Body,
    BodyReading,
    FieldBinding,
    FieldMode,
    Operation,
    OperationKind,
    ParamLocation,
    ParamRole,
    SoftDelete,
    Sorting,
)
from compiler.ir.database import ReferentialAction, Table
from compiler.ir.shapes import Model, ShapeKind
from compiler.openapi.document import Document
from compiler.openapi.shapes import resolve_model

_BODY_KINDS = (OperationKind.CREATE, OperationKind.REPLACE, OperationKind.PATCH)
_ITEM_KINDS = (OperationKind.READ, OperationKind.REPLACE, OperationKind.PATCH, OperationKind.DELETE)


@dataclass
class BindContext:
    doc: Document
    fields: FieldContext
    sink: DiagnosticSink
    error_templates: ErrorTemplates


@dataclass(frozen=True)
class _Binding:
    kind: OperationKind
    route: RouteTables
    response_row: RowLocation | None = None
    request_row: RowLocation | None = None
    problem: str = ""
    evidence: tuple[str, ...] = ()


def bind_operation(prepared: PreparedOperation, ctx: BindContext) -> Operation:
    """The IR operation for one prepared operation (custom, with CC110, when it cannot be bound)."""
    raw = prepared.raw
    op_id = prepared.operation_id
    overrides = ctx.fields.overrides
    overrides.read_operation(op_id, raw.node, raw.pointer)
    binding = _classify(prepared, ctx)
    location = ctx.doc.locate(raw.pointer)
    if binding.problem:
        ctx.sink.warning(
            "CC110",
            f"{raw.method.upper()} {raw.path} is a custom operation: {binding.problem}",
            location,
            hint=f"implement handler {snake_case(op_id)}(), or bind it with x-contractc-table / the mapping file",
        )
    if binding.route.ambiguous:
        ctx.sink.warning(
            "CC403",
            f"{raw.method.upper()} {raw.path}: tables {', '.join(binding.route.ambiguous)} match; "
            f"{binding.route.table.name if binding.route.table else ''} was chosen",
            location,
            hint="pin the table with x-contractc-table or the mapping file",
        )
    kind = binding.kind
    table = binding.route.table if kind is not OperationKind.CUSTOM else None
    security = requirements(ctx.doc, raw.node)
    scopes = required_scopes(ctx.doc, raw.node)
    success = prepared.success(kind)
    paging = find_paging(prepared.parameters) if kind is OperationKind.LIST else None
    keys: dict[str, tuple[ParamRole, str]] = {}
    if table is not None:
        keys = {s.param: (ParamRole.PARENT_KEY, s.parent_column) for s in binding.route.parents}
        if binding.route.key_column is not None and prepared.route.key is not None:
            keys[prepared.route.key] = (ParamRole.KEY, binding.route.key_column)
    parameters = assign_roles(prepared.parameters, keys, table, paging, kind is OperationKind.LIST)
    response_fields = _fields(binding.response_row, table, ctx, for_input=False)
    sorting = (
        find_sorting(parameters, response_fields, table)
        if kind is OperationKind.LIST and table is not None
        else None
    )
    soft_delete = soft_delete_of(table) if table is not None else None
    failures = failure_classes(
        kind,
        bool(binding.route.parents) and table is not None,
        is_secured(security),
        validates=any(p.location is not ParamLocation.PATH for p in parameters)
        or prepared.request is not None,
        has_path_params=any(p.location is ParamLocation.PATH for p in parameters),
        marks_rows=soft_delete is not None,
    )
    return Operation(
        operation_id=op_id,
        method=raw.method,
        path=raw.path,
        kind=kind,
        location=location,
        resource=table.name if table is not None else _first_segment(prepared),
        table=table.name if table is not None else None,
        summary=raw.node.get("summary") if isinstance(raw.node.get("summary"), str) else "",
        tags=tuple(str(t) for t in raw.node.get("tags", []) if isinstance(t, str))
        if isinstance(raw.node.get("tags"), list)
        else (),
        parameters=parameters,
        request=_with_reading(prepared.request, ctx.fields.models),
        request_fields=_fixed_keys(
            _fields(binding.request_row, table, ctx, for_input=True), table, kind
        ),
        success=success,
        responses=prepared.responses,
        errors=error_responses(
            prepared.responses, failures, ctx.error_templates, scoped=bool(scopes)
        ),
        response_fields=response_fields,
        envelope=binding.response_row.envelope
        if binding.response_row and table is not None
        else None,
        request_envelope=binding.request_row.envelope
        if binding.request_row and table is not None
        else None,
        paging=paging,
        sorting=sorting,
        soft_delete=soft_delete,
        parents=binding.route.parents if table is not None else (),
        security=security,
        scopes=scopes,
        handler=snake_case(op_id) if kind is OperationKind.CUSTOM else None,
        on_delete_referenced=_on_delete(ctx, table)
        if kind is OperationKind.DELETE and table
        else None,
        deprecated=raw.node.get("deprecated") is True,
        evidence=binding.evidence + _behaviour_evidence(kind, table, sorting, soft_delete),
    )


def _behaviour_evidence(
    kind: OperationKind, table: Table | None, sorting: Sorting | None, soft: SoftDelete | None
) -> tuple[str, ...]:
    """What the operation does beyond plain CRUD, in words for `check --explain`."""
    said = []
    if sorting is not None:
        values = ", ".join(item.text for item in sorting.items[:6])
        more = ", …" if len(sorting.items) > 6 else ""
        said.append(f"sorts by '{sorting.parameter}': {values}{more}")
    if soft is not None and table is not None:
        if kind is OperationKind.DELETE:
            said.append(
                f"soft delete: marks {table.name}.{soft.column} instead of removing the row"
            )
        else:
            said.append(f"leaves out rows of {table.name} marked deleted in {soft.column}")
    return tuple(said)


def _classify(prepared: PreparedOperation, ctx: BindContext) -> _Binding:
    overrides = ctx.fields.overrides.result
    op_id = prepared.operation_id
    forced_kind = overrides.operation_kinds.get(op_id)
    pins = _pins(op_id, ctx)
    forced_table = pins.table
    if forced_kind is OperationKind.CUSTOM:
        return _custom("the override makes it custom")
    kind = forced_kind or prepared.natural_kind
    if kind is OperationKind.CUSTOM and forced_table is None:
        return _custom(
            f"{prepared.raw.method.upper()} on a {'item' if prepared.route.is_item else 'collection'} "
            "route is not a CRUD operation"
            if prepared.route.resource
            else f"path {prepared.raw.path} does not read as a collection or item route"
        )
    rpc = rpc_reason(prepared.route) if forced_kind is None and forced_table is None else ""
    if rpc:
        return _custom(rpc)
    params = {p.name: p.shape for p in prepared.parameters if p.location is ParamLocation.PATH}
    route = resolve_route(prepared.route, ctx.fields.tables, pins, params)
    if route.table is None and route.problem.startswith("no table matches /"):
        suggestion = suggest_table(prepared, kind, ctx.fields)
        if suggestion is not None:
            route = resolve_route(prepared.route, ctx.fields.tables, pins, params, suggestion)
    if route.problem or route.table is None:
        return _custom(route.problem or "no table")
    if kind is OperationKind.CUSTOM:
        return _custom("the override names a table but no kind, and the route is not CRUD")
    if kind in _ITEM_KINDS and route.key_column is None:
        return _custom(f"{kind.value} needs a path parameter naming a key of {route.table.name}")
    request_row = None
    evidence = list(route.evidence)
    if kind in _BODY_KINDS:
        if not prepared.json_request:
            return _custom(
                "no JSON request body"
                if prepared.request is None
                else f"request body is {prepared.request.content_type}, not JSON"
            )
        request_row = single_row(
            prepared.request.shape if prepared.request else None, ctx.fields.models, route.table
        )
        problem, found = row_fit(
            request_row, route.table, ctx.fields, "request body", for_input=True
        )
        if problem and forced_kind is None:
            return _custom(problem)
        evidence += found
    body = prepared.success(kind).body
    shape = body.shape if body is not None else None
    if kind is OperationKind.LIST:
        response_row = list_rows(shape, ctx.fields.models)
        if response_row is None:
            return _custom("the response is not a list of rows")
    else:
        response_row = single_row(shape, ctx.fields.models, route.table)
    problem = _schema_conflict(response_row, route.table, ctx, forced_table is not None)
    if problem:
        return _custom(problem)
    if kind in (OperationKind.LIST, OperationKind.READ):
        problem, found = row_fit(
            response_row, route.table, ctx.fields, "response rows", for_input=False
        )
        if problem and forced_table is None:
            return _custom(problem)
        evidence += found
    return _Binding(kind, route, response_row, request_row, evidence=tuple(evidence))


def _pins(op_id: str, ctx: BindContext) -> Pins:
    """What the overrides pin for one operation: its table, key columns and parent tables."""
    overrides = ctx.fields.overrides.result
    database = ctx.fields.database
    return Pins(
        table=database.table(overrides.operation_tables.get(op_id, "") or ""),
        columns=dict(overrides.param_columns.get(op_id, {})),
        parents={
            param: table
            for param, name in overrides.param_parents.get(op_id, {}).items()
            if (table := database.table(name)) is not None
        },
    )


_FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _with_reading(request: Body | None, models: dict[str, Model]) -> Body | None:
    """The request body with how servers read it: JSON, a form with an object schema, or raw."""
    if request is None:
        return None
    media_type = request.content_type.split(";")[0].strip().lower()
    if is_json(media_type):
        return request
    is_object = (
        request.shape is not None and resolve_model(request.shape, models).kind is ShapeKind.OBJECT
    )
    form = media_type in _FORM_MEDIA_TYPES and is_object
    return replace(request, reading=BodyReading.FORM if form else BodyReading.RAW)


def _custom(problem: str) -> _Binding:
    return _Binding(OperationKind.CUSTOM, RouteTables(), problem=problem, evidence=(problem,))


def _schema_conflict(row: RowLocation | None, table: Table, ctx: BindContext, forced: bool) -> str:
    """A reason to refuse the binding: the response returns rows of another table's schema."""
    if forced or row is None or row.row.kind is not ShapeKind.REF:
        return ""
    other = ctx.fields.schema_tables.get(row.row.ref or "")
    if other is not None and other != table.name:
        return f"it returns {row.row.ref} (table {other}), not rows of {table.name}"
    return ""


def _fields(
    row: RowLocation | None, table: Table | None, ctx: BindContext, for_input: bool
) -> tuple[FieldBinding, ...]:
    if row is None or table is None:
        return ()
    fields = bind_fields(row.row, table, ctx.fields, for_input)
    if all(f.mode is FieldMode.UNBOUND for f in fields):
        return ()  # not a row of the table (e.g. `{"data": true}`)
    return fields


def _fixed_keys(
    fields: tuple[FieldBinding, ...], table: Table | None, kind: OperationKind
) -> tuple[FieldBinding, ...]:
    """An update never moves a row: the path names it, so its key columns are read-only there."""
    if table is None or kind not in (OperationKind.REPLACE, OperationKind.PATCH):
        return fields
    return tuple(
        replace(f, read_only=True)
        if f.mode is FieldMode.COLUMN and f.column in table.primary_key
        else f
        for f in fields
    )


def _on_delete(ctx: BindContext, table: Table) -> ReferentialAction | None:
    """What happens to rows that reference a deleted row: the strictest action among the foreign keys."""
    actions = {fk.on_delete for _, fk in ctx.fields.database.referencing(table.name)}
    for action in (
        ReferentialAction.RESTRICT,
        ReferentialAction.NO_ACTION,
        ReferentialAction.SET_DEFAULT,
        ReferentialAction.SET_NULL,
        ReferentialAction.CASCADE,
    ):
        if action in actions:
            return action
    return None


def _first_segment(prepared: PreparedOperation) -> str:
    literals = prepared.route.literals
    return snake_case(literals[0]) if literals and snake_case(literals[0]) else "root"
