"""Response views: the Go struct each response object renders as, and, for views with related rows
(docs/relations.md), the repository function that loads those rows one `IN (...)` query per level.

Every column and key comes from the IR's field bindings; nothing is looked up from foreign keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compiler.ir import FieldBinding, FieldMode, Model, Shape, ShapeKind
from emitters.gin.naming import ProjectNames, UniqueNames, exported, go_string, json_tag
from emitters.gin.tables import ColumnPlan, TablePlan


@dataclass(frozen=True)
class ViewField:
    name: str
    type: str
    tag: str
    value: str  # Go expression over `row`; "" for a relation, which the loader fills


@dataclass(frozen=True)
class Relation:
    """One embedded object or array of a view and the Go function that loads it for many rows."""

    function: str  # unexported loader: loadBookAuthor
    doc: str
    lines: tuple[str, ...]  # the function body


@dataclass(frozen=True)
class View:
    name: str  # models.<Name>
    fields: tuple[ViewField, ...]
    row_type: str
    table: str
    relations: tuple[Relation, ...] = ()

    @property
    def loader(self) -> str:
        """The exported repository function rendering rows with their related rows."""
        return "Load" + self.name


TableLookup = Callable[[str], TablePlan]


class ViewPlanner:
    """Builds each distinct (table, fields) view once, nested views first."""

    def __init__(self, models: dict[str, Model], table: TableLookup, names: ProjectNames) -> None:
        self.models = models
        self.table = table
        self.names = names
        self.views: dict[tuple[str, str], View] = {}

    def view(self, table_name: str, fields: tuple[FieldBinding, ...], model: str | None) -> View:
        key = (table_name, repr(fields))
        if key not in self.views:
            table = self.table(table_name)
            name = self.names.view(model or table.name)
            by_column = {c.name: c for c in table.columns}
            names = UniqueNames()
            out: list[ViewField] = []
            relations: list[Relation] = []
            for binding in fields:
                if binding.write_only:
                    continue
                if binding.mode is FieldMode.COLUMN and binding.column in by_column:
                    out.append(self._column_field(binding, by_column[binding.column], names))
                elif binding.mode in (FieldMode.EMBEDDED, FieldMode.CHILDREN, FieldMode.JOIN):
                    nested = self.view(
                        binding.related_table or "", binding.fields, self._model(binding.shape)
                    )
                    field_name = names.claim(exported(binding.property))
                    out.append(self._relation_field(binding, field_name, nested))
                    relations.append(_relation(binding, name, field_name, table, nested, self))
            self.views[key] = View(name, tuple(out), table.row_type, table.name, tuple(relations))
        return self.views[key]

    def _column_field(
        self, binding: FieldBinding, column: ColumnPlan, names: UniqueNames
    ) -> ViewField:
        nullable_out = binding.shape.nullable or ref_nullable(binding.shape, self.models)
        omit = "" if (nullable_out or not column.type.startswith("*")) else ",omitempty"
        return ViewField(
            name=names.claim(exported(binding.property)),
            type=column.type,
            tag=json_tag(binding.property, omit),
            value=f"row.{column.field}",
        )

    def _relation_field(self, binding: FieldBinding, field_name: str, nested: View) -> ViewField:
        if binding.mode is FieldMode.EMBEDDED:
            nullable = binding.shape.nullable or ref_nullable(binding.shape, self.models)
            omit = "" if nullable else ",omitempty"
            return ViewField(field_name, f"*{nested.name}", json_tag(binding.property, omit), "")
        return ViewField(field_name, f"[]{nested.name}", json_tag(binding.property), "")

    def _model(self, shape: Shape) -> str | None:
        """The schema name the related objects are declared as (through arrays and nullables)."""
        seen: set[str] = set()
        while True:
            if shape.kind is ShapeKind.ARRAY and shape.items is not None:
                shape = shape.items
            elif shape.kind is ShapeKind.REF and shape.ref in self.models:
                if shape.ref in seen or self.models[shape.ref].shape.kind is not ShapeKind.REF:
                    return shape.ref
                seen.add(shape.ref)
                shape = self.models[shape.ref].shape
            else:
                return None


def ref_nullable(shape: Shape, models: dict[str, Model]) -> bool:
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = models[shape.ref].shape
        if shape.nullable:
            return True
    return shape.nullable


def _collect(rows: str, column: ColumnPlan, into: str) -> list[str]:
    """Lines appending `row.<column>` of every row to `into`, skipping NULLs."""
    value = f"row.{column.field}"
    if column.type.startswith("*"):
        return [
            f"for _, row := range {rows} {{",
            f"\tif {value} != nil {{",
            f"\t\t{into} = append({into}, *{value})",
            "\t}",
            "}",
        ]
    return [f"for _, row := range {rows} {{", f"\t{into} = append({into}, {value})", "}"]


def _render(nested: View, source: str) -> list[str]:
    """Lines rendering the rows in `source` as `views` (loading their own related rows)."""
    if nested.relations:
        return [
            f"views, err := {nested.loader}(ctx, q, dialect, {source})",
            "if err != nil {",
            "\treturn err",
            "}",
        ]
    return [f"views := models.Views({source}, models.New{nested.name})"]


def _relation(
    binding: FieldBinding,
    view_name: str,
    field_name: str,
    table: TablePlan,
    nested: View,
    planner: ViewPlanner,
) -> Relation:
    related = planner.table(nested.table)
    function = planner.names.repositories.claim(f"load{view_name}{field_name}")
    repository = f"New{related.repository}(dialect)"
    if binding.mode is FieldMode.EMBEDDED:
        own = table.column(binding.column)
        key = related.column(binding.related_key)
        lines = [
            f"keys := make([]{own.type.lstrip('*')}, 0, len(rows))",
            *_collect("rows", own, "keys"),
            f"related, err := {repository}.ListIn(ctx, q, {go_string(key.name)}, distinct(keys))",
            "if err != nil {",
            "\treturn err",
            "}",
            *_render(nested, "related"),
            f"byKey := make(map[{key.type.lstrip('*')}]*models.{nested.name}, len(related))",
            "for i, row := range related {",
            *_guarded(key, "byKey[{value}] = &views[i]"),
            "}",
            "for i, row := range rows {",
            *_guarded(own, f"out[i].{field_name} = byKey[{{value}}]"),
            "}",
            "return nil",
        ]
        doc = f"sets each {view_name}'s {binding.property}: the {related.name} row {own.name} points to."
        return Relation(function, doc, tuple(lines))
    owner = table.column(binding.owner_key)
    owner_type = owner.type.lstrip("*")
    head = [f"keys := make([]{owner_type}, 0, len(rows))", *_collect("rows", owner, "keys")]
    # related rows marked deleted are left out of the array
    live = f", {related.mark_var}.Live()" if binding.related_soft_delete is not None else ""
    if binding.mode is FieldMode.CHILDREN:
        child = related.column(binding.related_key)
        load = [
            f"related, err := {repository}.ListIn(ctx, q, {go_string(child.name)}, distinct(keys){live})",
            "if err != nil {",
            "\treturn err",
            "}",
            *_render(nested, "related"),
            f"groups := make(map[{owner_type}][]models.{nested.name}, len(rows))",
            "for i, row := range related {",
            *_guarded(child, "groups[{value}] = append(groups[{value}], views[i])"),
            "}",
        ]
        doc = f"sets each {view_name}'s {binding.property}: the {related.name} rows whose {child.name} points to it."
    else:
        assert binding.join_table and binding.join_columns, binding
        left, right = binding.join_columns
        link = (
            f"database.Link{{Table: {go_string(binding.join_table)}, Owner: {go_string(left)}, "
            f"Related: {go_string(right)}}}"
        )
        load = [
            f"related, owners, err := {repository}.ListLinked(ctx, q, {link}, "
            f"{go_string(binding.related_key or '')}, distinct(keys){live})",
            "if err != nil {",
            "\treturn err",
            "}",
            *_render(nested, "related"),
            f"groups := make(map[{owner_type}][]models.{nested.name}, len(rows))",
            "for i, owner := range owners {",
            f"\tkey := {owner.convert}(owner)",
            "\tgroups[key] = append(groups[key], views[i])",
            "}",
        ]
        doc = f"sets each {view_name}'s {binding.property}: the {related.name} rows linked through {binding.join_table}."
    tail = [
        "for i, row := range rows {",
        *_guarded(
            owner,
            f"out[i].{field_name} = append([]models.{nested.name}{{}}, groups[{{value}}]...)",
            otherwise=f"out[i].{field_name} = []models.{nested.name}{{}}",
        ),
        "}",
        "return nil",
    ]
    return Relation(function, doc, tuple(head + load + tail))


def _guarded(column: ColumnPlan, statement: str, otherwise: str = "") -> list[str]:
    """`statement` with {value} as the column of `row`, under a nil check when it is nullable."""
    value = f"row.{column.field}"
    if not column.type.startswith("*"):
        return ["\t" + statement.replace("{value}", value)]
    lines = [f"\tif {value} != nil {{", "\t\t" + statement.replace("{value}", "*" + value)]
    if otherwise:
        lines += ["\t} else {", "\t\t" + otherwise]
    return [*lines, "\t}"]


__all__ = ["Relation", "View", "ViewField", "ViewPlanner", "ref_nullable"]
