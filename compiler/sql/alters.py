"""Statements that change tables already declared: ALTER TABLE, CREATE INDEX, COMMENT ON."""

from __future__ import annotations

import re

from sqlglot import exp

from compiler.ir.database import Index
from compiler.sql.defaults import column_default
from compiler.sql.drafts import SchemaDraft, TableDraft, UniqueDraft, name_key
from compiler.sql.glot import StatementContext
from compiler.sql.kinds import unquote_name
from compiler.sql.tables import add_column, add_table_constraint

_STRUCTURAL_WORDS = frozenset({"ADD", "DROP", "RENAME", "ALTER", "MODIFY", "CHANGE"})
_ALTER_ACTION = re.compile(
    r"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:\"[^\"]+\"|`[^`]+`|[\w$.]+)+\s+(?P<action>[A-Za-z_]+)",
    re.IGNORECASE,
)


def target_table(tree: exp.Expression, ctx: StatementContext) -> str | None:
    """The name of the table an ALTER TABLE, CREATE INDEX or COMMENT ON statement changes."""
    if isinstance(tree, exp.Alter) and isinstance(tree.this, exp.Table):
        return ctx.name(tree.this)
    if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Index):
        table = tree.this.args.get("table")
        return ctx.name(table) if isinstance(table, exp.Table) else None
    if isinstance(tree, exp.Comment):
        target = tree.this
        if isinstance(target, exp.Column):
            table = target.args.get("table")
            return ctx.name(table) if isinstance(table, exp.Identifier) else None
        return ctx.name(target) if isinstance(target, exp.Table) else None
    return None


_NAME = r'(?:"[^"]+"|`[^`]+`|[\w$]+)(?:\.(?:"[^"]+"|`[^`]+`|[\w$]+))*'
_USING_INDEX = re.compile(
    rf"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<table>{_NAME})\s+ADD\s+CONSTRAINT\s+"
    rf"(?P<name>{_NAME})\s+(?P<kind>UNIQUE|PRIMARY\s+KEY)\s+USING\s+INDEX\s+(?P<index>{_NAME})\s*\Z",
    re.IGNORECASE,
)


def apply_constraint_using_index(draft: SchemaDraft, ctx: StatementContext) -> bool:
    """`ADD CONSTRAINT c UNIQUE | PRIMARY KEY USING INDEX i` (PostgreSQL): the unique index i
    becomes constraint c, renamed to c. False when the statement is not that form."""
    match = _USING_INDEX.match(ctx.statement.text)
    if match is None:
        return False
    table = draft.table(unquote_name(match.group("table")))
    index_key = name_key(unquote_name(match.group("index")))
    index = (
        next((i for i in table.indexes if name_key(i.name) == index_key), None) if table else None
    )
    if table is None or index is None:
        ctx.sink.error(
            "CC306",
            f"ADD CONSTRAINT ... USING INDEX names unknown index {unquote_name(match.group('index'))}",
            ctx.start,
            "create the unique index first",
        )
        return True
    table.indexes.remove(index)
    name = unquote_name(match.group("name"))
    if match.group("kind").upper().startswith("PRIMARY"):
        table.primary_key, table.primary_key_name = list(index.columns), name
        for column in index.columns:
            table.columns[name_key(column)].not_null = True
    else:
        table.uniques.append(UniqueDraft(list(index.columns), name))
    return True


def alter_action(text: str) -> str:
    """The first keyword after the table name of an ALTER TABLE (OWNER, ATTACH, ADD...)."""
    match = _ALTER_ACTION.match(text)
    return match.group("action").upper() if match else ""


def is_unsupported_alter(text: str) -> bool:
    """True for an ALTER TABLE sqlglot could not read that changes columns or constraints."""
    return alter_action(text) in _STRUCTURAL_WORDS


def apply_alter(
    draft: SchemaDraft, table: TableDraft, ctx: StatementContext, tree: exp.Alter
) -> None:
    """Replay each action of an ALTER TABLE on `table`."""
    for action in tree.args.get("actions") or []:
        if isinstance(action, exp.ColumnDef):
            if not (action.args.get("exists") and table.column(ctx.name(action.this))):
                add_column(table, ctx, action)
        elif isinstance(action, exp.AddConstraint):
            for constraint in action.expressions:
                add_table_constraint(table, ctx, constraint)
        elif isinstance(action, exp.Drop):
            _drop(draft, table, ctx, action)
        elif isinstance(action, exp.DropPrimaryKey):
            table.primary_key, table.primary_key_name = [], None
        elif isinstance(action, exp.RenameColumn):
            _rename_column(draft, table, ctx, action.this, action.args["to"])
        elif isinstance(action, exp.AlterRename) and (renamed_to := _column_rename_target(tree)):
            # `RENAME a TO b` (COLUMN omitted, as PostgreSQL allows): sqlglot reads a table rename
            _rename_column(draft, table, ctx, action.this, renamed_to)
        elif isinstance(action, exp.AlterRename) and isinstance(action.this, exp.Table):
            new_name = ctx.name(action.this)
            if draft.table(new_name) is not None:
                ctx.sink.error(
                    "CC304",
                    f"cannot rename {table.name}: table {new_name} exists",
                    ctx.at(action.this),
                    "choose another name",
                )
            else:
                draft.rename_table(table.name, new_name)
        elif isinstance(action, exp.AlterColumn):
            _alter_column(table, ctx, action)
        else:
            ctx.sink.info(
                "CC302",
                f"ALTER TABLE {table.name}: action skipped",
                ctx.at(action),
                "only column and constraint changes matter to contractc",
            )


def _drop(draft: SchemaDraft, table: TableDraft, ctx: StatementContext, action: exp.Drop) -> None:
    kind = str(action.args.get("kind") or "").upper()
    if_exists = bool(action.args.get("exists"))
    cascade = bool(action.args.get("cascade"))
    for target in action.args.get("tables") or []:
        name = ctx.name(target)
        if kind == "COLUMN":
            if table.column(name) is not None:
                if cascade:
                    draft.drop_references(table.name, [name], any_column=True)
                table.drop_column(name)
                continue
        elif kind in ("CONSTRAINT", "INDEX", "FOREIGN KEY"):
            key_columns = table.key_columns_named(name)
            if table.drop_constraint(name):
                if cascade and key_columns:
                    draft.drop_references(table.name, key_columns, any_column=False)
                continue
        elif kind not in ("COLUMN", "CONSTRAINT", "INDEX", "FOREIGN KEY"):
            continue
        if not if_exists:
            what = "column" if kind == "COLUMN" else "constraint"
            ctx.sink.error(
                "CC306",
                f"table {table.name} has no {what} {name} to drop",
                ctx.at(target),
                f"columns of {table.name}: {', '.join(c.name for c in table.columns.values())}"
                if kind == "COLUMN"
                else "check the constraint name",
            )


def _column_rename_target(tree: exp.Alter) -> exp.Expression | None:
    """The new name of `ALTER TABLE t RENAME a TO b`, which sqlglot parses as a table rename."""
    for option in tree.args.get("options") or []:
        if isinstance(option, exp.ToTableProperty):
            return option.this
    return None


def _rename_column(
    draft: SchemaDraft,
    table: TableDraft,
    ctx: StatementContext,
    old_node: exp.Expression,
    new_node: exp.Expression,
) -> None:
    old, new = ctx.name(old_node), ctx.name(new_node)
    if table.column(old) is None:
        ctx.sink.error(
            "CC306",
            f"table {table.name} has no column {old} to rename",
            ctx.at(old_node),
            f"columns of {table.name}: {', '.join(c.name for c in table.columns.values())}",
        )
        return
    table.rename_column(old, new)
    draft.rename_referenced_column(table.name, old, new)


def _alter_column(table: TableDraft, ctx: StatementContext, action: exp.AlterColumn) -> None:
    name = ctx.name(action.this)
    column = table.column(name)
    if column is None:
        ctx.sink.error(
            "CC306",
            f"table {table.name} has no column {name}",
            ctx.at(action.this),
            f"columns of {table.name}: {', '.join(c.name for c in table.columns.values())}",
        )
        return
    if action.args.get("dtype") is not None:
        column.type_node = action.args["dtype"]
        column.type_location = ctx.at(action.this)
    if action.args.get("default") is not None:
        column.default = column_default(action.args["default"], ctx.dialect)
    elif action.args.get("allow_null") is not None:
        column.not_null = not action.args["allow_null"]
    elif action.args.get("drop"):
        column.default = None


def apply_index(table: TableDraft, ctx: StatementContext, tree: exp.Create) -> None:
    """Record a CREATE [UNIQUE] INDEX on `table`; expression keys are kept as `(sql)`."""
    index = tree.this
    params = index.args.get("params")
    columns: list[str] = []
    for key in params.args.get("columns") or [] if params else []:
        node = key.this if isinstance(key, exp.Ordered) else key
        if isinstance(node, exp.Column) and not node.table:
            name = ctx.name(node)
            if table.column(name) is None:
                ctx.sink.error(
                    "CC306",
                    f"index names unknown column {name} of table {table.name}",
                    ctx.at(node),
                    f"columns of {table.name}: {', '.join(c.name for c in table.columns.values())}",
                )
                return
            columns.append(table.columns[name_key(name)].name)
        else:
            columns.append(f"({node.sql(dialect=ctx.dialect)})")
    where = params.args.get("where") if params else None
    using = params.args.get("using") if params else None
    name_node = index.this
    name = ctx.name(name_node) if name_node is not None else _default_index_name(table, columns)
    table.indexes.append(
        Index(
            name,
            tuple(columns),
            bool(tree.args.get("unique")),
            where.this.sql(dialect=ctx.dialect) if isinstance(where, exp.Where) else "",
            using.name.lower() if isinstance(using, exp.Expression) else "",
        )
    )


def apply_comment(table: TableDraft, ctx: StatementContext, tree: exp.Comment) -> None:
    """COMMENT ON TABLE / COLUMN: keep the text on the table or column."""
    text = tree.expression.name if isinstance(tree.expression, exp.Literal) else ""
    if isinstance(tree.this, exp.Column):
        column = table.column(ctx.name(tree.this))
        if column is not None:
            column.comment = text
    else:
        table.comment = text


def _default_index_name(table: TableDraft, columns: list[str]) -> str:
    plain = [c for c in columns if not c.startswith("(")] or ["expr"]
    return f"{table.name}_{'_'.join(plain)}_idx"
