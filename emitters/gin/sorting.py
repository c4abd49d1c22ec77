"""Sorting in Go: the whitelist of a list operation's sort values, as a switch from each accepted
value to the column and direction it orders by (`Operation.sorting` lists them; nothing is parsed
at run time and no request text reaches the SQL)."""

from __future__ import annotations

from compiler.ir import SortDirection, Sorting
from emitters.gin.naming import go_comment, go_string

_DIRECTIONS = {
    None: "asRequested",
    SortDirection.ASC: "ascending",
    SortDirection.DESC: "descending",
}


def sort_function(name: str, operation_id: str, sorting: Sorting) -> list[str]:
    """The Go function `name(value) (sortKey, bool)`: what a value of the sort parameter orders
    by, false for a value it does not accept. Values ordering alike share one case."""
    cases: dict[tuple[str, str], list[str]] = {}
    for item in sorting.items:
        cases.setdefault((item.column, _DIRECTIONS[item.direction]), []).append(item.text)
    lines = [
        f"// {name} is what a value of the {go_comment(sorting.parameter)} parameter of "
        f"{go_comment(operation_id)} orders by.",
        f"func {name}(value string) (sortKey, bool) {{",
        "\tswitch value {",
    ]
    for (column, direction), texts in cases.items():
        lines += [
            f"\tcase {', '.join(go_string(text) for text in texts)}:",
            f"\t\treturn sortKey{{column: {go_string(column)}, direction: {direction}}}, true",
        ]
    return [*lines, "\t}", "\treturn sortKey{}, false", "}"]


__all__ = ["sort_function"]
