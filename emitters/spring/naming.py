"""Java naming rules: every identifier the Spring target writes is decided here.

Spec names are arbitrary text: keywords, `java.lang` types, names the generated code already
uses, case variants that convert to one Java name (`userId`, `user_id`, `user-id`), digit-initial
and non-ASCII names. Java identifiers may hold any Unicode letter, so letters are kept; the JSON
names on the wire always stay the spec's (`@JsonProperty`). SQL identifiers are always quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from emitters.common.naming import numbered_apart

JAVA_RESERVED = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do double else "
    "enum extends final finally float for goto if implements import instanceof int interface long "
    "native new package private protected public return short static strictfp super switch "
    "synchronized this throw throws transient try void volatile while true false null var record "
    "yield sealed permits _".split()
)
# Methods of java.lang.Object: a record component or a method without parameters of that name
# would override (or clash with) them.
_OBJECT_METHODS = frozenset(
    "clone equals finalize getClass hashCode notify notifyAll toString wait".split()
)
# Simple type names a generated file may mean without declaring them: java.lang (visible in every
# file), the JDK, Spring, Jackson and JUnit types the templates import, and the project's own
# classes. A class made from a spec name never takes one of these.
TAKEN_TYPE_NAMES = frozenset(
    # java.lang
    "AutoCloseable Boolean Byte Character CharSequence Class ClassLoader Cloneable Comparable "
    "Deprecated Double Enum Error Exception Float FunctionalInterface Integer Iterable Long Math "
    "Module Number Object Override Package Process Record Runnable RuntimeException Runtime "
    "SafeVarargs Short StackWalker StrictMath String StringBuffer StringBuilder SuppressWarnings "
    "System Thread ThreadLocal Throwable Void "
    # JDK, Spring, Jackson, JUnit types the templates use by simple name
    "ArrayList ArrayNode BigDecimal BigInteger Collection Collections Component Cookie CookieValue "
    "ConfigurationPropertiesScan DeleteMapping "
    "DynamicPropertyRegistry DynamicPropertySource Files GetMapping HttpMethod HttpServletRequest "
    "HttpStatus Instant JdbcClient JsonCreator JsonIgnoreProperties JsonInclude JsonNode JsonNullable "
    "JsonProperty JsonValue LinkedHashMap List LocalDate Map MediaType MockMvc ObjectMapper ObjectNode "
    "OffsetDateTime Optional PatchMapping Path PathVariable PostMapping PutMapping Repository "
    "RequestAttribute RequestBody RequestHeader RequestMapping RequestParam ResponseEntity "
    "ResponseStatus RestController RowMapper Service Set Test Transactional URI UUID "
    "UriComponentsBuilder AutoConfigureMockMvc Autowired SpringApplication SpringBootApplication "
    "SpringBootTest ZoneOffset "
    # the project's own classes
    "Application ApiException ApiExceptionHandler ApiOperation Authenticator BodyLimitFilter "
    "CachedBodyFilter "
    "ContractInterceptor DatabaseErrors ErrorResponses FailureClass FormReader Formats "
    "HealthController MethodNotAllowedFilter OperationCatalog ProblemErrorController "
    "ProblemErrorReportValve RateLimitFilter RequestLogFilter RequestValidator StorableText "
    "TextValues Violation "
    "AuthSettings "
    "DataSourceConfig DatabaseUrl JacksonConfig TomcatConfig WebConfig JoinTable Paging "
    "ParentRows Related Rows Sorting Sql".split()
)
# Resource prefixes whose Controller the project already has (api.HealthController, ...).
_TAKEN_RESOURCE_PREFIXES = frozenset({"Health", "ProblemError"})
# Package segments the project itself uses under its root package.
_TAKEN_PACKAGES = frozenset({"api", "config", "db", "model"})
# Names a generated handler, service or repository method declares itself or reads from its
# class: an operation's parameters and a repository's related-row maps are named around them.
HANDLER_NAMES = frozenset(
    "body request service operations repository hooks parents jdbc related key where rowLimit "
    "rowOffset rowOrder rows row total values links changes items value created location".split()
)
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\W_]+")


def _words(name: str) -> list[str]:
    """`petId`, `pet_id`, `Pet-ID`, `größe` -> lower-case words; letters of any script are kept."""
    return [w.lower() for w in _SEPARATORS.split(_WORD_BOUNDARY.sub(" ", name)) if w]


def _camel(name: str) -> str:
    parts = _words(name)
    return parts[0] + "".join(w[:1].upper() + w[1:] for w in parts[1:]) if parts else ""


def _pascal(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _words(name))


def java_field(name: str) -> str:
    """A component, parameter or method name: `created_at` -> `createdAt`, `class` -> `class_`,
    `2fa` -> `v2fa`, `toString` -> `toString_` (never one of Object's methods)."""
    ident = _camel(name) or "value"
    if not ident[0].isalpha():
        ident = "v" + ident
    return ident + "_" if ident in JAVA_RESERVED or ident in _OBJECT_METHODS else ident


def java_class_prefix(name: str) -> str:
    """The start of a class name that always gets a suffix: `class` -> `Class` (`ClassRow`)."""
    ident = _pascal(name) or "Value"
    return ident if ident[0].isalpha() else "V" + ident


def java_class(name: str) -> str:
    """A class name: `pets` -> `Pets`, `new-pet` -> `NewPet`, `String` -> `StringModel`."""
    ident = java_class_prefix(name)
    return ident + "Model" if ident in TAKEN_TYPE_NAMES else ident


def resource_prefix(name: str) -> str:
    """The prefix of a resource's Controller, Service, Repository and Hooks classes: `Pets`, or
    `HealthResource` where the plain one would name a class of the project (HealthController)."""
    ident = java_class_prefix(name)
    return ident + "Resource" if ident in _TAKEN_RESOURCE_PREFIXES else ident


def java_package_segment(name: str) -> str:
    """A package segment: lower case letters and digits only, never a keyword or the project's."""
    segment = "".join(_words(name)) or "app"
    if not segment[0].isalpha() or segment in JAVA_RESERVED or segment in _TAKEN_PACKAGES:
        segment = "p" + segment
    return segment


def java_constant(name: str) -> str:
    """A constant: `createdAt` / `BookGenre` / `1-star` -> `CREATED_AT` / `BOOK_GENRE` / `V1_STAR`."""
    constant = "_".join(w.upper() for w in _words(name)) or "EMPTY"
    return constant if constant[0].isalpha() else "V" + constant


def unique_names(
    names: Iterable[str], convert: Callable[[str], str] = java_field, taken: Iterable[str] = ()
) -> list[str]:
    """Java names for spec names sharing one scope, in order: each `convert`ed, never in `taken`
    (such a name gets `Param`) and never twice (later ones get 2, 3, ...)."""
    reserved = frozenset(taken)
    converted = (convert(name) for name in names)
    return numbered_apart((f"{b}Param" if b in reserved else b for b in converted), reserved)


def sql_identifier(name: str) -> str:
    """An SQL identifier, always double-quoted (SQLite and PostgreSQL alike)."""
    return '"' + name.replace('"', '""') + '"'


_COMMENT_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\\", "&#92;"), ("@", "&#64;"))
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def java_string(value: str) -> str:
    """A Java string literal; control characters as octal escapes (never `\\u`, which javac
    would decode before lexing)."""
    out = []
    for char in value:
        if char in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):03o}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def java_comment(value: str) -> str:
    """Spec prose made inert inside a Javadoc comment: one line, HTML-escaped, no `*/`, no `\\u`."""
    text = " ".join(value.split())
    for raw, entity in _COMMENT_ENTITIES:
        text = text.replace(raw, entity)
    return text.replace("*/", "*&#47;")
