"""Client-chosen order of a list in the Spring target: a whitelist per operation.

Each list operation with a sort parameter gets a `Map` constant in its service from every value
the parameter accepts to a `Sorting.Choice` (a column and a direction), and one expression that
turns the request's values into ORDER BY terms through it; the SQL only ever names those columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import SortDirection, Sorting
from emitters.spring.layout import Expression, assignment, javadoc
from emitters.spring.naming import java_comment, java_constant, java_string

_CHOICES = {
    SortDirection.ASC: "Sorting.ascending",
    SortDirection.DESC: "Sorting.descending",
    None: "Sorting.requested",
}


@dataclass(frozen=True)
class SortView:
    """The whitelist constant of one list operation and how a request chooses through it."""

    declaration: str  # the constant with its Javadoc, laid out at class level
    order: str  # Java expression: the List<Sql.Order> the request asks for


def sort_view(
    sorting: Sorting, operation_id: str, java_names: dict[str, tuple[str, str]]
) -> SortView | None:
    """The view of `sorting`; `java_names` maps each parameter's spec name to (Java name, type).

    None when the sort parameter is not among them (the operation cannot read it).
    """
    if sorting.parameter not in java_names:
        return None
    constant = java_constant(operation_id) + "_SORT"
    entries: list[Expression] = [
        (
            "Map.entry",
            [java_string(item.text), (_CHOICES[item.direction], [java_string(item.column)])],
        )
        for item in sorting.items
    ]
    comment = javadoc(
        f"What each value of {{@code {java_comment(sorting.parameter)}}} of"
        f" {java_comment(operation_id)} orders by; the list skips any other value.",
        2,
    )
    declaration = (
        comment
        + "\n"
        + assignment(
            f"private static final Map<String, Sorting.Choice> {constant}",
            ("Map.ofEntries", entries),
            2,
        )
    )
    name, java_type = java_names[sorting.parameter]
    if java_type.startswith("List<"):
        values = f"Sorting.each({name})"
    elif sorting.many:
        values = f"Sorting.split({name})"
    else:
        values = f"Sorting.single({name})"
    order = java_names.get(sorting.order_parameter or "", ("null", ""))[0]
    return SortView(declaration, f"Sorting.orderBy({constant}, {values}, {order})")
