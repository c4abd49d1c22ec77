"""The facts templates render, computed once from the IR: resources, operations, field plans."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from compiler.ir import (
    Api,
    BodyReading,
    Contract,
    Database,
    FailureClass,
    FieldBinding,
    FieldMode,
    Operation,
    OperationKind,
    Paging,
    PagingStyle,
    ParamRole,
    Shape,
    ShapeKind,
    SoftDelete,
    Sorting,
    Table,
)
from compiler.plan.routes import captures, precedence
from emitters.common.forms import form_fields
from emitters.fastapi.naming import FUNCTION_RESERVED, Scope, constant, snake, table_variables
from emitters.fastapi.params import ParamView, param_view, python_param_names, resolved_shape
from emitters.fastapi.schemas import Direction, SchemaWriter

_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_BODYLESS_STATUSES = frozenset({204, 205, 304})


@dataclass(frozen=True)
class FieldPlan:
    """Python source of one `app.repositories.loading` field plan entry."""

    source: str


@dataclass
class OperationView:
    op: Operation
    func: str
    route_path: str
    status_code: int
    response_model: str | None
    params: list[ParamView]
    body_class: str | None
    body_required: bool
    body_parser: str  # the dependency validating the body, e.g. `json_body(Pet, required=True)`
    fields_const: str | None  # the field plan constant in the repository
    bindings_const: str | None  # the body -> columns constant in the service
    links_const: str | None  # the body -> join-table links constant in the service
    key_where: list[tuple[str, str]]  # (column, python expression) identifying the row
    parent_where: list[tuple[str, str]]  # (column, python expression) on this table
    # (parent table, parent column, python expr, the parent's `DeletionMark(...)` or None)
    parent_checks: list[tuple[str, str, str, str | None]]
    filters: list[tuple[str, str]]  # (column, python name)
    limit_expr: str | None
    offset_expr: str | None
    location_expr: str | None
    envelope_items: list[tuple[str, str]]  # (property, python expression)
    returns_body: bool
    sort_const: str | None  # lists a client may sort: the accepted values -> `SortKey`s
    sort_values_expr: str | None  # the handler's expression for the values asked for
    descending_expr: str | None  # with an order parameter: the handler's expression for it
    mark_const: str | None  # a table that marks deleted rows: its `DeletionMark` constant

    @property
    def kind(self) -> str:
        return self.op.kind.value


@dataclass
class ResourceView:
    name: str
    module: str
    table: str | None
    operations: list[OperationView] = field(default_factory=list)
    field_plans: dict[str, str] = field(default_factory=dict)  # constant -> source
    body_bindings: dict[str, str] = field(default_factory=dict)  # constant -> source
    body_links: dict[str, str] = field(default_factory=dict)  # constant -> source
    sort_keys: dict[str, str] = field(default_factory=dict)  # constant -> source
    marks: dict[str, str] = field(default_factory=dict)  # constant -> source

    @property
    def custom_operations(self) -> list[OperationView]:
        return [o for o in self.operations if o.op.kind is OperationKind.CUSTOM]

    @property
    def table_operations(self) -> list[OperationView]:
        return [o for o in self.operations if o.op.kind is not OperationKind.CUSTOM]

    @property
    def routes(self) -> list[OperationView]:
        """The operations in registration order: literal path segments before templated ones."""
        return sorted(self.operations, key=lambda o: precedence(o.op.path))


@dataclass
class ProjectView:
    contract: Contract
    resources: list[ResourceView]
    writer: SchemaWriter
    converters: set[str]


def router_order(resources: list[ResourceView]) -> list[ResourceView]:
    """Resources in the order their routers are included: a router whose literal route another
    router's templated route would capture comes first; otherwise by name. Starlette tries routes
    in registration order, so this is what makes `/articles/feed` reachable."""
    paths = {r.module: {o.op.path for o in r.operations} for r in resources}
    before = {
        r.module: {
            other.module
            for other in resources
            if other is not r
            and any(
                captures(mine, theirs) for mine in paths[r.module] for theirs in paths[other.module]
            )
        }
        for r in resources
    }
    ordered: list[ResourceView] = []
    pending = sorted(resources, key=lambda r: r.module)
    while pending:
        placed = {r.module for r in ordered}
        ready = next((r for r in pending if before[r.module] <= placed), pending[0])
        ordered.append(ready)
        pending.remove(ready)
    return ordered


def build_views(contract: Contract) -> ProjectView:
    """Group operations by resource and compute everything the templates need."""
    api = contract.api
    writer = SchemaWriter({m.name: m for m in api.models})
    converters: set[str] = set()
    resources: dict[str, ResourceView] = {}
    functions = Scope(FUNCTION_RESERVED)
    for op in api.operations:
        module = snake(op.resource)
        resource = resources.setdefault(module, ResourceView(op.resource, module, op.table))
        if resource.table is None:
            resource.table = op.table
        resource.operations.append(
            _operation_view(op, api, contract.database, writer, converters, resource, functions)
        )
    for resource in resources.values():
        _share_field_plans(resource)
    return ProjectView(contract, [resources[k] for k in sorted(resources)], writer, converters)


def _share_field_plans(resource: ResourceView) -> None:
    """One constant per distinct field plan: operations that load the same fields share it.

    The plan most operations use is `<RESOURCE>_FIELDS`; another shared plan keeps the name of
    the first operation that uses it.
    """
    users: dict[str, list[OperationView]] = {}
    first_name: dict[str, str] = {}
    for o in resource.operations:
        if o.fields_const is not None:
            source = resource.field_plans[o.fields_const]
            users.setdefault(source, []).append(o)
            first_name.setdefault(source, o.fields_const)
    common = max(users, key=lambda source: len(users[source]), default=None)
    common_name = f"{resource.module.upper()}_FIELDS"
    shared = common is not None and len(users[common]) > 1
    if common is not None and shared and resource.field_plans.get(common_name, common) == common:
        first_name[common] = common_name
    resource.field_plans = {}
    for source, group in users.items():
        resource.field_plans[first_name[source]] = source
        for o in group:
            o.fields_const = first_name[source]


def _operation_view(
    op: Operation,
    api: Api,
    database: Database,
    writer: SchemaWriter,
    converters: set[str],
    resource: ResourceView,
    functions: Scope,
) -> OperationView:
    func = functions.claim(snake(op.handler or op.operation_id))  # a custom op's handler too
    tables = table_variables(tuple(t.name for t in database.tables))
    names = python_param_names(op)
    declared = [
        param_view(p, names[(p.location.value, p.name)], writer, converters) for p in op.parameters
    ]
    # Python wants parameters without a default first; otherwise the spec's order is kept.
    params = sorted(declared, key=lambda view: view.default is not None)
    by_spec = {p.name: names[(p.location.value, p.name)] for p in op.parameters}
    status = int(op.success.status) if op.success.status.isdigit() else 200
    body = op.success.body
    returns_body = status not in _BODYLESS_STATUSES and body is not None and body.shape is not None
    response_model = None
    if returns_body and body is not None and body.shape is not None:
        response_model = writer.annotation(
            body.shape, Direction.OUTPUT, f"{op.operation_id}Response"
        )
    body_class = body_parser = None
    if op.request is not None and op.request.reading is BodyReading.RAW:
        body_class = "bytes"
        body_parser = f"raw_body(required={op.request.required})"
    elif op.request is not None and op.request.shape is not None:
        body_class = writer.annotation(
            op.request.shape, Direction.INPUT, f"{op.operation_id}Request"
        )
        required = op.request.required
        if op.request.reading is BodyReading.FORM:
            models = {m.name: m for m in api.models}
            lists = sorted(f.name for f in form_fields(op.request.shape, models) if f.repeated)
            listed = ", ".join(repr(name) for name in lists)
            repeated = f", lists=frozenset({{{listed}}})" if lists else ""
            body_parser = f"form_body({body_class}, required={required}{repeated})"
        else:
            body_parser = f"json_body({body_class}, required={required})"
    fields_const = None
    if op.kind is not OperationKind.CUSTOM and op.kind is not OperationKind.DELETE and op.table:
        fields_const = f"{constant(func)}_FIELDS"
        resource.field_plans[fields_const] = _fields_source(op.response_fields, tables)
    bindings_const = links_const = None
    if op.kind in (OperationKind.CREATE, OperationKind.REPLACE, OperationKind.PATCH) and op.table:
        bindings_const = f"{constant(func)}_COLUMNS"
        resource.body_bindings[bindings_const] = _bindings_source(
            op.request_fields, database.table(op.table)
        )
        links = _links_source(op.request_fields, tables)
        if links:
            links_const = f"{constant(func)}_LINKS"
            resource.body_links[links_const] = links
    route_path = _PLACEHOLDER.sub(
        lambda m: "{" + by_spec.get(m.group(1), snake(m.group(1))) + "}", op.path
    )
    key_where = [
        (p.column or p.name, names[(p.location.value, p.name)]) for p in op.params(ParamRole.KEY)
    ]
    parent_where = []
    parent_checks = []
    table = database.table(op.table) if op.table else None
    for scope in op.parents:
        expr = by_spec.get(scope.param, snake(scope.param))
        parent_mark = deletion_mark_source(scope.soft_delete) if scope.soft_delete else None
        parent_checks.append((scope.parent_table, scope.parent_column, expr, parent_mark))
        if table is not None and table.column(scope.child_column) is not None:
            parent_where.append((scope.child_column, expr))
    filters = [
        (p.column, names[(p.location.value, p.name)])
        for p in op.params(ParamRole.FILTER)
        if p.column and p.shape.kind is not ShapeKind.ARRAY
    ]
    limit_expr, offset_expr = _paging(op.paging, op, names)
    sort_const = sort_values_expr = descending_expr = None
    if op.sorting is not None and op.kind is OperationKind.LIST:
        sort_const = f"{constant(func)}_SORT"
        resource.sort_keys[sort_const] = _sort_keys_source(op.sorting)
        sort_values_expr, descending_expr = _sorting_exprs(op.sorting, op, by_spec, writer)
    mark_const = None
    if op.soft_delete is not None and op.table and op.kind is not OperationKind.CUSTOM:
        mark_const = f"{constant(op.table)}_MARK"
        resource.marks[mark_const] = deletion_mark_source(op.soft_delete)
    return OperationView(
        op=op,
        func=func,
        route_path=route_path,
        status_code=status,
        response_model=response_model,
        params=params,
        body_class=body_class,
        body_parser=body_parser or "",
        body_required=op.request.required if op.request else False,
        fields_const=fields_const,
        bindings_const=bindings_const,
        links_const=links_const,
        key_where=key_where,
        parent_where=parent_where,
        parent_checks=parent_checks,
        filters=filters,
        limit_expr=limit_expr,
        offset_expr=offset_expr,
        location_expr=_location(op, api, by_spec) if status == 201 else None,
        envelope_items=_envelope_items(op),
        returns_body=returns_body,
        sort_const=sort_const,
        sort_values_expr=sort_values_expr,
        descending_expr=descending_expr,
        mark_const=mark_const,
    )


def deletion_mark_source(soft_delete: SoftDelete) -> str:
    """`DeletionMark(column, kind)`: how rows of a soft-deleting table are marked."""
    return f"DeletionMark({soft_delete.column!r}, {soft_delete.mark.value!r})"


def _sort_keys_source(sorting: Sorting) -> str:
    """The accepted sort values as a dict literal: text -> `SortKey(column[, descending])`."""
    entries = []
    for item in sorting.items:
        direction = "" if item.direction is None else f", descending={item.direction == 'desc'}"
        entries.append(f"{item.text!r}: SortKey({item.column!r}{direction})")
    return "{" + "".join(entry + ", " for entry in entries) + "}"


def _sorting_exprs(
    sorting: Sorting, op: Operation, by_spec: dict[str, str], writer: SchemaWriter
) -> tuple[str, str | None]:
    """The handler's expressions for the sort values asked for and, with an order parameter,
    whether it asks for descending order (`desc`/`descending`, any case)."""
    name = by_spec[sorting.parameter]
    param = next(p for p in op.parameters if p.name == sorting.parameter)
    if resolved_shape(param.shape, writer).kind is ShapeKind.ARRAY:
        values = f"list({name} or [])"
    elif sorting.many:
        values = f'{name}.split(",") if {name} is not None else []'
    else:
        values = f"[{name}] if {name} is not None else []"
    order = by_spec.get(sorting.order_parameter or "")
    if order is None:
        return values, None
    return values, f'{order} is not None and {order}.lower() in ("desc", "descending")'


def _paging(
    paging: Paging | None, op: Operation, names: dict[tuple[str, str], str]
) -> tuple[str | None, str | None]:
    if paging is None:
        return None, None
    by_spec = {p.name: names[(p.location.value, p.name)] for p in op.parameters}
    size = by_spec.get(paging.size_param)
    size_expr = (
        f"max(0, min({size} if {size} is not None else {paging.default_size}, {paging.max_size}))"
        if size
        else str(paging.default_size)
    )
    position = by_spec.get(paging.position_param or "")
    if position is None:
        return size_expr, "0"
    if paging.style is PagingStyle.PAGE_SIZE:
        return size_expr, f"max(0, (({position} or 1) - 1) * limit)"
    return size_expr, f"max(0, {position} or 0)"


def _envelope_items(op: Operation) -> list[tuple[str, str]]:
    env = op.envelope
    if env is None:
        return []
    items = [(env.data_property, "rows")]
    if env.total_property:
        items.append((env.total_property, "total"))
    if env.page_property:
        items.append((env.page_property, "offset // limit + 1 if limit else 1"))
    if env.size_property:
        items.append((env.size_property, "limit"))
    return items


def _location(op: Operation, api: Api, by_spec: dict[str, str]) -> str | None:
    """An f-string body for the Location header of a create, from the read operation's path."""
    read = next(
        (
            o
            for o in api.operations
            if o.kind is OperationKind.READ and o.table == op.table and o.path.startswith(op.path)
        ),
        None,
    )
    if read is None:
        return None
    key_props = {}
    for key in read.params(ParamRole.KEY):
        prop = next(
            (
                f.property
                for f in op.response_fields
                if f.mode is FieldMode.COLUMN and f.column == key.column
            ),
            None,
        )
        if prop is None:
            return None
        key_props[key.name] = prop
    parts = []
    for piece in re.split(r"(\{[^}]+\})", api.base_path + read.path):
        name = piece[1:-1] if piece.startswith("{") else None
        if name is None:
            parts.append(piece.replace("{", "{{").replace("}", "}}"))
        elif name in key_props:
            parts.append("{created[" + repr(key_props[name]) + "]}")
        elif name in by_spec:
            parts.append("{" + by_spec[name] + "}")
        else:
            return None
    return "".join(parts)


def _fields_source(fields: tuple[FieldBinding, ...], tables: Mapping[str, str]) -> str:
    return (
        "("
        + "".join(
            _field_source(f, tables) + ", " for f in fields if f.mode is not FieldMode.UNBOUND
        )
        + ")"
    )


def _field_source(f: FieldBinding, tables: Mapping[str, str]) -> str:
    if f.mode is FieldMode.COLUMN:
        return f"Value({f.property!r}, {f.column!r}, nullable={_nullable(f.shape)})"
    related = f.related_table or ""
    nested = _fields_source(f.fields, tables)
    if f.mode is FieldMode.EMBEDDED:
        return (
            f"Embedded({f.property!r}, {f.column!r}, tables.{tables[related]}, {f.related_key!r}, {nested}, "
            f"nullable={_nullable(f.shape)})"
        )
    mark = ""
    if f.related_soft_delete is not None:
        mark = f", mark={deletion_mark_source(f.related_soft_delete)}"
    if f.mode is FieldMode.CHILDREN:
        return (
            f"Children({f.property!r}, {f.owner_key!r}, tables.{tables[related]}, "
            f"{f.related_key!r}, {nested}{mark})"
        )
    left, right = f.join_columns or ("", "")
    return (
        f"Joined({f.property!r}, {f.owner_key!r}, tables.{tables[f.join_table or '']}, {left!r}, "
        f"{right!r}, tables.{tables[related]}, {f.related_key!r}, {nested}{mark})"
    )


def _nullable(shape: Shape) -> bool:
    return shape.nullable


def _bindings_source(fields: tuple[FieldBinding, ...], table: Table | None) -> str:
    """The body's column properties as `Binding(...)` entries; a replace clears nullable ones."""
    items = []
    for f in fields:
        if f.read_only or f.column is None or f.mode not in (FieldMode.COLUMN, FieldMode.EMBEDDED):
            continue
        column = table.column(f.column) if table is not None else None
        options = ""
        if f.mode is FieldMode.EMBEDDED:
            options += f", key={(f.key_property or f.related_key)!r}"
        if column is not None and column.nullable:
            options += ", nullable=True"
        items.append(f"Binding({f.property!r}, {f.column!r}{options})")
    return "(" + "".join(i + ", " for i in items) + ")"


def _links_source(fields: tuple[FieldBinding, ...], tables: Mapping[str, str]) -> str:
    """The body's join-table properties as `Link(...)` entries; empty when there are none."""
    items = [
        f"Link({f.property!r}, {f.key_property!r}, {f.owner_key!r}, tables.{tables[f.join_table or '']}, "
        f"{f.join_columns[0]!r}, {f.join_columns[1]!r})"
        for f in fields
        if f.mode is FieldMode.JOIN and not f.read_only and f.key_property and f.join_columns
    ]
    return "(" + "".join(i + ", " for i in items) + ")" if items else ""


def failure_statuses(op: Operation) -> dict[str, int]:
    """Failure class -> status for `op`, as the IR decided."""
    return {e.failure.value: e.status for e in op.errors}


ALL_FAILURES = tuple(f.value for f in FailureClass)
