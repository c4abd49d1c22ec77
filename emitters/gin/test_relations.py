"""The related-rows scenario of the generated Go tests: create the rows a new row points to, create
it naming them, and check that it reads back with its embedded objects and linked arrays
(docs/relations.md). Every table, key and property comes from the operations' field bindings."""

from __future__ import annotations

import json
from dataclasses import dataclass

from compiler.ir import Contract, FieldBinding, FieldMode, Model, Operation, OperationKind
from compiler.ir.database import ForeignKey
from emitters.gin.naming import go_string
from emitters.gin.plan import success_status
from emitters.gin.samples import sample_value


@dataclass(frozen=True)
class Step:
    """One request of the scenario, as a keyed Go `step` literal."""

    name: str
    method: str
    url: str
    auth: tuple[str, ...]
    status: int
    body: str = ""
    save: str = ""  # remember the response's key under this name
    key: str = ""  # the response property holding that key
    expect: tuple[tuple[str, str], ...] = ()  # (response property path, JSON it must equal)

    @property
    def literal(self) -> str:
        schemes = "[]string{" + ", ".join(go_string(s) for s in self.auth) + "}"
        parts = [
            f"name: {go_string(self.name)}",
            f"method: {go_string(self.method)}",
            f"url: {go_string(self.url)}",
            *([f"schemes: {schemes}"] if self.auth else []),
            *([f"body: {go_string(self.body)}"] if self.body else []),
            f"status: {self.status}",
            *(
                [f"save: {go_string(self.save)}", f"key: {go_string(self.key)}"]
                if self.save
                else []
            ),
        ]
        if self.expect:
            pairs = ", ".join(f"{go_string(p)}: {go_string(v)}" for p, v in self.expect)
            parts.append(f"expect: map[string]string{{{pairs}}}")
        return "{" + ", ".join(parts) + "}"


def relation_steps(contract: Contract, ops: list[Operation]) -> list[str]:
    """The scenario of a resource whose top-level create names related rows; [] when it has none."""
    models = {m.name: m for m in contract.api.models}
    for create in ops:
        if _top_level_create(create):
            steps = _scenario(contract, create, ops, models)
            if steps:
                return [s.literal for s in steps]
    return []


def _top_level_create(op: Operation) -> bool:
    return op.kind is OperationKind.CREATE and not op.parents and success_status(op) == 201


def _scenario(
    contract: Contract, create: Operation, ops: list[Operation], models: dict[str, Model]
) -> list[Step]:
    sample = _sample(create, models)
    table = contract.database.table(create.table or "")
    if sample is None or table is None:
        return []
    embedded = {f.column: f for f in create.response_fields if f.mode is FieldMode.EMBEDDED}
    steps: list[Step] = []
    expect: list[tuple[str, str]] = []
    handled: set[str] = set()
    for binding in create.request_fields:
        if binding.read_only:
            continue
        related = _related(binding, embedded)
        if related is None:
            continue
        name = related.related_table or ""
        if name not in {s.save for s in steps}:
            prerequisite = _prerequisite(contract, name, related.related_key, models)
            if prerequisite is None:
                return []
            steps.append(prerequisite)
        placeholder = "{" + name + "}"
        key = binding.key_property or related.related_key or ""
        if binding.mode is FieldMode.JOIN:
            sample[binding.property] = [{key: placeholder}]
        elif binding.mode is FieldMode.EMBEDDED:
            sample[binding.property] = {key: placeholder}
        else:
            sample[binding.property] = placeholder
        handled |= {binding.column} if binding.column else set()
    if not steps or _writes_other_keys(table.foreign_keys, create, sample, handled):
        return []
    for field in create.response_fields:
        nested_key = _nested_key(field)
        if field.mode is FieldMode.CHILDREN:
            expect.append((field.property, "[]"))
        elif nested_key and field.related_table in {s.save for s in steps}:
            path = f"{field.property}.0" if field.mode is FieldMode.JOIN else field.property
            expect.append((f"{path}.{nested_key}", json.dumps("{" + field.related_table + "}")))
    auth = create.security[0] if create.security else ()
    url = contract.api.base_path + create.path
    body = json.dumps(sample, sort_keys=True)
    steps.append(
        Step(
            f"{create.operation_id} names related rows",
            "POST",
            url,
            auth,
            201,
            body,
            expect=tuple(expect),
        )
    )
    read = next(
        (
            op
            for op in ops
            if op.kind is OperationKind.READ
            and op.path.startswith(create.path + "/{")
            and op.path.count("/") == create.path.count("/") + 1
        ),
        None,
    )
    if read is not None:
        read_auth = read.security[0] if read.security else ()
        steps.append(
            Step(
                f"{read.operation_id} reads them back",
                "GET",
                "{location}",
                read_auth,
                success_status(read),
                expect=tuple(expect),
            )
        )
    return steps


def _related(
    binding: FieldBinding, embedded: dict[str | None, FieldBinding]
) -> FieldBinding | None:
    """The binding naming the related table a request property points into, if it does."""
    if binding.mode in (FieldMode.EMBEDDED, FieldMode.JOIN):
        return binding
    if binding.mode is FieldMode.COLUMN and binding.column in embedded:
        return embedded[binding.column]
    return None


def _nested_key(field: FieldBinding) -> str | None:
    """The property of a related object that holds its key."""
    if field.mode not in (FieldMode.EMBEDDED, FieldMode.JOIN):
        return None
    return next((f.property for f in field.fields if f.column == field.related_key), None)


def _prerequisite(
    contract: Contract, table: str, key: str | None, models: dict[str, Model]
) -> Step | None:
    """Creating a row of `table` that points nowhere itself, saving its key under the table's name."""
    related = contract.database.table(table)
    for op in contract.api.operations:
        if op.table != table or not _top_level_create(op) or related is None:
            continue
        sample = _sample(op, models)
        key_property = next(
            (
                f.property
                for f in op.response_fields
                if f.mode is FieldMode.COLUMN and f.column == key
            ),
            None,
        )
        if sample is None or key_property is None:
            continue
        if _writes_other_keys(related.foreign_keys, op, sample, set()):
            continue
        auth = op.security[0] if op.security else ()
        return Step(
            f"{op.operation_id} for the related row",
            "POST",
            contract.api.base_path + op.path,
            auth,
            201,
            json.dumps(sample, sort_keys=True),
            save=table,
            key=key_property,
        )
    return None


def _writes_other_keys(
    foreign_keys: tuple[ForeignKey, ...], op: Operation, body: dict[str, object], handled: set[str]
) -> bool:
    """Whether the body writes a foreign-key column the scenario did not fill with a saved key."""
    written = {
        b.column
        for b in op.request_fields
        if b.column and b.property in body and body[b.property] is not None
    }
    return any(fk.columns[0] in written - handled for fk in foreign_keys)


def _sample(op: Operation, models: dict[str, Model]) -> dict[str, object] | None:
    if op.request is None or op.request.shape is None or op.request_envelope is not None:
        return None
    value = sample_value(op.request.shape, models)
    return value if isinstance(value, dict) else None
