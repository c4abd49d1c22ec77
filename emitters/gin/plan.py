"""The IR, arranged for the Go templates: tables, operations and their Go names and types.

Every fact comes from the IR; this module only decides Go names, Go types and Go literals.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from compiler.ir import (
    BodyReading,
    Column,
    Contract,
    ErrorResponse,
    FailureClass,
    FieldBinding,
    FieldMode,
    Model,
    Operation,
    OperationKind,
    Parameter,
    ParamLocation,
    ParamRole,
    Shape,
    ShapeKind,
)
from compiler.ir.database import ColumnKind
from compiler.plan.routes import route_table
from emitters.common.memo import PerNode
from emitters.common.shapes import resolve
from emitters.gin.error_bodies import error_body_expression
from emitters.gin.forms import form_fields_literal
from emitters.gin.marks import mark_literal, table_marks
from emitters.gin.naming import (
    ProjectNames,
    exported,
    gin_path,
    go_string,
    operation_var,
    path_param_keys,
)
from emitters.gin.tables import TablePlan, table_plan
from emitters.gin.types import GoType, go_type
from emitters.gin.validators import ValidatorWriter, go_json_value
from emitters.gin.views import View, ViewPlanner

_FAILURE_CONSTANTS = {
    FailureClass.INVALID: "apierror.Invalid",
    FailureClass.INVALID_PATH: "apierror.InvalidPath",
    FailureClass.NOT_FOUND: "apierror.NotFound",
    FailureClass.CONFLICT: "apierror.Conflict",
    FailureClass.UNAUTHENTICATED: "apierror.Unauthenticated",
    FailureClass.FORBIDDEN: "apierror.Forbidden",
    FailureClass.NOT_IMPLEMENTED: "apierror.NotImplemented",
}
# Paging parameters take any whole number the spec allows: the services clamp them to int64.
_PAGING_ROLES = (ParamRole.LIMIT, ParamRole.OFFSET, ParamRole.PAGE)
_UNDECLARED_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE")


@dataclass(frozen=True)
class InputField:
    name: str  # Go field
    type: str  # Go type
    decode: str  # Go expression over `params` and `object`
    comment: str


@dataclass(frozen=True)
class ParamSpec:
    literal: str  # Go positional literal of handlers.param


@dataclass
class OperationPlan:
    op: Operation
    name: str  # exported Go name
    var: str  # unexported operation spec variable
    gin_path: str
    table: TablePlan | None
    success_status: int
    success_type: str  # content type of the success body ("" when none)
    params: list[str] = field(default_factory=list)  # handlers.param literals
    body: str = "nil"  # *handlers.requestBody literal
    errors: list[str] = field(default_factory=list)  # handlers.errorSpec literals
    security: str = "nil"  # [][]string of scheme names per alternative
    scopes: str = "nil"  # [][]string of the scopes each alternative requires
    input_type: str = ""
    input_fields: list[InputField] = field(default_factory=list)
    unwrap: tuple[str, ...] = ()  # request envelope path
    service_lines: list[str] = field(default_factory=list)
    handler_lines: list[str] = field(default_factory=list)
    returns: str = ""  # Go result type of the service method
    view: View | None = None  # how the success body renders one row
    links: list[str] = field(default_factory=list)  # Go calls making a written row's links
    declarations: list[str] = field(default_factory=list)  # package-level Go its service needs
    service_imports: set[str] = field(default_factory=set)  # standard packages its service uses


def success_status(op: Operation) -> int:
    status = op.success.status
    if status.isdigit():
        return int(status)
    return (
        201 if op.kind is OperationKind.CREATE else 204 if op.kind is OperationKind.DELETE else 200
    )


def write_type(gt: GoType) -> str:
    """The Go type a converter in `GoType.write` returns."""
    return gt.write_type


def default_literal(value: object, column: Column) -> str:
    """A spec default as the value the driver is given for `column`."""
    kind = column.type.kind
    if kind is ColumnKind.ARRAY and isinstance(value, list) and column.type.element is not None:
        element = column.type.element
        items = ", ".join(default_literal(item, replace(column, type=element)) for item in value)
        return f"{go_type(column.type).write_type}{{{items}}}"
    if kind in (ColumnKind.JSON, ColumnKind.ARRAY):
        return go_string(json.dumps(value, separators=(",", ":"), sort_keys=True))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and kind in (
        ColumnKind.SMALLINT,
        ColumnKind.INTEGER,
        ColumnKind.BIGINT,
    ):
        return f"int64({value})"
    if isinstance(value, (int, float)) and kind in (ColumnKind.REAL, ColumnKind.DOUBLE):
        return f"float64({value!r})"
    if isinstance(value, (int, float)):
        return go_string(repr(value))
    if kind is ColumnKind.TIMESTAMP and isinstance(value, str):
        return f"models.Timestamp({go_string(value)})"
    return go_string(str(value))


class Planner:
    """Builds the plans of one contract; owns the validator writer and the error-body functions."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.models: dict[str, Model] = {m.name: m for m in contract.api.models}
        self.names = ProjectNames()
        self.validators = ValidatorWriter(self.models, self.names)
        self.error_bodies: dict[str, tuple[str, str]] = {}  # expression -> (function, expression)
        self._error_body_expression = PerNode(error_body_expression)
        self.tables: dict[str, TablePlan] = {}
        self.marks = table_marks(contract.api)  # table -> its deletion mark
        self._views = ViewPlanner(self.models, self.table, self.names)
        media = {op.request.reading for op in contract.api.operations if op.request is not None}
        self.forms = BodyReading.FORM in media  # request bodies then also say how to read a form
        self.raw_bodies = BodyReading.RAW in media  # custom handlers then get the request itself
        self.operations: list[OperationPlan] = []
        for op in contract.api.operations:
            self.operations.append(self._operation(op))

    # -- tables and views -------------------------------------------------------------------

    def table(self, name: str) -> TablePlan:
        if name not in self.tables:
            table = self.contract.database.table(name)
            assert table is not None
            mark = self.marks.get(name)
            literal = mark_literal(mark, table) if mark is not None else ""
            self.tables[name] = table_plan(table, self.names, literal)
        return self.tables[name]

    def view(self, op: Operation, table: TablePlan) -> View:
        """How one row of the operation's response renders."""
        return self._views.view(table.name, op.response_fields, self._model_name(op))

    @property
    def views(self) -> list[View]:
        return list(self._views.views.values())

    def _model_name(self, op: Operation) -> str | None:
        body = op.success.body
        shape = body.shape if body else None
        if shape is None:
            return None
        if op.envelope is not None:
            shape = self._envelope_items(shape, op)
        while shape is not None and shape.kind is ShapeKind.ARRAY:
            shape = shape.items
        if shape is not None and shape.kind is ShapeKind.REF:
            return shape.ref
        return None

    def _envelope_items(self, shape: Shape, op: Operation) -> Shape | None:
        assert op.envelope is not None
        for key in (*op.envelope.path, op.envelope.data_property):
            shape = resolve(shape, self.models)
            prop = shape.find_property(key)
            if prop is None:
                return None
            shape = prop.shape
        return shape

    # -- operations -------------------------------------------------------------------------

    def _operation(self, op: Operation) -> OperationPlan:
        name = self.names.operation(op.operation_id)
        table = self.table(op.table) if op.table and op.kind is not OperationKind.CUSTOM else None
        body_type = op.success.body.content_type if op.success.body else ""
        plan = OperationPlan(
            op=op,
            name=name,
            var=operation_var(name),
            gin_path=gin_path(op.path),
            table=table,
            success_status=success_status(op),
            success_type=body_type,
        )
        plan.security = _string_lists(op.security)
        plan.scopes = _string_lists(op.scopes)
        plan.params = [self._param(plan, p) for p in op.parameters]
        if op.request is not None:
            plan.body = self._request_body(plan)
        plan.errors = [self._error(e) for e in op.errors]
        return plan

    def _request_body(self, plan: OperationPlan) -> str:
        """The `*requestBody` literal: required, the schema check and, with forms, the form fields,
        with raw bodies, whether the custom handler reads this one itself."""
        request = plan.op.request
        assert request is not None
        values = ["true" if request.required else "false", "nil"]
        if request.shape is not None and request.reading is not BodyReading.RAW:
            values[1] = "validate." + self.validators.named(
                plan.name + "Body",  # claimed with the operation's name
                request.shape,
                f"checks the request body of {plan.op.operation_id}.",
            )
        if self.forms:
            form = "nil"
            if request.reading is BodyReading.FORM and request.shape is not None:
                form = form_fields_literal(request.shape, self.models)
            values.append(form)
        if self.raw_bodies:
            values.append("true" if request.reading is BodyReading.RAW else "false")
        return "&requestBody{" + ", ".join(values) + "}"

    def _param(self, plan: OperationPlan, param: Parameter) -> str:
        keys = path_param_keys(plan.op.path)
        shape = resolve(param.shape, self.models)
        kind = shape.kind.value
        item_kind = (
            resolve(shape.items, self.models).kind.value
            if shape.kind is ShapeKind.ARRAY and shape.items
            else ""
        )
        check_name = self.validators.named(
            self.names.validator(
                plan.name + "Param" + exported(param.location.value + "_" + param.name)
            ),
            param.shape,
            f"checks the {param.location.value} parameter {param.name} of {plan.op.operation_id}.",
            any_size=param.role in _PAGING_ROLES,
        )
        default = "nil"
        if shape.has_default and shape.default is not None:
            default = go_json_value(shape.default)
        gin_key = keys.get(param.name, "") if param.location is ParamLocation.PATH else ""
        explode = "true" if param.explode else "false"
        return (
            f"{{{go_string(param.name)}, {go_string(param.location.value)}, {go_string(gin_key)}, "
            f"{go_string(kind)}, {go_string(item_kind)}, {explode}, "
            f"{'true' if param.required else 'false'}, {default}, validate.{check_name}}}"
        )

    def _error(self, error: ErrorResponse) -> str:
        constant = _FAILURE_CONSTANTS[error.failure]
        if error.body is None or error.template is None:
            content_type = error.body.content_type if error.body else "application/problem+json"
            return f"{{{constant}, {error.status}, {go_string(content_type)}, nil}}"
        expression = self._error_body_expression(error.template)
        if expression not in self.error_bodies:
            function = f"errorBody{len(self.error_bodies) + 1}"
            self.error_bodies[expression] = (function, expression)
        function = self.error_bodies[expression][0]
        return f"{{{constant}, {error.status}, {go_string(error.body.content_type)}, {function}}}"

    @property
    def undeclared(self) -> list[tuple[str, str, str]]:
        """(gin path, method, Allow value) for every method a path does not document."""
        out = []
        for route in route_table(self.contract.api):
            for method in _UNDECLARED_METHODS:
                if method not in route.allow:
                    out.append((gin_path(route.path), method, ", ".join(route.allow)))
        return out

    @property
    def documented_paths(self) -> list[tuple[str, str]]:
        """(full gin path, Allow value) of every path, in the order a request's path is looked
        up: literal segments before parameters, so `/articles/feed` precedes `/articles/:p2`."""
        base = self.contract.api.base_path.rstrip("/")
        return [
            (base + gin_path(route.path), ", ".join(route.allow))
            for route in route_table(self.contract.api)
        ]

    @property
    def schemes(self) -> list[tuple[str, str, str, str]]:
        """(name, kind constant, in, parameter) of every security scheme."""
        kinds = {"basic": "auth.Basic", "api_key": "auth.APIKey"}
        out = []
        for scheme in self.contract.api.security_schemes:
            where = scheme.location.value if scheme.location else ""
            out.append(
                (
                    scheme.name,
                    kinds.get(scheme.kind.value, "auth.Bearer"),
                    where,
                    scheme.parameter_name or "",
                )
            )
        return out


def _string_lists(lists: tuple[tuple[str, ...], ...]) -> str:
    """`[][]string{{"a", "b"}, {}}`, or `nil` for none."""
    if not lists:
        return "nil"
    items = ", ".join("{" + ", ".join(go_string(s) for s in one) + "}" for one in lists)
    return f"[][]string{{{items}}}"


def binding_column(binding: FieldBinding) -> str | None:
    """The column a request property writes, when it writes one directly."""
    if binding.mode is FieldMode.COLUMN and not binding.read_only:
        return binding.column
    return None


__all__ = [
    "OperationPlan",
    "Planner",
    "TablePlan",
    "View",
    "binding_column",
    "default_literal",
    "write_type",
]
