"""The Go code of one table-bound operation: its input type, service method body and handler body.

The binder decided everything (kind, keys, parents, filters, paging, fields); this module writes
it down as Go statements, one operation kind at a time.
"""

from __future__ import annotations

from compiler.ir import (
    Column,
    FailureClass,
    FieldBinding,
    FieldMode,
    OperationKind,
    Parameter,
    ParamRole,
    ShapeKind,
    Table,
)
from emitters.common.shapes import resolve
from emitters.gin.naming import UniqueNames, exported, go_string, unexported
from emitters.gin.plan import (
    InputField,
    OperationPlan,
    Planner,
    default_literal,
    write_type,
)
from emitters.gin.sorting import sort_function
from emitters.gin.types import go_type
from emitters.gin.views import View

# The kinds whose queries read or change one live row, or list live rows, of a marking table.
_LIVE_KINDS = (OperationKind.READ, OperationKind.LIST, OperationKind.REPLACE, OperationKind.PATCH)
# The kinds that find their row first: a parent marked deleted makes it absent too.
_ROW_KINDS = (OperationKind.READ, OperationKind.REPLACE, OperationKind.PATCH, OperationKind.DELETE)


def plan_crud(planner: Planner, plan: OperationPlan) -> None:
    """Fill the input type, service lines and handler lines of a table-bound operation."""
    assert plan.table is not None
    table = planner.contract.database.table(plan.table.name)
    assert table is not None
    op = plan.op
    names = UniqueNames({"Page"})
    plan.input_type = plan.name + "Input"
    conditions: list[str] = []
    parent_checks: list[tuple[str, bool]] = []  # (requireParent arguments, parent marks rows)
    parent_fields: list[tuple[str, str]] = []  # (child column, input field)
    filters: list[str] = []
    paging: dict[ParamRole, str] = {}
    sorting: dict[str, tuple[str, bool]] = {}  # sort / order parameter -> (input field, array)
    parents = {p.param: p for p in op.parents}
    for param in op.parameters:
        if op.sorting and param.name in (op.sorting.parameter, op.sorting.order_parameter):
            sorting[param.name] = _sort_field(planner, plan, param, names)
        elif param.role is ParamRole.KEY and param.column and table.column(param.column):
            column = table.column(param.column)
            assert column is not None
            gt = go_type(column.type)
            field_name = names.claim(exported(param.name))
            plan.input_fields.append(
                InputField(
                    field_name,
                    write_type(gt),
                    f"{gt.write}(params[{go_string(param.name)}])",
                    "key",
                )
            )
            conditions.append(f"{{Column: {go_string(param.column)}, Value: in.{field_name}}}")
        elif param.role is ParamRole.PARENT_KEY and param.name in parents:
            scope = parents[param.name]
            child = table.column(scope.child_column)
            if child is None:
                continue
            gt = go_type(child.type)
            field_name = names.claim(exported(param.name))
            plan.input_fields.append(
                InputField(
                    field_name,
                    write_type(gt),
                    f"{gt.write}(params[{go_string(param.name)}])",
                    "parent key",
                )
            )
            conditions.append(
                f"{{Column: {go_string(scope.child_column)}, Value: in.{field_name}}}"
            )
            check = f"{go_string(scope.parent_table)}, {go_string(scope.parent_column)}, in.{field_name}"
            if scope.soft_delete is not None:
                check += f", repositories.{planner.table(scope.parent_table).mark_var}.Live()"
            parent_checks.append((check, scope.soft_delete is not None))
            parent_fields.append((scope.child_column, field_name))
        elif param.role is ParamRole.FILTER and param.column and table.column(param.column):
            column = table.column(param.column)
            assert column is not None
            gt = go_type(column.type)
            field_name = names.claim(exported(param.name))
            plan.input_fields.append(
                InputField(
                    field_name,
                    f"models.Field[{write_type(gt)}]",
                    f"models.Pick(params, {go_string(param.name)}, {gt.write})",
                    "filter",
                )
            )
            filters.append(f"filter(conditions, {go_string(param.column)}, in.{field_name})")
        elif param.role in (ParamRole.LIMIT, ParamRole.OFFSET, ParamRole.PAGE):
            field_name = names.claim(exported(param.name))
            plan.input_fields.append(
                InputField(
                    field_name,
                    "models.Field[int64]",
                    f"models.Pick(params, {go_string(param.name)}, models.Int64)",
                    "paging",
                )
            )
            paging[param.role] = field_name
    if op.soft_delete is not None and op.kind in _LIVE_KINDS:
        conditions.append(f"repositories.{plan.table.mark_var}.Live()")
    assignments = (
        _assignments(planner, plan, table, names)
        if op.kind
        in (
            OperationKind.CREATE,
            OperationKind.REPLACE,
            OperationKind.PATCH,
        )
        else []
    )
    if op.kind is OperationKind.CREATE:
        for column, field_name in parent_fields:
            assignments.insert(
                0,
                f"values = append(values, database.Assignment{{Column: {go_string(column)}, "
                f"Value: in.{field_name}}})",
            )
    if op.kind is not OperationKind.DELETE:
        plan.view = planner.view(op, plan.table)
    checks_parents = planner_documents(op, FailureClass.NOT_FOUND) and op.kind in (
        OperationKind.LIST,
        OperationKind.CREATE,
    )
    # A row found by its key under a parent that exists: only a parent marked deleted can be
    # absent while its child row is not, so only such a parent is checked.
    checked = [
        check
        for check, marked in parent_checks
        if checks_parents or (marked and op.kind in _ROW_KINDS)
    ]
    order = (
        _order_line(planner, plan, sorting) if op.sorting and op.kind is OperationKind.LIST else ""
    )
    service = _service_lines(plan, conditions, filters, paging, assignments, checked, order)
    plan.service_lines = service
    plan.handler_lines = _handler_lines(plan)


def planner_documents(op: object, failure: FailureClass) -> bool:
    error = op.error(failure)  # type: ignore[attr-defined]
    return error is not None and error.documented


def _assignments(
    planner: Planner, plan: OperationPlan, table: Table, names: UniqueNames
) -> list[str]:
    """Input fields of the body properties this write stores, and the statements storing them."""
    op = plan.op
    lines = []
    for binding in op.request_fields:
        if binding.read_only:
            continue
        if binding.mode is FieldMode.JOIN:
            join = planner.contract.database.table(binding.join_table or "")
            assert join is not None, binding
            plan.links.append(_link(plan, join, binding, names))
            continue
        if binding.mode not in (FieldMode.COLUMN, FieldMode.EMBEDDED) or binding.column is None:
            continue
        column = table.column(binding.column)
        if column is None:
            continue
        gt = go_type(column.type)
        field_name = names.claim(exported(binding.property))
        convert = gt.write
        if binding.mode is FieldMode.EMBEDDED:
            key = binding.key_property or binding.related_key or ""
            convert = f"models.KeyOf({go_string(key)}, {gt.write})"
        plan.input_fields.append(
            InputField(
                field_name,
                f"models.Field[{write_type(gt)}]",
                f"models.Pick(object, {go_string(binding.property)}, {convert})",
                f"body property {binding.property}",
            )
        )
        lines.append(
            _assign(
                op.kind,
                column,
                binding.shape.default if binding.shape.has_default else None,
                binding.shape.has_default,
                field_name,
            )
        )
    return lines


def _link(plan: OperationPlan, join: Table, binding: FieldBinding, names: UniqueNames) -> str:
    """The input field of a join-table property and the statement making the row's links its keys."""
    assert binding.join_table and binding.join_columns and plan.table, binding
    left, right = binding.join_columns
    related = join.column(right)
    assert related is not None, binding
    gt = go_type(related.type)
    field_name = names.claim(exported(binding.property))
    key = binding.key_property or binding.related_key or ""
    plan.input_fields.append(
        InputField(
            field_name,
            f"models.Field[[]{write_type(gt)}]",
            f"models.Pick(object, {go_string(binding.property)}, models.KeysOf({go_string(key)}, {gt.write}))",
            f"body property {binding.property}: the related keys",
        )
    )
    owner = plan.table.column(binding.owner_key)
    whole = "false" if plan.op.kind is OperationKind.PATCH else "true"
    link = (
        f"database.Link{{Table: {go_string(binding.join_table)}, Owner: {go_string(left)}, "
        f"Related: {go_string(right)}}}"
    )
    return f"setLinks(ctx, q, s.db.Dialect, {link}, row.{owner.field}, in.{field_name}, {whole})"


def _assign(
    kind: OperationKind, column: Column, default: object, has_default: bool, field_name: str
) -> str:
    target = go_string(column.name)
    if kind is OperationKind.PATCH:
        return f"values = assign(values, {target}, in.{field_name}, keep)"
    if has_default and default is not None:
        return f"values = assign(values, {target}, in.{field_name}, {default_literal(default, column)})"
    if kind is OperationKind.REPLACE and column.nullable:
        return f"values = assign(values, {target}, in.{field_name}, nil)"
    return f"values = assign(values, {target}, in.{field_name}, keep)"


def _service_lines(
    plan: OperationPlan,
    conditions: list[str],
    filters: list[str],
    paging: dict[ParamRole, str],
    assignments: list[str],
    parent_checks: list[str],
    order: str,
) -> list[str]:
    op = plan.op
    table = plan.table
    assert table is not None
    cond = "[]database.Condition{" + ", ".join(conditions) + "}" if conditions else "nil"
    parent_lines = _parent_lines(parent_checks, "q", "err")
    hook = (
        f"s.hooks.Before{plan.name}(ctx, q, {'in' if op.kind is OperationKind.DELETE else '&in'})"
    )
    if op.kind is OperationKind.DELETE:
        plan.returns = "error"
        remove = (
            f"MarkDeleted(ctx, q, repositories.{table.mark_var}, {cond})"
            if op.soft_delete is not None
            else f"Delete(ctx, q, {cond})"
        )
        return [
            "return s.db.InTx(ctx, func(q database.Querier) error {",
            *("\t" + line for line in parent_lines),
            f"\tif err := {hook}; err != nil {{",
            "\t\treturn err",
            "\t}",
            f"\treturn s.repo.{remove}",
            "})",
        ]
    view = plan.view
    assert view is not None
    if op.kind is OperationKind.LIST:
        return _list_lines(plan, view, cond, conditions, filters, paging, parent_lines, order)
    plan.returns = f"(models.{view.name}, error)"
    if op.kind is OperationKind.READ and not view.relations:
        return [
            *_parent_lines(parent_checks, "s.db", f"models.{view.name}{{}}, err"),
            f"row, err := s.repo.Get(ctx, s.db, {cond})",
            "if err != nil {",
            f"\treturn models.{view.name}{{}}, err",
            "}",
            f"return models.New{view.name}(row), nil",
        ]
    if op.kind is OperationKind.READ:
        body = [*parent_lines, f"row, err := s.repo.Get(ctx, q, {cond})"]
    else:
        write = (
            "Insert(ctx, q, values)"
            if op.kind is OperationKind.CREATE
            else f"Update(ctx, q, values, {cond})"
        )
        body = [
            *parent_lines,
            f"if err := {hook}; err != nil {{",
            "\treturn err",
            "}",
            "var values []database.Assignment",
            *assignments,
            f"row, err := s.repo.{write}",
        ]
    body += ["if err != nil {", "\treturn err", "}"]
    for link in plan.links:
        body += [f"if err = {link}; err != nil {{", "\treturn err", "}"]
    if view.relations:
        body += [
            f"view, err = loadOne(ctx, q, s.db.Dialect, row, repositories.{view.loader})",
            "return err",
        ]
    else:
        body += [f"view = models.New{view.name}(row)", "return nil"]
    return [
        f"var view models.{view.name}",
        "err := s.db.InTx(ctx, func(q database.Querier) error {",
        *("\t" + b for b in body),
        "})",
        "return view, err",
    ]


def _parent_lines(parent_checks: list[str], querier: str, failure: str) -> list[str]:
    """Statements returning `failure` (with `err`) unless each checked parent row exists."""
    lines = []
    for check in parent_checks:
        lines += [
            f"if err := requireParent(ctx, {querier}, s.db.Dialect, {check}); err != nil {{",
            f"\treturn {failure}",
            "}",
        ]
    return lines


def _list_lines(
    plan: OperationPlan,
    view: View,
    cond: str,
    conditions: list[str],
    filters: list[str],
    paging: dict[ParamRole, str],
    parent_lines: list[str],
    order: str,
) -> list[str]:
    op = plan.op
    plan.returns = f"(models.Listing[models.{view.name}], error)"
    lines = [f"conditions := {cond}" if conditions else "var conditions []database.Condition"]
    lines += [f"conditions = {f}" for f in filters]
    lines += _page_lines(plan, paging)
    if order:
        lines.append(order)
    lines += [
        f"listing := models.Listing[models.{view.name}]{{Limit: page.Limit, Offset: page.Offset}}"
    ]
    body = [
        *parent_lines,
        "rows, err := s.repo.List(ctx, q, conditions, page)",
        "if err != nil {",
        "\treturn err",
        "}",
    ]
    count = op.envelope is not None and op.envelope.total_property is not None
    load = f"listing.Items, err = repositories.{view.loader}(ctx, q, s.db.Dialect, rows)"
    if view.relations and count:
        body += [f"if {load}; err != nil {{", "\treturn err", "}"]
    elif view.relations:
        body += [load, "return err"]
    else:
        body += [f"listing.Items = models.Views(rows, models.New{view.name})"]
    if count:
        body += ["listing.Total, err = s.repo.Count(ctx, q, conditions)", "return err"]
    elif not view.relations:
        body += ["return nil"]
    return [
        *lines,
        "err := s.db.InTx(ctx, func(q database.Querier) error {",
        *("\t" + b for b in body),
        "})",
        "return listing, err",
    ]


def _sort_field(
    planner: Planner, plan: OperationPlan, param: Parameter, names: UniqueNames
) -> tuple[str, bool]:
    """The input field of a sort or order parameter (its text, or an array parameter's items)
    and whether it is an array."""
    field_name = names.claim(exported(param.name))
    array = resolve(param.shape, planner.models).kind is ShapeKind.ARRAY
    plan.input_fields.append(
        InputField(
            field_name,
            "models.Field[[]string]" if array else "models.Field[string]",
            f"models.Pick(params, {go_string(param.name)}, "
            f"{'models.Array(models.String)' if array else 'models.String'})",
            "sorting",
        )
    )
    return field_name, array


def _order_line(planner: Planner, plan: OperationPlan, fields: dict[str, tuple[str, bool]]) -> str:
    """The statement ordering the page as the client asked; declares the operation's whitelist."""
    sorting = plan.op.sorting
    assert sorting is not None
    if sorting.parameter not in fields:
        return ""
    accepts = planner.names.services.claim(unexported(plan.name) + "Sort")
    plan.declarations += sort_function(accepts, plan.op.operation_id, sorting)
    field_name, array = fields[sorting.parameter]
    value = f"in.{field_name}.Value"
    if array:
        requested = value
    elif sorting.many:
        requested = f'strings.Split({value}, ",")'
        plan.service_imports.add("strings")
    else:
        requested = f"[]string{{{value}}}"
    direction = '""'
    if sorting.order_parameter in fields:
        direction = f"in.{fields[sorting.order_parameter][0]}.Value"
    return f"page.Order = ordering({accepts}, {requested}, {direction})"


def _page_lines(plan: OperationPlan, paging: dict[ParamRole, str]) -> list[str]:
    spec = plan.op.paging
    if spec is None or ParamRole.LIMIT not in paging:
        return ["page := database.Page{}"]
    size = f"in.{paging[ParamRole.LIMIT]}"
    lines = [
        f"page := database.Page{{Limit: bounded({size}, {spec.default_size}, {spec.max_size})}}"
    ]
    if ParamRole.OFFSET in paging:
        lines.append(f"page.Offset = max(in.{paging[ParamRole.OFFSET]}.Value, 0)")
    elif ParamRole.PAGE in paging:
        lines.append(f"page.Offset = pageOffset(in.{paging[ParamRole.PAGE]}.Value, page.Limit)")
    return lines


def _handler_lines(plan: OperationPlan) -> list[str]:
    op = plan.op
    tp = plan.table
    assert tp is not None
    call = f"h.{tp.field}.{plan.name}(c.Request.Context(), models.New{plan.input_type}(req.Params, req.Body))"
    status = plan.success_status
    fail = ["if err != nil {", f"\th.fail(c, &{plan.var}, err)", "\treturn", "}"]
    if op.kind is OperationKind.DELETE:
        return [
            f"err := {call}",
            *fail,
            f"h.respond(c, {status}, {go_string(plan.success_type)}, nil)",
        ]
    if op.kind is OperationKind.LIST:
        lines = [f"listing, err := {call}", *fail]
        body = "listing.Items"
        env = op.envelope
        if env is not None:
            parts = [f"{go_string(env.data_property)}: listing.Items"]
            if env.total_property:
                parts.append(f"{go_string(env.total_property)}: listing.Total")
            if env.page_property:
                parts.append(f"{go_string(env.page_property)}: listing.PageNumber()")
            if env.size_property:
                parts.append(f"{go_string(env.size_property)}: listing.Limit")
            body = "map[string]any{" + ", ".join(parts) + "}"
            for key in reversed(env.path):
                body = f"map[string]any{{{go_string(key)}: {body}}}"
        return [*lines, f"h.respond(c, {status}, {go_string(plan.success_type)}, {body})"]
    assert plan.view is not None
    location = ""
    if op.kind is OperationKind.CREATE and status == 201 and len(tp.key) == 1:
        key = f"row.{tp.column(tp.key[0]).field}"
        location = next((f.name for f in plan.view.fields if f.value == key), "")
    used = bool(location or plan.success_type)
    lines = [f"{'view' if used else '_'}, err := {call}", *fail]
    if location:
        lines.append(f'c.Header("Location", location(c, view.{location}))')
    body = "view" if plan.success_type else "nil"
    return [*lines, f"h.respond(c, {status}, {go_string(plan.success_type)}, {body})"]


__all__ = ["plan_crud"]
