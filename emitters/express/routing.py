"""The order Express tries the documented paths in: the shared route table's."""

from __future__ import annotations

from compiler.ir import Contract
from compiler.plan.routes import route_table
from emitters.express.metadata import route_path


def documented_paths(contract: Contract) -> list[list[str]]:
    """Each documented path as Express matches it, with its `Allow` header, in the order the
    router must try them: a path before any templated one that would capture its requests."""
    base_path = contract.api.base_path
    return [
        [route_path(route.operations[0], base_path), ", ".join(route.allow)]
        for route in route_table(contract.api)
    ]
