"""Is a `pattern` a valid ECMA-262 regular expression? (JSON Schema patterns are ECMA-262.)

Python's `re` rejects valid ECMA patterns such as `\\p{L}`; the `regex` module accepts them. The few
ECMA forms `regex` lacks are translated first, and the Python-only forms ECMA rejects (inline flags,
`(?P<name>`, possessive quantifiers) are refused, so a pattern accepted here works in every target.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

_PYTHON_ONLY = re.compile(r"\(\?P[<=>]|\(\?[aiLmsux-]+[):]|\(\?#|(?<!\\)[*+?]\+|\{\d+(?:,\d*)?\}\+")
_ECMA_TO_REGEX = (
    (re.compile(r"(?<!\\)\[\^\]"), r"[\\s\\S]"),  # [^] matches any character
    (re.compile(r"(?<!\\)\[\]"), r"(?!)"),  # [] matches nothing
    (
        re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}"),
        lambda m: regex.escape(chr(min(int(m[1], 16), 0x10FFFF))),
    ),
    (re.compile(r"\\c([A-Za-z])"), lambda m: "\\x%02x" % (ord(m.group(1)) % 32)),
)


@lru_cache(maxsize=4096)
def ecma_pattern_error(pattern: str) -> str:
    """Why `pattern` is not a valid ECMA-262 regular expression, or "" when it is."""
    python_only = _PYTHON_ONLY.search(pattern)
    if python_only:
        return f"{python_only.group()!r} is Python syntax, not ECMA-262"
    translated = pattern
    for form, replacement in _ECMA_TO_REGEX:
        translated = form.sub(replacement, translated)
    try:
        regex.compile(translated)
    except (regex.error, OverflowError, RecursionError, ValueError) as error:
        return str(error)
    return ""
