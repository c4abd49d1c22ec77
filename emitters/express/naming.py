"""TypeScript naming: camelCase values and functions, PascalCase types, kebab-case files.

Every identifier and module name the Express target writes is decided here: keywords, strict-mode
and global names are escaped, and `unique_names` keeps names that convert alike apart in a scope.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from emitters.common import camel, kebab, pascal
from emitters.common.naming import numbered_apart

RESERVED = frozenset(
    """break case catch class const continue debugger default delete do else enum export extends
    false finally for function if import in instanceof new null return super switch this throw true
    try typeof var void while with as implements interface let package private protected public
    static yield any boolean constructor declare get module require number set string symbol type
    from of await async eval arguments undefined NaN Infinity""".split()
)
# global types a module refers to by name: a model named so would shadow them
GLOBAL_TYPES = frozenset(
    """Array Boolean Date Error Function JSON Map Math Number Object Partial Pick Promise Readonly
    ReadonlyArray ReadonlyMap Record RegExp Required Set String Symbol""".split()
)
# modules every project has beside the resources' own, in src/routes and src/services
_PROJECT_MODULES = frozenset({"index", "crud", "hooks", "links", "render", "types"})


def value_name(name: str) -> str:
    """A camelCase identifier, escaped when it is a reserved word."""
    result = camel(name) or "value"
    if result[0].isdigit():
        result = f"n{result}"
    return f"{result}_" if result in RESERVED else result


def type_name(name: str) -> str:
    """A PascalCase type name, `Model` appended to the name of a global type."""
    result = pascal(name) or "Model"
    if result[0].isdigit():
        return f"T{result}"
    return f"{result}Model" if result in GLOBAL_TYPES else result


def file_name(name: str) -> str:
    """A kebab-case module name, `-resource` appended to the name of a module every project has."""
    result = kebab(name) or "module"
    return f"{result}-resource" if result in _PROJECT_MODULES else result


def unique_names(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """`names` in order, a number appended to each repeat (`userId`, `userId2`) and to a name the
    scope already `taken`: one scope, one of each."""
    return numbered_apart(names, taken)


def is_identifier(name: str) -> bool:
    """Whether `name` is a JavaScript identifier name, so it may stand unquoted as a key."""
    return name.replace("$", "_").isidentifier()


def member_name(name: str) -> str:
    """A property key as written in a type: bare when it is an identifier, quoted otherwise."""
    return name if is_identifier(name) else json.dumps(name, ensure_ascii=False)


def object_key(name: str, spelled: str) -> str:
    """A key of an object literal as `spelled` (bare or quoted); `__proto__` is a computed key,
    since as a plain key it would set the object's prototype instead of a property."""
    return f"[{json.dumps(name)}]" if name == "__proto__" else spelled
