"""Names a contract may carry that are keywords, builtins or well-known names somewhere.

Kept independent of the emitters' naming modules on purpose: this is the oracle they are tested
against, so a word missing from a target's own list still reaches it here.
"""

from __future__ import annotations

import builtins
import keyword

PYTHON = (
    *keyword.kwlist,
    *keyword.softkwlist,
    *(name for name in dir(builtins) if name.islower() and not name.startswith("_")),
    # names of the libraries a generated FastAPI project imports or inherits from
    *("date", "datetime", "time", "timedelta", "decimal", "uuid", "json", "typing", "annotations"),
    *("model_config", "model_fields", "model_dump", "schema", "fields", "validate", "copy"),
    *("self", "cls", "session", "request", "response", "db", "app", "router", "status", "query"),
    *("Literal", "Annotated", "Union", "Any", "BaseModel", "ConfigDict", "Field", "Function"),
)

JAVA = (
    *("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class"),
    *("const", "continue", "default", "do", "double", "else", "enum", "extends", "final"),
    *("finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int"),
    *("interface", "long", "native", "new", "package", "private", "protected", "public"),
    *("return", "short", "static", "strictfp", "super", "switch", "synchronized", "this"),
    *("throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false"),
    *("null", "var", "record", "yield", "sealed", "permits", "when", "module", "exports"),
    *("requires", "open", "opens", "to", "uses", "provides", "with", "transitive"),
    # java.lang and the types a Spring project imports
    *("Object", "String", "Class", "Integer", "Long", "Boolean", "Double", "Float", "Short"),
    *("Byte", "Character", "Number", "Math", "System", "Thread", "Record", "Enum", "Void"),
    *("Override", "Exception", "Error", "Iterable", "List", "Map", "Set", "Optional", "UUID"),
    *("Instant", "LocalDate", "OffsetDateTime", "BigDecimal", "Service", "Repository"),
    *("Controller", "Component", "Valid", "NotNull", "Size", "ResponseEntity", "HttpStatus"),
)

TYPESCRIPT = (
    *("break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete"),
    *("do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if"),
    *("import", "in", "instanceof", "new", "null", "return", "super", "switch", "this"),
    *("throw", "true", "try", "typeof", "var", "void", "while", "with", "as", "implements"),
    *("interface", "let", "package", "private", "protected", "public", "static", "yield"),
    *("any", "boolean", "constructor", "declare", "get", "module", "require", "number", "set"),
    *("string", "symbol", "type", "from", "of", "namespace", "async", "await", "abstract"),
    *("readonly", "keyof", "never", "unknown", "object", "bigint", "infer", "is", "asserts"),
    *("global", "undefined", "NaN", "Infinity", "arguments", "eval", "satisfies", "accessor"),
    # properties every JavaScript object already has, and one that makes a value thenable
    *("__proto__", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"),
    *("propertyIsEnumerable", "toLocaleString", "toJSON", "then"),
    *("Object", "Array", "Function", "Symbol", "Promise", "Error", "Date", "JSON", "Buffer"),
    *("process", "console", "exports", "req", "res", "next", "body", "params", "headers"),
)

GO = (
    *("break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough"),
    *("for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range"),
    *("return", "select", "struct", "switch", "type", "var"),
    *("any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32"),
    *("float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8"),
    *("uint16", "uint32", "uint64", "uintptr", "true", "false", "iota", "nil", "append"),
    *("cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max"),
    *("min", "new", "panic", "print", "println", "real", "recover"),
    # packages a Gin project imports, its usual locals, and methods Go calls by name
    *("fmt", "time", "http", "sql", "context", "errors", "strings", "strconv", "sort", "gin"),
    *("c", "ctx", "err", "w", "r", "tx", "rows", "H", "String", "Error", "MarshalJSON"),
)

SQL = (
    *("all", "analyse", "analyze", "and", "array", "as", "asc", "asymmetric", "both", "case"),
    *("cast", "check", "collate", "column", "constraint", "create", "current_date"),
    *("current_role", "current_time", "current_timestamp", "current_user", "default"),
    *("deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch"),
    *("for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect"),
    *("into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null"),
    *("offset", "on", "only", "or", "order", "placing", "primary", "references", "returning"),
    *("select", "session_user", "some", "symmetric", "table", "then", "to", "trailing"),
    *("true", "union", "unique", "user", "using", "variadic", "when", "where", "window"),
    *("with", "key", "index", "interval", "values", "value", "rowid", "match", "rows", "rank"),
)

# Spelled differently, the same after a target's case conversion (userId / user_id / user-id).
COLLIDING = ("userId", "user_id", "user-id", "e-mail", "eMail", "HTTPStatus", "http_status")

# Start with a digit, or hold letters outside ASCII.
UNUSUAL = ("2fa", "1st", "3d_model", "größe", "名前", "café", "_", "__init__", "__class__")

# Names with a meaning to the compiler or the database that a torture contract must not trigger.
RESERVED_MEANING = frozenset(
    {"oid", "tableoid", "xmin", "xmax", "cmin", "cmax", "ctid"}  # PostgreSQL system columns
    | {"id", "created_at", "updated_at", "deleted_at"}  # conventions the binder acts on
    | {"page", "size", "sort", "cursor"}  # paging parameters of the torture lists
)


def torture_words() -> tuple[str, ...]:
    """Every hostile name once, first spelling kept, in a stable order."""
    seen: dict[str, None] = {}
    for word in (*PYTHON, *JAVA, *TYPESCRIPT, *GO, *SQL, *COLLIDING, *UNUSUAL):
        if word not in RESERVED_MEANING:
            seen.setdefault(word, None)
    return tuple(seen)
