"""Parameters: their shapes, and the role each plays once the operation is bound (key, filter, paging)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from compiler.binder.naming import snake_case
from compiler.binder.spec import parameter_schema
from compiler.binder.tables import match_column
from compiler.ir.api import Paging, PagingStyle, Parameter, ParamLocation, ParamRole
from compiler.ir.database import Table
from compiler.ir.shapes import Shape, ShapeKind
from compiler.openapi.document import Document, JsonPointer, pointer_join
from compiler.openapi.shapes import build_shape

_SIZE_NAMES = ("limit", "per_page", "page_size", "size")
_OFFSET_NAMES = ("offset",)
_PAGE_NAMES = ("page",)
_DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
DEFAULT_PAGE_SIZE = 20
DEFAULT_MAX_PAGE_SIZE = 100
_MAX_REF_HOPS = 16


def build_parameters(
    doc: Document, raw: tuple[tuple[dict[str, Any], JsonPointer], ...]
) -> tuple[Parameter, ...]:
    """IR parameters (role OTHER) in declaration order; unknown locations are skipped."""
    params = []
    for node, pointer in raw:
        location = node["in"]
        if location not in _DEFAULT_STYLE:
            continue
        schema, schema_pointer = parameter_schema(node, pointer)
        style = (
            node.get("style") if isinstance(node.get("style"), str) else _DEFAULT_STYLE[location]
        )
        explode = node.get("explode")
        params.append(
            Parameter(
                name=node["name"],
                location=ParamLocation(location),
                shape=_inline_refs(doc, build_shape(doc, schema, schema_pointer)),
                required=location == "path" or node.get("required") is True,
                style=style,
                explode=explode if isinstance(explode, bool) else style == "form",
                deprecated=node.get("deprecated") is True,
            )
        )
    return tuple(params)


def _inline_refs(doc: Document, shape: Shape) -> Shape:
    """A parameter's `$ref` to a component schema, replaced by that schema's own shape.

    Parameters are scalars or small arrays: targets convert and validate them from the type and
    enum, so they must see those directly, and the binder must see them to find filters.
    """
    for _ in range(_MAX_REF_HOPS):
        if shape.kind is not ShapeKind.REF or shape.ref is None:
            break
        pointer = pointer_join("/components/schemas", shape.ref)
        target = build_shape(doc, doc.resolve(pointer), pointer)
        shape = replace(target, nullable=True) if shape.nullable else target
    return shape


def find_paging(params: tuple[Parameter, ...]) -> Paging | None:
    """Declared paging query parameters: limit/offset, or page with a size (per_page, page_size, ...)."""
    query = {snake_case(p.name): p for p in params if p.location is ParamLocation.QUERY}
    size = next((query[n] for n in _SIZE_NAMES if n in query), None)
    if size is None:
        return None
    offset = next((query[n] for n in _OFFSET_NAMES if n in query), None)
    page = next((query[n] for n in _PAGE_NAMES if n in query), None)
    default_size, max_size = _size_bounds(size.shape)
    if page is not None and offset is None:
        return Paging(PagingStyle.PAGE_SIZE, size.name, page.name, default_size, max_size)
    return Paging(
        PagingStyle.LIMIT_OFFSET, size.name, offset.name if offset else None, default_size, max_size
    )


def _size_bounds(shape: Shape) -> tuple[int, int]:
    integer = next((v for v in (shape, *shape.variants) if v.kind is ShapeKind.INTEGER), shape)
    maximum = integer.constraints.maximum
    max_size = (
        int(maximum)
        if isinstance(maximum, (int, float)) and maximum >= 1
        else DEFAULT_MAX_PAGE_SIZE
    )
    default = (
        integer.default
        if isinstance(integer.default, int) and not isinstance(integer.default, bool)
        else None
    )
    default_size = (
        default if default is not None and default >= 1 else min(DEFAULT_PAGE_SIZE, max_size)
    )
    return default_size, max(max_size, default_size)


def assign_roles(
    params: tuple[Parameter, ...],
    keys: dict[str, tuple[ParamRole, str]],
    table: Table | None,
    paging: Paging | None,
    filters: bool,
) -> tuple[Parameter, ...]:
    """Set each parameter's role: path keys, paging, and (lists) equality filters on columns."""
    roles = []
    for param in params:
        if param.location is ParamLocation.PATH and param.name in keys:
            role, column = keys[param.name]
            roles.append(replace(param, role=role, column=column))
        elif (
            paging is not None
            and param.location is ParamLocation.QUERY
            and param.name == paging.size_param
        ):
            roles.append(replace(param, role=ParamRole.LIMIT))
        elif (
            paging is not None
            and param.location is ParamLocation.QUERY
            and param.name == paging.position_param
        ):
            page = paging.style is PagingStyle.PAGE_SIZE
            roles.append(replace(param, role=ParamRole.PAGE if page else ParamRole.OFFSET))
        elif (
            filters
            and table is not None
            and param.location is ParamLocation.QUERY
            and _scalar(param.shape)
        ):
            column = match_column(table, param.name)
            roles.append(
                replace(param, role=ParamRole.FILTER, column=column.name) if column else param
            )
        else:
            roles.append(param)
    return tuple(roles)


def _scalar(shape: Shape) -> bool:
    return shape.kind in (ShapeKind.STRING, ShapeKind.INTEGER, ShapeKind.NUMBER, ShapeKind.BOOLEAN)
