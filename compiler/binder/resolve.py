"""Which tables a route names: the resource's table, its key column, and the parents of a nested route.

Every choice is recorded as evidence (`RouteTables.evidence`), shown by `check --format json` and
`check --explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.binder.naming import name_key, singular, snake_case
from compiler.binder.route import Route
from compiler.binder.soft_delete import soft_delete_of
from compiler.binder.tables import TableIndex, foreign_key_to, key_column
from compiler.ir.api import ParentScope
from compiler.ir.database import Table
from compiler.ir.shapes import Shape


@dataclass(frozen=True)
class Suggestion:
    """A table the route's name does not give, found another way (schema name, columns)."""

    table: Table
    reason: str


@dataclass(frozen=True)
class Pins:
    """What overrides say about a route: the table, parameter -> column, parameter -> parent table."""

    table: Table | None = None
    columns: dict[str, str] = field(default_factory=dict)
    parents: dict[str, Table] = field(default_factory=dict)


@dataclass(frozen=True)
class RouteTables:
    """The outcome of resolving a route; `problem` says why it could not be bound ("" when it could)."""

    table: Table | None = None
    key_column: str | None = None
    parents: tuple[ParentScope, ...] = ()
    problem: str = ""
    ambiguous: tuple[str, ...] = ()  # several tables matched the resource; the first was taken
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Level:
    table: Table
    param: str
    column: str  # the key column the param names


def resolve_route(
    route: Route,
    tables: TableIndex,
    pins: Pins | None = None,
    params: dict[str, Shape] | None = None,
    suggestion: Suggestion | None = None,
) -> RouteTables:
    """Resolve the tables of a route (`pins`: what overrides name; `params`: path parameter shapes;
    `suggestion`: a table found from the payload when the route's name matches none)."""
    pins = pins or Pins()
    params = params or {}
    forced = pins.table
    if route.resource is None and forced is None:
        return RouteTables(problem=f"path {route.path} does not read as a collection or item route")
    for literal in route.prefix:
        if forced is None and tables.find(literal):
            return RouteTables(
                problem=f"{route.path} is an action under /{literal}, not a collection"
            )
    evidence: list[str] = []
    levels: list[_Level] = []
    for literal, param in route.parents:
        previous = levels[-1].table if levels else None
        found = [pins.parents[param]] if param in pins.parents else _find(tables, literal, previous)
        if not found:
            return RouteTables(problem=f"no table matches the parent collection /{literal}")
        parent = found[0]
        scope = _link(parent, previous, tables) if previous is not None else ""
        column = _key(parent, param, (scope,) if scope else (), params, literal, pins)
        if column is None:
            return RouteTables(
                problem=f"path parameter {{{param}}} names no key of table {parent.name}"
            )
        evidence.append(f"parent /{literal}/{{{param}}}: table {parent.name}, key {column}")
        levels.append(_Level(parent, param, column))
    candidates, how = _candidates(route, tables, forced, levels, suggestion)
    if not candidates:
        return RouteTables(problem=f"no table matches /{route.resource}")
    table = candidates[0]
    # A parameter named after the resource names a key only when the route names the table.
    resource = "" if suggestion is not None and how == suggestion.reason else route.resource or ""
    evidence.insert(0, f"table {table.name}: {how}")
    ambiguous = ()
    if len(candidates) > 1 and name_key(table.name) != name_key(route.resource or ""):
        ambiguous = tuple(t.name for t in candidates)
    scopes = []
    chain = [level.table for level in levels] + [table]
    for index, level in enumerate(levels):
        child = chain[index + 1]
        link = _link(child, level.table, tables, level.column)
        if not link:
            return RouteTables(
                problem=f"nested route, but table {child.name} has no foreign key to {level.table.name}"
            )
        declared = child.foreign_key_for(link)
        if declared is None or declared.ref_table != level.table.name:
            evidence.append(
                f"{child.name}.{link} links to {level.table.name}: no foreign key is declared, "
                "the column has the name of its key"
            )
        scopes.append(
            ParentScope(
                level.param, level.table.name, level.column, link, soft_delete_of(level.table)
            )
        )
    key = None
    if route.key is not None:
        scope = (scopes[-1].child_column,) if scopes else ()
        column = _key(table, route.key, scope, params, resource, pins)
        if column is None:
            return RouteTables(
                problem=f"path parameter {{{route.key}}} names no key of table {table.name}"
            )
        key = column
        unique = "unique under its parent" if scope else "unique"
        evidence.append(f"key {{{route.key}}}: column {table.name}.{column} ({unique})")
    return RouteTables(table, key, tuple(scopes), ambiguous=ambiguous, evidence=tuple(evidence))


def _candidates(
    route: Route,
    tables: TableIndex,
    forced: Table | None,
    levels: list[_Level],
    suggestion: Suggestion | None,
) -> tuple[list[Table], str]:
    if forced is not None:
        return [forced], "named by an override"
    parent = levels[-1].table if levels else None
    nested = tables.find_nested(parent, route.resource or "") if parent is not None else []
    if nested:
        return nested + [t for t in tables.find(route.resource or "") if t not in nested], (
            f"/{route.resource} under {parent.name} names it"
        )
    found = tables.find(route.resource or "")
    if found:
        return found, _how_named(route.resource or "", found[0], tables)
    resource = snake_case(route.resource or "")
    if route.prefix and not levels and singular(resource) != resource:  # a plural: a collection
        compound = f"{singular(snake_case(route.prefix[-1]))}_{snake_case(route.resource or '')}"
        found = tables.find(compound)
        if found:
            return found, f"/{route.prefix[-1]}/{route.resource} together name it"
    if suggestion is not None:
        return [suggestion.table], suggestion.reason
    return [], ""


def _how_named(resource: str, table: Table, tables: TableIndex) -> str:
    if name_key(resource) == name_key(table.name):
        return f"/{resource} is its name"
    if singular(snake_case(resource)) == singular(snake_case(table.name)):
        return f"/{resource} is its name, singular or plural"
    return (
        f"/{resource} is its name without the affix {', '.join(tables.affixes)} every table carries"
    )


def _key(
    table: Table,
    param: str,
    scope: tuple[str, ...],
    params: dict[str, Shape],
    resource: str,
    pins: Pins,
) -> str | None:
    if param in pins.columns:
        return pins.columns[param] if table.column(pins.columns[param]) else None
    column = key_column(table, param, scope, params.get(param), resource)
    return column.name if column is not None else None


def _link(child: Table, parent: Table, tables: TableIndex, column: str | None = None) -> str:
    """The column of `child` that points at `parent`: a foreign key, else (schemas that declare
    none) a column named like the parent's key (`catalog_id` -> catalog_meta.catalog_id)."""
    fk = foreign_key_to(child, parent.name, column) or foreign_key_to(child, parent.name)
    if fk is not None:
        return fk.columns[0]
    if len(parent.primary_key) != 1:
        return ""
    key = parent.primary_key[0]
    for name in (key, f"{singular(tables.stem(parent))}_{key}"):
        if name not in ("id", *child.primary_key) and child.column(name) is not None:
            return name
    return ""


def _find(tables: TableIndex, literal: str, parent: Table | None) -> list[Table]:
    nested = tables.find_nested(parent, literal) if parent is not None else []
    return nested + [t for t in tables.find(literal) if t not in nested]
