"""A hand-built IR for the FastAPI emitter's tests: categories and pets (embedded category, a
nested list, paging, filters, bearer auth on delete, a custom operation, the spec's Error schema)."""

from __future__ import annotations

import json

from compiler.binder.error_template import error_template
from compiler.diagnostics import Location
from compiler.ir import (
    Api,
    Body,
    Column,
    ColumnDefault,
    ColumnKind,
    ColumnType,
    Constraints,
    Contract,
    Database,
    DefaultKind,
    ErrorResponse,
    FailureClass,
    FieldBinding,
    FieldMode,
    ForeignKey,
    Model,
    Operation,
    OperationKind,
    Paging,
    PagingStyle,
    Parameter,
    ParamLocation,
    ParamRole,
    ParentScope,
    Property,
    ReferentialAction,
    Response,
    SecurityKind,
    SecurityScheme,
    Shape,
    ShapeKind,
    SourceFile,
    Table,
    UniqueConstraint,
)
from compiler.plan.migrations import plan_migrations

_LOC = Location("openapi.yaml", 1, 1)
_INT64 = Shape(ShapeKind.INTEGER, format="int64")
_ID = Shape(ShapeKind.INTEGER, format="int64", read_only=True)
_NAME = Shape(
    ShapeKind.STRING,
    constraints=Constraints(min_length=1, max_length=100, pattern=r"^\p{L}[\p{L} '-]*$"),
)
_STATUS = Shape(ShapeKind.STRING, enum=("available", "pending", "sold"))
_REF = {
    name: Shape(ShapeKind.REF, ref=name)
    for name in ("Pet", "NewPet", "Category", "NewCategory", "Error")
}
_ERROR_BODY = Body("application/json", _REF["Error"])

MODELS = (
    Model(
        "Error",
        Shape(
            ShapeKind.OBJECT,
            properties=(
                Property("code", Shape(ShapeKind.INTEGER, format="int32"), required=True),
                Property("message", Shape(ShapeKind.STRING), required=True),
            ),
        ),
    ),
    Model(
        "Category",
        Shape(
            ShapeKind.OBJECT,
            properties=(
                Property("id", _ID, required=True),
                Property(
                    "name",
                    Shape(ShapeKind.STRING, constraints=Constraints(max_length=64)),
                    required=True,
                ),
            ),
        ),
    ),
    Model(
        "NewCategory",
        Shape(
            ShapeKind.OBJECT,
            additional_properties=False,
            properties=(
                Property(
                    "name",
                    Shape(ShapeKind.STRING, constraints=Constraints(min_length=1, max_length=64)),
                    required=True,
                ),
            ),
        ),
    ),
    Model(
        "Pet",
        Shape(
            ShapeKind.OBJECT,
            properties=(
                Property("id", _ID, required=True),
                Property("name", _NAME, required=True),
                Property("tag", Shape(ShapeKind.STRING, nullable=True)),
                Property("status", _STATUS, required=True),
                Property("category", Shape(ShapeKind.REF, ref="Category", nullable=True)),
                Property(
                    "createdAt",
                    Shape(ShapeKind.STRING, format="date-time", read_only=True),
                    required=True,
                ),
            ),
        ),
    ),
    Model(
        "NewPet",
        Shape(
            ShapeKind.OBJECT,
            additional_properties=False,
            properties=(
                Property("name", _NAME, required=True),
                Property(
                    "tag",
                    Shape(ShapeKind.STRING, nullable=True, constraints=Constraints(max_length=50)),
                ),
                Property("status", _STATUS),
                Property("categoryId", Shape(ShapeKind.INTEGER, format="int64", nullable=True)),
                Property(
                    "age", Shape(ShapeKind.INTEGER, constraints=Constraints(minimum=0, maximum=100))
                ),
            ),
        ),
    ),
)
# What the binder decides for the Error schema, as compile_contract would attach it.
_ERROR_TEMPLATE = error_template(_REF["Error"], {m.name: m for m in MODELS})


def _col(name: str, kind: ColumnKind, sql: str, nullable: bool = False, **extra: object) -> Column:
    length = extra.pop("length", None)
    return Column(
        name,
        ColumnType(kind, sql, length=length, timezone=bool(extra.pop("tz", False))),
        nullable,
        _LOC,
        **extra,
    )  # type: ignore[arg-type]


DATABASE = Database(
    dialect="postgres",
    tables=(
        Table(
            "categories",
            (
                _col("id", ColumnKind.BIGINT, "BIGSERIAL", identity=True),
                _col("name", ColumnKind.VARCHAR, "VARCHAR(64)", length=64),
            ),
            ("id",),
            _LOC,
            uniques=(UniqueConstraint(("name",), "categories_name_key"),),
        ),
        Table(
            "pets",
            (
                _col("id", ColumnKind.BIGINT, "BIGSERIAL", identity=True),
                _col("name", ColumnKind.VARCHAR, "VARCHAR(100)", length=100),
                _col("tag", ColumnKind.VARCHAR, "VARCHAR(50)", nullable=True, length=50),
                _col(
                    "status",
                    ColumnKind.VARCHAR,
                    "VARCHAR(16)",
                    length=16,
                    default=ColumnDefault(DefaultKind.LITERAL, "available", "'available'"),
                    check_values=("available", "pending", "sold"),
                ),
                _col("category_id", ColumnKind.BIGINT, "BIGINT", nullable=True),
                _col("age", ColumnKind.INTEGER, "INTEGER", nullable=True),
                _col(
                    "created_at",
                    ColumnKind.TIMESTAMP,
                    "TIMESTAMPTZ",
                    tz=True,
                    default=ColumnDefault(DefaultKind.NOW, None, "now()"),
                ),
            ),
            ("id",),
            _LOC,
            foreign_keys=(
                ForeignKey(
                    ("category_id",),
                    "categories",
                    ("id",),
                    _LOC,
                    on_delete=ReferentialAction.RESTRICT,
                ),
            ),
        ),
    ),
)

_CATEGORY_FIELDS = (
    FieldBinding("id", FieldMode.COLUMN, _ID, column="id", read_only=True, required=True),
    FieldBinding("name", FieldMode.COLUMN, Shape(ShapeKind.STRING), column="name", required=True),
)
_PET_FIELDS = (
    FieldBinding("id", FieldMode.COLUMN, _ID, column="id", read_only=True, required=True),
    FieldBinding("name", FieldMode.COLUMN, _NAME, column="name", required=True),
    FieldBinding("tag", FieldMode.COLUMN, Shape(ShapeKind.STRING, nullable=True), column="tag"),
    FieldBinding("status", FieldMode.COLUMN, _STATUS, column="status", required=True),
    FieldBinding(
        "category",
        FieldMode.EMBEDDED,
        Shape(ShapeKind.REF, ref="Category", nullable=True),
        column="category_id",
        related_table="categories",
        related_key="id",
        key_property="id",
        fields=_CATEGORY_FIELDS,
    ),
    FieldBinding(
        "createdAt",
        FieldMode.COLUMN,
        Shape(ShapeKind.STRING, format="date-time"),
        column="created_at",
        read_only=True,
        required=True,
    ),
)
_NEW_PET_FIELDS = (
    FieldBinding("name", FieldMode.COLUMN, _NAME, column="name", required=True),
    FieldBinding("tag", FieldMode.COLUMN, Shape(ShapeKind.STRING, nullable=True), column="tag"),
    FieldBinding("status", FieldMode.COLUMN, _STATUS, column="status"),
    FieldBinding("categoryId", FieldMode.COLUMN, _INT64, column="category_id"),
    FieldBinding("age", FieldMode.COLUMN, _INT64, column="age"),
)
_NEW_CATEGORY_FIELDS = (
    FieldBinding("name", FieldMode.COLUMN, Shape(ShapeKind.STRING), column="name", required=True),
)


def _errors(*pairs: tuple[FailureClass, int]) -> tuple[ErrorResponse, ...]:
    return tuple(ErrorResponse(f, s, True, _ERROR_BODY, _ERROR_TEMPLATE) for f, s in pairs)


_INVALID = (FailureClass.INVALID, 400)
_NOT_FOUND = (FailureClass.NOT_FOUND, 404)
_CONFLICT = (FailureClass.CONFLICT, 409)
_UNAUTH = (FailureClass.UNAUTHENTICATED, 401)
_PAGING = Paging(PagingStyle.LIMIT_OFFSET, "limit", "offset", default_size=20, max_size=100)
_LIMIT = Parameter(
    "limit",
    ParamLocation.QUERY,
    Shape(ShapeKind.INTEGER, constraints=Constraints(minimum=1, maximum=100)),
    False,
    ParamRole.LIMIT,
)
_OFFSET = Parameter(
    "offset",
    ParamLocation.QUERY,
    Shape(ShapeKind.INTEGER, constraints=Constraints(minimum=0)),
    False,
    ParamRole.OFFSET,
)
_PET_ID = Parameter("petId", ParamLocation.PATH, _INT64, True, ParamRole.KEY, column="id")
_CATEGORY_ID = Parameter("categoryId", ParamLocation.PATH, _INT64, True, ParamRole.KEY, column="id")
_PARENT_ID = Parameter(
    "categoryId", ParamLocation.PATH, _INT64, True, ParamRole.PARENT_KEY, column="id"
)


def _op(
    operation_id: str, method: str, path: str, kind: OperationKind, resource: str, **kw: object
) -> Operation:
    table = None if kind is OperationKind.CUSTOM else resource
    return Operation(operation_id, method, path, kind, _LOC, resource, table, **kw)  # type: ignore[arg-type]


OPERATIONS = (
    _op(
        "listCategories",
        "get",
        "/categories",
        OperationKind.LIST,
        "categories",
        success=Response(
            "200", body=Body("application/json", Shape(ShapeKind.ARRAY, items=_REF["Category"]))
        ),
        response_fields=_CATEGORY_FIELDS,
        errors=_errors(_INVALID),
    ),
    _op(
        "createCategory",
        "post",
        "/categories",
        OperationKind.CREATE,
        "categories",
        request=Body("application/json", _REF["NewCategory"]),
        request_fields=_NEW_CATEGORY_FIELDS,
        success=Response("201", body=Body("application/json", _REF["Category"])),
        response_fields=_CATEGORY_FIELDS,
        errors=_errors(_INVALID, _CONFLICT),
    ),
    _op(
        "deleteCategory",
        "delete",
        "/categories/{categoryId}",
        OperationKind.DELETE,
        "categories",
        parameters=(_CATEGORY_ID,),
        success=Response("204"),
        errors=_errors(_INVALID, _NOT_FOUND, _CONFLICT),
    ),
    _op(
        "showCategoryById",
        "get",
        "/categories/{categoryId}",
        OperationKind.READ,
        "categories",
        parameters=(_CATEGORY_ID,),
        success=Response("200", body=Body("application/json", _REF["Category"])),
        response_fields=_CATEGORY_FIELDS,
        errors=_errors(_INVALID, _NOT_FOUND),
    ),
    _op(
        "listCategoryPets",
        "get",
        "/categories/{categoryId}/pets",
        OperationKind.LIST,
        "pets",
        parameters=(_PARENT_ID,),
        parents=(ParentScope("categoryId", "categories", "id", "category_id"),),
        success=Response(
            "200", body=Body("application/json", Shape(ShapeKind.ARRAY, items=_REF["Pet"]))
        ),
        response_fields=_PET_FIELDS,
        errors=_errors(_INVALID, _NOT_FOUND),
    ),
    _op(
        "listPets",
        "get",
        "/pets",
        OperationKind.LIST,
        "pets",
        parameters=(
            _LIMIT,
            _OFFSET,
            Parameter(
                "status", ParamLocation.QUERY, _STATUS, False, ParamRole.FILTER, column="status"
            ),
        ),
        paging=_PAGING,
        success=Response(
            "200", body=Body("application/json", Shape(ShapeKind.ARRAY, items=_REF["Pet"]))
        ),
        response_fields=_PET_FIELDS,
        errors=_errors(_INVALID),
    ),
    _op(
        "createPet",
        "post",
        "/pets",
        OperationKind.CREATE,
        "pets",
        request=Body("application/json", _REF["NewPet"]),
        request_fields=_NEW_PET_FIELDS,
        success=Response("201", body=Body("application/json", _REF["Pet"])),
        response_fields=_PET_FIELDS,
        errors=_errors(_INVALID, _CONFLICT),
    ),
    _op(
        "deletePet",
        "delete",
        "/pets/{petId}",
        OperationKind.DELETE,
        "pets",
        parameters=(_PET_ID,),
        success=Response("204"),
        security=(("bearerAuth",),),
        errors=_errors(_INVALID, _NOT_FOUND, _UNAUTH),
    ),
    _op(
        "showPetById",
        "get",
        "/pets/{petId}",
        OperationKind.READ,
        "pets",
        parameters=(_PET_ID,),
        success=Response("200", body=Body("application/json", _REF["Pet"])),
        response_fields=_PET_FIELDS,
        errors=_errors(_INVALID, _NOT_FOUND),
    ),
    _op(
        "updatePet",
        "patch",
        "/pets/{petId}",
        OperationKind.PATCH,
        "pets",
        parameters=(_PET_ID,),
        request=Body("application/json", _REF["NewPet"]),
        request_fields=_NEW_PET_FIELDS,
        success=Response("200", body=Body("application/json", _REF["Pet"])),
        response_fields=_PET_FIELDS,
        errors=_errors(_INVALID, _NOT_FOUND, _CONFLICT),
    ),
    _op(
        "replacePet",
        "put",
        "/pets/{petId}",
        OperationKind.REPLACE,
        "pets",
        parameters=(_PET_ID,),
        request=Body("application/json", _REF["NewPet"]),
        request_fields=_NEW_PET_FIELDS,
        success=Response("200", body=Body("application/json", _REF["Pet"])),
        response_fields=_PET_FIELDS,
        errors=_errors(_INVALID, _NOT_FOUND, _CONFLICT),
    ),
    _op(
        "adoptPet",
        "post",
        "/pets/{petId}/adopt",
        OperationKind.CUSTOM,
        "pets",
        parameters=(Parameter("petId", ParamLocation.PATH, _INT64, True),),
        handler="adopt_pet",
        success=Response("200", body=Body("application/json", _REF["Pet"])),
        errors=(ErrorResponse(FailureClass.NOT_IMPLEMENTED, 501, False, None),),
    ),
)

SPEC = {"openapi": "3.0.3", "info": {"title": "Petstore", "version": "1.0.0"}, "paths": {}}

CONTRACT = Contract(
    api=Api(
        title="Petstore",
        version="1.0.0",
        openapi_version="3.0.3",
        base_path="",
        operations=OPERATIONS,
        models=MODELS,
        security_schemes=(SecurityScheme("bearerAuth", SecurityKind.BEARER, bearer_format="JWT"),),
    ),
    database=DATABASE,
    bundled_spec=json.dumps(SPEC, sort_keys=True, indent=2),
    sources=(SourceFile("openapi.yaml", "0" * 64), SourceFile("schema.sql", "1" * 64)),
    compiler_version="0.1.0",
    migrations=plan_migrations((DATABASE,)),
)
