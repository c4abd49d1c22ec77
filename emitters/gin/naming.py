"""Go naming rules: exported identifiers with Go's initialisms, reserved words, module and route names."""

from __future__ import annotations

import re

from emitters.common import pascal, project_words, words

GO_KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if import "
    "interface map package range return select struct switch type var".split()
)
_INITIALISMS = frozenset(
    "acl api ascii cpu css dns eof guid html http https id ip json lhs qps ram rhs rpc sla smtp sql "
    "ssh tcp tls ttl udp ui uid uuid uri url utf8 vm xml xmpp xsrf xss".split()
)


def exported(name: str) -> str:
    """`pet_id` -> `PetID`, `owner-url` -> `OwnerURL`; never starts with a digit."""
    parts = [w.upper() if w in _INITIALISMS else w.capitalize() for w in words(name)]
    result = "".join(parts) or "X"
    return "X" + result if result[0].isdigit() else result


def unexported(name: str) -> str:
    """`PetID` -> `petID`; Go keywords get a trailing underscore."""
    parts = words(name)
    if not parts:
        return "x"
    head = parts[0]
    rest = "".join(w.upper() if w in _INITIALISMS else w.capitalize() for w in parts[1:])
    result = head + rest
    if result[0].isdigit():
        result = "x" + pascal(result)
    return result + "_" if result in GO_KEYWORDS else result


def module_name(title: str) -> str:
    """A Go module path from the API title: `Veterinary Clinic API` -> `veterinary-clinic-api`."""
    return "-".join(project_words(title))


def gin_path(path: str) -> str:
    """`/owners/{ownerId}/pets` -> `/owners/:p1/pets`: parameters named by segment position, so
    routes that name the same position differently never conflict in gin's tree."""
    segments = path.split("/")
    out = []
    for index, segment in enumerate(segments):
        if segment.startswith("{") and segment.endswith("}"):
            out.append(f":p{index}")
        else:
            out.append(segment)
    return "/".join(out)


def route_precedence(path: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts `/articles/feed` before `/articles/{slug}`, which would capture it,
    and otherwise keeps paths that share a prefix together."""
    return tuple(
        (1, "") if "{" in segment else (0, segment) for segment in path.strip("/").split("/")
    )


def path_param_keys(path: str) -> dict[str, str]:
    """Each path parameter's name in the spec -> its positional gin name."""
    keys = {}
    for index, segment in enumerate(path.split("/")):
        if segment.startswith("{") and segment.endswith("}"):
            keys[segment[1:-1]] = f"p{index}"
    return keys


_PLAIN_ASCII = re.compile(r"[ !#-\[\]-~]*")  # printable ASCII except `"` and backslash


def go_string(text: str) -> str:
    """A Go interpreted string literal (valid for any Unicode text)."""
    if _PLAIN_ASCII.fullmatch(text):
        return f'"{text}"'
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        elif code > 0x7E:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def json_tag(name: str, options: str = "") -> str:
    """The struct tag `json:"name,options"`: a raw string literal, or an interpreted one when
    `name` holds what a raw string or the tag's own quoting cannot."""
    value = name + options
    printable = all(ord(char) >= 0x20 and char != "\x7f" for char in value)
    if printable and not set(value) & set('`"\\'):
        return f'`json:"{value}"`'
    return go_string(f"json:{go_string(value)}")


def go_comment(text: str) -> str:
    """`text` for a `//` comment: on one line, so none of it can end the comment and become code,
    and without the control characters and byte order mark Go forbids anywhere in a source file."""
    return " ".join(
        "".join(" " if ord(char) < 0x20 or char in "\x7f\ufeff" else char for char in text).split()
    )


class UniqueNames:
    """Hands out names, adding a number when one is taken."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self._taken: set[str] = set(taken or ())

    def claim(self, name: str) -> str:
        candidate, n = name, 2
        while candidate in self._taken:
            candidate = f"{name}{n}"
            n += 1
        self._taken.add(candidate)
        return candidate
