"""IR operations and tables -> the plain data of the generated `src/contract/*.ts` modules."""

from __future__ import annotations

import re
from collections.abc import Callable

from compiler.ir import (
    BodyReading,
    Contract,
    Database,
    Envelope,
    ErrorValue,
    FieldBinding,
    Model,
    Operation,
    Parameter,
    ParentScope,
    SecurityKind,
    Shape,
    ShapeKind,
    SoftDelete,
    Sorting,
)
from emitters.common.shapes import resolve
from emitters.express.error_bodies import error_template
from emitters.express.literals import MapLiteral
from emitters.express.naming import value_name
from emitters.express.schemas import referenced_models, request_schema

_TEMPLATE_PARAM = re.compile(r"\{([^}]+)\}")
_ROUTE_SPECIAL = re.compile(r"([()\[\]?+*!{}:\\])")
_COERCIONS = {
    ShapeKind.INTEGER: "integer",
    ShapeKind.NUMBER: "number",
    ShapeKind.BOOLEAN: "boolean",
    ShapeKind.STRING: "string",
}


def route_names(op: Operation) -> dict[str, str]:
    """Path parameter name -> the identifier Express captures it as."""
    names: dict[str, str] = {}
    for index, name in enumerate(_TEMPLATE_PARAM.findall(op.path)):
        candidate = value_name(name).rstrip("_") or f"param{index}"
        names[name] = candidate if candidate not in names.values() else f"{candidate}{index}"
    return names


def route_path(op: Operation, base_path: str) -> str:
    """The Express 5 path of an operation: `{petId}` -> `:petId`, literal specials escaped."""
    names = route_names(op)
    parts = _TEMPLATE_PARAM.split(base_path.rstrip("/") + op.path)
    out = []
    for index, part in enumerate(parts):
        out.append(f":{names[part]}" if index % 2 else _ROUTE_SPECIAL.sub(r"\\\1", part))
    return "".join(out) or "/"


def _parameter(
    param: Parameter, models: dict[str, Model], names: dict[str, str]
) -> dict[str, object]:
    shape = resolve(param.shape, models)
    array = shape.kind is ShapeKind.ARRAY
    scalar = resolve(shape.items, models) if array and shape.items else shape
    return {
        "name": param.name,
        "in": param.location.value,
        "routeName": names.get(param.name, param.name),
        "required": param.required,
        "role": param.role.value,
        "column": param.column,
        "coerce": _COERCIONS.get(scalar.kind, "any"),
        "array": array,
    }


def _field(binding: FieldBinding, models: dict[str, Model]) -> dict[str, object]:
    field: dict[str, object] = {
        "property": binding.property,
        "mode": binding.mode.value,
        "column": binding.column,
        "relatedTable": binding.related_table,
        "relatedKey": binding.related_key,
        "ownerKey": binding.owner_key,
        "joinTable": binding.join_table,
        "joinColumns": list(binding.join_columns) if binding.join_columns else None,
        "keyProperty": binding.key_property,
        "fields": [_field(f, models) for f in binding.fields],
        "readOnly": binding.read_only,
        "writeOnly": binding.write_only,
        "nullable": binding.shape.nullable or resolve(binding.shape, models).nullable,
    }
    if binding.shape.has_default:
        field["default"] = binding.shape.default
    if binding.related_soft_delete is not None:
        field["relatedSoftDelete"] = _soft_delete(binding.related_soft_delete)
    return field


def _soft_delete(soft_delete: SoftDelete) -> dict[str, object]:
    return {"column": soft_delete.column, "mark": soft_delete.mark.value}


def _sorting(sorting: Sorting) -> dict[str, object]:
    """The `SortingSpec` literal: the whitelist from accepted value to ORDER BY term."""
    terms = MapLiteral(
        (item.text, [item.column, item.direction.value if item.direction else None])
        for item in sorting.items
    )
    return {
        "parameter": sorting.parameter,
        "terms": terms,
        "many": sorting.many,
        "orderParameter": sorting.order_parameter,
    }


def _parent(parent: ParentScope) -> dict[str, object]:
    spec: dict[str, object] = {
        "param": parent.param,
        "parentTable": parent.parent_table,
        "parentColumn": parent.parent_column,
        "childColumn": parent.child_column,
    }
    if parent.soft_delete is not None:
        spec["softDelete"] = _soft_delete(parent.soft_delete)
    return spec


def _envelope(envelope: Envelope | None) -> dict[str, object] | None:
    if envelope is None:
        return None
    return {
        "path": list(envelope.path),
        "dataProperty": envelope.data_property,
        "totalProperty": envelope.total_property,
        "pageProperty": envelope.page_property,
        "sizeProperty": envelope.size_property,
    }


def _status(status: str, fallback: int) -> int:
    return int(status) if status.isdigit() else fallback


def operation_spec(
    op: Operation,
    models: dict[str, Model],
    base_path: str,
    template_of: Callable[[ErrorValue], object] = error_template,
) -> dict[str, object]:
    """The `OperationSpec` literal of one operation (`template_of` may share templates)."""
    names = route_names(op)
    errors: dict[str, object] = {}
    for err in op.errors:
        body = err.body
        errors[err.failure.value] = {
            "status": err.status,
            "contentType": body.content_type if body else "application/problem+json",
            "template": template_of(err.template) if err.template else None,
        }
    spec: dict[str, object] = {
        "operationId": op.operation_id,
        "method": op.method,
        "path": op.path,
        "routePath": route_path(op, base_path),
        "kind": op.kind.value,
        "table": op.table,
        "security": [list(alternative) for alternative in op.security],
        "scopes": [list(required) for required in op.scopes],
        "parameters": [_parameter(p, models, names) for p in op.parameters],
        "body": {
            "required": op.request.required,
            "schema": op.operation_id,
            "media": op.request.reading.value,
        }
        if op.request
        else None,
        "success": {
            "status": _status(op.success.status, 200),
            "location": "Location" in op.success.headers,
            "hasBody": op.success.body is not None,
        },
        "errors": errors,
        "requestFields": [_field(f, models) for f in op.request_fields],
        "responseFields": [_field(f, models) for f in op.response_fields],
        "envelope": _envelope(op.envelope),
        "requestEnvelope": _envelope(op.request_envelope),
        "paging": {
            "style": op.paging.style.value,
            "sizeParam": op.paging.size_param,
            "positionParam": op.paging.position_param,
            "defaultSize": op.paging.default_size,
            "maxSize": op.paging.max_size,
        }
        if op.paging
        else None,
    }
    # stated only where the operation has them, so the specs of other operations stay as they were
    if op.sorting is not None:
        spec["sorting"] = _sorting(op.sorting)
    if op.soft_delete is not None:
        spec["softDelete"] = _soft_delete(op.soft_delete)
    spec["parents"] = [_parent(p) for p in op.parents]
    return spec


def table_specs(database: Database) -> MapLiteral:
    """The `TableSpec` literals, by table name."""
    specs = MapLiteral(
        (
            table.name,
            {
                "name": table.name,
                "primaryKey": list(table.primary_key),
                "columns": MapLiteral(
                    (c.name, {"kind": c.type.kind.value, "nullable": c.nullable})
                    for c in table.columns
                ),
            },
        )
        for table in database.tables
    )
    specs.value_type = "TableSpec"
    return specs


def _parameters_schema(op: Operation) -> dict[str, object]:
    locations: dict[str, object] = {}
    for location in ("path", "query", "header", "cookie"):
        params = [p for p in op.parameters if p.location.value == location]
        if not params:
            continue
        schema: dict[str, object] = {
            "type": "object",
            "properties": {p.name: request_schema(p.shape) for p in params},
        }
        required = [p.name for p in params if p.required]
        if required:
            schema["required"] = required
        locations[location] = schema
    return {"type": "object", "properties": locations} if locations else {"type": "object"}


def validation_schemas(contract: Contract) -> tuple[dict[str, object], dict[str, object]]:
    """(definitions of every model requests use, per-operation parameter and body schemas)."""
    models = {m.name: m for m in contract.api.models}
    shapes: list[Shape] = []
    per_operation: dict[str, object] = {}
    for op in contract.api.operations:
        shapes.extend(p.shape for p in op.parameters)
        body = None
        if op.request is not None and op.request.reading is not BodyReading.RAW:
            body = request_schema(op.request.shape) if op.request.shape else {}
            if op.request.shape:
                shapes.append(op.request.shape)
        per_operation[op.operation_id] = {"parameters": _parameters_schema(op), "body": body}
    definitions = {
        name: request_schema(models[name].shape)
        for name in referenced_models(shapes, models)
        if name in models
    }
    return definitions, per_operation


def security_specs(contract: Contract) -> MapLiteral:
    """The `SecuritySchemeSpec` literals, by scheme name."""
    out = MapLiteral(value_type="SecuritySchemeSpec")
    for scheme in contract.api.security_schemes:
        kind = {SecurityKind.BASIC: "basic", SecurityKind.API_KEY: "api_key"}.get(
            scheme.kind, "bearer"
        )
        out[scheme.name] = {
            "kind": kind,
            "in": scheme.location.value if scheme.location else None,
            "parameterName": scheme.parameter_name,
        }
    return out
