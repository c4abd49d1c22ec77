"""What the generated JUnit 5 + MockMvc tests check per resource: success and failure paths."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from compiler.ir import Api, Contract, FailureClass, Operation, OperationKind, ParamLocation
from emitters.spring.catalog import DEFAULT_STATUS, challenge
from emitters.spring.samples import Unsatisfiable, sample
from emitters.spring.views import ProjectViews, ResourceView

TEST_TOKEN = "contractc-unit-test-token"
_PROBE_METHODS = ("PATCH", "PUT", "DELETE", "POST", "GET")


@dataclass(frozen=True)
class Case:
    """One request and the status (and header) it must answer with."""

    name: str
    method: str
    url: str
    status: int
    body: str | None = None
    authenticated: bool = True
    header: tuple[str, str] | None = None  # (name, exact value) or (name, "") = present


@dataclass(frozen=True)
class Lifecycle:
    """create -> read (Location) -> delete -> read again (404)."""

    body: str
    create_url: str
    create_status: int
    read_status: int | None
    delete_status: int | None
    missing_status: int


@dataclass
class ResourceTest:
    resource: ResourceView
    cases: list[Case] = field(default_factory=list)
    lifecycle: Lifecycle | None = None


def build_test_views(contract: Contract, views: ProjectViews, package: str) -> list[ResourceTest]:
    """A test per resource bound to a table (resources with nothing testable are skipped)."""
    api = contract.api
    models = {m.name: m for m in api.models}
    tests = []
    for resource in views.resources:
        if resource.table is None or resource.row is None:
            continue
        test = ResourceTest(resource)
        ops = {o.op.kind: o.op for o in resource.table_operations if not o.op.parents}
        _list_cases(api, ops.get(OperationKind.LIST), test)
        _create_cases(api, models, ops, test, contract)
        _read_missing(api, models, ops.get(OperationKind.READ), test)
        if test.cases or test.lifecycle:
            tests.append(test)
    return tests


def _status(op: Operation, failure: FailureClass) -> int:
    declared = op.error(failure)
    return declared.status if declared else DEFAULT_STATUS[failure]


def _list_cases(api: Api, op: Operation | None, test: ResourceTest) -> None:
    if op is None:
        return
    url = api.base_path + op.path
    test.cases.append(
        Case(f"{_name(op)}Answers{op.success.status}", "GET", url, int(op.success.status))
    )
    if op.security:
        schemes = {s.name: s for s in api.security_schemes}
        challenges = ", ".join(
            dict.fromkeys(challenge(schemes[n]) for alt in op.security for n in alt if n in schemes)
        )
        status = _status(op, FailureClass.UNAUTHENTICATED)
        test.cases.append(
            Case(
                f"{_name(op)}WithoutCredentialsAnswers{status}",
                "GET",
                url,
                status,
                authenticated=False,
                header=("WWW-Authenticate", challenges),
            )
        )
    allowed = api.allowed_methods(op.path)
    probe = next((m for m in _PROBE_METHODS if m not in allowed), None)
    if probe is not None:
        test.cases.append(
            Case(
                f"undocumented{probe.capitalize()}Answers405",
                probe,
                url,
                405,
                header=("Allow", ", ".join(allowed)),
            )
        )


def _create_cases(
    api: Api,
    models: dict,
    ops: dict[OperationKind, Operation],
    test: ResourceTest,
    contract: Contract,
) -> None:
    op = ops.get(OperationKind.CREATE)
    if op is None or op.request is None or op.request.shape is None:
        return
    url = api.base_path + op.path
    invalid = _status(op, FailureClass.INVALID)
    test.cases.append(
        Case(f"{_name(op)}RejectsANonObjectBodyWith{invalid}", "POST", url, invalid, body="[]")
    )
    table = contract.database.table(op.table or "")
    if table is None or any(
        table.foreign_key_for(f.column or "") for f in op.request_fields if f.required
    ):
        return
    try:
        body = json.dumps(sample(op.request.shape, models), sort_keys=True)
    except Unsatisfiable:
        return
    read, delete = ops.get(OperationKind.READ), ops.get(OperationKind.DELETE)
    test.lifecycle = Lifecycle(
        body=body,
        create_url=url,
        create_status=int(op.success.status),
        read_status=int(read.success.status) if read else None,
        delete_status=int(delete.success.status) if delete else None,
        missing_status=_status(read, FailureClass.NOT_FOUND) if read else 404,
    )


def _read_missing(api: Api, models: dict, op: Operation | None, test: ResourceTest) -> None:
    if op is None:
        return
    keys = [p for p in op.parameters if p.location is ParamLocation.PATH]
    if len(keys) != 1:
        return
    shape = keys[0].shape
    resolved = models[shape.ref].shape if shape.ref in models else shape
    if resolved.format == "uuid":
        value = "00000000-0000-4000-8000-000000000000"
    elif resolved.kind.value == "integer" and (
        resolved.constraints.maximum is None or resolved.constraints.maximum >= 999999
    ):
        value = "999999"
    else:
        return
    url = api.base_path + op.path.replace("{" + keys[0].name + "}", value)
    status = _status(op, FailureClass.NOT_FOUND)
    test.cases.append(Case(f"{_name(op)}OfAMissingRowAnswers{status}", "GET", url, status))


def _name(op: Operation) -> str:
    return op.operation_id[:1].lower() + op.operation_id[1:]
