"""The IR seen from Java: records, resources and their operations, ready for the templates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compiler.ir import (
    Api,
    BodyReading,
    Contract,
    Database,
    FieldBinding,
    FieldMode,
    Model,
    Operation,
    OperationKind,
    PagingStyle,
    Parameter,
    ParamLocation,
    ParamRole,
    ShapeKind,
    Table,
)
from emitters.spring.javatypes import JavaType, java_type, parameter_type, resolve
from emitters.spring.layout import arguments
from emitters.spring.naming import (
    HANDLER_NAMES,
    java_class,
    java_class_prefix,
    java_field,
    java_package_segment,
    java_string,
    resource_prefix,
    unique_names,
)
from emitters.spring.records import (
    RecordField,
    RecordView,
    input_fields,
    model_name,
    response_record,
)
from emitters.spring.relations import RowAccess, row_access
from emitters.spring.soft_delete import DeletionMark, deletion_mark
from emitters.spring.sorting import SortView, sort_view

_STATUS_NAMES = {200: "OK", 201: "CREATED", 202: "ACCEPTED", 204: "NO_CONTENT"}
_MAPPINGS = {
    "get": "GetMapping",
    "post": "PostMapping",
    "put": "PutMapping",
    "patch": "PatchMapping",
    "delete": "DeleteMapping",
}
_PARAM_ANNOTATIONS = {
    ParamLocation.PATH: "PathVariable",
    ParamLocation.QUERY: "RequestParam",
    ParamLocation.HEADER: "RequestHeader",
    ParamLocation.COOKIE: "CookieValue",
}


@dataclass(frozen=True)
class Assignment:
    """One request property a write stores: a column value, an embedded key or join-table links."""

    field: RecordField
    binding: FieldBinding
    clear: bool  # a replace without it stores NULL (or no links)

    @property
    def accessor(self) -> str:
        return f"body.{self.field.name}()"

    @property
    def optional(self) -> bool:
        return self.field.input_optional

    @property
    def is_link(self) -> bool:
        return self.binding.mode is FieldMode.JOIN

    @property
    def key(self) -> str | None:
        """`GenreRef::id`: the key of a related object named in the body."""
        if self.binding.mode is FieldMode.COLUMN:
            return None
        reference = self.field.nested
        key = reference.field_named(self.binding.key_property or "") if reference else None
        assert reference is not None and key is not None, self.binding.property
        return f"{reference.name}::{key.name}"

    def value(self, expression: str) -> str:
        """What is stored for `expression` (the property's value): itself or the related key(s)."""
        if self.key is None:
            return expression
        helper = "keysOf" if self.is_link else "keyOf"
        return f"Related.{helper}({expression}, {self.key})"


@dataclass(frozen=True)
class ParamView:
    name: str  # Java name
    type: str
    annotation: str
    spec_name: str
    role: ParamRole
    column: str | None


@dataclass
class OperationView:
    op: Operation
    method: str  # Java method name
    mapping: str  # `@GetMapping("/pets/{petId}")`
    params: list[ParamView]
    body_type: str | None
    body_required: bool
    status: int
    status_name: str | None
    returns: str  # controller return type
    row: str | None = None
    page: RecordView | None = None
    assignments: list[Assignment] = field(default_factory=list)
    location: tuple[str, list[str]] | None = None  # (path template, Java arguments)
    call_record: RecordView | None = None
    reading: BodyReading = BodyReading.JSON
    sort: SortView | None = None
    parent_live: dict[str, str] = field(default_factory=dict)  # parent param -> live condition

    @property
    def kind(self) -> str:
        return self.op.kind.value

    @property
    def keys(self) -> list[tuple[str, str]]:
        """(column of this table, Java name): the row's own key, then the parents' foreign keys."""
        child_columns = {s.param: s.child_column for s in self.op.parents}
        out = []
        for p in self.params:
            if p.role is ParamRole.KEY and p.column:
                out.append((p.column, p.name))
            elif p.role is ParamRole.PARENT_KEY and p.spec_name in child_columns:
                out.append((child_columns[p.spec_name], p.name))
        return out

    @property
    def filters(self) -> list[ParamView]:
        return [p for p in self.params if p.role is ParamRole.FILTER and p.column]

    @property
    def parents(self) -> list[list[str]]:
        """The arguments of each parent check, outermost first: parent table, parent column (as
        Java strings), the Java expression of the key, and the live condition of a marked parent."""
        by_spec = {p.spec_name: p.name for p in self.params}
        return [
            [java_string(s.parent_table), java_string(s.parent_column), by_spec[s.param]]
            + ([java_string(self.parent_live[s.param])] if s.param in self.parent_live else [])
            for s in self.op.parents
            if s.param in by_spec
        ]

    @property
    def parent_assignments(self) -> list[tuple[str, str]]:
        by_spec = {p.spec_name: p.name for p in self.params}
        return [(s.child_column, by_spec[s.param]) for s in self.op.parents if s.param in by_spec]

    def signature(self, returns: str, indent: str = "  ") -> str:
        """`public T name(args) {`, on one line when it fits in 100 columns."""
        args = [f"{p.annotation} {p.type} {p.name}" for p in self.params]
        if self.body_type:
            args.append(f"{self._body_annotation}{self.body_type} {self.body_name}")
        return _signature(f"public {returns} {self.method}(", args, indent)

    @property
    def _body_annotation(self) -> str:
        """How the controller receives the body: bound JSON, the validated form, or unread."""
        if self.reading is BodyReading.RAW:
            return ""
        if self.reading is BodyReading.FORM:
            return (
                "@RequestAttribute(FormReader.ATTRIBUTE) "
                if self.body_required
                else "@RequestAttribute(name = FormReader.ATTRIBUTE, required = false) "
            )
        return "@RequestBody " if self.body_required else "@RequestBody(required = false) "

    @property
    def body_name(self) -> str:
        return "request" if self.reading is BodyReading.RAW else "body"

    def service_signature(self, returns: str) -> str:
        args = [f"{p.type} {p.name}" for p in self.params]
        if self.body_type:
            args.append(f"{self.body_type} {self.body_name}")
        return _signature(f"public {returns} {self.method}(", args, "  ")

    @property
    def service_arg_list(self) -> list[str]:
        names = [p.name for p in self.params]
        if self.body_type:
            names.append(self.body_name)
        return names

    @property
    def service_args(self) -> str:
        return ", ".join(self.service_arg_list)

    @property
    def paging_expr(self) -> tuple[str, str] | None:
        paging = self.op.paging
        if paging is None:
            return None
        by_spec = {p.spec_name: p for p in self.params}
        size = by_spec.get(paging.size_param)
        size_expr = (
            f"Paging.size({size.name}, {paging.default_size}, {paging.max_size})"
            if size
            else str(paging.default_size)
        )
        position = by_spec.get(paging.position_param or "")
        if position is None:
            return size_expr, "0"
        if paging.style is PagingStyle.PAGE_SIZE:
            return size_expr, f"Paging.offsetOfPage({position.name}, rowLimit)"
        return size_expr, f"Paging.offset({position.name})"

    @property
    def page_arguments(self) -> list[str]:
        """The envelope record's constructor arguments, in its component order."""
        values = self.page_values
        return [values[f.json_name] for f in self.page.fields] if self.page else []

    @property
    def page_values(self) -> dict[str, str]:
        """Envelope property -> Java expression over rows, total, limit, offset."""
        env = self.op.envelope
        if env is None:
            return {}
        values = {env.data_property: "rows"}
        if env.total_property:
            values[env.total_property] = "total"
        if env.page_property:
            values[env.page_property] = "rowLimit == 0 ? 1 : (int) (rowOffset / rowLimit) + 1"
        if env.size_property:
            values[env.size_property] = "rowLimit"
        return values


@dataclass
class ResourceView:
    name: str  # class prefix: Pets
    package: str  # feature package segment
    table: Table | None
    operations: list[OperationView]
    row: RecordView | None = None
    access: RowAccess | None = None  # levels of related rows and links (tables with a row record)
    mark: DeletionMark | None = None  # rows are marked deleted instead of removed

    @property
    def sorted(self) -> bool:
        """Whether a list of the resource orders its rows as the client asks."""
        return any(o.sort is not None for o in self.table_operations)

    @property
    def table_operations(self) -> list[OperationView]:
        return [o for o in self.operations if o.op.kind is not OperationKind.CUSTOM]

    @property
    def custom_operations(self) -> list[OperationView]:
        return [o for o in self.operations if o.op.kind is OperationKind.CUSTOM]

    @property
    def has_parents(self) -> bool:
        return any(o.op.parents for o in self.table_operations)

    @property
    def link_bindings(self) -> list[FieldBinding]:
        """The join-table properties the resource's writes link, once each."""
        found: dict[str, FieldBinding] = {}
        for o in self.table_operations:
            for a in o.assignments:
                if a.is_link:
                    found.setdefault(a.binding.property, a.binding)
        return list(found.values())


def _signature(start: str, args: list[str], indent: str) -> str:
    """`start(args) {` laid out, without the leading indent (the template writes it)."""
    return arguments(start.removesuffix("("), args, " {", len(indent)).lstrip()


@dataclass
class ProjectViews:
    resources: list[ResourceView]
    records: list[RecordView]


def build_views(contract: Contract) -> ProjectViews:
    """Group operations by resource and derive every record the controllers exchange."""
    api = contract.api
    models = {m.name: m for m in api.models}
    records: dict[str, RecordView] = {}
    resources: dict[str, ResourceView] = {}
    for op in api.operations:
        key = op.table or op.resource
        resource = resources.get(key)
        if resource is None:
            resource = ResourceView(resource_prefix(key), java_package_segment(key), None, [])
            resources[key] = resource
        if resource.table is None and op.table:
            resource.table = contract.database.table(op.table)
        view = _operation(op, api, models, records, resource)
        _add_rules(view, resource, contract.database)
        resource.operations.append(view)
    for resource in resources.values():
        methods = unique_names(o.op.operation_id for o in resource.operations)
        for view, method in zip(resource.operations, methods, strict=True):
            view.method = method
        if resource.table is not None:
            resource.row = _row_record(resource, records, models)
            _use_row(resource)
            for view in resource.table_operations:
                if view.status == 201 and view.kind == "create" and resource.row is not None:
                    view.location = _location(view.op, api, view, resource.row)
            if resource.row is not None:
                resource.access = row_access(
                    resource.row, resource.table.name, resource.link_bindings, contract.database
                )
    return ProjectViews(list(resources.values()), _exchanged(list(resources.values()), records))


def _add_rules(view: OperationView, resource: ResourceView, database: Database) -> None:
    """The operation's sorting whitelist, and the deletion marks of its table and parents."""
    if view.op.sorting is not None:
        java_names = {p.spec_name: (p.name, p.type) for p in view.params}
        view.sort = sort_view(view.op.sorting, view.op.operation_id, java_names)
    if view.op.soft_delete is not None and resource.table is not None:
        resource.mark = deletion_mark(view.op.soft_delete, resource.table)
    for scope in view.op.parents:
        parent = database.table(scope.parent_table)
        if scope.soft_delete is not None and parent is not None:
            view.parent_live[scope.param] = deletion_mark(scope.soft_delete, parent).live


def _exchanged(resources: list[ResourceView], records: dict[str, RecordView]) -> list[RecordView]:
    """The records the operations exchange and the records inside them, by name.

    A resource reads all its rows through one record, so the other row records its operations
    named are left out.
    """
    pending = [r.row.name for r in resources if r.row is not None]
    for o in (o for r in resources for o in r.operations):
        pending += [o.returns, o.body_type or ""]
        if o.call_record is not None:
            pending.append(o.call_record.name)
    used: dict[str, RecordView] = {}
    while pending:
        for name in re.findall(r"\b[A-Z]\w*", pending.pop()):
            if name in records and name not in used:
                used[name] = records[name]
                pending += [f.type for f in records[name].fields]
    return sorted(used.values(), key=lambda r: r.name)


def _operation(
    op: Operation,
    api: Api,
    models: dict[str, Model],
    records: dict[str, RecordView],
    resource: ResourceView,
) -> OperationView:
    names = unique_names((p.name for p in op.parameters), taken=HANDLER_NAMES)
    params = [_param(p, name, models) for p, name in zip(op.parameters, names, strict=True)]
    status = int(op.success.status) if op.success.status.isdigit() else 200
    view = OperationView(
        op=op,
        method=java_field(op.operation_id),
        mapping=f"@{_MAPPINGS.get(op.method, 'RequestMapping')}({java_string(op.path)})",
        params=params,
        body_type=None,
        body_required=op.request.required if op.request else False,
        status=status,
        status_name=_STATUS_NAMES.get(status),
        returns="ResponseEntity<?>",
    )
    if op.kind is OperationKind.CUSTOM:
        view.reading = op.body_reading
        if op.request is not None:
            raw = view.reading is BodyReading.RAW
            view.body_type = "HttpServletRequest" if raw else "JsonNode"
        view.call_record = _call_record(op, view)
        records[view.call_record.name] = view.call_record
        return view
    if op.request is not None and op.kind in (
        OperationKind.CREATE,
        OperationKind.REPLACE,
        OperationKind.PATCH,
    ):
        body = _input_record(op, models, records)
        view.body_type = body.name
        clears = op.kind is OperationKind.REPLACE
        # the record may be shared with a create; this operation stores only what it may write
        read_only_here = {f.property for f in op.request_fields if f.read_only}
        view.assignments = [
            Assignment(
                f,
                f.binding,
                clears
                and f.input_optional
                and (f.binding.shape.nullable or f.binding.mode is FieldMode.JOIN),
            )
            for f in body.fields
            if f.binding is not None and f.binding.property not in read_only_here
        ]
    if op.kind is OperationKind.DELETE or not (op.response_fields or _returns_rows(op)):
        view.returns = "ResponseEntity<Void>"
        return view
    row_name = _row_name(op, models)
    view.row = row_name
    existing = records.get(row_name)
    if existing is None or len(op.response_fields) > len(existing.fields):
        records[row_name] = response_record(row_name, op.response_fields, models, records)
    if op.kind is OperationKind.LIST:
        if op.envelope is not None and not op.envelope.path:
            view.page = _page_record(op, models, row_name)
            records[view.page.name] = view.page
            view.returns = view.page.name
        else:
            view.returns = f"List<{row_name}>"
    else:
        view.returns = f"ResponseEntity<{row_name}>"
    return view


def _returns_rows(op: Operation) -> bool:
    """A list or read always answers with rows: empty objects when the spec binds no field."""
    return op.kind in (OperationKind.LIST, OperationKind.READ)


def _param(p: Parameter, name: str, models: dict[str, Model]) -> ParamView:
    jtype = parameter_type(p.shape, models)
    shape = resolve(p.shape, models)
    if shape.kind is ShapeKind.ARRAY and shape.items is not None:
        type_name = f"List<{java_type(shape.items, models).name}>"
    elif jtype.is_json:
        type_name = "String"
    else:
        type_name = jtype.name
    annotation = _PARAM_ANNOTATIONS[p.location]
    if p.location is ParamLocation.PATH:
        ann = f"@{annotation}({java_string(p.name)})"
    else:
        ann = f"@{annotation}(name = {java_string(p.name)}, required = false)"
    return ParamView(name, type_name, ann, p.name, p.role, p.column)


def _row_name(op: Operation, models: dict[str, Model]) -> str:
    body = op.success.body.shape if op.success.body else None
    if op.kind is OperationKind.LIST and op.envelope is not None and body is not None:
        envelope = resolve(body, models)
        data = envelope.find_property(op.envelope.data_property)
        body = data.shape if data else None
    name = model_name(body)
    return java_class(name) if name else java_class_prefix(op.table or op.resource) + "Row"


def _input_record(
    op: Operation, models: dict[str, Model], records: dict[str, RecordView]
) -> RecordView:
    model = model_name(op.request.shape if op.request else None)
    base = java_class(model) if model else java_class_prefix(op.operation_id) + "Request"
    name = base + "Input" if base in records and not records[base].is_input else base
    fields, imports = input_fields(base, op.request_fields, models, records)
    shape = resolve(op.request.shape, models) if op.request and op.request.shape else None
    bound = {f.json_name for f in fields}
    ignored = sorted(p.name for p in shape.properties if p.name not in bound) if shape else []
    ignore_unknown = shape is None or shape.additional_properties is not False
    view = RecordView(
        name,
        fields,
        imports,
        "A request body as the service accepts it.",
        ignored,
        ignore_unknown,
        is_input=True,
    )
    previous = records.get(name)
    if previous is None or len(previous.fields) < len(fields):
        records[name] = view
    return records[name]


def _page_record(op: Operation, models: dict[str, Model], row: str) -> RecordView:
    shape = (
        resolve(op.success.body.shape, models)
        if op.success.body and op.success.body.shape
        else None
    )
    name = (
        model_name(op.success.body.shape if op.success.body else None)
        or java_class_prefix(op.operation_id) + "Page"
    )
    env = op.envelope
    assert env is not None
    types = {
        env.data_property: f"List<{row}>",
        env.total_property: "Long",
        env.page_property: "Integer",
        env.size_property: "Integer",
    }
    names = [p.name for p in shape.properties] if shape else list(types)
    shown = [n for n in names if n in types and n is not None]
    fields = [
        RecordField(n, java_name, types[n])
        for n, java_name in zip(shown, unique_names(shown), strict=True)
    ]
    return RecordView(
        java_class(name),
        fields,
        {"java.util.List"},
        "One page of rows, as the spec's envelope says.",
    )


def _call_record(op: Operation, view: OperationView) -> RecordView:
    fields = [RecordField(p.spec_name, p.name, p.type) for p in view.params]
    imports = {"java.util.List"} if any(p.type.startswith("List<") for p in view.params) else set()
    imports.update(_type_imports(p.type) for p in view.params)
    description = f"The validated inputs of {op.operation_id}."
    if view.reading is BodyReading.RAW:
        fields.append(RecordField("request", "request", "HttpServletRequest"))
        imports.add("jakarta.servlet.http.HttpServletRequest")
        description += " The body is left unread: take it from the request."
    elif op.request is not None:
        fields.append(RecordField("body", "body", "JsonNode"))
        imports.add("com.fasterxml.jackson.databind.JsonNode")
        if view.reading is BodyReading.FORM:
            description += " File parts of the form are binary nodes: read them with binaryValue()."
    imports.discard("")
    return RecordView(java_class_prefix(op.operation_id) + "Call", fields, imports, description)


def _type_imports(type_name: str) -> str:
    for jtype_name, module in (
        ("UUID", "java.util.UUID"),
        ("OffsetDateTime", "java.time.OffsetDateTime"),
        ("LocalDate", "java.time.LocalDate"),
        ("BigDecimal", "java.math.BigDecimal"),
        ("BigInteger", "java.math.BigInteger"),
    ):
        if jtype_name in type_name:
            return module
    return ""


def _location(
    op: Operation, api: Api, view: OperationView, row: RecordView
) -> tuple[str, list[str]] | None:
    """The Location of a created row: the read operation's path with the new row's key."""
    read = next(
        (
            o
            for o in api.operations
            if o.kind is OperationKind.READ and o.table == op.table and o.path.startswith(op.path)
        ),
        None,
    )
    if read is None:
        return None
    by_spec = {p.spec_name: p.name for p in view.params}
    key_columns = {p.name: p.column for p in read.params(ParamRole.KEY)}
    args = []
    for name in re.findall(r"\{([^}]+)\}", read.path):
        if name in key_columns:
            prop = next(
                (
                    f.property
                    for f in op.response_fields
                    if f.mode is FieldMode.COLUMN and f.column == key_columns[name]
                ),
                None,
            )
            component = row.field_named(prop) if prop is not None else None
            if component is None:
                return None
            args.append(f"created.{component.name}()")
        elif name in by_spec:
            args.append(by_spec[name])
        else:
            return None
    return api.base_path + read.path, args


def _use_row(resource: ResourceView) -> None:
    """Every table operation of a resource reads rows through the resource's one row record."""
    if resource.row is None:
        return
    row = resource.row.name
    for view in resource.table_operations:
        if view.row and view.row != row:
            named = re.compile(rf"\b{view.row}\b")
            view.returns = named.sub(row, view.returns)
            if view.page is not None:
                view.page.fields = [
                    RecordField(f.json_name, f.name, named.sub(row, f.type))
                    for f in view.page.fields
                ]
            view.row = row


def _row_record(
    resource: ResourceView, records: dict[str, RecordView], models: dict[str, Model]
) -> RecordView | None:
    """The record a resource's table operations read rows through: the widest one they name, or,
    when none names one (a table bound only by a delete), an empty row record of its own."""
    if not resource.table_operations:
        return None
    rows = [records[o.row] for o in resource.table_operations if o.row in records]
    if rows:
        return max(rows, key=lambda r: len(r.fields))
    name = f"{resource.name}Row"
    while name in records or name in models:
        name += "_"
    records[name] = response_record(name, (), models, records)
    return records[name]


__all__ = ["JavaType", "OperationView", "ProjectViews", "RecordView", "ResourceView", "build_views"]
