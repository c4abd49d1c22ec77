"""The cases of the generated Go tests (internal/server/server_test.go): per resource, success
and failure paths, every expectation taken from the IR."""

from __future__ import annotations

import json
from dataclasses import dataclass

from compiler.ir import (
    BodyReading,
    Contract,
    FailureClass,
    Model,
    Operation,
    OperationKind,
    ParamLocation,
    Shape,
    ShapeKind,
)
from emitters.common.shapes import resolve
from emitters.gin.naming import SERVER_TESTS_DECLARED, UniqueNames, exported, go_string
from emitters.gin.plan import success_status
from emitters.gin.samples import sample_value
from emitters.gin.test_relations import relation_steps

_MISSING_UUID = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Case:
    literal: str  # Go positional literal of testCase


@dataclass(frozen=True)
class ResourceTests:
    name: str  # Go test function suffix
    cases: tuple[str, ...]
    flow: tuple[str, ...]  # sequential steps; "{location}" is the last Location header
    relations: tuple[str, ...] = ()  # `step` literals of the related-rows scenario


def resource_tests(contract: Contract) -> list[ResourceTests]:
    """One test function per resource."""
    models = {m.name: m for m in contract.api.models}
    base = contract.api.base_path
    out = []
    test_names = UniqueNames(SERVER_TESTS_DECLARED)
    for resource in sorted({op.resource for op in contract.api.operations}):
        ops = [op for op in contract.api.operations if op.resource == resource]
        cases: list[str] = []
        seen_paths: set[str] = set()
        for op in ops:
            url = _url(base, op, models, missing=True)
            if url is None:
                continue
            if op.path not in seen_paths:
                seen_paths.add(op.path)
                method = next(
                    (
                        m
                        for m in ("PATCH", "PUT", "DELETE", "POST", "GET")
                        if m not in contract.api.allowed_methods(op.path)
                    ),
                    None,
                )
                if method:
                    allow = ", ".join(contract.api.allowed_methods(op.path))
                    cases.append(
                        _case(
                            f"{method} {op.path} is not allowed",
                            method,
                            url,
                            (),
                            None,
                            405,
                            "Allow",
                            allow,
                        )
                    )
            if op.security and all(op.security):
                status = _status(op, FailureClass.UNAUTHENTICATED, 401)
                cases.append(
                    _case(
                        f"{op.operation_id} without credentials",
                        op.method.upper(),
                        url,
                        (),
                        None,
                        status,
                        "WWW-Authenticate",
                        "",
                    )
                )
            auth = op.security[0] if op.security else ()
            body = _body(op, models)
            if op.request is not None and _is_object(op.request.shape, models):
                status = _status(op, FailureClass.INVALID, 400)
                cases.append(
                    _case(
                        f"{op.operation_id} rejects a non-object body",
                        op.method.upper(),
                        url,
                        auth,
                        "[]",
                        status,
                        "",
                        "",
                    )
                )
            if op.kind is OperationKind.LIST and not op.parents:
                cases.append(
                    _case(
                        f"{op.operation_id} lists",
                        "GET",
                        url,
                        auth,
                        None,
                        success_status(op),
                        "",
                        "",
                    )
                )
            if op.kind in (OperationKind.READ, OperationKind.DELETE) or (
                op.kind in (OperationKind.REPLACE, OperationKind.PATCH) and body is not None
            ):
                status = _status(op, FailureClass.NOT_FOUND, 404)
                cases.append(
                    _case(
                        f"{op.operation_id} of a missing row",
                        op.method.upper(),
                        url,
                        auth,
                        body,
                        status,
                        "",
                        "",
                    )
                )
            # A required body that is not JSON (a form, raw bytes) is not sent by these JSON cases.
            if op.kind is OperationKind.CUSTOM and (
                op.request is None
                or not op.request.required
                or (body is not None and op.request.reading is BodyReading.JSON)
            ):
                status = _status(op, FailureClass.NOT_IMPLEMENTED, 501)
                sent = body if op.request is not None and op.request.required else None
                cases.append(
                    _case(
                        f"{op.operation_id} answers 501 until written",
                        op.method.upper(),
                        url,
                        auth,
                        sent,
                        status,
                        "",
                        "",
                    )
                )
        out.append(
            ResourceTests(
                test_names.claim(exported(resource)),
                tuple(cases),
                tuple(_flow(contract, ops, models)),
                tuple(relation_steps(contract, ops)),
            )
        )
    return out


def _flow(contract: Contract, ops: list[Operation], models: dict[str, Model]) -> list[str]:
    create = next(
        (
            op
            for op in ops
            if op.kind is OperationKind.CREATE and not op.parents and success_status(op) == 201
        ),
        None,
    )
    if create is None:
        return []
    body = _body(create, models)
    table = contract.database.table(create.table or "")
    if body is None or table is None:
        return []
    if any(
        fk.columns[0] in _written_columns(create, json.loads(body)) for fk in table.foreign_keys
    ):
        return []
    auth = create.security[0] if create.security else ()
    url = contract.api.base_path + create.path
    steps = [_case(f"{create.operation_id} creates", "POST", url, auth, body, 201, "Location", "")]
    item_path = None
    read = None
    for op in ops:
        if (
            op.kind is OperationKind.READ
            and op.path.startswith(create.path + "/{")
            and op.path.count("/") == create.path.count("/") + 1
        ):
            item_path = op.path
            read = op
            read_auth = op.security[0] if op.security else ()
            steps.append(
                _case(
                    f"{op.operation_id} reads it",
                    "GET",
                    "{location}",
                    read_auth,
                    None,
                    success_status(op),
                    "",
                    "",
                )
            )
    for op in ops:
        if op.kind is OperationKind.DELETE and op.path == item_path:
            del_auth = op.security[0] if op.security else ()
            steps.append(
                _case(
                    f"{op.operation_id} deletes it",
                    "DELETE",
                    "{location}",
                    del_auth,
                    None,
                    success_status(op),
                    "",
                    "",
                )
            )
            steps.append(
                _case(
                    f"{op.operation_id} again finds nothing",
                    "DELETE",
                    "{location}",
                    del_auth,
                    None,
                    _status(op, FailureClass.NOT_FOUND, 404),
                    "",
                    "",
                )
            )
            if op.soft_delete is not None and read is not None:  # kept, marked: gone for reads
                steps.append(
                    _case(
                        f"{read.operation_id} no longer finds the marked row",
                        "GET",
                        "{location}",
                        read.security[0] if read.security else (),
                        None,
                        _status(read, FailureClass.NOT_FOUND, 404),
                        "",
                        "",
                    )
                )
    return steps


def _written_columns(op: Operation, body: dict[str, object]) -> set[str]:
    return {
        b.column
        for b in op.request_fields
        if b.column and b.property in body and body[b.property] is not None
    }


def _case(
    name: str,
    method: str,
    url: str,
    auth: tuple[str, ...],
    body: str | None,
    status: int,
    header: str,
    value: str,
) -> str:
    schemes = "nil" if not auth else "[]string{" + ", ".join(go_string(s) for s in auth) + "}"
    return (
        f"{{{go_string(name)}, {go_string(method)}, {go_string(url)}, {schemes}, "
        f"{go_string(body) if body is not None else go_string('')}, {status}, {go_string(header)}, {go_string(value)}}}"
    )


def _status(op: Operation, failure: FailureClass, fallback: int) -> int:
    error = op.error(failure)
    return error.status if error else fallback


def _body(op: Operation, models: dict[str, Model]) -> str | None:
    if op.request is None or op.request.shape is None:
        return None
    value = sample_value(op.request.shape, models)
    return None if value is None else json.dumps(value, sort_keys=True)


def _is_object(shape: Shape | None, models: dict[str, Model]) -> bool:
    return shape is not None and resolve(shape, models).kind is ShapeKind.OBJECT


def _url(base: str, op: Operation, models: dict[str, Model], missing: bool) -> str | None:
    path = op.path
    query = []
    for param in op.parameters:
        if param.location is ParamLocation.PATH:
            value = (
                _missing_key(param.shape, models) if missing else sample_value(param.shape, models)
            )
            if value is None:
                return None
            path = path.replace(
                "{" + param.name + "}",
                str(value).lower() if isinstance(value, bool) else str(value),
            )
        elif param.location is ParamLocation.QUERY and param.required:
            value = sample_value(param.shape, models)
            if value is None:
                return None
            query.append(f"{param.name}={value}")
        elif param.required:
            return None
    return base + path + ("?" + "&".join(query) if query else "")


def _missing_key(shape: Shape, models: dict[str, Model]) -> object | None:
    shape = resolve(shape, models)
    if shape.kind is ShapeKind.INTEGER:
        maximum = shape.constraints.maximum
        return int(maximum) if maximum is not None and maximum < 987654 else 987654
    if shape.format == "uuid":
        return _MISSING_UUID
    return sample_value(shape, models)
