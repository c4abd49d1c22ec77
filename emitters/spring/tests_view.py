"""What the generated JUnit 5 + MockMvc tests check per resource: success and failure paths."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

from compiler.ir import (
    Api,
    Contract,
    FailureClass,
    FieldMode,
    Operation,
    OperationKind,
    ParamLocation,
    SecurityKind,
    Table,
)
from emitters.common import camel
from emitters.common.samples import Unsatisfiable, sample
from emitters.spring.catalog import DEFAULT_STATUS, challenge
from emitters.spring.naming import java_field, java_string
from emitters.spring.views import ProjectViews, ResourceView

TEST_TOKEN = "contractc-unit-test-token"
TEST_BASIC = ("contractc", "unit-test-password")
_PROBE_METHODS = ("PATCH", "PUT", "DELETE", "POST", "GET")
_BEARER_KINDS = (SecurityKind.BEARER, SecurityKind.OAUTH2, SecurityKind.OPENID_CONNECT)


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
class Prerequisite:
    """A related row created first, whose key the tested body names (column, object or link)."""

    variable: str  # the Java local holding the created row: `author`
    url: str
    body: str
    status: int
    key_property: str  # the created row's property holding its key
    property: str  # the tested body's property that names it
    shape: str  # "value" (a key column), "object" (embedded) or "array" (join-table links)
    item_key: str = ""  # object / array: the related object's key property


@dataclass(frozen=True)
class Lifecycle:
    """create (after its related rows) -> related rows rendered -> read (Location) -> delete -> 404."""

    body: str
    create_url: str
    create_status: int
    read_status: int | None
    delete_status: int | None
    missing_status: int
    # a DELETE that marks the row: what deleting the marked row again answers (it is gone)
    marked_delete_status: int | None = None
    prerequisites: tuple[Prerequisite, ...] = ()
    embedded: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (property, variable, fields)
    collections: tuple[str, ...] = ()  # array properties of related rows


@dataclass
class ResourceTest:
    resource: ResourceView
    credentials: Credentials
    cases: list[Case] = field(default_factory=list)
    lifecycle: Lifecycle | None = None

    @property
    def expects_headers(self) -> bool:
        """Whether a case checks a response header (the `header()` matcher is imported)."""
        return any(case.header for case in self.cases)


@dataclass(frozen=True)
class Credentials:
    """What the tests configure and send so that every scheme the project uses accepts them."""

    properties: tuple[str, ...]  # Spring properties of the test context
    calls: tuple[str, ...]  # request builder calls adding the credentials: `.header(...)`

    @property
    def uses_cookie(self) -> bool:
        return any(call.startswith(".cookie(") for call in self.calls)


def _credentials(api: Api) -> Credentials:
    used = {name for op in api.operations for alt in op.security for name in alt}
    properties: dict[str, str] = {}
    calls: list[str] = []
    bearer = False
    for scheme in api.security_schemes:
        if scheme.name not in used:
            continue
        if scheme.kind is SecurityKind.API_KEY and scheme.parameter_name:
            properties["contract.auth.api-keys"] = TEST_TOKEN
            name, value = java_string(scheme.parameter_name), java_string(TEST_TOKEN)
            calls.append(
                {
                    ParamLocation.QUERY: f".queryParam({name}, {value})",
                    ParamLocation.COOKIE: f".cookie(new Cookie({name}, {value}))",
                }.get(scheme.location or ParamLocation.HEADER, f".header({name}, {value})")
            )
        elif scheme.kind is not SecurityKind.BASIC and not bearer:
            bearer = True
            properties["contract.auth.tokens"] = _scoped(TEST_TOKEN, api)
            calls.append(f'.header("Authorization", {java_string("Bearer " + TEST_TOKEN)})')
    for scheme in api.security_schemes:
        if scheme.name in used and scheme.kind is SecurityKind.BASIC and not bearer:
            properties["contract.auth.basic-users"] = ":".join(TEST_BASIC)
            encoded = base64.b64encode(":".join(TEST_BASIC).encode()).decode()
            calls.append(f'.header("Authorization", {java_string("Basic " + encoded)})')
            break
    return Credentials(
        tuple(f"{key}={value}" for key, value in sorted(properties.items())), tuple(calls)
    )


def _scoped(token: str, api: Api) -> str:
    """The AUTH_TOKENS entry of the test token, holding every scope an operation requires."""
    scopes = sorted({scope for op in api.operations for alt in op.scopes for scope in alt})
    return f"{token}:{' '.join(scopes)}" if scopes else token


def _scopes_reachable(op: Operation, api: Api) -> bool:
    """Whether the test credentials can hold the scopes of `op`: only a bearer token holds any."""
    kinds = {scheme.name: scheme.kind for scheme in api.security_schemes}
    return not op.scopes or any(
        not scopes or any(kinds.get(name) in _BEARER_KINDS for name in alternative)
        for alternative, scopes in zip(op.security, op.scopes, strict=True)
    )


def build_test_views(contract: Contract, views: ProjectViews, package: str) -> list[ResourceTest]:
    """A test per resource bound to a table (resources with nothing testable are skipped)."""
    api = contract.api
    models = {m.name: m for m in api.models}
    credentials = _credentials(api)
    tests = []
    for resource in views.resources:
        if resource.table is None or resource.row is None:
            continue
        test = ResourceTest(resource, credentials)
        ops = {
            o.op.kind: o.op
            for o in resource.table_operations
            if not o.op.parents and _scopes_reachable(o.op, api)
        }
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
    if table is None:
        return
    try:
        body = json.dumps(sample(op.request.shape, models), sort_keys=True)
        prerequisites = _prerequisites(api, models, op, table)
    except Unsatisfiable:
        return
    by_column = {p.property: p for p in prerequisites}
    embedded = tuple(
        (
            f.property,
            by_column[key_field].variable,
            tuple(n.property for n in f.fields if n.mode is FieldMode.COLUMN and not n.write_only),
        )
        for f in op.response_fields
        if f.mode is FieldMode.EMBEDDED
        for key_field in _request_properties_of(op, f.column)
        if key_field in by_column
    )
    read, delete = ops.get(OperationKind.READ), ops.get(OperationKind.DELETE)
    test.lifecycle = Lifecycle(
        body=body,
        create_url=url,
        create_status=int(op.success.status),
        read_status=int(read.success.status) if read else None,
        delete_status=int(delete.success.status) if delete else None,
        missing_status=_status(read, FailureClass.NOT_FOUND) if read else 404,
        marked_delete_status=_status(delete, FailureClass.NOT_FOUND)
        if delete and delete.soft_delete
        else None,
        prerequisites=prerequisites,
        embedded=embedded,
        collections=tuple(
            f.property
            for f in op.response_fields
            if f.mode in (FieldMode.CHILDREN, FieldMode.JOIN) and not f.write_only
        ),
    )


def _prerequisites(api: Api, models: dict, op: Operation, table: Table) -> tuple[Prerequisite, ...]:
    """The related rows a valid create body must name, each made by its table's own create."""
    out = []
    for f in op.request_fields:
        if f.read_only:
            continue
        if f.mode is FieldMode.COLUMN and f.required and f.column:
            fk = table.foreign_key_for(f.column)
            if fk is None:
                continue
            target, column, shape, item_key = fk.ref_table, fk.ref_columns[0], "value", ""
        elif f.mode in (FieldMode.EMBEDDED, FieldMode.JOIN) and f.key_property:
            if f.mode is FieldMode.EMBEDDED and not f.required:
                continue
            target, column = f.related_table or "", f.related_key or ""
            shape = "object" if f.mode is FieldMode.EMBEDDED else "array"
            item_key = f.key_property
        else:
            continue
        out.append(_prerequisite(api, models, f.property, target, column, shape, item_key))
    return tuple(out)


def _prerequisite(
    api: Api,
    models: dict,
    property_name: str,
    target: str,
    column: str,
    shape: str,
    item_key: str,
) -> Prerequisite:
    create = next(
        (
            o
            for o in api.operations
            if o.kind is OperationKind.CREATE
            and o.table == target
            and not o.parents
            and o.request is not None
            and o.request.shape is not None
        ),
        None,
    )
    if create is None or create.request is None or create.request.shape is None:
        raise Unsatisfiable(f"no way to create a {target} row")
    key = next(
        (
            f.property
            for f in create.response_fields
            if f.mode is FieldMode.COLUMN and f.column == column
        ),
        None,
    )
    if key is None or any(
        f.required and f.mode is not FieldMode.COLUMN for f in create.request_fields
    ):
        raise Unsatisfiable(f"a {target} row cannot be created on its own")
    return Prerequisite(
        variable=java_field(property_name) + "Row",
        url=api.base_path + create.path,
        body=json.dumps(sample(create.request.shape, models), sort_keys=True),
        status=int(create.success.status),
        key_property=key,
        property=property_name,
        shape=shape,
        item_key=item_key,
    )


def _request_properties_of(op: Operation, column: str | None) -> list[str]:
    return [f.property for f in op.request_fields if column and f.column == column]


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
    """The operation id as the first word of a test method name: camelCase, any text (spaces,
    quotes, line breaks) reduced to its words; a suffix always follows, so a keyword is fine."""
    name = camel(op.operation_id) or "operation"
    return name if name[0].isalpha() else "v" + name
