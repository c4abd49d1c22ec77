"""Finding the row inside a payload: a bare object or array, or one wrapped in an envelope."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.binder.naming import snake_case
from compiler.ir.api import Envelope
from compiler.ir.database import Table
from compiler.ir.shapes import Model, Property, Shape, ShapeKind
from compiler.openapi.shapes import resolve_model

_TOTAL_NAMES = frozenset(
    {"total", "count", "total_count", "total_results", "total_items", "total_size"}
)
_PAGE_NAMES = frozenset({"page", "page_number", "current_page"})
_SIZE_NAMES = frozenset({"per_page", "page_size", "size", "limit"})


@dataclass(frozen=True)
class RowLocation:
    """Where the row (or the rows of a list) sits in a payload."""

    row: Shape  # the shape of one row
    envelope: Envelope | None


def list_rows(body: Shape | None, models: dict[str, Model]) -> RowLocation | None:
    """The rows of a list payload: a top-level array, or the one array of an envelope object."""
    if body is None:
        return None
    shape = resolve_model(body, models)
    if shape.kind is ShapeKind.ARRAY and shape.items is not None:
        return RowLocation(shape.items, None)
    if shape.kind is not ShapeKind.OBJECT:
        return None
    found = _array_envelope(shape, models, ())
    if found is not None:
        return found
    objects = [
        p for p in shape.properties if resolve_model(p.shape, models).kind is ShapeKind.OBJECT
    ]
    if len(objects) == 1:
        inner = resolve_model(objects[0].shape, models)
        return _array_envelope(inner, models, (objects[0].name,))
    return None


def single_row(
    body: Shape | None, models: dict[str, Model], table: Table | None
) -> RowLocation | None:
    """The row of a one-object payload, unwrapping `{"article": {...}}` / `{"data": {...}}` wrappers
    (also beside status scalars that name no column: `{"code": 0, "catalog": {...}}`)."""
    if body is None:
        return None
    shape = resolve_model(body, models)
    if shape.kind is not ShapeKind.OBJECT:
        return None
    objects = [
        p for p in shape.properties if resolve_model(p.shape, models).kind is ShapeKind.OBJECT
    ]
    others = [p for p in shape.properties if p not in objects]
    wrapper = len(objects) == 1 and not any(_names_column(table, p.name) for p in shape.properties)
    if wrapper and all(_is_scalar(p.shape, models) for p in others):
        return RowLocation(objects[0].shape, Envelope(data_property=objects[0].name))
    return RowLocation(body, None)


def _names_column(table: Table | None, name: str) -> bool:
    return table is not None and table.column(snake_case(name)) is not None


def _is_scalar(shape: Shape, models: dict[str, Model]) -> bool:
    return resolve_model(shape, models).kind in (
        ShapeKind.STRING,
        ShapeKind.INTEGER,
        ShapeKind.NUMBER,
        ShapeKind.BOOLEAN,
    )


def _array_envelope(
    shape: Shape, models: dict[str, Model], path: tuple[str, ...]
) -> RowLocation | None:
    arrays = [p for p in shape.properties if resolve_model(p.shape, models).kind is ShapeKind.ARRAY]
    if len(arrays) != 1:
        return None
    data = arrays[0]
    items = resolve_model(data.shape, models).items
    if items is None:
        return None
    scalars = [p for p in shape.properties if p is not data]
    envelope = Envelope(
        data_property=data.name,
        total_property=_named(scalars, models, _TOTAL_NAMES, total=True),
        page_property=_named(scalars, models, _PAGE_NAMES),
        size_property=_named(scalars, models, _SIZE_NAMES),
        path=path,
    )
    return RowLocation(items, envelope)


def _named(
    props: list[Property], models: dict[str, Model], names: frozenset[str], total: bool = False
) -> str | None:
    for prop in props:
        if resolve_model(prop.shape, models).kind not in (ShapeKind.INTEGER, ShapeKind.NUMBER):
            continue  # a count typed `number` is still a count: an integer is a valid number
        snake = snake_case(prop.name)
        if snake in names or (total and (snake.endswith("_count") or snake.startswith("total"))):
            return prop.name
    return None
