"""Emitters installed in this environment, found through the `contractc.emitters` entry points."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from emitters.base import Emitter

ENTRY_POINT_GROUP = "contractc.emitters"


@cache
def discover_targets() -> tuple[dict[str, Emitter], dict[str, str]]:
    """Every installed target by name, and the ones whose plugin failed to load, with why."""
    found: dict[str, Emitter] = {}
    broken: dict[str, str] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found[ep.name] = ep.load()()
        except Exception as exc:  # a third-party plugin must not take the compiler down
            broken[ep.name] = f"{type(exc).__name__}: {exc}"
    return dict(sorted(found.items())), dict(sorted(broken.items()))


def available_targets() -> dict[str, Emitter]:
    """Every target that loaded, by name, sorted."""
    return discover_targets()[0]


def resolve_targets(spec: str) -> tuple[list[str], list[str]]:
    """Split a `--target` value (`fastapi`, `fastapi,gin`, `all`) into known and unknown names."""
    known = available_targets()
    if spec.strip() == "all":
        names = list(known)
    else:
        names = [n.strip() for n in spec.split(",") if n.strip()]
    return [n for n in names if n in known], [n for n in names if n not in known]
