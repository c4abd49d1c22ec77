"""Finding tables and columns by the names the spec uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from compiler.binder.naming import name_key, name_variants, singular, snake_case
from compiler.ir.database import Column, ColumnKind, Database, ForeignKey, Table
from compiler.ir.shapes import Shape, ShapeKind

# Columns that make a unique key "unique among live rows" (`UNIQUE (name, deleted_at)`).
SOFT_DELETE_COLUMNS = frozenset({"deleted_at", "deleted", "is_deleted", "deleted_on"})
# What a path parameter named after its resource (`/orgs/{org}`) most likely holds, best first.
NATURAL_KEY_NAMES = ("slug", "name", "username", "handle", "login", "code", "key", "email")
# Last words that say what kind of table it is rather than what it holds (`catalog_meta`).
GENERIC_TABLE_SUFFIXES = frozenset({"meta", "info", "data", "table", "tbl", "entity", "record"})
# An affix shared by at least this share of the tables (`wp_`, `_meta`) is a naming convention.
_AFFIX_SHARE = 0.3
_AFFIX_MIN_TABLES = 3


class TableIndex:
    """Looks tables up by any spelling of their name (plural/singular, kebab/camel/snake), also
    without the prefix or suffix a schema puts on every table (`wp_posts`, `catalog_meta`)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.affixes = shared_affixes(t.name for t in database.tables)
        self._by_key: dict[str, list[Table]] = {}
        self._by_stem: dict[str, list[Table]] = {}
        for table in database.tables:
            for key in name_variants(table.name):
                self._by_key.setdefault(key, []).append(table)
            stem = self.stem(table)
            if stem != snake_case(table.name):
                for key in name_variants(stem):
                    self._by_stem.setdefault(key, []).append(table)

    def stem(self, table: Table) -> str:
        """The table's own name in snake_case, without the schema-wide affix (`catalog_meta` -> `catalog`)."""
        return strip_affixes(snake_case(table.name), self.affixes)

    def find(self, name: str) -> list[Table]:
        """Tables whose name is a spelling of `name`, exact spellings first, then stems."""
        found: list[Table] = []
        exact = name_key(name)
        for index in (self._by_key, self._by_stem):
            for key in (exact, *name_variants(name)):
                for table in index.get(key, []):
                    if table not in found:
                        found.append(table)
            if found:
                break
        return sorted(found, key=lambda t: name_key(t.name) != exact)

    def find_nested(self, parent: Table, name: str) -> list[Table]:
        """Child tables named after their parent (`/articles/{slug}/comments` -> `article_comment`)."""
        prefix = singular(self.stem(parent))
        return self.find(f"{prefix}_{snake_case(name)}")


def shared_affixes(names: Iterable[str]) -> tuple[str, ...]:
    """Prefixes (`wp_`) and suffixes (`_meta`) most table names of a schema carry."""
    words = [snake_case(n).split("_") for n in names]
    multi = [w for w in words if len(w) > 1]
    if len(words) < _AFFIX_MIN_TABLES:
        return ()
    firsts = Counter(w[0] + "_" for w in multi)
    lasts = Counter("_" + w[-1] for w in multi)
    threshold = max(_AFFIX_MIN_TABLES, _AFFIX_SHARE * len(words))
    return tuple(
        sorted(a for counts in (firsts, lasts) for a, n in counts.items() if n >= threshold)
    )


def strip_affixes(name: str, affixes: tuple[str, ...]) -> str:
    for affix in affixes:
        if affix.endswith("_") and name.startswith(affix) and len(name) > len(affix):
            name = name[len(affix) :]
        elif affix.startswith("_") and name.endswith(affix) and len(name) > len(affix):
            name = name[: -len(affix)]
    return name


def table_prefixes(table: Table) -> tuple[str, ...]:
    """How a table's columns may repeat its name (`catalog_meta`: `catalog_meta_`, `catalog_`)."""
    snake = snake_case(table.name)
    head, _, last = snake.rpartition("_")
    prefixes = [singular(snake) + "_"]
    if head and last in GENERIC_TABLE_SUFFIXES:
        prefixes.append(singular(head) + "_")
    return tuple(dict.fromkeys(prefixes))


def match_column(table: Table, name: str) -> Column | None:
    """The column a property or parameter name stands for (`firstName` -> `first_name`, `id` -> PK,
    `name` -> `catalog_name` of `catalog_meta`)."""
    snake = snake_case(name)
    for candidate in (name, snake, name.lower()):
        column = table.column(candidate)
        if column is not None:
            return column
    prefixes = table_prefixes(table)
    for prefix in prefixes:
        if snake.startswith(prefix) and snake != prefix + "id":
            column = table.column(snake[len(prefix) :])
            if column is not None:
                return column
    if snake in ("id", prefixes[0] + "id") and len(table.primary_key) == 1:
        return table.column(table.primary_key[0])
    for prefix in prefixes:
        column = table.column(prefix + snake)
        if column is not None:
            return column
    return None


def named_exactly(column: Column, name: str) -> bool:
    """Whether `name` spells the column itself (`firstName` -> `first_name`), not a guess such as
    `id` for the primary key or a table prefix left out."""
    return column.name in (name, snake_case(name), name.lower())


def unique_columns(table: Table, scope: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Columns that identify a row alone, or together with the `scope` columns (a nested route's
    foreign key to its parent: `UNIQUE (project_id, slug)` makes `slug` a key under a project).
    Soft-delete columns in a unique key are left out: they keep names unique among live rows."""
    keys = [table.primary_key] if table.primary_key else []
    keys += [u.columns for u in table.uniques]
    keys += [i.columns for i in table.indexes if i.unique and not i.where]
    names = []
    for key in keys:
        rest = [c for c in key if c not in scope and c not in SOFT_DELETE_COLUMNS]
        if len(rest) == 1 and table.column(rest[0]) is not None:
            names.append(rest[0])
    return tuple(dict.fromkeys(names))


def key_column(
    table: Table,
    param: str,
    scope: tuple[str, ...] = (),
    shape: Shape | None = None,
    resource: str = "",
) -> Column | None:
    """The identifying column a path parameter names (`petId` -> `id`, `slug` -> unique `slug`).

    A parameter named after the resource itself (`/organizations/{organization}`) names one of the
    table's unique keys: the one its type fits, natural keys (slug, name, ...) first for strings.
    """
    keys = unique_columns(table, scope)
    column = match_column(table, param)
    if column is not None:
        return column if column.name in keys else None
    if not _names_resource(param, table, resource):
        return None
    fitting = [c for c in (table.column(k) for k in keys) if c is not None and _fits(c, shape)]
    return _natural_key(fitting, table)


def _names_resource(param: str, table: Table, resource: str) -> bool:
    snake = singular(snake_case(param))
    names: set[str] = set()
    if resource:  # `/jobs/templates/{jobTemplate}` or `{template}`, `/api-keys/{key}`
        words = [singular(w) for w in snake_case(resource).split("_")]
        names |= {singular(snake_case(resource)), "_".join(words), words[-1]}
    names |= {singular(p.rstrip("_")) for p in table_prefixes(table)}
    return snake in names


def _fits(column: Column, shape: Shape | None) -> bool:
    """Whether a path parameter of `shape` can hold the column's values."""
    kinds = {s.kind for s in _alternatives(shape)}
    integer = column.type.kind in (ColumnKind.SMALLINT, ColumnKind.INTEGER, ColumnKind.BIGINT)
    if not kinds or ShapeKind.STRING in kinds:
        return True  # strings carry any key; formats are checked below
    return integer and bool(kinds & {ShapeKind.INTEGER, ShapeKind.NUMBER})


def _alternatives(shape: Shape | None) -> list[Shape]:
    if shape is None:
        return []
    return [shape, *shape.variants] if shape.variants else [shape]


def _natural_key(columns: list[Column], table: Table) -> Column | None:
    """The column a person would address rows by: a natural key (slug, name, ...), else a UUID,
    else the only candidate."""
    by_name = {c.name: c for c in columns}
    for prefix in ("", *table_prefixes(table)):
        for name in NATURAL_KEY_NAMES:
            if prefix + name in by_name:
                return by_name[prefix + name]
    uuids = [c for c in columns if c.type.kind is ColumnKind.UUID or snake_case(c.name) == "uuid"]
    if uuids:
        return uuids[0]
    return columns[0] if len(columns) == 1 else None


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
