"""Name conversions the binder matches with: snake_case, camelCase, singular and plural."""

from __future__ import annotations

import re

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
_IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
}
_IRREGULAR_SINGULARS = {plural: single for single, plural in _IRREGULAR_PLURALS.items()}
_UNCOUNTABLE = frozenset(
    {"data", "info", "information", "news", "series", "species", "metadata", "media", "status"}
)


def snake_case(name: str) -> str:
    """`firstName`, `first-name`, `FirstName`, `HTTPServer` -> `first_name`, ..., `http_server`."""
    spaced = _WORD_BOUNDARY.sub("_", name)
    return _NON_WORD.sub("_", spaced).strip("_").lower()


def camel_case(name: str, upper_first: bool = False) -> str:
    """`first_name` / `first-name` -> `firstName` (or `FirstName`)."""
    words = [w for w in snake_case(name).split("_") if w]
    if not words:
        return ""
    text = words[0] + "".join(w.capitalize() for w in words[1:])
    return text[0].upper() + text[1:] if upper_first else text


def singular(word: str) -> str:
    """English singular of the last word of a snake_case name (`pet_types` -> `pet_type`)."""
    head, _, last = word.rpartition("_")
    return f"{head}_{_singular_word(last)}" if head else _singular_word(last)


def plural(word: str) -> str:
    """English plural of the last word of a snake_case name (`pet_type` -> `pet_types`)."""
    head, _, last = word.rpartition("_")
    return f"{head}_{_plural_word(last)}" if head else _plural_word(last)


def _singular_word(word: str) -> str:
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if word in _UNCOUNTABLE or len(word) < 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _plural_word(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word in _UNCOUNTABLE or not word:
        return word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word if _singular_word(word) != word else word + "es"
    return word + "s"


def name_key(name: str) -> str:
    """A comparison key that ignores case and separators (`pet-types` == `PetTypes` == `pet_types`)."""
    return snake_case(name).replace("_", "")


def name_variants(name: str) -> tuple[str, ...]:
    """Comparison keys of a name in singular and plural form."""
    snake = snake_case(name)
    each_singular = "_".join(_singular_word(w) for w in snake.split("_"))  # jobs/templates
    variants = (snake, singular(snake), plural(snake), each_singular)
    return tuple(dict.fromkeys(name_key(v) for v in variants if v))


_LIFECYCLE_WORDS = frozenset({"created", "updated", "modified", "changed", "inserted"})
_TIME_WORDS = frozenset({"at", "on", "date", "time", "utc", "ts", "timestamp", "datetime", "dt"})
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def is_lifecycle_timestamp(name: str) -> bool:
    """`created_at`, `updated`, `utcDateModified`, `date_created`: not `created_by`."""
    words = {w.lower() for w in _WORD.findall(name)}
    return bool(words & _LIFECYCLE_WORDS) and words - _LIFECYCLE_WORDS <= _TIME_WORDS
