"""OpenAPI links for stateful contract tests: create -> read/replace/patch/delete, parent create -> children."""

from __future__ import annotations

from compiler.ir.api import FieldBinding, FieldMode, Link, Operation, OperationKind, ParamRole

_FOLLOW_UPS = (OperationKind.READ, OperationKind.REPLACE, OperationKind.PATCH, OperationKind.DELETE)
_CHILD_KINDS = (OperationKind.LIST, OperationKind.CREATE)


def build_links(operations: tuple[Operation, ...]) -> tuple[Link, ...]:
    """Links from every create to the operations that can use what it returned."""
    links = []
    for create in operations:
        if create.kind is not OperationKind.CREATE or create.table is None:
            continue
        for target in operations:
            if target is create:
                continue
            if target.kind in _FOLLOW_UPS and target.table == create.table:
                link = _link(create, target, ParamRole.KEY)
            elif (
                target.kind in _CHILD_KINDS
                and target.parents
                and target.parents[-1].parent_table == create.table
            ):
                link = _link(create, target, ParamRole.PARENT_KEY, innermost=True)
            else:
                continue
            if link is not None:
                links.append(link)
    return tuple(sorted(links, key=lambda link: (link.source_operation, link.name)))


def _link(
    create: Operation, target: Operation, role: ParamRole, innermost: bool = False
) -> Link | None:
    """The link, or None when some path parameter of the target cannot be filled."""
    own_path = {p.name for p in create.parameters if p.location.value == "path"}
    inner_param = target.parents[-1].param if innermost else None
    values = []
    for param in target.parameters:
        if param.location.value != "path":
            continue
        if (role is ParamRole.KEY and param.role is ParamRole.KEY) or param.name == inner_param:
            expression = _body_expression(create, param.column)
        elif param.name in own_path:
            expression = f"$request.path.{param.name}"
        else:
            expression = None
        if expression is None:
            return None
        values.append((param.name, expression))
    if not values:
        return None
    return Link(
        target.operation_id,
        create.operation_id,
        create.success.status,
        target.operation_id,
        tuple(values),
    )


def _body_expression(create: Operation, column: str | None) -> str | None:
    prop = _property_for(create.response_fields, column)
    if prop is None:
        return None
    envelope = create.envelope
    path = (*envelope.path, envelope.data_property) if envelope is not None else ()
    return "$response.body#/" + "/".join(_escape(p) for p in (*path, prop))


def _property_for(fields: tuple[FieldBinding, ...], column: str | None) -> str | None:
    for field in fields:
        if field.mode is FieldMode.COLUMN and field.column == column and column is not None:
            return field.property
    return None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
