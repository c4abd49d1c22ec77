"""Tables as the Go code sees them: row types, repositories, services and their column fields."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import ColumnKind, Table
from emitters.gin.naming import ProjectNames, UniqueNames, exported
from emitters.gin.types import go_type


@dataclass(frozen=True)
class ColumnPlan:
    name: str  # SQL name
    field: str  # Go field of the row type
    type: str  # Go type of the row field (pointer when nullable)
    convert: str  # models function converting a driver value to the (non-pointer) type
    read: str  # Go expression converting driver value `v[i]`


@dataclass(frozen=True)
class TablePlan:
    name: str
    row_type: str  # models.<X>Row
    repository: str  # repositories.<X>
    service: str  # services.<X>Service
    hooks: str  # services.<X>Hooks
    field: str  # handler/service field name
    file: str  # the stem of its files in models/, repositories/ and services/
    columns: tuple[ColumnPlan, ...]
    key: tuple[str, ...]
    type_imports: tuple[str, ...]
    arrays: tuple[str, ...] = ()  # ARRAY columns
    mark: str = ""  # the `database.Mark` literal of a table that marks deleted rows

    @property
    def mark_var(self) -> str:
        """The repositories variable holding the table's deletion mark."""
        assert self.mark, f"{self.name} marks no deleted rows"
        return self.repository + "Mark"

    def column(self, name: str | None) -> ColumnPlan:
        found = next((c for c in self.columns if c.name == name), None)
        assert found is not None, f"{self.name}.{name} is not a column"
        return found


def table_plan(table: Table, names: ProjectNames, mark: str = "") -> TablePlan:
    """How the Go code sees `table`; `mark` is its `database.Mark` literal when it marks deleted rows."""
    columns: list[ColumnPlan] = []
    fields = UniqueNames()  # of the row type
    imports: set[str] = set()
    for column in table.columns:
        gt = go_type(column.type)
        field_name = fields.claim(exported(column.name))
        if column.nullable:
            type_name = "*" + gt.name
            read = f"models.Null(v[{len(columns)}], {gt.convert})"
        else:
            type_name = gt.name
            read = f"{gt.convert}(v[{len(columns)}])"
        if gt.name.startswith("json."):
            imports.add("encoding/json")
        if gt.name.startswith("time."):
            imports.add("time")
        columns.append(ColumnPlan(column.name, field_name, type_name, gt.convert, read))
    base = names.table(table.name)
    return TablePlan(
        name=table.name,
        row_type=base + "Row",
        repository=base,
        service=base + "Service",
        hooks=base + "Hooks",
        field=names.table_member(table.name),
        file=names.table_file(table.name),
        columns=tuple(columns),
        key=table.primary_key,
        type_imports=tuple(sorted(imports)),
        arrays=tuple(c.name for c in table.columns if c.type.kind is ColumnKind.ARRAY),
        mark=mark,
    )
