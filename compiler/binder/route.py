"""The structure of a path (`/owners/{ownerId}/pets/{petId}`) and operation ids derived from it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from compiler.binder.naming import camel_case, plural, singular, snake_case

_PARAM = re.compile(r"^\{([^{}]+)\}$")


@dataclass(frozen=True)
class Route:
    """A path read as resources: `prefix` literals, then (literal, param) parents, the resource, its key."""

    path: str
    literals: tuple[str, ...]  # every literal segment
    prefix: tuple[str, ...] = ()  # literals before the resource chain (`/users/login`: ("users",))
    parents: tuple[tuple[str, str], ...] = ()  # (collection literal, key param), outermost first
    resource: str | None = None  # None: the path does not read as resources
    key: str | None = None  # the trailing key parameter of an item route

    @property
    def is_item(self) -> bool:
        return self.key is not None


def parse_route(path: str) -> Route:
    """Read a path as nested resources; irregular paths get `resource=None`."""
    segments = [s for s in path.split("/") if s]
    literals = tuple(s for s in segments if not _PARAM.match(s))
    params = [m.group(1) if (m := _PARAM.match(s)) else None for s in segments]
    if not segments or any("{" in s and p is None for s, p in zip(segments, params, strict=False)):
        return Route(path, literals)
    first_param = next((i for i, p in enumerate(params) if p is not None), len(segments))
    chain_start = max(first_param - 1, 0)
    if first_param == len(segments):
        chain_start = len(segments) - 1
    prefix = tuple(segments[:chain_start])
    chain = _merge_literals(list(zip(segments[chain_start:], params[chain_start:], strict=False)))
    pairs: list[tuple[str, str]] = []
    for index in range(0, len(chain), 2):
        literal, literal_param = chain[index]
        following = chain[index + 1] if index + 1 < len(chain) else None
        if literal_param is not None or (following is not None and following[1] is None):
            return Route(path, literals)
        pairs.append((literal, following[1] if following else ""))
    resource, key = pairs[-1]
    return Route(path, literals, prefix, tuple(pairs[:-1]), resource, key or None)


def _merge_literals(chain: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Literals in a row after a parameter name one collection (`/{m}/jobs/templates`)."""
    merged: list[tuple[str, str | None]] = []
    for segment, param in chain:
        if param is None and merged and merged[-1][1] is None and len(merged) > 1:
            merged[-1] = (f"{merged[-1][0]}/{segment}", None)
        else:
            merged.append((segment, param))
    return merged


def derive_operation_id(method: str, route: Route) -> str:
    """A deterministic operationId for an operation that has none (`listPets`, `getPet`, `createOwnerPet`)."""
    if route.resource is not None and not route.prefix:
        owners = "".join(
            camel_case(singular(snake_case(p)), upper_first=True) for p, _ in route.parents
        )
        name = snake_case(route.resource)
        verb = _CRUD_VERBS.get((method, route.is_item))
        if verb is not None:
            noun = plural(name) if verb == "list" else singular(name)
            return verb + owners + camel_case(noun, upper_first=True)
    words = "".join(camel_case(w, upper_first=True) for w in route.literals)
    return method + (words or "Root")


_CRUD_VERBS = {
    ("get", False): "list",
    ("post", False): "create",
    ("get", True): "get",
    ("put", True): "replace",
    ("patch", True): "update",
    ("delete", True): "delete",
}
