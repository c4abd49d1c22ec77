"""Replay statements, file after file, onto a `SchemaDraft`."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from compiler.diagnostics import DiagnosticSink, Location
from compiler.ir.database import EnumType
from compiler.sql.alter_type import apply_alter_type
from compiler.sql.alters import (
    alter_action,
    apply_alter,
    apply_comment,
    apply_constraint_using_index,
    apply_index,
    is_unsupported_alter,
    target_table,
)
from compiler.sql.do_blocks import do_block_statements
from compiler.sql.drafts import DomainDraft, SchemaDraft, name_key
from compiler.sql.glot import StatementContext
from compiler.sql.kinds import Kind, classify, unquote_name
from compiler.sql.seeds import record_seed
from compiler.sql.source import SourceText
from compiler.sql.splitter import Statement, split_statements
from compiler.sql.tables import create_table
from compiler.sql.triggers import record_insert_trigger, record_trigger_function
from compiler.sql.types import type_name

_DUPLICATE_OBJECT = frozenset({"CC304", "CC305"})  # type, table or column defined twice
_QUOTED_NAME = r'(?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))*'
_ADD_CONSTRAINT = re.compile(
    rf"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<table>{_QUOTED_NAME})\s+"
    rf"ADD\s+CONSTRAINT\s+(?P<constraint>{_QUOTED_NAME})",
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"CREATE\s+DOMAIN\s+(?P<name>(?:\"[^\"]+\"|[\w$]+)(?:\.(?:\"[^\"]+\"|[\w$]+))*)\s+(?:AS\s+)?"
    r"(?P<type>.+?)\s*(?=\b(?:CONSTRAINT|CHECK|DEFAULT|NOT\s+NULL|NULL|COLLATE)\b|\Z)",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class _Pending:
    ctx: StatementContext
    tree: exp.Expression


@dataclass
class Replayer:
    """Applies statements in order; changes to tables not declared yet wait for the end."""

    draft: SchemaDraft
    sink: DiagnosticSink
    pending: list[_Pending] = field(default_factory=list)
    skipped: dict[tuple[str, str], tuple[Location, int]] = field(default_factory=dict)

    def replay_file(self, source: SourceText) -> None:
        for statement in split_statements(source.text, self.draft.dialect):
            guarded = do_block_statements(statement, self.draft.dialect)
            if guarded is not None and self.draft.dialect == "postgres":
                for inner in guarded:
                    self._replay_guarded(source, inner)
            else:
                self._replay(StatementContext(source, statement, self.draft.dialect, self.sink))
            self.draft.pin_implicit_references()

    def _replay_guarded(self, source: SourceText, statement: Statement) -> None:
        """DDL from a DO block: run only when its object is not there yet, so a duplicate is
        skipped rather than reported (the block's guard or exception handler did the same)."""
        if self._constraint_exists(statement.text):
            return
        inner_sink = DiagnosticSink()
        self._replay(StatementContext(source, statement, self.draft.dialect, inner_sink))
        for found in inner_sink.sorted():
            if found.code not in _DUPLICATE_OBJECT:
                self.sink.add(found.code, found.severity, found.message, found.location, found.hint)

    def _constraint_exists(self, text: str) -> bool:
        match = _ADD_CONSTRAINT.match(text)
        table = self.draft.table(unquote_name(match.group("table"))) if match else None
        if match is None or table is None:
            return False
        name = name_key(unquote_name(match.group("constraint")))
        return name in {name_key(n) for n in table.constraint_names()}

    def finish(self) -> None:
        """Apply the waiting changes (e.g. keys declared in a file sorted before the tables)."""
        for item in self.pending:  # report into this sink, also for statements of a DO block
            self._apply_change(replace(item.ctx, sink=self.sink), item.tree, final=True)
        self.pending.clear()
        for (_, label), (location, count) in sorted(self.skipped.items(), key=lambda kv: kv[1][0]):
            times = f" ({count} statements in this file)" if count > 1 else ""
            self.sink.info(
                "CC302",
                f"{label} skipped: not a table definition{times}",
                location,
                "contractc reads tables, keys, indexes, enum types and domains",
            )

    def _replay(self, ctx: StatementContext) -> None:
        kind = classify(ctx.statement.text, ctx.statement.meta_command)
        if kind.relation:
            self.draft.other_relations.add(name_key(unquote_name(kind.relation)))
        if kind.kind is Kind.TABLE:
            create_table(self.draft, ctx)
        elif kind.kind is Kind.ENUM:
            self._create_enum(ctx)
        elif kind.kind is Kind.DOMAIN:
            self._create_domain(ctx)
        elif kind.kind is Kind.DROP:
            self._drop(ctx, kind.label)
        elif kind.kind in (Kind.ALTER_TABLE, Kind.INDEX, Kind.COMMENT):
            tree = ctx.parse()
            if isinstance(tree, exp.Command) and apply_constraint_using_index(self.draft, ctx):
                return
            if isinstance(tree, exp.Command):
                self._unsupported_change(ctx, kind.label)
            elif tree is not None:
                self._apply_change(ctx, tree, final=False)
        elif kind.label == "INSERT" and record_seed(self.draft, ctx):
            return
        elif kind.label == "CREATE TRIGGER" and record_insert_trigger(
            self.draft, ctx.statement.text
        ):
            return
        elif kind.label == "CREATE FUNCTION" and record_trigger_function(
            self.draft, ctx.statement.text
        ):
            self._skip(ctx, kind.label)
        elif not (kind.label == "ALTER TYPE" and apply_alter_type(self.draft, ctx.statement.text)):
            self._skip(ctx, kind.label)

    def _skip(self, ctx: StatementContext, label: str) -> None:
        key = (ctx.source.path, label)
        location, count = self.skipped.get(key, (ctx.start, 0))
        self.skipped[key] = (location, count + 1)

    def _unsupported_change(self, ctx: StatementContext, label: str) -> None:
        if label == "ALTER TABLE" and is_unsupported_alter(ctx.statement.text):
            ctx.sink.error(
                "CC310",
                "unsupported ALTER TABLE syntax",
                ctx.start,
                "write ALTER TABLE ... ADD/DROP/RENAME COLUMN or ADD CONSTRAINT",
            )
        elif label == "ALTER TABLE":
            self._skip(ctx, f"ALTER TABLE ... {alter_action(ctx.statement.text)}".rstrip(". "))
        else:
            self._skip(ctx, label)

    def _apply_change(self, ctx: StatementContext, tree: exp.Expression, final: bool) -> None:
        name = target_table(tree, ctx)
        if name is None:
            self._skip(ctx, classify(ctx.statement.text, False).label)
            return
        table = self.draft.table(name)
        if table is None:
            if name_key(name) in self.draft.other_relations or isinstance(tree, exp.Comment):
                self._skip(ctx, classify(ctx.statement.text, False).label)
            elif not final:
                self.pending.append(_Pending(ctx, tree))
            else:
                self.sink.error(
                    "CC306",
                    f"table {name} is not defined",
                    ctx.start,
                    _close_names_hint(name, [t.name for t in self.draft.tables.values()]),
                )
            return
        if isinstance(tree, exp.Alter):
            apply_alter(self.draft, table, ctx, tree)
        elif isinstance(tree, exp.Create):
            apply_index(table, ctx, tree)
        elif isinstance(tree, exp.Comment):
            apply_comment(table, ctx, tree)

    def _create_enum(self, ctx: StatementContext) -> None:
        tree = ctx.parse()
        if not (isinstance(tree, exp.Create) and isinstance(tree.expression, exp.DataType)):
            if tree is not None:
                self._skip(ctx, "CREATE TYPE")
            return
        name = ctx.name(tree.this)
        values = tuple(v.name for v in tree.expression.expressions if isinstance(v, exp.Literal))
        if name_key(name) in self.draft.enums or name_key(name) in self.draft.domains:
            ctx.sink.error(
                "CC304",
                f"type {name} is defined twice",
                ctx.at(tree.this),
                "drop the earlier type first or rename one",
            )
            return
        self.draft.enums[name_key(name)] = EnumType(name, values, ctx.at(tree.this))

    def _create_domain(self, ctx: StatementContext) -> None:
        match = _DOMAIN.match(ctx.statement.text)
        type_node = _parse_type(match.group("type"), ctx.dialect) if match else None
        if match is None or type_node is None:
            ctx.sink.error(
                "CC301",
                "CREATE DOMAIN does not parse",
                ctx.start,
                "write CREATE DOMAIN name AS type [constraints]",
            )
            return
        name = unquote_name(match.group("name"))
        name = (
            name if match.group("name").endswith('"') or ctx.dialect != "postgres" else name.lower()
        )
        self.draft.domains[name_key(name)] = DomainDraft(name, type_node, ctx.start)

    def _drop(self, ctx: StatementContext, label: str) -> None:
        tree = ctx.parse()
        if not isinstance(tree, exp.Drop):
            return
        removed = False
        for target in tree.args.get("tables") or []:
            key = name_key(ctx.name(target))
            if label == "DROP TABLE" and key in self.draft.tables:
                del self.draft.tables[key]
                removed = True
                if tree.args.get("cascade"):
                    for table in self.draft.tables.values():
                        table.foreign_keys = [
                            f for f in table.foreign_keys if name_key(f.ref_table) != key
                        ]
            elif label != "DROP TABLE" and (key in self.draft.enums or key in self.draft.domains):
                self.draft.enums.pop(key, None)
                self.draft.domains.pop(key, None)
                removed = True
                if tree.args.get("cascade"):  # PostgreSQL drops the columns of that type too
                    self._drop_columns_of_type(key)
        if not removed:
            self._skip(ctx, label)

    def _drop_columns_of_type(self, type_key: str) -> None:
        for table in self.draft.tables.values():
            for column in list(table.columns.values()):
                if column.type_node is not None and _names_type(column.type_node, type_key):
                    table.drop_column(column.name)


def _names_type(node: exp.Expression, type_key: str) -> bool:
    """Does a column type (or its array element) name the user-defined type `type_key`?"""
    for sub in node.walk():
        if isinstance(sub, exp.DataType) and sub.this == exp.DataType.Type.USERDEFINED:
            kind = sub.args.get("kind")
            spelled = kind.sql() if isinstance(kind, exp.Expression) else str(kind or "")
            if name_key(type_name(spelled)) == type_key:
                return True
    return False


def _parse_type(text: str, dialect: str) -> exp.DataType | None:
    try:
        node = sqlglot.parse_one(f"CREATE TABLE _d (_v {text})", read=dialect)
    except SqlglotError:
        return None
    column = node.find(exp.ColumnDef) if isinstance(node, exp.Create) else None
    kind = column.args.get("kind") if column is not None else None
    return kind if isinstance(kind, exp.DataType) else None


def _close_names_hint(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
    return f"did you mean {', '.join(close)}?" if close else "create the table before changing it"
