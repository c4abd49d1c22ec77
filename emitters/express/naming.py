"""TypeScript naming: camelCase values and functions, PascalCase types, kebab-case files."""

from __future__ import annotations

import json

from emitters.common import camel, kebab, pascal

RESERVED = frozenset(
    """break case catch class const continue debugger default delete do else enum export extends
    false finally for function if import in instanceof new null return super switch this throw true
    try typeof var void while with as implements interface let package private protected public
    static yield any boolean constructor declare get module require number set string symbol type
    from of await async""".split()
)


def value_name(name: str) -> str:
    """A camelCase identifier, escaped when it is a reserved word."""
    result = camel(name) or "value"
    if result[0].isdigit():
        result = f"n{result}"
    return f"{result}_" if result in RESERVED else result


def type_name(name: str) -> str:
    """A PascalCase type name."""
    result = pascal(name) or "Model"
    return f"T{result}" if result[0].isdigit() else result


def file_name(name: str) -> str:
    """A kebab-case module name."""
    return kebab(name) or "module"


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
