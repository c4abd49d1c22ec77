"""Which tables a route names: the resource's table, its key column, and the parents of a nested route."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.binder.naming import name_key
from compiler.binder.route import Route
from compiler.binder.tables import TableIndex, foreign_key_to, key_column
from compiler.ir.api import ParentScope
from compiler.ir.database import Table


@dataclass(frozen=True)
class RouteTables:
    """The outcome of resolving a route; `problem` says why it could not be bound ("" when it could)."""

    table: Table | None = None
    key_column: str | None = None
    parents: tuple[ParentScope, ...] = ()
    problem: str = ""
    ambiguous: tuple[str, ...] = ()  # several tables matched the resource; the first was taken


def resolve_route(route: Route, tables: TableIndex, forced: Table | None) -> RouteTables:
    """Resolve the tables of a route (`forced`: the table an override names)."""
    if route.resource is None and forced is None:
        return RouteTables(problem=f"path {route.path} does not read as a collection or item route")
    for literal in route.prefix:
        if forced is None and tables.find(literal):
            return RouteTables(
                problem=f"{route.path} is an action under /{literal}, not a collection"
            )
    parent_tables: list[tuple[Table, str, str]] = []  # (table, param, key column)
    for literal, param in route.parents:
        found = _find(tables, literal, parent_tables[-1][0] if parent_tables else None)
        if not found:
            return RouteTables(problem=f"no table matches the parent collection /{literal}")
        column = key_column(found[0], param)
        if column is None:
            return RouteTables(
                problem=f"path parameter {{{param}}} names no key of table {found[0].name}"
            )
        parent_tables.append((found[0], param, column.name))
    candidates = (
        [forced]
        if forced is not None
        else _find(tables, route.resource or "", _last(parent_tables))
    )
    if not candidates:
        return RouteTables(problem=f"no table matches /{route.resource}")
    table = candidates[0]
    ambiguous = ()
    if len(candidates) > 1 and name_key(table.name) != name_key(route.resource or ""):
        ambiguous = tuple(t.name for t in candidates)
    scopes = []
    chain = [t for t, _, _ in parent_tables] + [table]
    for index, (parent, param, column) in enumerate(parent_tables):
        child = chain[index + 1]
        fk = foreign_key_to(child, parent.name, column) or foreign_key_to(child, parent.name)
        if fk is None:
            return RouteTables(
                problem=f"nested route, but table {child.name} has no foreign key to {parent.name}"
            )
        scopes.append(ParentScope(param, parent.name, column, fk.columns[0]))
    key = None
    if route.key is not None:
        column = key_column(table, route.key)
        if column is None:
            return RouteTables(
                problem=f"path parameter {{{route.key}}} names no key of table {table.name}"
            )
        key = column.name
    return RouteTables(table, key, tuple(scopes), ambiguous=ambiguous)


def _last(parents: list[tuple[Table, str, str]]) -> Table | None:
    return parents[-1][0] if parents else None


def _find(tables: TableIndex, literal: str, parent: Table | None) -> list[Table]:
    nested = tables.find_nested(parent, literal) if parent is not None else []
    return nested + [t for t in tables.find(literal) if t not in nested]
