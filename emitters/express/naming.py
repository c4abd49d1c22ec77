"""TypeScript naming: camelCase values and functions, PascalCase types, kebab-case files."""

from __future__ import annotations

import json
import re

from emitters.common import camel, kebab, pascal

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")
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


def member_name(name: str) -> str:
    """A property key as written in a type: bare when it is an identifier, quoted otherwise."""
    return name if _IDENTIFIER.match(name) else json.dumps(name, ensure_ascii=False)
