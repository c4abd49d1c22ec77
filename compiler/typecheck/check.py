"""Walk the bound API and check every binding against the database."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.codes import code
from compiler.diagnostics import DiagnosticSink, Location, Severity
from compiler.ir.api import (
    Api,
    FailureClass,
    FieldBinding,
    FieldMode,
    Operation,
    OperationKind,
    ParamRole,
)
from compiler.ir.database import Column, ColumnKind, Database, Table
from compiler.ir.shapes import Model, Shape, ShapeKind
from compiler.openapi.document import Document
from compiler.openapi.shapes import resolve_model
from compiler.typecheck.columns import (
    Finding,
    enum_problems,
    nullability_problem,
    size_problem,
    type_mismatch,
)

_CREATE_KINDS = (OperationKind.CREATE,)
_KEY_TEXT = frozenset({ColumnKind.VARCHAR, ColumnKind.TEXT})


@dataclass
class _Checker:
    doc: Document
    database: Database
    models: dict[str, Model]
    sink: DiagnosticSink

    def report(self, finding: Finding, spec_pointer: str, column: Column | None) -> None:
        location = (
            column.location
            if finding.at_column and column is not None
            else self._spec(spec_pointer)
        )
        severity = finding.severity or _severity(finding.code)
        self.sink.add(finding.code, severity, finding.message, location, finding.hint)

    def _spec(self, pointer: str) -> Location:
        return self.doc.locate(pointer)

    def operation(self, op: Operation) -> None:
        table = self.database.table(op.table) if op.table else None
        for error in op.errors:
            if not error.documented and error.failure is not FailureClass.NOT_IMPLEMENTED:
                self.sink.warning(
                    "CC109",
                    f"{op.method.upper()} {op.path} declares no response for {error.failure.value} "
                    f"(answers {error.status})",
                    op.location,
                    hint=f"declare a {error.status} response",
                )
        if table is None:
            return
        self.fields(op.request_fields, table, for_input=True, owner=op.operation_id)
        self.fields(op.response_fields, table, for_input=False, owner=op.operation_id)
        self.keys(op, table)
        if op.kind in _CREATE_KINDS and op.request_fields:
            self.create_coverage(op, table)

    def fields(
        self, fields: tuple[FieldBinding, ...], table: Table, for_input: bool, owner: str
    ) -> None:
        for field in fields:
            pointer = field.shape.pointer
            if field.mode is FieldMode.UNBOUND:
                self.sink.warning(
                    "CC101",
                    f"property {field.property!r} has no column in table {table.name}",
                    self._spec(pointer),
                    hint=f"add a column to {table.name}, or set x-contractc-column",
                )
                continue
            if field.mode is FieldMode.COLUMN and field.column is not None:
                column = table.column(field.column)
                if column is not None:
                    self.column(field, column, for_input)
                continue
            related = self.database.table(field.related_table or "")
            if related is not None and field.fields:
                self.fields(
                    field.fields, related, for_input and field.mode is not FieldMode.EMBEDDED, owner
                )

    def column(self, field: FieldBinding, column: Column, for_input: bool) -> None:
        shape = resolve_model(field.shape, self.models)
        pointer = field.shape.pointer
        findings: list[Finding | None] = [type_mismatch(shape, column.type, for_input)]
        if for_input:
            findings.append(size_problem(shape, column.type))
        findings.extend(enum_problems(shape, column, for_input))
        findings.append(nullability_problem(shape, column, field.required, for_input))
        for finding in findings:
            if finding is not None:
                self.report(finding, pointer, column)

    def keys(self, op: Operation, table: Table) -> None:
        for param in op.params(ParamRole.KEY, ParamRole.PARENT_KEY):
            owner = table
            if param.role is ParamRole.PARENT_KEY:
                scope = next((s for s in op.parents if s.param == param.name), None)
                owner = self.database.table(scope.parent_table) if scope else None
            column = owner.column(param.column) if owner is not None and param.column else None
            if column is None:
                continue
            problem = _key_problem(param.shape, column)
            if problem is not None:
                self.sink.error(
                    "CC108",
                    f"path parameter {{{param.name}}} is {problem[0]} but column {owner.name}.{column.name} "
                    f"is {column.type.sql}",
                    self._spec(param.shape.pointer) if param.shape.pointer else op.location,
                    hint=problem[1],
                )

    def create_coverage(self, op: Operation, table: Table) -> None:
        set_by_request = {
            f.column for f in op.request_fields if f.mode in (FieldMode.COLUMN, FieldMode.EMBEDDED)
        }
        set_by_path = {scope.child_column for scope in op.parents}
        for column in table.columns:
            if (
                column.has_server_value
                or column.name in set_by_request
                or column.name in set_by_path
            ):
                continue
            self.sink.error(
                "CC102",
                f"{op.method.upper()} {op.path} cannot set NOT NULL column {table.name}.{column.name}",
                column.location,
                hint=f"add a property for {column.name} to the request, or give the column a DEFAULT",
                subject=op.location,
            )


def _key_problem(shape: Shape, column: Column) -> tuple[str, str] | None:
    kind = column.type.kind
    if shape.kind is ShapeKind.INTEGER:
        if kind in (ColumnKind.SMALLINT, ColumnKind.INTEGER, ColumnKind.BIGINT, ColumnKind.DECIMAL):
            return None
        return "an integer", "declare the parameter as type: string"
    if shape.kind is ShapeKind.STRING:
        if kind is ColumnKind.UUID:
            return (
                None
                if shape.format == "uuid"
                else ("a string without format: uuid", "add format: uuid")
            )
        if kind in _KEY_TEXT or kind is ColumnKind.ENUM:
            return None
        if kind in (ColumnKind.SMALLINT, ColumnKind.INTEGER, ColumnKind.BIGINT):
            return "a string", "declare the parameter as type: integer"
        return "a string", "match the parameter type to the column"
    return None


def _severity(code_id: str) -> Severity:
    return code(code_id).severity


def typecheck(api: Api, database: Database, doc: Document, sink: DiagnosticSink) -> None:
    """Check every bound operation against the tables it uses (codes CC101-CC111, except CC110)."""
    checker = _Checker(doc, database, {m.name: m for m in api.models}, sink)
    for op in api.operations:
        checker.operation(op)
