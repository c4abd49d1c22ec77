"""Walk the bound API and check every binding against the database."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
from compiler.typecheck.create_coverage import unfilled_columns
from compiler.typecheck.envelopes import unfilled_envelope_properties
from compiler.typecheck.soft_delete_keys import (
    deletes_beside_unusable_marks,
    keys_holding_deleted_rows,
)
from compiler.typecheck.unhonoured import unhonoured

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
        for missing in unfilled_envelope_properties(op, self.models):
            self.sink.warning(
                "CC115",
                f"{op.method.upper()} {op.path} cannot fill the required envelope property"
                f" '{missing}': every response would lack it",
                op.location,
                hint="make it optional in the spec, or fill it in an after-hook of this operation",
            )
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
                    self.column(field, table, column, for_input)
                continue
            related = self.database.table(field.related_table or "")
            if related is not None and field.fields:
                self.fields(
                    field.fields, related, for_input and field.mode is not FieldMode.EMBEDDED, owner
                )

    def column(self, field: FieldBinding, table: Table, column: Column, for_input: bool) -> None:
        shape = resolve_model(field.shape, self.models)
        pointer = field.shape.pointer
        findings: list[Finding | None] = [type_mismatch(shape, column.type, for_input)]
        if for_input:
            findings.append(
                size_problem(
                    shape,
                    column.type,
                    f"property {field.property!r}",
                    f"{table.name}.{column.name}",
                )
            )
        findings.extend(enum_problems(shape, column, for_input))
        findings.append(nullability_problem(shape, column, field.required, for_input))
        site = f"{table.name}.{column.name}"
        for finding in findings:
            if finding is not None and site not in finding.message:
                message = f"property {field.property!r} (column {site}): {finding.message}"
                finding = replace(finding, message=message)
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
                described, hint = problem
                # any string for a UUID key: other strings match no row (a 404), not a type error
                severity = (
                    Severity.WARNING if column.type.kind is ColumnKind.UUID else Severity.ERROR
                )
                self.sink.add(
                    "CC108",
                    severity,
                    f"path parameter {{{param.name}}} is {described} but column {owner.name}.{column.name} "
                    f"is {column.type.sql}",
                    self._spec(param.shape.pointer) if param.shape.pointer else op.location,
                    hint,
                )

    def create_coverage(self, op: Operation, table: Table) -> None:
        for unfilled in unfilled_columns(op, table):
            location = (
                self._spec(unfilled.pointer) if unfilled.pointer else unfilled.column.location
            )
            self.sink.add(
                unfilled.code,
                unfilled.severity,
                unfilled.message,
                location,
                unfilled.hint,
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
    """Check every bound operation against the tables it uses (codes CC101-CC117, except CC110)."""
    checker = _Checker(doc, database, {m.name: m for m in api.models}, sink)
    for op in api.operations:
        checker.operation(op)
    for op, message, hint in unhonoured(api):
        sink.warning("CC116", message, op.location, hint=hint)
    for op, message, hint in deletes_beside_unusable_marks(api, database):
        sink.warning("CC116", message, op.location, hint=hint)
    for table, message, hint in keys_holding_deleted_rows(api, database):
        sink.warning("CC117", message, table.location, hint=hint)
