"""The success path of each resource's generated test: create -> read -> list -> update -> delete.
A delete that only marks the row (soft delete) is also checked to leave it out of the list.

A create that needs other rows first (a required foreign key, or the parent of a nested route) gets
them: the planner creates each referenced row through its own create operation, recursively, and
fills the key it answers with into the body or the path. Every value is a Python expression, so
the template writes them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.ir import (
    Contract,
    FailureClass,
    FieldBinding,
    FieldMode,
    Model,
    Operation,
    OperationKind,
    ParamRole,
)
from emitters.common.samples import Unsatisfiable, sample
from emitters.fastapi.naming import table_variables

_MAX_DEPTH = 4  # how many rows deep a chain of references may go
Credentials = tuple[dict[str, str], dict[str, str]] | None


@dataclass(frozen=True)
class Step:
    """One request of the round trip: `var = client.request(method, url, json=body)`."""

    var: str
    method: str
    url: str  # an f-string body: may hold `{key}` and `{other['id']}`
    headers: dict[str, str]
    body: str | None  # a Python expression, or None without a body
    status: int


@dataclass(frozen=True)
class RoundTrip:
    """The rows created first, then the resource's own create, read, list, update and delete."""

    setup: tuple[Step, ...]
    create: Step
    key_property: str
    read: Step | None
    list_url: str | None
    list_headers: dict[str, str]
    list_items: str  # Python expression over `listed` giving the items
    update: Step | None
    delete: Step | None
    not_found: int
    delete_marks: bool = False  # the delete keeps the row, marked: the list must leave it out


@dataclass
class _Planner:
    contract: Contract
    base: str
    models: dict[str, Model]
    credentials: dict[str, Credentials]
    steps: list[Step] = field(default_factory=list)
    made: dict[str, tuple[str, Operation]] = field(default_factory=dict)  # table -> (var, create)

    def row(self, table: str, depth: int) -> tuple[str, Operation] | None:
        """The variable holding a created row of `table` (created first when needed)."""
        if table in self.made:
            return self.made[table]
        if depth > _MAX_DEPTH:
            return None
        create = next(
            (
                o
                for o in self.contract.api.operations
                if o.kind is OperationKind.CREATE and o.table == table
            ),
            None,
        )
        prepared = self.request(create, depth + 1) if create is not None else None
        if create is None or prepared is None:
            return None
        url, body = prepared
        tables = table_variables(tuple(t.name for t in self.contract.database.tables))
        var = f"{tables[table]}_row"
        headers = self.headers(create)
        self.steps.append(Step(var, "POST", url, headers, body, _status(create)))
        self.made[table] = (var, create)
        return var, create

    def request(self, op: Operation, depth: int) -> tuple[str, str] | None:
        """The URL and body expressions of a create, with the rows it references created first."""
        body = self.body(op, depth)
        path_values = {}
        for scope in op.parents:
            key = self.key_of(scope.parent_table, scope.parent_column, depth)
            if key is None:
                return None
            path_values[scope.param] = "{" + key + "}"
        url = _fill(self.base + op.path, path_values)
        return (url, body) if url is not None and body is not None else None

    def body(self, op: Operation, depth: int) -> str | None:
        """A valid body for `op` as a Python expression; referenced rows are created first."""
        creds = self.credentials.get(op.operation_id)
        if creds is None or creds[1] or op.request is None or op.request.shape is None:
            return None
        try:
            body = sample(op.request.shape, self.models)
        except Unsatisfiable:
            return None
        if not isinstance(body, dict):
            return None
        values = {name: repr(value) for name, value in body.items()}
        for binding in op.request_fields:
            if binding.required and binding.property in values:
                reference = self.reference(op, binding, depth)
                if reference is False:
                    return None
                if isinstance(reference, str):
                    values[binding.property] = reference
        return "{" + ", ".join(f"{name!r}: {value}" for name, value in values.items()) + "}"

    def reference(self, op: Operation, binding: FieldBinding, depth: int) -> str | None | bool:
        """The expression naming a referenced row's key; None for a plain value, False if impossible."""
        target = _referenced(self.contract, op.table, binding)
        if target is None:
            return None
        key = self.key_of(target[0], target[1], depth)
        if key is None:
            return False
        if binding.mode is FieldMode.EMBEDDED:
            return "{" + f"{binding.key_property or target[1]!r}: {key}" + "}"
        return key

    def key_of(self, table: str, column: str, depth: int) -> str | None:
        """`var['prop']`: the created row's property that holds `column`."""
        made = self.row(table, depth)
        if made is None:
            return None
        var, create = made
        prop = next(
            (
                f.property
                for f in create.response_fields
                if f.mode is FieldMode.COLUMN and f.column == column
            ),
            None,
        )
        return f"{var}[{prop!r}]" if prop is not None else None

    def headers(self, op: Operation | None) -> dict[str, str]:
        found = self.credentials.get(op.operation_id) if op is not None else None
        return dict(found[0]) if found else {}


def plan_round_trip(
    resource: str,
    contract: Contract,
    base: str,
    models: dict[str, Model],
    credentials: dict[str, Credentials],
) -> RoundTrip | None:
    """The round trip of `resource`, or None when its create cannot be driven from samples."""
    ops = [o for o in contract.api.operations if o.resource == resource]
    create = next((o for o in ops if o.kind is OperationKind.CREATE), None)
    if create is None or create.table is None:
        return None
    planner = _Planner(contract, base, models, credentials)
    prepared = planner.request(create, 0)
    read = next((o for o in ops if o.kind is OperationKind.READ and o.table == create.table), None)
    keys = read.params(ParamRole.KEY) if read is not None else ()
    key_column = keys[0].column if len(keys) == 1 else None
    key_property = next(
        (
            f.property
            for f in create.response_fields
            if f.mode is FieldMode.COLUMN and f.column == key_column
        ),
        None,
    )
    if prepared is None or read is None or key_property is None:
        return None
    parents = {
        scope.param: "{" + (planner.key_of(scope.parent_table, scope.parent_column, 0) or "") + "}"
        for scope in create.parents
    }
    key_values = {**parents, keys[0].name: "{key}"}

    def item(op: Operation | None, method: str, var: str) -> Step | None:
        if op is None or op.path != read.path:
            return None
        url = _fill(base + op.path, key_values)
        body = planner.body(op, 0) if op.request is not None else None
        if url is None or (op.request is not None and body is None):
            return None
        return Step(var, method, url, planner.headers(op), body, _status(op))

    listing = next(
        (
            o
            for o in ops
            if o.kind is OperationKind.LIST
            and o.table == create.table
            and not any(p.required for p in o.parameters if p.location.value == "query")
        ),
        None,
    )
    update_op = next(
        (o for o in ops if o.kind in (OperationKind.PATCH, OperationKind.REPLACE) and o.request),
        None,
    )
    delete_op = next((o for o in ops if o.kind is OperationKind.DELETE), None)
    update = item(update_op, update_op.method.upper(), "updated") if update_op else None
    url, body = prepared
    created = Step("created", "POST", url, planner.headers(create), body, _status(create))
    list_url = _fill(base + listing.path, parents) if listing is not None else None
    items = "listed"
    if listing is not None and listing.envelope is not None:
        items = f"listed[{listing.envelope.data_property!r}]"
    not_found = read.error(FailureClass.NOT_FOUND)
    return RoundTrip(
        setup=tuple(planner.steps),
        create=created,
        key_property=key_property,
        read=item(read, "GET", "read"),
        list_url=list_url,
        list_headers=planner.headers(listing),
        list_items=items,
        update=update,
        delete=item(delete_op, "DELETE", "deleted"),
        not_found=not_found.status if not_found else 404,
        delete_marks=delete_op is not None and delete_op.soft_delete is not None,
    )


def _referenced(
    contract: Contract, table_name: str | None, binding: FieldBinding
) -> tuple[str, str] | None:
    """(table, column) a required body property must name an existing row of, if any."""
    if binding.mode is FieldMode.EMBEDDED and binding.related_table and binding.related_key:
        return binding.related_table, binding.related_key
    table = contract.database.table(table_name or "")
    if binding.mode is not FieldMode.COLUMN or table is None or binding.column is None:
        return None
    fk = table.foreign_key_for(binding.column)
    return (fk.ref_table, fk.ref_columns[0]) if fk is not None and fk.ref_columns else None


def _fill(path: str, values: dict[str, str]) -> str | None:
    """`path` with each `{placeholder}` replaced from `values`; None when one is missing."""
    out = []
    rest = path
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        if name not in values:
            return None
        out.append(before + values[name])
    out.append(rest)
    return "".join(out)


def url_source(url: str) -> str:
    """A URL as Python source: an f-string when it holds `{expressions}`."""
    return ("f" if "{" in url else "") + repr(url)


def _status(op: Operation) -> int:
    return int(op.success.status) if op.success.status.isdigit() else 200
