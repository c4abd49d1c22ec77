"""How a repository reads rows with their related rows (one query per level) and writes links.

A *level* is one kind of row being rendered: the resource's own rows, or the related rows of one
relation. Rows of a level without relations map straight to their record; rows of a level with
relations map to a private `<Record>Columns` record first, and `with...Related` attaches the related
rows, loaded with one `IN (...)` query per relation (docs/relations.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.ir import Database, FieldBinding, FieldMode
from emitters.spring.layout import (
    WIDTH,
    Expression,
    arguments,
    assignment,
    string_constant,
)
from emitters.spring.naming import (
    HANDLER_NAMES,
    java_constant,
    java_string,
    sql_identifier,
    unique_names,
)
from emitters.spring.records import RecordView
from emitters.spring.soft_delete import deletion_mark


@dataclass(frozen=True)
class ColumnRead:
    """One column a level's row mapper reads."""

    name: str  # component of the Columns record
    type: str
    reader: str  # `Rows` method
    column: str

    @property
    def read(self) -> str:
        """The Java expression reading the column from `rs`."""
        parse = f", {self.type}::fromValue" if self.reader == "getEnum" else ""
        return f"Rows.{self.reader}(rs, {java_string(self.column)}{parse})"


@dataclass
class Relation:
    """The related rows of one property, loaded for all rows of a level at once."""

    component: str  # the record component it fills: `author`
    variable: str  # local map in the attach method: `author` (never a name the method uses)
    constant: str  # its SQL constant: `AUTHOR_SQL`
    group_column: str  # result column holding the owner's key
    owner_component: str  # the Columns component holding this level's key: `authorId`
    many: bool
    level: Level
    related_table: str
    related_key: str  # embedded / join: the related table's key; children: its foreign key
    order: tuple[str, ...]  # the related table's primary key
    join: tuple[str, str, str] | None  # join table, its column to the owner, to the related row
    live: str | None = None  # the condition of a related row not marked deleted

    @property
    def sql_pieces(self) -> list[str]:
        """The query, clause by clause: the related rows of the keys bound to `:keys`."""
        related = sql_identifier(self.related_table)
        columns = _quoted(tuple(self.level.sql_columns))
        if self.join is None:
            if self.group_column not in self.level.sql_columns:
                columns.append(sql_identifier(self.group_column))
            pieces = [
                f"SELECT {', '.join(columns)}",
                f" FROM {related}",
                f" WHERE {sql_identifier(self.group_column)} IN (:keys)",
            ]
            order = _quoted(self.order)
        else:
            table, left, right = (sql_identifier(name) for name in self.join)
            qualified = [f"{related}.{c}" for c in columns]
            pieces = [
                f"SELECT {', '.join(qualified)}, {table}.{left} AS {self.group_column}",
                f" FROM {related} JOIN {table}"
                f" ON {table}.{right} = {related}.{sql_identifier(self.related_key)}",
                f" WHERE {table}.{left} IN (:keys)",
            ]
            order = [f"{related}.{c}" for c in _quoted(self.order)]
        if self.live is not None:
            pieces.append(f" AND {self.live}")
        if self.many and order:
            pieces.append(f" ORDER BY {', '.join(order)}")
        return pieces

    @property
    def sql_declaration(self) -> str:
        return string_constant(f"private static final String {self.constant}", self.sql_pieces, 2)


@dataclass
class Level:
    record: RecordView
    mapper: str  # RowMapper constant: ROW, AUTHOR ...
    attach: str  # method attaching related rows: withRelated, withReviewRelated ...
    table: str
    columns: list[ColumnRead] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    keyed: bool = False  # rows map to a Columns record (relations or links need keys)

    @property
    def columns_record(self) -> str:
        return self.record.name + "Columns" if self.keyed else self.record.name

    @property
    def sql_columns(self) -> list[str]:
        return [c.column for c in self.columns]

    @property
    def mapper_declaration(self) -> str:
        """`private static final RowMapper<...> ROW = (rs, rowNumber) -> new ...(...);`."""
        target = f"  private static final RowMapper<{self.columns_record}> {self.mapper} ="
        construct = f"new {self.columns_record}({', '.join(c.read for c in self.columns)});"
        for candidate in (
            f"{target} (rs, rowNumber) -> {construct}",
            f"{target}\n      (rs, rowNumber) -> {construct}",
        ):
            if max(len(line) for line in candidate.splitlines()) <= WIDTH:
                return candidate
        reads = [c.read for c in self.columns]
        return f"{target}\n      (rs, rowNumber) ->\n" + arguments(
            f"new {self.columns_record}", reads, ";", 10
        )

    @property
    def loads(self) -> list[str]:
        """One statement per relation: its rows for all `rows`, keyed by their owner's key."""
        out = []
        for r in self.relations:
            keys: Expression = (
                "Related.keys",
                ["rows", f"{self.columns_record}::{r.owner_component}"],
            )
            load: Expression = (
                "related.load",
                [r.constant, java_string(r.group_column), keys, r.level.mapper],
            )
            if r.level.keyed:
                load = ("Related.attach", [load, f"this::{r.level.attach}"])
            target = r.level.record.name
            value_type = f"List<{target}>" if r.many else target
            out.append(
                assignment(
                    f"Map<Object, {value_type}> {r.variable}",
                    ("Related.many" if r.many else "Related.one", [load]),
                    4,
                )
            )
        return out

    @property
    def assemble(self) -> str:
        """`return rows.stream().map(row -> new Record(...)).toList();`, laid out."""
        construct = f"new {self.record.name}({', '.join(self.arguments)})"
        start, end = "    return rows.stream()", "        .toList();"
        for candidate in (
            f"{start}.map(row -> {construct}).toList();",
            f"{start}\n        .map(row -> {construct})\n{end}",
            f"{start}\n        .map(\n            row -> {construct})\n{end}",
        ):
            if max(len(line) for line in candidate.splitlines()) <= WIDTH:
                return candidate
        body = arguments(f"new {self.record.name}", self.arguments, ")", 16)
        return f"{start}\n        .map(\n            row ->\n{body}\n{end}"

    @property
    def columns_declaration(self) -> str:
        """The private record of the row as read."""
        components = [f"{c.type} {c.name}" for c in self.columns]
        return arguments(f"private record {self.columns_record}", components, " {}", 2)

    @property
    def arguments(self) -> list[str]:
        """The record's constructor arguments, over `row` (Columns) and the relations' maps."""
        by_field = {r.component: r for r in self.relations}
        args = []
        for f in self.record.fields:
            relation = by_field.get(f.name) if f.nested is not None else None
            if relation is None:
                args.append(f"row.{_component(self, f.column or '')}()")
                continue
            key = f"Related.key(row.{relation.owner_component}())"
            args.append(
                f"{relation.variable}.getOrDefault({key}, List.of())"
                if relation.many
                else f"{relation.variable}.get({key})"
            )
        return args


@dataclass(frozen=True)
class Link:
    """A join-table property a write links: `GENRES_LINK`, owner key from the written row."""

    property: str
    constant: str
    table: str
    owner_column: str
    related_column: str
    owner_component: str  # the root Columns component holding the owner key


@dataclass
class RowAccess:
    """Everything a repository needs to read and link its rows."""

    levels: list[Level]
    links: list[Link]

    @property
    def root(self) -> Level:
        return self.levels[0]

    @property
    def uses_related(self) -> bool:
        return bool(self.links) or any(level.relations for level in self.levels)


def row_access(
    row: RecordView, table: str, link_bindings: list[FieldBinding], database: Database
) -> RowAccess:
    """The levels under the resource's row record and the links its writes set."""
    levels: dict[str, Level] = {}
    root = _level(row, table, "ROW", "withRelated", levels, database)
    links = []
    for binding in link_bindings:
        left, right = binding.join_columns or ("", "")
        owner = _key_column(root, binding.owner_key or "")
        links.append(
            Link(
                binding.property,
                java_constant(binding.property) + "_LINK",
                binding.join_table or "",
                left,
                right,
                owner.name,
            )
        )
        root.keyed = True
    return RowAccess(list(levels.values()), links)


def _level(
    record: RecordView,
    table: str,
    mapper: str,
    attach: str,
    levels: dict[str, Level],
    database: Database,
) -> Level:
    if record.name in levels:
        return levels[record.name]
    level = Level(record, mapper, attach, table)
    levels[record.name] = level
    for f in record.fields:
        if f.column and f.nested is None:
            level.columns.append(ColumnRead(f.name, f.type, f.reader, f.column))
    prefix = "" if mapper == "ROW" else java_constant(record.name) + "_"
    for f in record.fields:
        binding = f.binding
        if f.nested is None or binding is None or not binding.related_table:
            continue
        nested = _level(
            f.nested,
            binding.related_table,
            java_constant(f.nested.name),
            f"with{f.nested.name}Related",
            levels,
            database,
        )
        level.relations.append(_relation(level, f.name, prefix, binding, nested, database))
        level.keyed = True
    variables = unique_names((r.component for r in level.relations), taken=HANDLER_NAMES)
    for relation, variable in zip(level.relations, variables, strict=True):
        relation.variable = variable
    return level


def _relation(
    level: Level,
    component: str,
    prefix: str,
    binding: FieldBinding,
    nested: Level,
    database: Database,
) -> Relation:
    related = binding.related_table or ""
    table = database.table(related)
    join = None
    if binding.mode is FieldMode.JOIN:
        left, right = binding.join_columns or ("", "")
        join = (binding.join_table or "", left, right)
        group = _alias("owner_key", nested.sql_columns)
        owner_column = binding.owner_key or ""
    else:
        group = binding.related_key or ""
        owner_column = (
            binding.column if binding.mode is FieldMode.EMBEDDED else binding.owner_key
        ) or ""
    owner = _key_column(level, owner_column)
    mark = binding.related_soft_delete
    return Relation(
        component=component,
        variable=component,
        constant=prefix + java_constant(binding.property) + "_SQL",
        group_column=group,
        owner_component=owner.name,
        many=binding.mode is not FieldMode.EMBEDDED,
        level=nested,
        related_table=related,
        related_key=binding.related_key or "",
        order=table.primary_key if table else (),
        join=join,
        live=deletion_mark(mark, table, qualified=join is not None).live
        if mark is not None and table is not None
        else None,
    )


def _key_column(level: Level, column: str) -> ColumnRead:
    """The read of `column` in the level, added as a plain key when the record lacks it."""
    for read in level.columns:
        if read.column == column:
            return read
    (name,) = unique_names([column], taken={c.name for c in level.columns})
    read = ColumnRead(name, "Object", "getObject", column)
    level.columns.append(read)
    return read


def _quoted(columns: tuple[str, ...]) -> list[str]:
    return [sql_identifier(c) for c in columns]


def _component(level: Level, column: str) -> str:
    return next(c.name for c in level.columns if c.column == column)


def _alias(name: str, taken: list[str]) -> str:
    while name in taken:
        name += "_"
    return name
