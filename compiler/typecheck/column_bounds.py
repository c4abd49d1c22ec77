"""Request strings bounded by their column: a value longer than `VARCHAR(n)` is invalid input.

Most real specs leave strings unbounded (CC114) or allow more than the column holds (CC104,
when a policy downgrades it). The database would then decide: PostgreSQL fails the statement,
SQLite stores the longer value. Instead, every string a request writes into a `VARCHAR(n)` or
`CHAR(n)` column is validated with `maxLength` n (or the spec's own bound, when tighter), so all
targets answer the operation's invalid-input status, from the shapes they already validate with.

The bound goes where the property is declared: the request body's inline object, or the named
model it refers to (then every use of the model carries it; a stored value is never longer).
Bodies wrapped in a request envelope are left as declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from compiler.ir.api import Api, Body, FieldBinding, FieldMode, Operation
from compiler.ir.database import ColumnKind, Database
from compiler.ir.shapes import Model, Shape, ShapeKind
from compiler.typecheck.string_bounds import max_string_length

Limits = Mapping[str, int]  # property name → the longest value its column holds


def bound_by_columns(api: Api, database: Database) -> Api:
    """`api` with every request string stored in a length-limited column bounded by it."""
    model_limits: dict[str, dict[str, int]] = {}
    operations = []
    for op in api.operations:
        limits = _limits(op, database)
        if not limits or op.request is None or op.request.shape is None or op.request_envelope:
            operations.append(op)
            continue
        shape = _tighten(op.request.shape, limits, model_limits)
        request: Body = replace(op.request, shape=shape)
        fields = tuple(_bounded_field(f, limits) for f in op.request_fields)
        operations.append(replace(op, request=request, request_fields=fields))
    models = _tighten_models(api.models, model_limits)
    return replace(api, operations=tuple(operations), models=models)


def _limits(op: Operation, database: Database) -> dict[str, int]:
    """Property → column length, for the request's string properties the column bounds tighter
    than the spec does."""
    table = database.table(op.table) if op.table else None
    if table is None:
        return {}
    limits = {}
    for field in op.request_fields:
        column = table.column(field.column) if field.column else None
        if (
            field.mode is not FieldMode.COLUMN
            or column is None
            or column.type.kind is not ColumnKind.VARCHAR
            or column.type.length is None
            or field.shape.kind is not ShapeKind.STRING
        ):
            continue
        declared = max_string_length(field.shape)
        if declared is None or declared > column.type.length:
            limits[field.property] = column.type.length
    return limits


def _bounded(shape: Shape, length: int) -> Shape:
    if shape.kind is not ShapeKind.STRING:
        return shape
    current = shape.constraints.max_length
    if current is not None and current <= length:
        return shape
    return replace(shape, constraints=replace(shape.constraints, max_length=length))


def _bounded_field(field: FieldBinding, limits: Limits) -> FieldBinding:
    length = limits.get(field.property)
    return field if length is None else replace(field, shape=_bounded(field.shape, length))


def _tighten(shape: Shape, limits: Limits, model_limits: dict[str, dict[str, int]]) -> Shape:
    """`shape` with the limited properties bounded; a named model's share is recorded in
    `model_limits` (the smallest length wins)."""
    if shape.kind is ShapeKind.REF and shape.ref is not None:
        recorded = model_limits.setdefault(shape.ref, {})
        for name, length in limits.items():
            recorded[name] = min(length, recorded.get(name, length))
        return shape
    if shape.kind is ShapeKind.UNION:
        variants = tuple(_tighten(v, limits, model_limits) for v in shape.variants)
        return replace(shape, variants=variants)
    if shape.kind is ShapeKind.OBJECT:
        properties = tuple(
            replace(p, shape=_bounded(p.shape, limits[p.name])) if p.name in limits else p
            for p in shape.properties
        )
        return replace(shape, properties=properties)
    return shape


def _tighten_models(
    models: tuple[Model, ...], model_limits: dict[str, dict[str, int]]
) -> tuple[Model, ...]:
    """The models with their recorded limits applied; a model that refers to another (an
    unmerged `allOf` part, a union) passes its limits on, until nothing new is recorded."""
    by_name = {m.name: m for m in models}
    pending = list(model_limits)
    tightened: dict[str, Shape] = {}
    while pending:
        name = pending.pop()
        model = by_name.get(name)
        if model is None:
            continue
        before = {k: dict(v) for k, v in model_limits.items()}
        tightened[name] = _tighten(model.shape, model_limits[name], model_limits)
        pending.extend(k for k, v in model_limits.items() if before.get(k) != v and k != name)
    return tuple(replace(m, shape=tightened[m.name]) if m.name in tightened else m for m in models)
