"""Sort parameters of list operations: which values they accept, and what each orders by.

A query parameter named like a sort (`sort`, `sort_by`, `order_by`, `ordering`, `orderBy`, …)
sorts the list unless it names a column (then it is a filter). The values it accepts are its
enum when it declares one (`-created_at`, `title:desc`, `price_asc`), each of which must name a
sortable field; otherwise every response field stored in a sortable column, written `name`,
`+name`, `-name`, `name:asc` or `name:desc`, several of them comma-separated. A parameter named
like a direction (`order`, `direction`, `sort_order`, `dir`, …) whose values are ascending and
descending gives the direction of the items that carry none.
"""

from __future__ import annotations

import re

from compiler.binder.naming import snake_case
from compiler.ir.api import (
    FieldBinding,
    FieldMode,
    Parameter,
    ParamLocation,
    ParamRole,
    SortDirection,
    Sorting,
    SortItem,
)
from compiler.ir.database import ColumnKind, Table
from compiler.ir.shapes import Shape, ShapeKind

_SORT_NAMES = frozenset(
    {"sort", "sort_by", "sortby", "order_by", "orderby", "ordering", "sort_field", "order"}
)
_ORDER_NAMES = frozenset(
    {"order", "sort_order", "sort_dir", "sort_direction", "direction", "dir", "order_direction"}
)
_DIRECTIONS = {
    "asc": SortDirection.ASC,
    "ascending": SortDirection.ASC,
    "desc": SortDirection.DESC,
    "descending": SortDirection.DESC,
}
_UNSORTABLE = frozenset({ColumnKind.JSON, ColumnKind.ARRAY, ColumnKind.BYTES})
_ITEM = re.compile(
    r"(?P<sign>[+-]?)(?P<name>.+?)(?:[:. _](?P<direction>(?i:asc|desc|ascending|descending)))?"
)


def find_sorting(
    params: tuple[Parameter, ...], fields: tuple[FieldBinding, ...], table: Table
) -> Sorting | None:
    """The sorting a list operation's parameters ask for; None when it has none, or when a
    value its enum allows names no sortable field (the parameter then stays unbound)."""
    query = [p for p in params if p.location is ParamLocation.QUERY and p.role is ParamRole.OTHER]
    named = {snake_case(p.name): p for p in query}
    sort = next((p for n, p in named.items() if n in _SORT_NAMES - {"order"}), named.get("order"))
    order = next(
        (
            p
            for n, p in named.items()
            if n in _ORDER_NAMES and p is not sort and _may_be_direction(p.shape)
        ),
        None,
    )
    if sort is None or _directions_only(sort.shape):
        return None
    sortable = _sortable_columns(fields, table)
    element = sort.shape.items if sort.shape.kind is ShapeKind.ARRAY else sort.shape
    values = _string_values(element) if element is not None else None
    if values is None:
        return None
    if values:
        items = [_item(value, sortable) for value in values]
        if any(item is None for item in items):
            return None
        accepted = tuple(item for item in items if item is not None)
    else:
        accepted = tuple(item for name in sortable for item in _spellings(name, sortable[name]))
    many = sort.shape.kind is ShapeKind.ARRAY or not values
    return Sorting(sort.name, accepted, many, order.name if order is not None else None)


def _string_values(shape: Shape) -> tuple[str, ...] | None:
    """The strings a shape allows: its enum, or the enums of a oneOf/anyOf of string enums;
    () for any string; None when it is not a string."""
    if shape.kind is ShapeKind.UNION:
        parts = [_string_values(variant) for variant in shape.variants]
        if not parts or any(not part for part in parts):
            return None
        return tuple(value for part in parts if part for value in part)
    if shape.kind is not ShapeKind.STRING:
        return None
    return tuple(str(v) for v in shape.enum or () if v is not None)


def _sortable_columns(fields: tuple[FieldBinding, ...], table: Table) -> dict[str, str]:
    """Response property → column, for the properties a database can order by."""
    sortable = {}
    for field in fields:
        column = table.column(field.column) if field.column else None
        if (
            field.mode is FieldMode.COLUMN
            and column is not None
            and column.type.kind not in _UNSORTABLE
        ):
            sortable[field.property] = column.name
    return sortable


def _item(value: str, sortable: dict[str, str]) -> SortItem | None:
    """What an enum value of a sort parameter orders by: `-created_at`, `title:desc`, `price_asc`."""
    if value in sortable:
        return SortItem(value, sortable[value], None)
    match = _ITEM.fullmatch(value)
    if match is None or match["name"] not in sortable:
        return None
    written = match["direction"]
    direction = (
        _DIRECTIONS[written.lower()]
        if written
        else SortDirection.DESC
        if match["sign"] == "-"
        else SortDirection.ASC
        if match["sign"] == "+"
        else None
    )
    return SortItem(value, sortable[match["name"]], direction)


def _spellings(name: str, column: str) -> tuple[SortItem, ...]:
    asc, desc = SortDirection.ASC, SortDirection.DESC
    return (
        SortItem(name, column, None),
        SortItem(f"+{name}", column, asc),
        SortItem(f"-{name}", column, desc),
        SortItem(f"{name}:asc", column, asc),
        SortItem(f"{name}:desc", column, desc),
    )


def _directions_only(shape: Shape) -> bool:
    """Whether the shape's enum lists sort directions (asc/desc) and nothing else."""
    values = [v for v in shape.enum or () if v is not None]
    return bool(values) and all(str(v).lower() in _DIRECTIONS for v in values)


def _may_be_direction(shape: Shape) -> bool:
    """A string that lists only directions, or does not say."""
    return shape.kind is ShapeKind.STRING and (not shape.enum or _directions_only(shape))
