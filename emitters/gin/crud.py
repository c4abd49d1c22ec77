"""The Go code of one table-bound operation: its input type, service method body and handler body.

The binder decided everything (kind, keys, parents, filters, paging, fields); this module writes
it down as Go statements, one operation kind at a time.
"""

from __future__ import annotations

from compiler.ir import Column, FailureClass, FieldMode, OperationKind, ParamRole, Table
from emitters.gin.naming import UniqueNames, exported, go_string
from emitters.gin.plan import (
    InputField,
    OperationPlan,
    Planner,
    default_literal,
    write_type,
)
from emitters.gin.types import go_type


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
        _assignments(plan, table, names)
        if op.kind
        in (
            OperationKind.CREATE,
            OperationKind.REPLACE,
            OperationKind.PATCH,
        )
        else []
    )
    if op.kind is OperationKind.CREATE:
        for param in op.parameters:
            if param.role is ParamRole.PARENT_KEY and param.name in parents:
                scope = parents[param.name]
                assignments.insert(
                    0,
                    f"values = append(values, database.Assignment{{Column: {go_string(scope.child_column)}, "
                    f"Value: in.{exported(param.name)}}})",
                )
    checks_parents = planner_documents(op, FailureClass.NOT_FOUND) and op.kind in (
        OperationKind.LIST,
        OperationKind.CREATE,
    )
    service = _service_lines(
        plan, conditions, filters, paging, assignments, parent_checks if checks_parents else []
    )
    plan.service_lines = service
    plan.handler_lines = _handler_lines(planner, plan, table)


def planner_documents(op: object, failure: FailureClass) -> bool:
    error = op.error(failure)  # type: ignore[attr-defined]
    return error is not None and error.documented


def _assignments(plan: OperationPlan, table: Table, names: UniqueNames) -> list[str]:
    op = plan.op
    lines = []
    for binding in op.request_fields:
        if binding.mode is not FieldMode.COLUMN or binding.read_only or binding.column is None:
            continue
        column = table.column(binding.column)
        if column is None:
            continue
        gt = go_type(column.type)
        field_name = names.claim(exported(binding.property))
        plan.input_fields.append(
            InputField(
                field_name,
                f"models.Field[{write_type(gt)}]",
                f"models.Pick(object, {go_string(binding.property)}, {gt.write})",
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
    row = f"models.{table.row_type}"
    repo = "s.repo"
    cond = "[]database.Condition{" + ", ".join(conditions) + "}" if conditions else "nil"
    parent_lines = []
    for check in parent_checks:
        parent_lines += [
            f"if err := requireParent(ctx, q, s.db.Dialect, {check}); err != nil {{",
            "\treturn err",
            "}",
        ]
    event = go_string(op.operation_id)
    if op.kind is OperationKind.READ:
        plan.returns = f"({row}, error)"
        return [f"return {repo}.Get(ctx, s.db, {cond})"]
    if op.kind is OperationKind.DELETE:
        plan.returns = "error"
        return [
            "return s.db.InTx(ctx, func(q database.Querier) error {",
            f"\tconditions := {cond}",
            f"\tif err := s.hooks.BeforeWrite(ctx, q, &WriteEvent{{Operation: {event}, Table: {go_string(table.name)}, Conditions: conditions}}); err != nil {{",
            "\t\treturn err",
            "\t}",
            f"\treturn {repo}.Delete(ctx, q, conditions)",
            "})",
        ]
    if op.kind is OperationKind.LIST:
        plan.returns = f"(models.Listing[{row}], error)"
        lines = [f"conditions := {cond}" if conditions else "var conditions []database.Condition"]
        lines += [f"conditions = {f}" for f in filters]
        lines += _page_lines(plan, paging)
        lines += [f"listing := models.Listing[{row}]{{Limit: page.Limit, Offset: page.Offset}}"]
        count = op.envelope is not None and op.envelope.total_property is not None
        body = [
            *parent_lines,
            "var err error",
            f"if listing.Items, err = {repo}.List(ctx, q, conditions, page); err != nil {{",
            "\treturn err",
            "}",
        ]
        if count:
            body += [f"listing.Total, err = {repo}.Count(ctx, q, conditions)", "return err"]
        else:
            body += ["return nil"]
        lines += [
            "err := s.db.InTx(ctx, func(q database.Querier) error {",
            *("\t" + b for b in body),
            "})",
            "return listing, err",
        ]
        return lines
    plan.returns = f"({row}, error)"
    write = (
        "Insert(ctx, q, event.Values)"
        if op.kind is OperationKind.CREATE
        else "Update(ctx, q, event.Values, event.Conditions)"
    )
    body = [
        *parent_lines,
        "var values []database.Assignment",
        *assignments,
        f"event := &WriteEvent{{Operation: {event}, Table: {go_string(table.name)}, Values: values, Conditions: {cond}}}",
        "if err := s.hooks.BeforeWrite(ctx, q, event); err != nil {",
        "\treturn err",
        "}",
        "var err error",
        f"row, err = {repo}.{write}",
        "return err",
    ]
    return [
        f"var row {row}",
        "err := s.db.InTx(ctx, func(q database.Querier) error {",
        *("\t" + b for b in body),
        "})",
        "return row, err",
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
        lines.append(f"page.Offset = (max(in.{paging[ParamRole.PAGE]}.Value, 1) - 1) * page.Limit")
    return lines


def _handler_lines(planner: Planner, plan: OperationPlan, table: Table) -> list[str]:
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
    view = planner.view(op, tp)
    if op.kind is OperationKind.LIST:
        lines = [f"listing, err := {call}", *fail]
        lines += [
            f"items := make([]models.{view.name}, len(listing.Items))",
            "for i, row := range listing.Items {",
            f"\titems[i] = models.New{view.name}(row)",
            "}",
        ]
        body = "items"
        env = op.envelope
        if env is not None:
            parts = [f"{go_string(env.data_property)}: items"]
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
    lines = [f"row, err := {call}", *fail]
    if op.kind is OperationKind.CREATE and status == 201 and len(tp.key) == 1:
        key_field = next(c.field for c in tp.columns if c.name == tp.key[0])
        lines.append(f'c.Header("Location", location(c, row.{key_field}))')
    body = f"models.New{view.name}(row)" if plan.success_type else "nil"
    return [*lines, f"h.respond(c, {status}, {go_string(plan.success_type)}, {body})"]


__all__ = ["plan_crud"]
