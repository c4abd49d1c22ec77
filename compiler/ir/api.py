"""The API half of the IR: operations, already bound to tables and classified.

Every decision that all four targets must make the same way lives here: the operation kind, the
table and columns it touches, which status each failure class answers with, paging, filters, auth.
Templates only render these facts; they never re-decide them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compiler.diagnostics import Location
from compiler.ir.database import ReferentialAction
from compiler.ir.shapes import Model, Shape


class OperationKind(StrEnum):
    LIST = "list"
    CREATE = "create"
    READ = "read"
    REPLACE = "replace"
    PATCH = "patch"
    DELETE = "delete"
    CUSTOM = "custom"


class FailureClass(StrEnum):
    """Ways an operation can fail that the generated backend produces itself (generated-backend.md §5)."""

    INVALID = "invalid"  # validation of query, header, cookie or body
    # a path parameter no row can have (`/pets/abc` for an integer key): the resource cannot
    # exist, so it answers the documented 400/422, else the documented 404, else as INVALID
    INVALID_PATH = "invalid_path"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # unique or foreign-key violation
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_IMPLEMENTED = "not_implemented"  # custom operation whose user code is not written yet


class ParamLocation(StrEnum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"


class ParamRole(StrEnum):
    """What the generated code does with a parameter."""

    KEY = "key"  # identifies the row (primary key column)
    PARENT_KEY = "parent_key"  # identifies the parent row in a nested route
    FILTER = "filter"  # equality filter on `column`
    LIMIT = "limit"  # page size (limit/offset or page/size paging)
    OFFSET = "offset"
    PAGE = "page"  # 1-based page number
    OTHER = "other"  # validated, then passed to user code (custom operations) or ignored


@dataclass(frozen=True)
class Parameter:
    name: str  # as in the spec
    location: ParamLocation
    shape: Shape
    required: bool
    role: ParamRole = ParamRole.OTHER
    column: str | None = None  # for KEY, PARENT_KEY and FILTER
    style: str = "form"  # OpenAPI serialization style
    explode: bool = True
    deprecated: bool = False


class BodyReading(StrEnum):
    """How a generated server reads a request body before the operation's code sees it."""

    JSON = "json"  # parsed and validated as JSON
    FORM = "form"  # multipart or urlencoded with an object schema: fields typed, files as bytes
    RAW = "raw"  # anything else: handed to the user's handler unparsed


@dataclass(frozen=True)
class Body:
    """A request or response payload."""

    content_type: str  # application/json, application/problem+json, ...
    shape: Shape | None  # None: no schema declared (any content)
    required: bool = True
    reading: BodyReading = BodyReading.JSON  # requests only


@dataclass(frozen=True)
class Response:
    status: str  # "200", "201", "4XX", "default"
    description: str = ""
    body: Body | None = None
    headers: tuple[str, ...] = ()  # declared header names


class ErrorSlot(StrEnum):
    """A value of an error body known only when the failure happens."""

    STATUS = "status"  # the HTTP status as a number
    STATUS_TEXT = "status_text"  # the HTTP status as a string
    TITLE = "title"  # a short summary ("Not Found")
    DETAIL = "detail"  # what went wrong, for people
    TYPE = "type"  # a problem type URI: "about:blank"
    TIMESTAMP = "timestamp"  # when the failure happened, RFC 3339 in UTC (`date-time`)
    FIELD = "field"  # in a violation entry: where the invalid value is (see `ErrorValue`)


@dataclass(frozen=True)
class ErrorValue:
    """How to build one value of the spec's own error body; one field is set (but see below).

    Targets render this tree in their language, so every target fills a declared error
    schema the same way (`{"code": 404, "message": "..."}`).

    `per_violation` is an array with one entry per validation violation of the request (empty
    for other failures), each entry built from the template with `FIELD` = where the value is,
    in the spec's names: a body property's path joined by dots with array indices as numbers
    (`owner.pets.0.name`, "" for the whole body) or a parameter's name, and `DETAIL` = what is
    wrong with it. A failure without violations (not found, conflict, ...) renders `items`
    instead: no entry, or one for the failure itself when the schema needs one (`minItems`).
    """

    slot: ErrorSlot | None = None
    literal: str | int | float | bool | None = None  # used when nothing else is set
    fields: tuple[tuple[str, ErrorValue], ...] | None = None  # an object, properties in order
    items: tuple[ErrorValue, ...] | None = None  # an array
    per_violation: ErrorValue | None = None  # an array, one entry per violation


@dataclass(frozen=True)
class ErrorResponse:
    """How one failure class is answered by one operation."""

    failure: FailureClass
    status: int
    documented: bool  # False: the spec declares no fitting response (check warns, CC109)
    body: Body | None  # the spec's error schema; None: RFC 9457 application/problem+json
    template: ErrorValue | None = None  # how to fill `body`; None with body None


class FieldMode(StrEnum):
    COLUMN = "column"  # a plain column of the operation's table
    EMBEDDED = (
        "embedded"  # an object property stored as a foreign-key column (`owner` ↔ `owner_id`)
    )
    CHILDREN = "children"  # an array of rows of a child table whose foreign key points here
    JOIN = "join"  # an array of rows reached through a join table
    UNBOUND = "unbound"  # no column: ignored on input, absent on output


class StorageConvention(StrEnum):
    """A common way of storing a JSON value in a column of another type; the value is converted."""

    BOOLEAN_AS_INTEGER = "boolean_as_integer"  # true/false stored as 1/0
    EPOCH_TIMESTAMP = "epoch_timestamp"  # date-time / date string stored as seconds since 1970
    INTEGER_AS_STRING = "integer_as_string"  # int64 sent as a JSON string, stored as an integer
    ENUM_AS_INTEGER = "enum_as_integer"  # string enum stored as its position (0, 1, ...)
    JSON_AS_TEXT = "json_as_text"  # object or array stored as its JSON text


@dataclass(frozen=True)
class FieldBinding:
    """One property of a request or response object and where its value lives."""

    property: str  # JSON name
    mode: FieldMode
    shape: Shape
    column: str | None = None  # COLUMN: the column; EMBEDDED: the FK column on this table
    related_table: str | None = None  # EMBEDDED / CHILDREN / JOIN: the other table
    # EMBEDDED / JOIN: the related table's referenced column; CHILDREN: the child's FK column
    related_key: str | None = None
    owner_key: str | None = None  # CHILDREN / JOIN: this table's column the foreign key references
    join_table: str | None = None  # JOIN: the join table
    join_columns: tuple[str, str] | None = (
        None  # JOIN: (column → this table, column → related table)
    )
    # EMBEDDED / JOIN input: which property of the related object holds the related key
    key_property: str | None = None
    fields: tuple[FieldBinding, ...] = ()  # EMBEDDED / CHILDREN / JOIN: how related rows render
    read_only: bool = False
    write_only: bool = False
    required: bool = False
    storage: StorageConvention | None = None  # COLUMN: how the value is converted for its column
    # CHILDREN / JOIN: how the related table marks deleted rows, which are left out of the array
    related_soft_delete: SoftDelete | None = None


class PagingStyle(StrEnum):
    LIMIT_OFFSET = "limit_offset"
    PAGE_SIZE = "page_size"


@dataclass(frozen=True)
class Paging:
    style: PagingStyle
    size_param: str  # limit / size / per_page ...
    position_param: str | None  # offset / page
    default_size: int = 20
    max_size: int = 100


class SortDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class SortItem:
    """One value a sort parameter accepts, and what it orders by."""

    text: str  # as the client writes it: `title`, `-created_at`, `title:desc`
    column: str
    direction: SortDirection | None  # None: the order parameter's, else ascending


@dataclass(frozen=True)
class Sorting:
    """How a list is ordered on request (`?sort=-created_at,title`, `?sort_by=title&order=desc`).

    The accepted values are listed, so no target parses them. A parameter with an enum accepts
    exactly `items` (its validation rejects the rest); one without accepts any string, and an item
    not among `items` is skipped, as the contract allows it. Rows are ordered by the chosen
    columns, NULLs last in either direction (the same on every database), then by the table's
    key.
    """

    parameter: str  # the query parameter that names the field(s)
    items: tuple[SortItem, ...]
    many: bool = False  # several items, comma-separated (or an array parameter)
    order_parameter: str | None = None  # a separate `asc`/`desc` parameter


class SoftDeleteMark(StrEnum):
    """How the soft-delete column marks a deleted row (compiler.binder.soft_delete)."""

    WHEN = "when"  # a date or timestamp: NULL while the row lives, the moment of deletion after
    EPOCH = "epoch"  # an integer: NULL or 0 while the row lives, epoch milliseconds after
    FLAG = "flag"  # a boolean or 0/1 integer: NULL or false while the row lives, true after


@dataclass(frozen=True)
class SoftDelete:
    """Rows of the operation's table are marked deleted instead of removed: a marked row does not
    exist for reads, lists, updates and deletes (404), and DELETE marks the row."""

    column: str
    mark: SoftDeleteMark


@dataclass(frozen=True)
class Envelope:
    """A payload wrapped in an object, e.g. `{"data": [...], "total": 3}`."""

    data_property: str
    total_property: str | None = None
    page_property: str | None = None
    size_property: str | None = None
    path: tuple[
        str, ...
    ] = ()  # properties from the body's root down to this object (listmonk: ("data",))


@dataclass(frozen=True)
class ParentScope:
    """A nested route's parent: `/owners/{ownerId}/pets` has parent owners, child column owner_id."""

    param: str
    parent_table: str
    parent_column: str  # the parent's key column the param names
    child_column: str  # the FK column on the operation's table
    soft_delete: SoftDelete | None = None  # the parent's deletion mark: a marked parent is absent


class SecurityKind(StrEnum):
    BEARER = "bearer"  # http bearer: JWT HS256 or opaque tokens
    BASIC = "basic"
    API_KEY = "api_key"
    OAUTH2 = "oauth2"  # treated as bearer
    OPENID_CONNECT = "openid_connect"  # treated as bearer


@dataclass(frozen=True)
class SecurityScheme:
    name: str  # key in components.securitySchemes
    kind: SecurityKind
    location: ParamLocation | None = None  # API_KEY: header, query or cookie
    parameter_name: str | None = None  # API_KEY: header/query/cookie name
    bearer_format: str | None = None


@dataclass(frozen=True)
class Link:
    """An OpenAPI link contractc adds for stateful contract tests (create → read, parent → child)."""

    name: str
    source_operation: str  # operationId
    status: str
    target_operation: str  # operationId
    parameters: tuple[tuple[str, str], ...]  # (target parameter, runtime expression)


@dataclass(frozen=True)
class Operation:
    operation_id: str  # from the spec, or derived (`listPets`) when absent
    method: str  # lower case
    path: str  # as in the spec, without the base path
    kind: OperationKind
    location: Location
    resource: str  # grouping for routers/controllers: the table name, or the first path segment
    table: str | None = None  # None when custom
    summary: str = ""
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    request: Body | None = None
    request_fields: tuple[FieldBinding, ...] = ()
    success: Response = Response(status="200")
    responses: tuple[Response, ...] = ()  # every documented response
    errors: tuple[ErrorResponse, ...] = ()
    response_fields: tuple[FieldBinding, ...] = ()  # how one row renders
    envelope: Envelope | None = None
    request_envelope: Envelope | None = (
        None  # request body wrapped in an object: `{"article": {...}}`
    )
    paging: Paging | None = None
    sorting: Sorting | None = None  # lists: the order a client may ask for
    soft_delete: SoftDelete | None = None  # table operations on a table that marks deleted rows
    parents: tuple[ParentScope, ...] = ()  # outermost first
    security: tuple[
        tuple[str, ...], ...
    ] = ()  # alternatives, each a set of scheme names; () = open
    # per alternative of `security`, the scopes (or roles) its schemes require; () = none
    scopes: tuple[tuple[str, ...], ...] = ()
    handler: str | None = None  # custom: the user-owned function to call (snake_case operation id)
    on_delete_referenced: ReferentialAction | None = None  # delete: what referencing rows do
    deprecated: bool = False
    evidence: tuple[str, ...] = ()  # why it was bound as it was (or why not), for people

    def error(self, failure: FailureClass) -> ErrorResponse | None:
        for err in self.errors:
            if err.failure is failure:
                return err
        return None

    def params(self, *roles: ParamRole) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.role in roles)

    @property
    def body_reading(self) -> BodyReading:
        """How a server reads the request body (JSON when the operation takes none)."""
        return self.request.reading if self.request is not None else BodyReading.JSON


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    openapi_version: str  # "3.0.3", "3.1.0", ...
    base_path: str  # from servers[0].url, "" when none
    operations: tuple[Operation, ...]  # sorted by path, then method
    models: tuple[Model, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    links: tuple[Link, ...] = ()

    def allowed_methods(self, path: str) -> tuple[str, ...]:
        """The documented methods of a path, upper case and sorted: the `Allow` header of a 405."""
        return tuple(sorted({op.method.upper() for op in self.operations if op.path == path}))

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted({op.path for op in self.operations}))
