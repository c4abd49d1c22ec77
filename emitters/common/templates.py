"""One way to build a Jinja2 environment for a target's templates."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined


def template_environment(package: str, **filters: object) -> Environment:
    """Templates from `<package>/templates`, strict about undefined names, with the given filters."""
    env = Environment(
        loader=PackageLoader(package, "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(filters)
    return env
