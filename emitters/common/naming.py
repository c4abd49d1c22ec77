"""Stack-neutral name conversions; each target adds only its own reserved words and prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_IDENTIFIER = re.compile(r"[^0-9a-zA-Z]+")


def words(name: str) -> list[str]:
    """Split `petId`, `pet_id`, `Pet-ID`, `HTTPServer` into lower-case words."""
    spaced = _WORD_BOUNDARY.sub(" ", name)
    return [w.lower() for w in _NON_IDENTIFIER.sub(" ", spaced).split() if w]


def snake(name: str) -> str:
    """`petId` -> `pet_id` (no keyword escaping: that is the target's job)."""
    return "_".join(words(name))


def screaming_snake(name: str) -> str:
    return snake(name).upper()


def camel(name: str) -> str:
    """`pet_id` -> `petId`."""
    parts = words(name)
    return parts[0] + "".join(w.capitalize() for w in parts[1:]) if parts else ""


def pascal(name: str) -> str:
    """`pet_id` -> `PetId`."""
    return "".join(w.capitalize() for w in words(name))


def kebab(name: str) -> str:
    """`petTypes` -> `pet-types`."""
    return "-".join(words(name))


def project_words(title: str, limit: int = 4) -> list[str]:
    """The first few words of an API title, for package, module and artifact names.

    A title is prose (sometimes hostile: a payload in the title of a spec); names built from it
    must stay short and tame whatever it says.
    """
    return [w for w in words(title) if w.isascii()][:limit] or ["api"]


def numbered_apart(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """`names` in order, each one already used in the scope (`taken`, or an earlier name) given
    the first free number (`userId`, `userId2`): one scope, one of each."""
    used = set(taken)
    out: list[str] = []
    for name in names:
        candidate, number = name, 2
        while candidate in used:
            candidate, number = f"{name}{number}", number + 1
        used.add(candidate)
        out.append(candidate)
    return out
