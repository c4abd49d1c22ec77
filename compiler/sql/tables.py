"""CREATE TABLE: read columns and constraints into a `TableDraft`."""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import TokenType

from compiler.diagnostics import Location
from compiler.ir.database import Index, ReferentialAction
from compiler.sql.defaults import check_values, column_default
from compiler.sql.drafts import (
    CheckDraft,
    ColumnDraft,
    ForeignKeyDraft,
    SchemaDraft,
    TableDraft,
    UniqueDraft,
    name_key,
)
from compiler.sql.glot import StatementContext
from compiler.sql.implicit_names import implicit_name, mysql_implicit_name
from compiler.sql.splitter import Statement

_ACTION = re.compile(
    r"ON\s+(DELETE|UPDATE)\s+(CASCADE|RESTRICT|SET\s+NULL|SET\s+DEFAULT|NO\s+ACTION)", re.IGNORECASE
)
_INTEGER_WORD = re.compile(r"\s*INTEGER\b", re.IGNORECASE)


def create_table(draft: SchemaDraft, ctx: StatementContext) -> None:
    """Parse a CREATE TABLE statement and add the table to `draft`."""
    tree = ctx.parse()
    if tree is None:
        return
    if isinstance(tree, exp.Command):
        tree = _recover_options(ctx)
        if tree is None:
            return
    if not isinstance(tree, exp.Create) or not isinstance(tree.this, (exp.Schema, exp.Table)):
        ctx.sink.error(
            "CC310",
            "unsupported CREATE TABLE form",
            ctx.start,
            "write CREATE TABLE name (column type, ...)",
        )
        return
    table_node = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    name = ctx.name(table_node)
    location = ctx.at(table_node)
    existing = draft.table(name)
    if existing is not None:
        where = existing.location
        ctx.sink.error(
            "CC304",
            f"table {name} is defined twice",
            location,
            f"first defined at {where.file}:{where.line}; drop or rename one",
        )
        return
    if tree.expression is not None:
        copied = _table_as_select(draft, ctx, name, location, tree.expression)
        if copied is None:
            ctx.sink.error(
                "CC310",
                f"CREATE TABLE {name} AS SELECT is not supported",
                location,
                "read: SELECT * or plain columns FROM one table; otherwise declare the columns",
            )
            return
        draft.tables[name_key(name)] = copied
        return
    table = TableDraft(name, location)
    for parent, with_keys in _parents(tree):
        if not _copy_columns(draft, ctx, table, parent, with_keys):
            return
    elements = tree.this.expressions if isinstance(tree.this, exp.Schema) else []
    for element in elements:
        if isinstance(element, exp.LikeProperty):
            _copy_columns(draft, ctx, table, element.this, with_keys=False)
        elif isinstance(element, (exp.ColumnDef, exp.Identifier)):
            add_column(table, ctx, element)
    for element in elements:
        if not isinstance(element, (exp.ColumnDef, exp.Identifier, exp.LikeProperty)):
            add_table_constraint(table, ctx, element)
    draft.tables[name_key(name)] = table


def add_column(
    table: TableDraft, ctx: StatementContext, node: exp.ColumnDef | exp.Identifier
) -> None:
    """Add one column definition (with its inline constraints) to `table`."""
    ident = node.this if isinstance(node, exp.ColumnDef) else node
    name = ctx.name(ident)
    location = ctx.at(ident)
    if table.column(name) is not None:
        ctx.sink.error(
            "CC305",
            f"column {table.name}.{name} is defined twice",
            location,
            "remove or rename one of the columns",
        )
        return
    type_node = node.args.get("kind") if isinstance(node, exp.ColumnDef) else None
    kind_name = type_node.args.get("kind") if isinstance(type_node, exp.DataType) else None
    type_location = ctx.at(kind_name) if isinstance(kind_name, exp.Expression) else location
    ident_end = (ident._meta or {}).get("end")  # noqa: SLF001 - sqlglot position metadata
    declared_integer = ident_end is not None and bool(
        _INTEGER_WORD.match(ctx.statement.text, _unshifted(ctx, int(ident_end) + 1))
    )
    column = ColumnDraft(
        name, type_node, location, type_location, declared_integer=declared_integer
    )
    table.columns[name_key(name)] = column
    if isinstance(node, exp.ColumnDef):
        for constraint in node.args.get("constraints") or []:
            _apply_column_constraint(table, ctx, column, constraint)


def _apply_column_constraint(
    table: TableDraft, ctx: StatementContext, column: ColumnDraft, constraint: exp.ColumnConstraint
) -> None:
    kind = constraint.args.get("kind")
    constraint_name = ctx.name(constraint.this) if constraint.this is not None else None
    if isinstance(kind, exp.NotNullColumnConstraint):
        column.not_null = not kind.args.get("allow_null")
    elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
        table.primary_key = [column.name]
        table.primary_key_name = constraint_name or _implicit(ctx, table, [], "pkey")
        column.not_null = True
    elif isinstance(kind, exp.UniqueColumnConstraint):
        table.uniques.append(_unique(ctx, table, [column.name], constraint_name))
    elif isinstance(kind, exp.DefaultColumnConstraint):
        column.default = column_default(kind.this, ctx.dialect)
    elif isinstance(kind, exp.CheckColumnConstraint):
        _apply_check(table, ctx, kind.this, constraint_name)
    elif isinstance(kind, exp.Reference):
        fk = _foreign_key(ctx, [column.name], kind, constraint_name, ctx.at(constraint))
        table.foreign_keys.append(_with_implicit_name(ctx, table, fk))
    elif isinstance(
        kind, (exp.GeneratedAsIdentityColumnConstraint, exp.AutoIncrementColumnConstraint)
    ):
        column.identity = column.not_null = True
    elif isinstance(kind, exp.CommentColumnConstraint):
        column.comment = kind.this.name if isinstance(kind.this, exp.Literal) else ""
    elif isinstance(kind, exp.ComputedColumnConstraint):
        ctx.sink.warning(
            "CC310",
            f"generated column {table.name}.{column.name}: its expression is ignored",
            column.location,
            "the column is treated as a plain nullable column",
        )


def add_table_constraint(table: TableDraft, ctx: StatementContext, node: exp.Expression) -> None:
    """Apply a table-level constraint: PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or a MySQL KEY."""
    name = None
    if isinstance(node, exp.Constraint):
        name = ctx.name(node.this)
        for inner in node.expressions:
            _apply_table_constraint(table, ctx, inner, name)
        return
    _apply_table_constraint(table, ctx, node, name)


def _apply_table_constraint(
    table: TableDraft, ctx: StatementContext, node: exp.Expression, name: str | None
) -> None:
    if isinstance(node, exp.PrimaryKey):
        columns = _column_names(ctx, node.expressions)
        if _known_columns(table, ctx, columns, node):
            table.primary_key = columns
            table.primary_key_name = name or _implicit(ctx, table, [], "pkey")
            for column_name in columns:
                table.columns[name_key(column_name)].not_null = True
    elif isinstance(node, exp.UniqueColumnConstraint):
        schema = node.this
        columns = _column_names(ctx, schema.expressions if isinstance(schema, exp.Schema) else [])
        if isinstance(schema, exp.Schema) and isinstance(schema.this, exp.Identifier):
            name = name or ctx.name(schema.this)
        if columns and _known_columns(table, ctx, columns, node):
            table.uniques.append(_unique(ctx, table, columns, name))
    elif isinstance(node, exp.ForeignKey):
        columns = _column_names(ctx, node.expressions)
        reference = node.args.get("reference")
        if isinstance(reference, exp.Reference) and _known_columns(table, ctx, columns, node):
            fk = _foreign_key(ctx, columns, reference, name, ctx.at(node))
            table.foreign_keys.append(_with_implicit_name(ctx, table, fk))
    elif isinstance(node, exp.CheckColumnConstraint):
        _apply_check(table, ctx, node.this, name)
    elif isinstance(node, exp.IndexColumnConstraint):
        columns = _column_names(ctx, node.expressions)
        index_name = (
            ctx.name(node.this)
            if node.this is not None
            else f"{table.name}_{'_'.join(columns)}_idx"
        )
        if columns and _known_columns(table, ctx, columns, node):
            table.indexes.append(Index(index_name, tuple(columns)))


def _apply_check(
    table: TableDraft, ctx: StatementContext, expression: exp.Expression, name: str | None
) -> None:
    """Keep an `IN (...)` list on its column, any other condition whole on the table."""
    used = sorted({ctx.name(c) for c in expression.find_all(exp.Column)})
    columns = used if len(used) == 1 else []
    name = name or _implicit(ctx, table, columns, "check")
    found = check_values(expression)
    column = table.column(found[0]) if found is not None else None
    if found is not None and column is not None:
        column.check_values, column.check_name = found[1], name
    else:
        # a dialect that names no constraint (SQLite) gets the name PostgreSQL would give
        name = name or implicit_name(table.name, columns, "check", table.constraint_names())
        table.checks.append(CheckDraft(name, expression.copy()))


def _unique(
    ctx: StatementContext, table: TableDraft, columns: list[str], name: str | None
) -> UniqueDraft:
    implicit = None if name else _implicit(ctx, table, columns, "key")
    return UniqueDraft(columns, name, implicit)


def _with_implicit_name(
    ctx: StatementContext, table: TableDraft, fk: ForeignKeyDraft
) -> ForeignKeyDraft:
    if fk.name is None:
        fk.implicit_name = _implicit(ctx, table, fk.columns, "fkey")
    return fk


def _implicit(
    ctx: StatementContext, table: TableDraft, columns: list[str], label: str
) -> str | None:
    """The name the database gives an unnamed constraint (PostgreSQL, MySQL; SQLite: none)."""
    taken = table.constraint_names()
    if ctx.dialect == "postgres":
        return implicit_name(table.name, columns, label, taken)
    if ctx.dialect == "mysql":
        return mysql_implicit_name(
            table.name, columns, label, taken | {i.name for i in table.indexes}
        )
    return None


def _foreign_key(
    ctx: StatementContext,
    columns: list[str],
    reference: exp.Reference,
    name: str | None,
    location: Location,
) -> ForeignKeyDraft:
    target = reference.this
    table_node = target.this if isinstance(target, exp.Schema) else target
    ref_columns = _column_names(ctx, target.expressions) if isinstance(target, exp.Schema) else []
    fk = ForeignKeyDraft(columns, ctx.name(table_node), ref_columns, location, name)
    options = " ".join(str(option) for option in reference.args.get("options") or [])
    for event, action in _ACTION.findall(options):
        value = ReferentialAction(" ".join(action.lower().split()))
        if event.upper() == "DELETE":
            fk.on_delete = value
        else:
            fk.on_update = value
    return fk


def _column_names(ctx: StatementContext, nodes: list[exp.Expression]) -> list[str]:
    names = []
    for node in nodes:
        while isinstance(node, exp.Ordered):
            node = node.this
        if isinstance(node, (exp.Identifier, exp.Column)):
            names.append(ctx.name(node))
    return names


def _known_columns(
    table: TableDraft, ctx: StatementContext, columns: list[str], node: exp.Expression
) -> bool:
    missing = [c for c in columns if table.column(c) is None]
    if missing:
        ctx.sink.error(
            "CC306",
            f"constraint names unknown column {missing[0]} of table {table.name}",
            ctx.at(node),
            f"columns of {table.name}: {', '.join(c.name for c in table.columns.values())}",
        )
    return not missing


def _parents(tree: exp.Create) -> list[tuple[exp.Table, bool]]:
    """Tables whose columns this one takes: PARTITION OF (with the key) and INHERITS (without)."""
    properties = tree.args.get("properties")
    parents: list[tuple[exp.Table, bool]] = []
    for prop in properties.expressions if properties else []:
        if isinstance(prop, exp.PartitionedOfProperty) and isinstance(prop.this, exp.Table):
            parents.append((prop.this, True))
        elif isinstance(prop, exp.InheritsProperty):
            parents.extend((t, False) for t in prop.expressions if isinstance(t, exp.Table))
    return parents


def _copy_columns(
    draft: SchemaDraft,
    ctx: StatementContext,
    table: TableDraft,
    source: exp.Expression,
    with_keys: bool,
) -> bool:
    """Copy the columns of `source` (PARTITION OF / LIKE); False when it is unknown."""
    parent = draft.table(ctx.name(source))
    if parent is None:
        ctx.sink.error(
            "CC306",
            f"table {ctx.name(source)} is not defined (yet)",
            ctx.at(source),
            "define the parent table before this statement",
        )
        return False
    for key, column in parent.columns.items():
        table.columns[key] = ColumnDraft(**{**column.__dict__, "check_name": None})
    if with_keys:
        table.primary_key = list(parent.primary_key)
    return True


def _table_as_select(
    draft: SchemaDraft, ctx: StatementContext, name: str, location: Location, query: exp.Expression
) -> TableDraft | None:
    """CREATE TABLE … AS SELECT * | columns FROM one table: those columns, as PostgreSQL makes
    them (types kept; no NOT NULL, defaults or constraints). None for any other query."""
    if not isinstance(query, exp.Select) or query.args.get("joins"):
        return None
    source = query.args.get("from_")
    source_table = source.this if isinstance(source, exp.From) else None
    if not isinstance(source_table, exp.Table):
        return None
    parent = draft.table(ctx.name(source_table))
    if parent is None:
        return None
    picked: list[tuple[str, ColumnDraft]] = []
    for projection in query.expressions:
        if isinstance(projection, exp.Star):
            picked.extend((c.name, c) for c in parent.columns.values())
            continue
        alias = ctx.name(projection.args["alias"]) if isinstance(projection, exp.Alias) else None
        column_node = projection.this if isinstance(projection, exp.Alias) else projection
        column = (
            parent.column(ctx.name(column_node)) if isinstance(column_node, exp.Column) else None
        )
        if column is None:
            return None
        picked.append((alias or column.name, column))
    table = TableDraft(name, location)
    for column_name, column in picked:
        table.columns[name_key(column_name)] = ColumnDraft(
            column_name, column.type_node, location, location
        )
    return table


def _recover_options(ctx: StatementContext) -> exp.Expression | None:
    """sqlglot gave up on the whole statement: parse up to the column list and report the rest."""
    close = _column_list_end(ctx)
    if close is None:
        ctx.sink.error(
            "CC310",
            "unsupported syntax in CREATE TABLE",
            ctx.start,
            "contractc reads column definitions and constraints; simplify this statement",
        )
        return None
    head = ctx.statement.text[: close + 1]
    sub = StatementContext(ctx.source, Statement(head, ctx.statement.start), ctx.dialect, ctx.sink)
    tree = sub.parse()
    if not isinstance(tree, exp.Create):
        if tree is not None:
            ctx.sink.error(
                "CC310",
                "unsupported syntax in CREATE TABLE",
                ctx.start,
                "contractc reads column definitions and constraints; simplify this statement",
            )
        return None
    tail = ctx.statement.text[close + 1 :].strip()
    offset = ctx.statement.text.index(tail, close + 1)
    ctx.sink.warning(
        "CC310",
        f"table options not supported, ignored: {tail[:60]}",
        ctx.source.location(ctx.statement.start + offset),
        "the columns and constraints were read; remove the options to silence this",
    )
    return tree


def _column_list_end(ctx: StatementContext) -> int | None:
    """Offset of the parenthesis closing the column list, using sqlglot's tokenizer."""
    try:
        tokens = Dialect.get_or_raise(ctx.dialect).tokenize(ctx.statement.text)
    except SqlglotError:
        return None
    depth = 0
    for token in tokens:
        if token.token_type == TokenType.L_PAREN:
            depth += 1
        elif token.token_type == TokenType.R_PAREN:
            depth -= 1
            if depth == 0:
                return token.end
    return None


def _unshifted(ctx: StatementContext, parsed_offset: int) -> int:
    """Map an offset into the parsed text back to the statement's own text."""
    location = ctx.location_at(parsed_offset)
    return ctx.source.offset(location.line, location.column) - ctx.statement.start
