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
    ParamRole,
    Table,
)
from emitters.gin.naming import UniqueNames, exported, go_string
from emitters.gin.plan import (
    InputField,
    OperationPlan,
    Planner,
    default_literal,
    write_type,
)
from emitters.gin.types import go_type
from emitters.gin.views import View


def plan_crud(planner: Planner, plan: OperationPlan) -> None:
    """Fill the input type, service lines and handler lines of a table-bound operation."""
    assert plan.table is not None
    table = planner.contract.database.table(plan.table.name)
    assert table is not None
    op = plan.op
    names = UniqueNames({"Page"})
    plan.input_type = plan.name + "Input"
    conditions: list[str] = []
    parent_checks: list[str] = []
    parent_fields: list[tuple[str, str]] = []  # (child column, input field)
    filters: list[str] = []
    paging: dict[ParamRole, str] = {}
    parents = {p.param: p for p in op.parents}
    for param in op.parameters:
        if param.role is ParamRole.KEY and param.column and table.column(param.column):
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
            parent_checks.append(
                f"{go_string(scope.parent_table)}, {go_string(scope.parent_column)}, in.{field_name}"
            )
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
    service = _service_lines(
        plan, conditions, filters, paging, assignments, parent_checks if checks_parents else []
    )
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
) -> list[str]:
    op = plan.op
    table = plan.table
    assert table is not None
    cond = "[]database.Condition{" + ", ".join(conditions) + "}" if conditions else "nil"
    parent_lines = []
    for check in parent_checks:
        parent_lines += [
            f"if err := requireParent(ctx, q, s.db.Dialect, {check}); err != nil {{",
            "\treturn err",
            "}",
        ]
    hook = (
        f"s.hooks.Before{plan.name}(ctx, q, {'in' if op.kind is OperationKind.DELETE else '&in'})"
    )
    if op.kind is OperationKind.DELETE:
        plan.returns = "error"
        return [
            "return s.db.InTx(ctx, func(q database.Querier) error {",
            f"\tif err := {hook}; err != nil {{",
            "\t\treturn err",
            "\t}",
            f"\treturn s.repo.Delete(ctx, q, {cond})",
            "})",
        ]
    view = plan.view
    assert view is not None
    if op.kind is OperationKind.LIST:
        return _list_lines(plan, view, cond, conditions, filters, paging, parent_lines)
    plan.returns = f"(models.{view.name}, error)"
    if op.kind is OperationKind.READ and not view.relations:
        return [
            f"row, err := s.repo.Get(ctx, s.db, {cond})",
            "if err != nil {",
            f"\treturn models.{view.name}{{}}, err",
            "}",
            f"return models.New{view.name}(row), nil",
        ]
    if op.kind is OperationKind.READ:
        body = [f"row, err := s.repo.Get(ctx, q, {cond})"]
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


def _list_lines(
    plan: OperationPlan,
    view: View,
    cond: str,
    conditions: list[str],
    filters: list[str],
    paging: dict[ParamRole, str],
    parent_lines: list[str],
) -> list[str]:
    op = plan.op
    plan.returns = f"(models.Listing[models.{view.name}], error)"
    lines = [f"conditions := {cond}" if conditions else "var conditions []database.Condition"]
    lines += [f"conditions = {f}" for f in filters]
    lines += _page_lines(plan, paging)
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
