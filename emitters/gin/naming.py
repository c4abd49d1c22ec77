"""Go naming rules: every identifier and file name of the generated project is decided here.

Names from a contract may be Go keywords, clash with the generated packages' own declarations
(`models.Object`, `validate.Decode`), collide after conversion (`userId`, `user_id`, `user-id`),
start with a digit or hold non-ASCII letters. Go identifiers may hold any Unicode letter, so
`größe` stays `Größe`; a name whose first letter has no case (`名前`) or is a digit gets an `X`.
`ProjectNames` hands out each package-level name once, with every name derived from it
(`New<View>`, `<Table>Row`, ...) free in its package; struct fields are claimed per struct.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from emitters.common import project_words, snake

GO_KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if import "
    "interface map package range return select struct switch type var".split()
)
_INITIALISMS = frozenset(
    "acl api ascii cpu css dns eof guid html http https id ip json lhs qps ram rhs rpc sla smtp sql "
    "ssh tcp tls ttl udp ui uid uuid uri url utf8 vm xml xmpp xsrf xss".split()
)
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Go file name suffixes the toolchain reads as build constraints or test files.
_SPECIAL_SUFFIXES = frozenset(
    "test aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 "
    "solaris wasip1 windows zos 386 amd64 arm arm64 loong64 mips mips64 mips64le mipsle ppc64 "
    "ppc64le riscv64 s390x wasm".split()
)

# Package-level names the static files of each generated package declare.
MODELS_DECLARED = frozenset(
    "Array Bool Bytes Date Decimal DecimalText Field Float64 Int64 JSON JSONText KeyOf KeysOf "
    "Listing Null Object Of Pick String Timestamp Views decodeArray parseTime saturated timeLayouts "
    "unwrap".split()
)
REPOSITORIES_DECLARED = frozenset("Repository RequireParent SetLinks distinct".split())
SERVICES_DECLARED = frozenset(
    "DefaultHooks Hooks asRequested ascending assign bounded descending filter keep keepMarker "
    "loadOne ordering pageOffset requireParent setLinks sortDirection sortKey".split()
)
HANDLERS_DECLARED = frozenset(
    "CustomHandlers CustomRequest ErrorFacts Handlers New Schemes UnimplementedCustomHandlers "
    "WriteError clearPartHeaders errorSpec fallbackStatus formField formMediaTypes formTexts "
    "formValues location maxBodyBytes operation param paramTexts perViolation readBody "
    "readForm readParam readPart request requestBody".split()
)
VALIDATE_DECLARED = frozenset(
    "Child Compare Decode Equal Errors FitsInt64 Format Integer Length Matches MultipleOf OneOf "
    "Param TypeName Unique Violation anything dateTimePattern hostnamePattern isBool matching "
    "patterns rat timePattern uuidPattern".split()
)
# The stems of the static files in the folders that also get a file per table or resource.
STATIC_FILES = {
    "models": frozenset({"convert", "field"}),
    "repositories": frozenset({"repository", "relations"}),
    "services": frozenset({"service", "hooks"}),
    "handlers": frozenset({"custom", "forms", "handlers", "operations", "runtime"}),
}
# The suffixes of the static test functions of server_test.go (`TestOperability`).
SERVER_TESTS_DECLARED = frozenset({"Operability"})
_TABLE_FOLDERS = ("models", "repositories", "services")
# Fields and methods of the Handlers struct besides one service per table.
HANDLERS_MEMBERS = frozenset("answer auth begin custom fail logger reject respond write".split())


def go_words(name: str) -> list[str]:
    """`petId`, `pet_id`, `Pet-ID`, `größe` -> lower-case words of Unicode letters and digits."""
    text = unicodedata.normalize("NFC", name)
    kept = "".join(
        char if char.isalpha() or unicodedata.category(char) == "Nd" else " " for char in text
    )
    return [w.lower() for w in _CAMEL_BOUNDARY.sub(" ", kept).split()]


def _title(word: str) -> str:
    return word.upper() if word in _INITIALISMS else word[0].upper() + word[1:]


def exported(name: str) -> str:
    """`pet_id` -> `PetID`, `owner-url` -> `OwnerURL`, `2fa` -> `X2fa`, `名前` -> `X名前`."""
    result = "".join(_title(w) for w in go_words(name)) or "X"
    return result if unicodedata.category(result[0]) == "Lu" else "X" + result


def unexported(name: str) -> str:
    """`PetID` -> `petID`; Go keywords get a trailing underscore, a leading digit an `x`."""
    parts = go_words(name)
    if not parts:
        return "x"
    result = parts[0] + "".join(_title(w) for w in parts[1:])
    if unicodedata.category(result[0]) == "Nd":
        result = "x" + result
    return result + "_" if result in GO_KEYWORDS else result


def file_stem(name: str) -> str:
    """`Pet-Owner` -> `pet_owner`: ASCII, and never ending in `_test`, `_windows`, ... which the
    Go toolchain reads as a test file or a build constraint."""
    stem = snake(name) or "x"
    return stem + "_" if stem.rsplit("_", 1)[-1] in _SPECIAL_SUFFIXES else stem


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


def operation_var(operation: str) -> str:
    """The handlers variable describing an operation: `getPetOperation`."""
    return unexported(operation).rstrip("_") + "Operation"


class UniqueNames:
    """Hands out names in one scope, adding a number when one is taken."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)

    def free(self, name: str) -> bool:
        return name not in self._taken

    def take(self, name: str) -> None:
        self._taken.add(name)

    def claim(self, name: str) -> str:
        candidate, n = name, 2
        while candidate in self._taken:
            candidate = f"{name}{n}"
            n += 1
        self._taken.add(candidate)
        return candidate


Form = tuple[UniqueNames, Callable[[str], str]]


def claim_family(base: str, forms: Iterable[Form]) -> str:
    """The first of `base`, `base2`, ... for which every form (`New<base>` in the scope it is
    declared in) is free; all of them are then taken."""
    forms = tuple(forms)
    candidate, n = base, 2
    while not all(scope.free(form(candidate)) for scope, form in forms):
        candidate = f"{base}{n}"
        n += 1
    for scope, form in forms:
        scope.take(form(candidate))
    return candidate


class ProjectNames:
    """The package-level Go names of one project: tables, views, operations and validators."""

    def __init__(self) -> None:
        self.models = UniqueNames(MODELS_DECLARED)
        self.repositories = UniqueNames(REPOSITORIES_DECLARED)
        self.services = UniqueNames(SERVICES_DECLARED)
        self.handlers = UniqueNames(HANDLERS_DECLARED)
        self.validate = UniqueNames(VALIDATE_DECLARED)
        self.handler_members = UniqueNames(HANDLERS_MEMBERS)
        self._files = {folder: UniqueNames(files) for folder, files in STATIC_FILES.items()}

    def table(self, name: str) -> str:
        """The base of a table's types: `<T>Row`, `<T>Table`, `New<T>`, `<T>Service`, ..."""
        return claim_family(
            exported(name),
            (
                (self.models, lambda base: base + "Row"),
                (self.repositories, lambda base: base + "Table"),
                (self.repositories, lambda base: base + "Mark"),
                (self.repositories, lambda base: "New" + base),
                (self.repositories, lambda base: "scan" + base),
                (self.services, lambda base: base + "Service"),
                (self.services, lambda base: "New" + base + "Service"),
                (self.services, lambda base: base + "Hooks"),
                (self.services, lambda base: "No" + base + "Hooks"),
            ),
        )

    def table_member(self, name: str) -> str:
        """The field of `Handlers` holding a table's service."""
        return self.handler_members.claim(unexported(name))

    def view(self, name: str) -> str:
        """A response type `<V>`, its constructor `New<V>` and loader `Load<V>`."""
        return claim_family(
            exported(name),
            (
                (self.models, lambda base: base),
                (self.models, lambda base: "New" + base),
                (self.repositories, lambda base: "Load" + base),
            ),
        )

    def operation(self, operation_id: str) -> str:
        """An operation's handler and service method, `<O>Input`, its `<o>Operation` spec and
        `<O>Body` check."""
        return claim_family(
            exported(operation_id),
            (
                (self.handler_members, lambda base: base),
                (self.models, lambda base: base + "Input"),
                (self.models, lambda base: "New" + base + "Input"),
                (self.handlers, operation_var),
                (self.validate, lambda base: base + "Body"),
            ),
        )

    def table_file(self, name: str) -> str:
        """The stem of a table's file in models/, repositories/ and services/."""
        return claim_family(
            file_stem(name),
            ((self._files[folder], lambda stem: stem) for folder in _TABLE_FOLDERS),
        )

    def resource_file(self, name: str) -> str:
        """The stem of a resource's file in handlers/."""
        return self._files["handlers"].claim(file_stem(name))

    def validator(self, name: str) -> str:
        """A function of package validate."""
        return self.validate.claim(name)
