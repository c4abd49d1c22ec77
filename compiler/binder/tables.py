"""Finding tables and columns by the names the spec uses."""

from __future__ import annotations

from compiler.binder.naming import name_key, name_variants, singular, snake_case
from compiler.ir.database import Column, Database, ForeignKey, Table


class TableIndex:
    """Looks tables up by any spelling of their name (plural/singular, kebab/camel/snake)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._by_key: dict[str, list[Table]] = {}
        for table in database.tables:
            for key in name_variants(table.name):
                self._by_key.setdefault(key, []).append(table)

    def find(self, name: str) -> list[Table]:
        """Tables whose name is a spelling of `name`, exact spellings first."""
        found: list[Table] = []
        exact = name_key(name)
        for key in (exact, *name_variants(name)):
            for table in self._by_key.get(key, []):
                if table not in found:
                    found.append(table)
        exact_first = sorted(found, key=lambda t: name_key(t.name) != exact)
        return exact_first

    def find_nested(self, parent: Table, name: str) -> list[Table]:
        """Child tables named after their parent (`/articles/{slug}/comments` -> `article_comment`)."""
        prefix = singular(snake_case(parent.name))
        return self.find(f"{prefix}_{snake_case(name)}")


def match_column(table: Table, name: str) -> Column | None:
    """The column a property or parameter name stands for (`firstName` -> `first_name`, `id` -> PK)."""
    snake = snake_case(name)
    for candidate in (name, snake, name.lower()):
        column = table.column(candidate)
        if column is not None:
            return column
    table_prefix = singular(snake_case(table.name)) + "_"
    if snake.startswith(table_prefix) and snake != table_prefix + "id":
        column = table.column(snake[len(table_prefix) :])
        if column is not None:
            return column
    if snake in ("id", table_prefix + "id") and len(table.primary_key) == 1:
        return table.column(table.primary_key[0])
    return None


def unique_columns(table: Table) -> tuple[str, ...]:
    """Columns that identify a row alone: a one-column primary key or unique constraint/index."""
    names = [table.primary_key[0]] if len(table.primary_key) == 1 else []
    names += [u.columns[0] for u in table.uniques if len(u.columns) == 1]
    names += [
        i.columns[0] for i in table.indexes if i.unique and len(i.columns) == 1 and not i.where
    ]
    return tuple(dict.fromkeys(names))


def key_column(table: Table, param: str) -> Column | None:
    """The identifying column a path parameter names (`petId` -> `id`, `slug` -> unique `slug`)."""
    column = match_column(table, param)
    if column is not None and column.name in unique_columns(table):
        return column
    return None


def foreign_key_to(table: Table, target: str, column: str | None = None) -> ForeignKey | None:
    """A single-column foreign key of `table` that references `target` (preferring `column`)."""
    candidates = [
        fk for fk in table.foreign_keys if fk.ref_table == target and len(fk.columns) == 1
    ]
    preferred = [fk for fk in candidates if column is not None and fk.ref_columns == (column,)]
    found = preferred or candidates
    return found[0] if found else None


def join_table(
    database: Database, left: str, right: str
) -> tuple[Table, ForeignKey, ForeignKey] | None:
    """A table with foreign keys to both `left` and `right` (many-to-many)."""
    for table in database.tables:
        if table.name in (left, right):
            continue
        to_left = foreign_key_to(table, left)
        to_right = foreign_key_to(table, right)
        if to_left is not None and to_right is not None and to_left is not to_right:
            return table, to_left, to_right
    return None
