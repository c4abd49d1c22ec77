"""What the generated project's own tests do per resource, from the IR: a round trip through the
resource's operations and the failures each operation declares.

Rows a create needs first (the parents of a nested route, the targets of required foreign keys)
become setup steps; their keys reach later requests through `{row.property}` placeholders in paths
and through `refs` (body property <- `row.property`). The TypeScript side (`src/test/support.ts`)
runs these plans; statuses come from the operation specs at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compiler.ir import (
    Contract,
    FailureClass,
    FieldBinding,
    FieldMode,
    Model,
    Operation,
    OperationKind,
    ParamLocation,
    ParamRole,
    Shape,
    ShapeKind,
    Table,
)
from emitters.common.samples import Unsatisfiable, sample, string_fits
from emitters.common.shapes import resolve

_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_MISSING_UUID = "00000000-0000-4000-8000-000000000000"
_MISSING_INTEGER = 999_999_999
_MISSING_STRINGS = ("missing", "zzz", "zz-99", "Zz", "z", "9")
# values that do not read back as sent, character for character
_UNCOMPARED_FORMATS = frozenset({"date-time", "time", "byte", "binary", "password"})
_METHODS = ("PATCH", "PUT", "DELETE", "POST", "GET")


class _Skip(Exception):
    """The IR leaves no way to build this part of a plan (an unsatisfiable sample, a cycle)."""


@dataclass
class _Rows:
    """The setup steps of one test, each table's row written once, by table name."""

    steps: list[dict[str, object]] = field(default_factory=list)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> column -> property
    pending: set[str] = field(default_factory=set)


class _Planner:
    def __init__(self, contract: Contract) -> None:
        self.api = contract.api
        self.database = contract.database
        self.models: dict[str, Model] = {m.name: m for m in contract.api.models}
        self.base = contract.api.base_path.rstrip("/")

    def table(self, name: str | None) -> Table:
        found = self.database.table(name or "")
        if found is None:
            raise _Skip(f"no table {name}")
        return found

    def creator(self, table: str) -> Operation:
        for op in self.api.operations:
            if op.kind is OperationKind.CREATE and op.table == table and op.request is not None:
                return op
        raise _Skip(f"nothing creates {table}")

    def body(self, op: Operation) -> dict[str, object]:
        if op.request is None or op.request.shape is None:
            raise _Skip("no request schema")
        try:
            value = sample(op.request.shape, self.models)
        except Unsatisfiable as error:
            raise _Skip(str(error)) from error
        if not isinstance(value, dict):
            raise _Skip("the body is not an object")
        return value

    def path(self, op: Operation, values: dict[str, str]) -> str:
        def fill(match: re.Match[str]) -> str:
            if match.group(1) not in values:
                raise _Skip(f"no value for {{{match.group(1)}}}")
            return values[match.group(1)]

        return _PLACEHOLDER.sub(fill, self.base + op.path)

    def key_property(self, op: Operation, column: str) -> str:
        for binding in op.response_fields:
            if binding.mode is FieldMode.COLUMN and binding.column == column:
                return binding.property
        raise _Skip(f"{op.operation_id} does not answer {column}")

    def row(self, table: str, rows: _Rows) -> dict[str, str]:
        """Writes (once) a row of `table` and the rows it needs; its key properties by column."""
        if table in rows.keys:
            return rows.keys[table]
        if table in rows.pending:
            raise _Skip(f"{table} needs itself")
        rows.pending.add(table)
        op = self.creator(table)
        step = self.step(op, table, rows)
        rows.steps.append(step)
        rows.keys[table] = {
            binding.column: f"{table}.{binding.property}"
            for binding in op.response_fields
            if binding.mode is FieldMode.COLUMN and binding.column
        }
        return rows.keys[table]

    def step(
        self, op: Operation, name: str, rows: _Rows, item: dict[str, str] | None = None
    ) -> dict[str, object]:
        """The request that writes a row with `op` (at `item`'s path values), after the rows it
        depends on."""
        values = dict(item or {})
        for scope in op.parents:
            keys = self.row(scope.parent_table, rows)
            if scope.parent_column not in keys:
                raise _Skip(f"{scope.parent_table}.{scope.parent_column} is not answered")
            values[scope.param] = "{" + keys[scope.parent_column] + "}"
        body = self.body(op)
        return {
            "name": name,
            "operationId": op.operation_id,
            "path": self.path(op, values),
            "body": body,
            "refs": self.refs(op, body, rows),
            "compare": self.compared(op, body),
        }

    def refs(self, op: Operation, body: dict[str, object], rows: _Rows) -> dict[str, str]:
        """Body properties that must name rows written before: FK columns and embedded objects."""
        table = self.table(op.table)
        out: dict[str, str] = {}
        for binding in op.request_fields:
            if binding.property not in body or binding.column is None:
                continue
            fk = table.foreign_key_for(binding.column)
            if fk is None or body[binding.property] is None:
                continue
            keys = self.row(fk.ref_table, rows)
            source = keys.get(fk.ref_columns[0])
            if source is None:
                raise _Skip(f"{fk.ref_table}.{fk.ref_columns[0]} is not answered")
            if binding.mode is FieldMode.EMBEDDED and binding.key_property:
                out[f"{binding.property}.{binding.key_property}"] = source
            elif binding.mode is FieldMode.COLUMN:
                out[binding.property] = source
        return out

    def compared(self, op: Operation, body: dict[str, object]) -> list[str]:
        """The body's properties the answer must repeat exactly."""
        answered = {
            b.property
            for b in op.response_fields
            if b.mode is FieldMode.COLUMN and not b.write_only
        }
        out = []
        for binding in op.request_fields:
            shape = resolve(binding.shape, self.models)
            if (
                binding.mode is FieldMode.COLUMN
                and binding.property in body
                and binding.property in answered
                and shape.format not in _UNCOMPARED_FORMATS
                and shape.kind is not ShapeKind.NUMBER
            ):
                out.append(binding.property)
        return out


def resource_plans(contract: Contract) -> dict[str, dict[str, object]]:
    """Per resource: `roundTrip` (or None) and `failures`."""
    planner = _Planner(contract)
    plans = {}
    for resource in sorted({op.resource for op in contract.api.operations}):
        ops = [op for op in contract.api.operations if op.resource == resource]
        plans[resource] = {
            "roundTrip": _round_trip(planner, ops),
            "failures": _failures(planner, ops),
        }
    return plans


def _item_operation(
    ops: list[Operation], create: Operation, kinds: tuple[OperationKind, ...]
) -> Operation | None:
    for op in ops:
        if (
            op.kind in kinds
            and op.table == create.table
            and op.path.startswith(create.path + "/{")
            and op.path.count("/") == create.path.count("/") + 1
        ):
            return op
    return None


def _item_values(op: Operation, rows: _Rows, row_keys: dict[str, str]) -> dict[str, str]:
    """Path values naming the round trip's row: its key, and its parents' keys."""
    values = {}
    for param in op.parameters:
        if param.role is ParamRole.KEY and param.column in row_keys:
            values[param.name] = "{" + row_keys[param.column] + "}"
    for scope in op.parents:
        source = rows.keys.get(scope.parent_table, {}).get(scope.parent_column)
        if source is None:
            raise _Skip(f"{scope.parent_table}.{scope.parent_column} is not answered")
        values[scope.param] = "{" + source + "}"
    return values


def _round_trip(planner: _Planner, ops: list[Operation]) -> dict[str, object] | None:
    create = next((op for op in ops if op.kind is OperationKind.CREATE), None)
    if create is None or create.table is None or any(map(_needs_more_than_a_path, ops)):
        return None
    try:
        rows = _Rows()
        row_keys = planner.row(create.table, rows)
        created = rows.steps.pop()
        table = planner.table(create.table)
        if len(table.primary_key) != 1:
            return None
        key = planner.key_property(create, table.primary_key[0])
        read = _item_operation(ops, create, (OperationKind.READ,))
        update = _item_operation(ops, create, (OperationKind.REPLACE, OperationKind.PATCH))
        remove = _item_operation(ops, create, (OperationKind.DELETE,))
        listing = next(
            (
                op
                for op in ops
                if op.kind is OperationKind.LIST
                and op.path == create.path
                and not any(
                    p.required and p.role is not ParamRole.PARENT_KEY for p in op.parameters
                )
            ),
            None,
        )

        def request(op: Operation | None) -> dict[str, object] | None:
            if op is None:
                return None
            path = planner.path(op, _item_values(op, rows, row_keys))
            return {"operationId": op.operation_id, "path": path}

        updated = None
        if update is not None and update.request is not None:
            item = _item_values(update, rows, row_keys)
            updated = planner.step(update, create.table, rows, item)
        listed = request(listing)
        if listed is not None and listing is not None:
            envelope = listing.envelope
            listed["items"] = [*envelope.path, envelope.data_property] if envelope else []
    except _Skip:
        return None
    return {
        "setup": rows.steps,
        "create": created,
        "key": key,
        "read": request(read),
        "list": listed,
        "update": updated,
        "remove": request(remove),
    }


def _missing_key(shape: Shape, models: dict[str, Model]) -> object:
    shape = resolve(shape, models)
    if shape.format == "uuid":
        return _MISSING_UUID
    if shape.kind is ShapeKind.INTEGER:
        maximum = shape.constraints.maximum
        return (
            int(maximum) if maximum is not None and maximum < _MISSING_INTEGER else _MISSING_INTEGER
        )
    if shape.kind is ShapeKind.STRING and not shape.enum and shape.format is None:
        # unlike every sample, so no row written first has it
        for candidate in _MISSING_STRINGS:
            if string_fits(shape, candidate):
                return candidate
        raise _Skip("no string names a missing row")
    return sample(shape, models)


def _failure(
    name: str, op: Operation, path: str, expect: str, **extra: object
) -> dict[str, object]:
    return {"name": name, "operationId": op.operation_id, "path": path, "expect": expect, **extra}


def _failures(planner: _Planner, ops: list[Operation]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted({op.path for op in ops}):
        first = next(op for op in ops if op.path == path)
        allowed = planner.api.allowed_methods(path)
        method = next((m for m in _METHODS if m not in allowed), None)
        try:
            url = planner.path(first, _missing_values(first, planner.models))
        except (_Skip, Unsatisfiable):
            continue
        if method is not None:
            out.append(
                _failure(
                    f"{method} {path} answers 405 with the allowed methods",
                    first,
                    url,
                    "method_not_allowed",
                    method=method.lower(),
                    allow=", ".join(allowed),
                )
            )
    for op in ops:
        try:
            out.extend(_operation_failures(planner, op))
        except (_Skip, Unsatisfiable):
            continue
    return out


def _missing_values(op: Operation, models: dict[str, Model]) -> dict[str, str]:
    return {
        p.name: str(_missing_key(p.shape, models))
        for p in op.parameters
        if p.location is ParamLocation.PATH
    }


def _needs_more_than_a_path(op: Operation) -> bool:
    """Whether a request needs a query, header or cookie parameter the plans do not fill."""
    return any(p.location is not ParamLocation.PATH and p.required for p in op.parameters)


def _operation_failures(planner: _Planner, op: Operation) -> list[dict[str, object]]:
    if _needs_more_than_a_path(op):
        return []
    missing = planner.path(op, _missing_values(op, planner.models))
    out = []
    name = op.operation_id
    if op.security and all(op.security) and op.error(FailureClass.UNAUTHENTICATED):
        out.append(
            _failure(
                f"{name} refuses a request without credentials",
                op,
                missing,
                "unauthenticated",
                anonymous=True,
            )
        )
    body = planner.body(op) if op.request is not None and op.request.shape is not None else None
    if op.error(FailureClass.NOT_FOUND) and (
        op.kind in (OperationKind.READ, OperationKind.DELETE, OperationKind.LIST)
        and "{" in op.path
        or op.kind in (OperationKind.REPLACE, OperationKind.PATCH, OperationKind.CREATE)
        and body is not None
        and "{" in op.path
    ):
        extra = {} if body is None else {"body": body}
        out.append(
            _failure(
                f"{name} answers not found for an unknown key", op, missing, "not_found", **extra
            )
        )
    if (
        op.request is not None
        and op.error(FailureClass.INVALID)
        and _is_object(op.request.shape, planner.models)
    ):
        out.append(
            _failure(
                f"{name} refuses a body that is not an object", op, missing, "invalid", body=[]
            )
        )
        wrong = _wrong_type(op, body, planner.models)
        if wrong is not None:
            out.append(
                _failure(
                    f"{name} refuses a string where a number belongs",
                    op,
                    missing,
                    "invalid",
                    body=wrong,
                )
            )
    if op.kind is OperationKind.CREATE and op.error(FailureClass.CONFLICT) and op.table:
        out.extend(_conflicts(planner, op))
    return out


def _is_object(shape: Shape | None, models: dict[str, Model]) -> bool:
    return shape is not None and resolve(shape, models).kind is ShapeKind.OBJECT


def _wrong_type(
    op: Operation, body: dict[str, object] | None, models: dict[str, Model]
) -> dict[str, object] | None:
    if body is None:
        return None
    for binding in op.request_fields:
        shape = resolve(binding.shape, models)
        if (
            not binding.read_only
            and shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER)
            and not shape.enum
        ):
            return {**body, binding.property: "5"}
    return None


def _conflicts(planner: _Planner, op: Operation) -> list[dict[str, object]]:
    """A duplicate unique value, and a foreign key or link naming no row, answer conflict."""
    rows = _Rows()
    planner.row(op.table or "", rows)
    first = rows.steps.pop()
    out = []
    table = planner.table(op.table)
    body = first["body"]
    assert isinstance(body, dict)
    refs = first["refs"]
    assert isinstance(refs, dict)
    written = {
        b.column: b.property
        for b in op.request_fields
        if b.column and b.mode is FieldMode.COLUMN and body.get(b.property) is not None
    }
    for unique in (table.primary_key, *(u.columns for u in table.uniques)):
        if unique and all(column in written for column in unique):
            out.append(
                _failure(
                    f"{op.operation_id} answers conflict for a duplicate {', '.join(written[c] for c in unique)}",
                    op,
                    first["path"],
                    "conflict",
                    setup=[*rows.steps, first],
                    body=body,
                    refs=refs,
                )
            )
            break
    for binding in op.request_fields:
        target = next(
            (t for t in refs if t == binding.property or t.startswith(binding.property + ".")), None
        )
        if target is not None:
            missing = dict(body)
            if binding.mode is FieldMode.EMBEDDED and binding.key_property:
                missing[binding.property] = {
                    binding.key_property: _missing_key_of(planner, binding)
                }
            else:
                missing[binding.property] = _missing_key(binding.shape, planner.models)
            out.append(
                _failure(
                    f"{op.operation_id} answers conflict when {binding.property} names no row",
                    op,
                    first["path"],
                    "conflict",
                    setup=rows.steps,
                    body=missing,
                    refs={k: v for k, v in refs.items() if k != target},
                )
            )
        elif binding.mode is FieldMode.JOIN and binding.key_property and not binding.read_only:
            item = _missing_key_of(planner, binding)
            out.append(
                _failure(
                    f"{op.operation_id} answers conflict when {binding.property} links no row",
                    op,
                    first["path"],
                    "conflict",
                    setup=rows.steps,
                    body={**body, binding.property: [{binding.key_property: item}]},
                    refs=refs,
                )
            )
    return out


def _missing_key_of(planner: _Planner, binding: FieldBinding) -> object:
    """A key of the related table that no row has: the key property's shape, out of range."""
    shape = resolve(binding.shape, planner.models)
    if shape.kind is ShapeKind.ARRAY and shape.items is not None:
        shape = resolve(shape.items, planner.models)
    for prop in shape.properties:
        if prop.name == binding.key_property:
            return _missing_key(prop.shape, planner.models)
    return _MISSING_INTEGER
