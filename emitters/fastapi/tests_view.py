"""What the generated project's own pytest suite checks, computed from the IR."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from compiler.ir import (
    BodyReading,
    Contract,
    FailureClass,
    Operation,
    OperationKind,
    ParamLocation,
    SecurityKind,
    Shape,
    ShapeKind,
)
from emitters.common.samples import Unsatisfiable, sample
from emitters.fastapi.round_trip import RoundTrip, plan_round_trip
from emitters.fastapi.views import ProjectView

TEST_TOKEN = "test-token"
TEST_API_KEY = "test-key"
TEST_BASIC = ("tester", "secret")
_MISSING_KEYS = {"uuid": "00000000-0000-4000-8000-000000000000"}
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_SCOPELESS = (SecurityKind.API_KEY, SecurityKind.BASIC)  # credentials that never hold scopes


@dataclass(frozen=True)
class Case:
    """One request and the status (and body kind) it must get."""

    name: str
    method: str
    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: object = None
    has_body: bool = False
    expect: str = ""  # "challenge": WWW-Authenticate required


@dataclass
class ResourceTests:
    module: str
    cases: list[Case]
    round_trip: RoundTrip | None


@dataclass
class TestViews:
    resources: list[ResourceTests]
    base_path: str
    not_allowed: tuple[str, str, str] | None  # url, method, Allow
    env: dict[str, str]


def build_test_views(contract: Contract, view: ProjectView) -> TestViews:
    """Cases per resource plus the service-wide ones."""
    api = contract.api
    models = {m.name: m for m in api.models}
    base = api.base_path.rstrip("/")
    schemes = {s.name: s for s in api.security_schemes}
    credentials = {o.operation_id: _credentials(o, schemes) for o in api.operations}
    resources = []
    for resource in view.resources:
        cases: list[Case] = []
        for o in resource.operations:
            cases.extend(_cases(o.op, o.func, base, models, schemes))
        resources.append(
            ResourceTests(
                resource.module,
                cases,
                plan_round_trip(resource.name, contract, base, models, credentials),
            )
        )
    not_allowed = None
    if api.paths:
        path = api.paths[0]
        allowed = api.allowed_methods(path)
        method = next((m for m in _METHODS if m not in allowed), None)
        url = _fill(base + path, {})
        if method and url:
            not_allowed = (url, method, ", ".join(allowed))
    scopes = sorted({scope for o in api.operations for alt in o.scopes for scope in alt})
    env = {
        "AUTH_TOKENS": f"{TEST_TOKEN}:{' '.join(scopes)}" if scopes else TEST_TOKEN,
        "AUTH_API_KEYS": TEST_API_KEY,
        "AUTH_BASIC_USERS": ":".join(TEST_BASIC),
        "AUTH_JWT_SECRET": "test-secret-for-the-generated-tests-only-0123456789",
    }
    return TestViews(resources, base, not_allowed, env)


def _credentials(op: Operation, schemes: dict) -> tuple[dict[str, str], dict[str, str]] | None:
    """(headers, query) satisfying the first alternative of `op.security`; None when impossible
    (an unknown scheme, or scopes with no bearer scheme to carry them: the test token holds every
    scope of the contract, API keys and basic users hold none)."""
    if not op.security:
        return {}, {}
    headers: dict[str, str] = {}
    query: dict[str, str] = {}
    first = op.security[0]
    if any(s is None for s in map(schemes.get, first)):
        return None
    if op.scopes and op.scopes[0] and all(schemes[n].kind in _SCOPELESS for n in first):
        return None
    for name in first:
        scheme = schemes[name]
        if scheme.kind is SecurityKind.BASIC:
            headers["Authorization"] = (
                "Basic " + base64.b64encode(":".join(TEST_BASIC).encode()).decode()
            )
        elif scheme.kind is SecurityKind.API_KEY:
            param = scheme.parameter_name or "X-API-Key"
            if scheme.location is ParamLocation.QUERY:
                query[param] = TEST_API_KEY
            elif scheme.location is ParamLocation.COOKIE:
                headers["Cookie"] = f"{param}={TEST_API_KEY}"
            else:
                headers[param] = TEST_API_KEY
        else:
            headers["Authorization"] = f"Bearer {TEST_TOKEN}"
    return headers, query


def _fill(path: str, values: dict[str, str]) -> str | None:
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        if match.group(1) not in values:
            missing = True
            return ""
        return values[match.group(1)]

    filled = re.sub(r"\{([^}]+)\}", replace, path)
    return None if missing else filled


def _missing_value(shape: Shape) -> str:
    if shape.format in _MISSING_KEYS:
        return _MISSING_KEYS[shape.format]
    if shape.kind is ShapeKind.INTEGER:
        maximum = shape.constraints.maximum
        return str(int(maximum)) if maximum is not None and maximum < 999999999 else "999999999"
    return "does-not-exist"


def _path_values(op: Operation, missing: bool, models: dict) -> dict[str, str] | None:
    values = {}
    for p in op.parameters:
        if p.location is ParamLocation.PATH:
            try:
                value = _missing_value(p.shape) if missing else sample(p.shape, models)
            except Unsatisfiable:
                return None
            values[p.name] = str(value).lower() if isinstance(value, bool) else str(value)
    return values


def _url(path: str, query: dict[str, str]) -> str:
    if not query:
        return path
    return path + "?" + "&".join(f"{k}={v}" for k, v in sorted(query.items()))


def _required_query(op: Operation, models: dict) -> dict[str, str] | None:
    query = {}
    for p in op.parameters:
        if p.location is ParamLocation.QUERY and p.required:
            try:
                value = sample(p.shape, models)
            except Unsatisfiable:
                return None
            query[p.name] = str(value).lower() if isinstance(value, bool) else str(value)
        elif p.location in (ParamLocation.HEADER, ParamLocation.COOKIE) and p.required:
            return None
    return query


def _cases(op: Operation, name: str, base: str, models: dict, schemes: dict) -> list[Case]:
    """The cases of `op`, whose tests are named after its Python function `name`."""
    creds = _credentials(op, schemes)
    query = _required_query(op, models)
    if creds is None or query is None:
        return []
    headers, auth_query = creds
    cases: list[Case] = []

    def status(failure: FailureClass) -> int | None:
        err = op.error(failure)
        return err.status if err else None

    missing_values = _path_values(op, True, models)
    present_values = _path_values(op, False, models)
    if missing_values is None or present_values is None:
        return []
    missing_url = _fill(base + op.path, missing_values)
    present_url = _fill(base + op.path, present_values)
    if missing_url is None or present_url is None:
        return []
    if op.security and status(FailureClass.UNAUTHENTICATED):
        cases.append(
            Case(
                f"{name}_without_credentials",
                op.method.upper(),
                _url(present_url, query),
                status(FailureClass.UNAUTHENTICATED) or 401,
                expect="challenge",
            )
        )
    all_query = {**query, **auth_query}
    not_found = status(FailureClass.NOT_FOUND)
    if op.kind in (OperationKind.READ, OperationKind.DELETE) and not_found:
        cases.append(
            Case(
                f"{name}_missing_row",
                op.method.upper(),
                _url(missing_url, all_query),
                not_found,
                headers,
            )
        )
    if op.kind is OperationKind.LIST and op.parents and not_found:
        cases.append(
            Case(f"{name}_missing_parent", "GET", _url(missing_url, all_query), not_found, headers)
        )
    if op.kind is OperationKind.LIST and not op.parents:
        cases.append(
            Case(
                f"{name}_answers",
                "GET",
                _url(present_url, all_query),
                int(op.success.status) if op.success.status.isdigit() else 200,
                headers,
            )
        )
    invalid = status(FailureClass.INVALID)
    if op.kind is OperationKind.LIST and invalid and op.paging is not None:
        cases.append(
            Case(
                f"{name}_rejects_bad_page_size",
                "GET",
                _url(present_url, {**all_query, op.paging.size_param: "abc"}),
                invalid,
                headers,
            )
        )
    if (
        op.kind in (OperationKind.CREATE, OperationKind.REPLACE, OperationKind.PATCH)
        and invalid
        and op.request
    ):
        cases.append(
            Case(
                f"{name}_rejects_a_non_object_body",
                op.method.upper(),
                _url(present_url, all_query),
                invalid,
                headers,
                [],
                True,
            )
        )
        wrong = _wrong_type_body(op, models)
        if wrong is not None:
            cases.append(
                Case(
                    f"{name}_rejects_a_string_for_a_number",
                    op.method.upper(),
                    _url(present_url, all_query),
                    invalid,
                    headers,
                    wrong,
                    True,
                )
            )
    # A required form is not sent by these JSON cases; the form's own tests cover it over HTTP.
    request = op.request
    required_form = request is not None and request.required and request.reading is BodyReading.FORM
    if op.kind is OperationKind.CUSTOM and not required_form:
        body = None
        has_body = False
        if op.request is not None and op.request.shape is not None and op.request.required:
            try:
                body, has_body = sample(op.request.shape, models), True
            except Unsatisfiable:
                return cases
        cases.append(
            Case(
                f"{name}_is_not_implemented_yet",
                op.method.upper(),
                _url(present_url, all_query),
                501,
                headers,
                body,
                has_body,
            )
        )
    return cases


def _wrong_type_body(op: Operation, models: dict) -> dict | None:
    if op.request is None or op.request.shape is None:
        return None
    try:
        body = sample(op.request.shape, models)
    except Unsatisfiable:
        return None
    shape = op.request.shape
    if shape.kind is ShapeKind.REF and shape.ref in models:
        shape = models[shape.ref].shape
    if not isinstance(body, dict):
        return None
    for prop in shape.properties:
        if (
            prop.shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER)
            and not prop.shape.read_only
            and prop.shape.enum is None
        ):
            return {**body, prop.name: "5"}
    return None
