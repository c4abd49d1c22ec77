"""Every Python identifier the FastAPI target writes is decided here.

A spec name becomes snake_case (modules, functions, fields, parameters) or PascalCase (classes,
type aliases); letters outside ASCII are kept (Python allows them, NFKC-normalised as Python
reads them), a leading digit gets a prefix, and a name that would clash with what the generated
module itself uses (keywords, the builtins and imports it refers to, pydantic's own attributes,
a handler's locals) gets a trailing underscore (classes: a `Schema`, `Value` or `Type` suffix;
pydantic fields in `model_*`: a `field_` prefix). Within one scope — a model's fields, a handler's
parameters and locals, a module's functions — a `Scope` gives each name once, so `userId`,
`user_id` and `user-id` become `user_id`, `user_id_2` and `user_id_3`.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

_WORD_BOUNDARY = re.compile(r"(?<=[^\W_A-Z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][^\W\d_A-Z])")
_NON_WORD = re.compile(r"[\W_]+")
_KEYWORDS = frozenset(keyword.kwlist)
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))

# What `app/schemas.py` refers to at module or class level: a field of that name would shadow
# it while pydantic resolves the annotations (a property `date` typed `date`).
_SCHEMA_MODULE = frozenset(
    {"date", "datetime", "time", "matches", "decimal_multiple_of", "property_count"}
    | {"model_validator", "check_property_count", "classmethod"}
    | {"int", "float", "str", "bool", "bytes", "list", "dict"}
)
# Attributes pydantic's BaseModel defines (2.x); a field must not override them.
_BASE_MODEL = frozenset(
    {"construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw"}
    | {"schema", "schema_json", "update_forward_refs", "validate"}
)
# What a handler in `app/routers/*.py` refers to: module-level imports, its locals and the
# builtins its body calls. A parameter of that name would shadow them.
_HANDLER_SCOPE = frozenset(
    {"service", "router", "custom", "require", "as_data", "json_body", "form_body", "raw_body"}
    | {"date", "datetime", "time", "max", "min", "isinstance", "dict", "str", "int", "float"}
    | {"body", "request", "response", "principal", "where", "created", "result", "params"}
)
# Module-level names of the generated routers, services, repositories, hooks and custom
# modules, besides the builtins: an operation's function must not replace them.
_MODULE_SCOPE = frozenset(
    {"router", "service", "custom", "hooks", "repository", "tables", "reading", "transaction"}
    | {"require", "as_data", "json_body", "form_body", "raw_body", "columns", "link_sets"}
    | {"require_parents", "select_rows", "count_rows", "render", "annotations", "date"}
    | {"datetime", "time", "order_by", "mark_deleted"}
)
# Module-level names of `app/tables.py` besides the builtins: no table variable replaces them.
_TABLES_MODULE = frozenset({"sa", "uuid", "metadata", "annotations"})
# Names the generated modules import or define next to the schema classes they import
# (`app/schemas.py`, the routers): a class or type alias must not take them.
CLASS_RESERVED = _KEYWORDS | frozenset(
    {"Annotated", "Any", "Literal", "BaseModel", "ConfigDict", "Field", "UUID"}
    | {"RequestModel", "ResponseModel", "UtcDateTime", "APIRouter", "Cookie", "Depends"}
    | {"Header", "Path", "Query", "Request", "Response", "CustomCall", "Callable", "Sequence"}
    | {"BOOLEAN_TEXT", "EMAIL", "INTEGER_TEXT", "NOT_NULL", "NUMBER_TEXT", "UNIQUE_ITEMS"}
    | {"WHOLE_NUMBER", "DeletionMark"}
)
# The handler locals a same-named paging parameter may share: the local replaces its value.
PAGING_LOCALS = ("limit", "offset")
# The handler locals of a list a client may sort: the sort values asked for, and the direction.
SORTING_LOCALS = ("sort_values", "descending")

MODEL_FIELD_RESERVED = _KEYWORDS | _SCHEMA_MODULE | _BASE_MODEL
HANDLER_RESERVED = _KEYWORDS | _HANDLER_SCOPE
FUNCTION_RESERVED = _KEYWORDS | _BUILTINS | _MODULE_SCOPE


def words(name: str) -> list[str]:
    """Split `petId`, `pet_id`, `Pet-ID`, `HTTPServer`, `größe` into lower-case words."""
    spaced = _WORD_BOUNDARY.sub(" ", unicodedata.normalize("NFKC", name))
    return [w.lower() for w in _NON_WORD.sub(" ", spaced).split() if w]


@cache  # pure, and asked for the same few thousand names over and over
def snake(name: str) -> str:
    """A valid snake_case Python identifier for `name` (not a keyword, `self` or `cls`)."""
    result = "_".join(words(name)) or "value"
    if result[0].isdigit():
        result = f"n_{result}"
    if result in _KEYWORDS or result in {"self", "cls"}:
        result = f"{result}_"
    return result


def field_name(name: str) -> str:
    """`snake(name)` for a pydantic field: outside pydantic's own `model_*` namespace."""
    result = snake(name)
    return f"field_{result}" if result.startswith("model_") else result


@cache
def pascal(name: str) -> str:
    """A valid PascalCase class name for `name`."""
    result = "".join(w[:1].upper() + w[1:] for w in words(name)) or "Model"
    if result[0].isdigit():
        result = f"N{result}"
    if not result[0].isupper():  # a script without case (`名前`) would read like a field name
        result = f"{result}Type"
    if result in _KEYWORDS:  # `True`, `False`, `None`
        result = f"{result}Value"
    return result


@cache
def schema_class(name: str) -> str:
    """The class a component schema becomes (`Response` would shadow FastAPI's: `ResponseSchema`)."""
    result = pascal(name)
    return f"{result}Schema" if result in CLASS_RESERVED else result


@cache
def table_variables(tables: tuple[str, ...]) -> Mapping[str, str]:
    """Each table's variable in `app/tables.py`, by SQL name: distinct, never a builtin (`type_`)."""
    scope = Scope(_KEYWORDS | _BUILTINS | _TABLES_MODULE)
    return MappingProxyType({name: scope.claim(snake(name)) for name in tables})


def constant(name: str) -> str:
    """An UPPER_SNAKE constant name for `name`."""
    return snake(name).rstrip("_").upper()


class Scope:
    """Names given out once each within one Python scope, none of them in `reserved`."""

    def __init__(self, reserved: frozenset[str] = frozenset()) -> None:
        self._reserved = reserved
        self._taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        """`wanted`, or `wanted_` when reserved, numbered `_2`, `_3`, … when already given."""
        name = f"{wanted}_" if wanted in self._reserved else wanted
        number = 1
        candidate = name
        while candidate in self._taken or candidate in self._reserved:
            number += 1
            candidate = f"{name.rstrip('_')}_{number}"
        self._taken.add(candidate)
        return candidate

    def __contains__(self, name: str) -> bool:
        return name in self._taken
