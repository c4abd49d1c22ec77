"""`infer_database`: PostgreSQL tables derived from the spec when no SQL is given.

A table per schema that a collection route lists or creates (`Pet` -> `pets`; an inline row is named
after its path), `id` as primary key (identity, or uuid by format), columns typed from property
types, formats and maxLength, and foreign keys from `xxxId` properties and embedded objects that
name another inferred table. Tables come in dependency order.

Creates must succeed on the tables inferred, so a column is NOT NULL only when the row requires
it and every create either requires it too or leaves it to the database: a spec `default`
becomes the column's DEFAULT, a readOnly `date-time`/`date` is set by `now()`/`CURRENT_DATE`. An
array of rows of another inferred table is a relation, not a column: that table's foreign key
back (a nested route's parent), or else a join table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from compiler.binder.envelope import list_rows, single_row
from compiler.binder.naming import is_lifecycle_timestamp, plural, singular, snake_case
from compiler.binder.prepare import PreparedOperation, prepare_operation
from compiler.binder.spec import raw_operations
from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.api import OperationKind
from compiler.ir.database import (
    Column,
    ColumnDefault,
    ColumnKind,
    ColumnType,
    Database,
    DefaultKind,
    ForeignKey,
    ReferentialAction,
    Table,
    UniqueConstraint,
)
from compiler.ir.shapes import Model, Property, Shape, ShapeKind
from compiler.openapi.document import Document
from compiler.openapi.shapes import resolve_model

_BIGINT = ColumnType(ColumnKind.BIGINT, "bigint")
_CASCADE = ReferentialAction.CASCADE
_UUID = ColumnType(ColumnKind.UUID, "uuid")
_STRING_FORMATS = {
    "date-time": ColumnType(ColumnKind.TIMESTAMP, "timestamptz", timezone=True),
    "date": ColumnType(ColumnKind.DATE, "date"),
    "time": ColumnType(ColumnKind.TIME, "time"),
    "uuid": _UUID,
    "byte": ColumnType(ColumnKind.BYTES, "bytea"),
    "binary": ColumnType(ColumnKind.BYTES, "bytea"),
}


@dataclass
class _Source:
    """A row shape that becomes a table, with what its routes say about keys and parents."""

    table: str
    row: Shape  # resolved object shape
    pointer: str
    unique: set[str] = field(default_factory=set)  # properties that item routes use as keys
    parents: set[str] = field(default_factory=set)  # tables of the collections it is nested in
    creates: list[Shape] = field(default_factory=list)  # request rows of the creates (resolved)


def infer_database(doc: Document, models: tuple[Model, ...], sink: DiagnosticSink) -> Database:
    """Tables for the rows that the spec's collection routes list or create."""
    by_name = {m.name: m for m in models}
    prepared = [prepare_operation(doc, raw) for raw in raw_operations(doc)]
    sources = _sources(prepared, by_name)
    keys = {name: _key(source, by_name) for name, source in sources.items()}
    tables = []
    for name in sorted(sources):
        table = _table(doc, sources[name], keys, by_name)
        sink.info(
            "CC405",
            f"table {name} inferred from the spec",
            table.location,
            hint="pass the SQL files after the spec to bind to real tables",
        )
        tables.append(table)
    tables += _join_tables(doc, sources, tables, keys, by_name)
    return Database(dialect="postgres", tables=_dependency_order(tables), inferred=True)


def _sources(operations: list[PreparedOperation], models: dict[str, Model]) -> dict[str, _Source]:
    found: dict[str, _Source] = {}
    by_literal: dict[str, str] = {}
    for prepared in operations:
        kind = prepared.natural_kind
        if kind not in (OperationKind.LIST, OperationKind.CREATE) or prepared.route.prefix:
            continue
        if kind is OperationKind.CREATE and not prepared.json_request:
            continue
        body = prepared.success(kind).body
        shape = body.shape if body is not None else None
        located = (
            list_rows(shape, models)
            if kind is OperationKind.LIST
            else single_row(shape, models, None)
        )
        if located is None:
            continue
        row = located.row
        name = (
            plural(snake_case(row.ref))
            if row.kind is ShapeKind.REF and row.ref
            else plural(snake_case(prepared.route.resource or ""))
        )
        resolved = resolve_model(row, models)
        if name and resolved.kind is ShapeKind.OBJECT and resolved.properties:
            if name in found:
                _merge_row(found[name], resolved)
            else:
                found[name] = _Source(name, resolved, resolved.pointer or row.pointer)
            by_literal.setdefault(prepared.route.resource or "", name)
            creates_here = plural(snake_case(prepared.route.resource or "")) == name
            if kind is OperationKind.CREATE and creates_here:  # not an action answering a row
                found[name].creates.append(_request_row(prepared, models))
    for prepared in operations:
        route = prepared.route
        source = found.get(by_literal.get(route.resource or "", ""))
        if source is None or route.prefix:
            continue
        keyed_by = _keyed_property(source, route.key, route.resource or "")
        if keyed_by is not None and keyed_by != "id":
            source.unique.add(keyed_by)
        source.parents.update(by_literal[p] for p, _ in route.parents if p in by_literal)
    return found


def _keyed_property(source: _Source, key: str | None, resource: str) -> str | None:
    """The row property an item route's key names: `code` for `{code}` or `{speciesCode}`."""
    if key is None:
        return None
    wanted = {snake_case(key)}
    prefix = singular(snake_case(resource)) + "_"
    if snake_case(key).startswith(prefix):
        wanted.add(snake_case(key)[len(prefix) :])
    return next((p.name for p in source.row.properties if snake_case(p.name) in wanted), None)


def _request_row(prepared: PreparedOperation, models: dict[str, Model]) -> Shape:
    request = prepared.request.shape if prepared.request is not None else None
    located = single_row(request, models, None)
    return resolve_model(located.row, models) if located is not None else Shape(ShapeKind.OBJECT)


def _merge_row(source: _Source, row: Shape) -> None:
    """Add the properties another route shows for the same table."""
    known = {p.name for p in source.row.properties}
    extra = tuple(p for p in row.properties if p.name not in known)
    if extra:
        source.row = replace(source.row, properties=source.row.properties + extra)


@dataclass(frozen=True)
class _Key:
    """A table's primary key column: `id`, or the natural key its item routes use."""

    column: str
    type: ColumnType


def _key(source: _Source, models: dict[str, Model]) -> _Key:
    prop = source.row.find_property("id")
    natural = next((p for p in source.row.properties if p.name in source.unique), None)
    if prop is None and natural is not None:
        return _Key(snake_case(natural.name), _column_type(resolve_model(natural.shape, models)))
    if prop is not None and prop.shape.kind is ShapeKind.STRING:
        text = ColumnType(ColumnKind.TEXT, "text")
        return _Key("id", _UUID if prop.shape.format == "uuid" else text)
    if prop is not None and prop.shape.format == "int32":
        return _Key("id", ColumnType(ColumnKind.INTEGER, "integer"))
    return _Key("id", _BIGINT)


def _table(
    doc: Document, source: _Source, keys: dict[str, _Key], models: dict[str, Model]
) -> Table:
    location = doc.locate(source.pointer)
    key = keys[source.table]
    columns: list[Column] = []
    foreign_keys: list[ForeignKey] = []
    if source.row.find_property(key.column) is None and key.column == "id":
        columns.append(_key_column("id", key.type, location))
    for prop in source.row.properties:
        prop_location = doc.locate(prop.shape.pointer)
        if prop.name == "id":
            columns.append(_key_column("id", key.type, prop_location))
            continue
        if _related_rows(prop, keys, models) is not None:
            continue  # a relation: the other table's foreign key, or a join table
        target = _referenced_table(prop, keys, models)
        if target is not None:
            column_name = _reference_column(prop, keys[target])
            nullable = _nullable(prop, source)
            columns.append(Column(column_name, keys[target].type, nullable, prop_location))
            foreign_keys.append(_reference(column_name, target, keys, prop_location))
            continue
        shape = resolve_model(prop.shape, models)
        enum = tuple(str(v) for v in shape.enum or () if isinstance(v, str))
        name = snake_case(prop.name)
        columns.append(
            Column(
                name,
                _column_type(shape),
                _nullable(prop, source) and name != key.column,
                prop_location,
                default=_default(prop, shape),
                check_values=enum,
            )
        )
    for parent in sorted(source.parents - {source.table}):
        column_name = singular(parent) + "_id"
        present = next((i for i, c in enumerate(columns) if c.name == column_name), None)
        if present is None:
            columns.append(Column(column_name, keys[parent].type, False, location))
            foreign_keys.append(_reference(column_name, parent, keys, location))
        else:  # the nested route's path always sets it
            columns[present] = replace(columns[present], nullable=False)
    uniques = tuple(
        UniqueConstraint((snake_case(name),))
        for name in sorted(source.unique)
        if snake_case(name) != key.column
    )
    return Table(
        source.table,
        _unique_names(columns),
        (key.column,),
        location,
        tuple(foreign_keys),
        uniques,
    )


def _reference(
    column: str,
    table: str,
    keys: dict[str, _Key],
    location: Location,
    on_delete: ReferentialAction = ReferentialAction.NO_ACTION,
) -> ForeignKey:
    return ForeignKey((column,), table, (keys[table].column,), location, on_delete=on_delete)


def _join_tables(
    doc: Document,
    sources: dict[str, _Source],
    tables: list[Table],
    keys: dict[str, _Key],
    models: dict[str, Model],
) -> list[Table]:
    """A join table for each array of rows of another table that has no foreign key back."""
    by_name = {t.name: t for t in tables}
    joins = []
    for name in sorted(sources):
        for prop in sources[name].row.properties:
            related = _related_rows(prop, keys, models)
            if related is None or related == name:
                continue
            back = singular(name) + "_id"
            if any(fk.columns == (back,) for fk in by_name[related].foreign_keys):
                continue  # child rows: the related table points here
            location = doc.locate(prop.shape.pointer)
            own, other = singular(name) + "_id", singular(related) + "_id"
            joins.append(
                Table(
                    f"{singular(name)}_{related}",
                    (
                        Column(own, keys[name].type, False, location),
                        Column(other, keys[related].type, False, location),
                    ),
                    (own, other),
                    location,
                    (
                        _reference(own, name, keys, location, _CASCADE),
                        _reference(other, related, keys, location, _CASCADE),
                    ),
                )
            )
    return joins


def _related_rows(prop: Property, keys: dict[str, _Key], models: dict[str, Model]) -> str | None:
    """The inferred table whose rows an array property lists (`genres: [Genre]`), if any."""
    shape = resolve_model(prop.shape, models)
    items = shape.items if shape.kind is ShapeKind.ARRAY else None
    if items is None or items.kind is not ShapeKind.REF or not items.ref:
        return None
    table = plural(snake_case(items.ref))
    return table if table in keys else None


def _key_column(name: str, column_type: ColumnType, location: Location) -> Column:
    if column_type.kind is ColumnKind.UUID:
        return Column(
            name,
            column_type,
            False,
            location,
            default=ColumnDefault(DefaultKind.UUID, sql="gen_random_uuid()"),
        )
    identity = column_type.kind in (ColumnKind.BIGINT, ColumnKind.INTEGER)
    return Column(name, column_type, False, location, identity=identity)


def _referenced_table(
    prop: Property, keys: dict[str, _Key], models: dict[str, Model]
) -> str | None:
    """The inferred table an embedded `owner: Owner` object, an `ownerId` or a `speciesCode`
    property points to."""
    if prop.shape.kind is ShapeKind.REF and prop.shape.ref:
        table = plural(snake_case(prop.shape.ref))
        if table in keys and resolve_model(prop.shape, models).kind is ShapeKind.OBJECT:
            return table
    if resolve_model(prop.shape, models).kind not in (ShapeKind.INTEGER, ShapeKind.STRING):
        return None
    snake = snake_case(prop.name)
    for table, key in keys.items():
        if snake == f"{singular(table)}_{key.column}":
            return table
    return None


def _reference_column(prop: Property, key: _Key) -> str:
    """`owner_id` for `ownerId` or an embedded `owner`; `species_code` for `speciesCode`."""
    snake = snake_case(prop.name)
    return snake if snake.endswith(f"_{key.column}") else f"{snake}_{key.column}"


def _nullable(prop: Property, source: _Source) -> bool:
    """NULL unless the row requires the property and every create fills the column."""
    if not prop.required or prop.shape.nullable:
        return True
    if prop.shape.has_default or _server_now(prop) is not None:
        return False
    return not all(_requires(create, prop.name) for create in source.creates)


def _requires(row: Shape, name: str) -> bool:
    found = row.find_property(name)
    return found is not None and found.required and not found.shape.read_only


def _default(prop: Property, shape: Shape) -> ColumnDefault | None:
    """The spec's `default` as the column's DEFAULT; `now()` for a readOnly timestamp."""
    server = _server_now(prop)
    if server is not None:
        return server
    value = shape.default
    if not shape.has_default or not isinstance(value, (str, int, float, bool)):
        return None
    return ColumnDefault(DefaultKind.LITERAL, value, sql=_sql_literal(value))


def _server_now(prop: Property) -> ColumnDefault | None:
    """`now()` for a required timestamp the server sets: readOnly, or named like `createdAt`."""
    shape = prop.shape
    set_by_server = shape.read_only or is_lifecycle_timestamp(snake_case(prop.name))
    if (
        not (set_by_server and prop.required)
        or shape.nullable
        or shape.kind is not ShapeKind.STRING
    ):
        return None
    if shape.format == "date-time":
        return ColumnDefault(DefaultKind.NOW, sql="now()")
    if shape.format == "date":
        return ColumnDefault(DefaultKind.NOW, sql="CURRENT_DATE")
    return None


def _sql_literal(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + value.replace("'", "''") + "'"


def _column_type(shape: Shape) -> ColumnType:
    kind = shape.kind
    if kind is ShapeKind.STRING:
        if shape.format in _STRING_FORMATS:
            return _STRING_FORMATS[shape.format]
        length = shape.constraints.max_length
        return (
            ColumnType(ColumnKind.VARCHAR, f"varchar({length})", length=length)
            if length
            else ColumnType(ColumnKind.TEXT, "text")
        )
    if kind is ShapeKind.INTEGER:
        return ColumnType(ColumnKind.INTEGER, "integer") if shape.format == "int32" else _BIGINT
    if kind is ShapeKind.NUMBER:
        return (
            ColumnType(ColumnKind.REAL, "real")
            if shape.format == "float"
            else ColumnType(ColumnKind.DOUBLE, "double precision")
        )
    if kind is ShapeKind.BOOLEAN:
        return ColumnType(ColumnKind.BOOLEAN, "boolean")
    return ColumnType(ColumnKind.JSON, "jsonb", binary_json=True)


def _unique_names(columns: list[Column]) -> tuple[Column, ...]:
    seen: set[str] = set()
    unique = []
    for column in columns:
        if column.name and column.name not in seen:
            seen.add(column.name)
            unique.append(column)
    return tuple(unique)


def _dependency_order(tables: list[Table]) -> tuple[Table, ...]:
    """Referenced tables first; ties and cycles by name."""
    remaining = {t.name: t for t in tables}
    ordered: list[Table] = []
    while remaining:
        ready = [
            n
            for n, t in sorted(remaining.items())
            if all(fk.ref_table not in remaining or fk.ref_table == n for fk in t.foreign_keys)
        ]
        chosen = ready[0] if ready else min(remaining)
        ordered.append(remaining.pop(chosen))
    return tuple(ordered)
