"""OpenAPI links for stateful contract tests: create -> read/replace/patch/delete, parent create -> children."""

from __future__ import annotations

from compiler.ir.api import FieldBinding, FieldMode, Link, Operation, OperationKind, ParamRole

_FOLLOW_UPS = (OperationKind.READ, OperationKind.REPLACE, OperationKind.PATCH, OperationKind.DELETE)
_CHILD_KINDS = (OperationKind.LIST, OperationKind.CREATE)


def build_links(operations: tuple[Operation, ...]) -> tuple[Link, ...]:
    """Links from every create to the operations that can use what it returned, and from every
    delete to the read of the row it removed (so a deleted row that still answers is caught)."""
    links = [*_delete_then_read(operations)]
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


def _delete_then_read(operations: tuple[Operation, ...]) -> list[Link]:
    links = []
    for delete in operations:
        if delete.kind is not OperationKind.DELETE or delete.table is None:
            continue
        read = next(
            (o for o in operations if o.kind is OperationKind.READ and o.path == delete.path),
            None,
        )
        if read is None:
            continue
        path_params = [p.name for p in delete.parameters if p.location.value == "path"]
        links.append(
            Link(
                read.operation_id,
                delete.operation_id,
                delete.success.status,
                read.operation_id,
                tuple((name, f"$request.path.{name}") for name in path_params),
            )
        )
    return links


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
