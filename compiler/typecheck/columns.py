"""One property against one column: type (CC103), storage conventions (CC113), length and range
(CC104/CC114), enums (CC105/CC106), nullability (CC107/CC111). Each check returns findings; the
caller locates and reports them."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.diagnostics import Severity
from compiler.ir.api import StorageConvention
from compiler.ir.database import INTEGER_KINDS, Column, ColumnKind, ColumnType
from compiler.ir.shapes import Shape, ShapeKind
from compiler.typecheck.conventions import DESCRIPTIONS, storage_convention
from compiler.typecheck.string_bounds import bound_source, max_string_length

_INTEGER_RANGES = {
    ColumnKind.SMALLINT: (-(2**15), 2**15 - 1),
    ColumnKind.INTEGER: (-(2**31), 2**31 - 1),
    ColumnKind.BIGINT: (-(2**63), 2**63 - 1),
}
_FORMAT_RANGES = {
    "int32": _INTEGER_RANGES[ColumnKind.INTEGER],
    "int64": _INTEGER_RANGES[ColumnKind.BIGINT],
}
_TEXT_KINDS = frozenset({ColumnKind.VARCHAR, ColumnKind.TEXT, ColumnKind.ENUM})
_NUMERIC_KINDS = frozenset({ColumnKind.DECIMAL, ColumnKind.REAL, ColumnKind.DOUBLE})
_STRING_FORMAT_KINDS = {
    "date-time": ColumnKind.TIMESTAMP,
    "date": ColumnKind.DATE,
    "time": ColumnKind.TIME,
    "uuid": ColumnKind.UUID,
    "byte": ColumnKind.BYTES,
    "binary": ColumnKind.BYTES,
    "duration": ColumnKind.INTERVAL,
}
# Formats JSON Schema and the OpenAPI Format Registry define; validators ignore any other format,
# so a string with an unknown format (`uuid4`, `objectid`) is any string.
KNOWN_FORMATS = frozenset(
    {
        *_STRING_FORMAT_KINDS,
        *("email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6", "uri"),
        *("uri-reference", "iri", "iri-reference", "uri-template", "json-pointer"),
        *("relative-json-pointer", "regex", "password", "int32", "int64", "float", "double"),
    }
)
_FORMAT_FOR_KIND = {
    ColumnKind.TIMESTAMP: "date-time",
    ColumnKind.DATE: "date",
    ColumnKind.TIME: "time",
    ColumnKind.UUID: "uuid",
    ColumnKind.INTERVAL: "duration",
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    hint: str
    at_column: bool = False  # locate at the column (SQL) instead of the property (spec)
    severity: Severity | None = None  # None: the code's usual severity


def type_mismatch(shape: Shape, column_type: ColumnType, for_input: bool) -> Finding | None:
    """CC103 when values of `shape` cannot be stored in (or read back from) the column type.

    A plain string for a UUID, date or time column is no error: read back, the value is such a
    string; written, the database refuses strings of the wrong form, so the spec should say which
    (a warning on input, nothing on output). A common storage convention (`conventions`) is no
    error either: CC113 says the value is converted, which the targets do not do yet.
    """
    convention = storage_convention(shape, column_type)
    if convention is not None:
        return _convention_finding(shape, column_type, convention)
    if _unformatted_string_for(shape, column_type):
        if not for_input:
            return None
        fmt = _FORMAT_FOR_KIND[column_type.kind]
        return Finding(
            "CC103",
            f"any string is accepted but column type {column_type.sql} takes only {fmt} values",
            f"add format: {fmt}, so other strings are rejected as invalid input",
            severity=Severity.WARNING,
        )
    if shape.kind is ShapeKind.NUMBER and column_type.kind in INTEGER_KINDS:
        return _number_in_integer_column(column_type, for_input)
    problem = _type_problem(shape, column_type)
    if problem is None:
        return None
    return Finding("CC103", problem[0], problem[1])


def _number_in_integer_column(column_type: ColumnType, for_input: bool) -> Finding | None:
    """Read back, an integer is a number; written, a fraction is rounded or refused: a warning."""
    if not for_input:
        return None
    return Finding(
        "CC103",
        f"property type number admits fractions, which column type {column_type.sql} cannot hold",
        "use type: integer, or a NUMERIC/REAL column",
        severity=Severity.WARNING,
    )


def _convention_finding(
    shape: Shape, column_type: ColumnType, convention: StorageConvention
) -> Finding:
    hint = "the generated servers do not convert it yet: change the column, or make the operation custom"
    if convention is StorageConvention.ENUM_AS_INTEGER:
        mapping = ", ".join(f"{value}={index}" for index, value in enumerate(shape.enum or ()))
        hint = f"convert with this mapping, or change the column to text: {mapping}"
    return Finding(
        "CC113",
        f"{DESCRIPTIONS[convention]} (column type {column_type.sql})",
        hint,
    )


def _unformatted_string_for(shape: Shape, column_type: ColumnType) -> bool:
    return (
        shape.kind is ShapeKind.STRING
        and shape.format not in KNOWN_FORMATS
        and column_type.kind in _FORMAT_FOR_KIND
    )


def _type_problem(shape: Shape, column: ColumnType) -> tuple[str, str] | None:
    kind = column.kind
    if (
        shape.kind in (ShapeKind.ANY, ShapeKind.UNION, ShapeKind.REF, ShapeKind.NULL)
        or kind is ColumnKind.JSON
    ):
        return None
    described = f"{shape.kind.value}{' (' + shape.format + ')' if shape.format else ''}"
    mismatch = f"property type {described} does not fit column type {column.sql}"
    if shape.kind is ShapeKind.STRING:
        wanted = _STRING_FORMAT_KINDS.get(shape.format or "")
        if kind in _TEXT_KINDS:
            return None
        if wanted is kind:
            return None
        if kind in _STRING_FORMAT_KINDS.values():
            fmt = next(f for f, k in _STRING_FORMAT_KINDS.items() if k is kind)
            return mismatch, f"use format: {fmt}, or a text column"
        return mismatch, "change the property type or the column type"
    if shape.kind is ShapeKind.INTEGER:
        if kind in INTEGER_KINDS or kind in _NUMERIC_KINDS:
            return None
        return mismatch, "use an integer or numeric column, or a string property"
    if shape.kind is ShapeKind.NUMBER:
        if kind in _NUMERIC_KINDS:
            return None
        return mismatch, "use a numeric column"
    if shape.kind is ShapeKind.BOOLEAN:
        return None if kind is ColumnKind.BOOLEAN else (mismatch, "use a BOOLEAN column")
    if shape.kind is ShapeKind.ARRAY:
        if kind is not ColumnKind.ARRAY:
            return mismatch, "use an array or JSON column"
        if shape.items is not None and column.element is not None:
            return _type_problem(shape.items, column.element)
        return None
    if shape.kind is ShapeKind.OBJECT:
        return mismatch, "use a JSON column"
    return None


def size_problem(shape: Shape, column_type: ColumnType, prop: str, column: str) -> Finding | None:
    """CC104 when the spec admits values longer or larger than the column holds (input side);
    CC114 when a string has no bound at all against a VARCHAR(n). `prop` names the property
    ("property 'title'"), `column` the column ("books.title") in messages."""
    kind = column_type.kind
    limits = shape.constraints
    if (
        shape.kind is ShapeKind.STRING
        and kind is ColumnKind.VARCHAR
        and column_type.length is not None
    ):
        return _string_length_problem(shape, column_type, prop, column)
    if shape.kind is ShapeKind.INTEGER and kind in _INTEGER_RANGES:
        return _integer_problem(shape, column_type)
    if (
        shape.kind in (ShapeKind.INTEGER, ShapeKind.NUMBER)
        and kind is ColumnKind.DECIMAL
        and column_type.precision
    ):
        digits = column_type.precision - (column_type.scale or 0)
        ceiling = 10**digits
        for bound in (limits.maximum, limits.minimum):
            if bound is not None and abs(bound) >= ceiling:
                return Finding(
                    "CC104",
                    f"bound {bound} does not fit {column_type.sql}",
                    f"keep values below {ceiling} in magnitude",
                )
    return None


def _string_length_problem(
    shape: Shape, column_type: ColumnType, prop: str, column: str
) -> Finding | None:
    length = column_type.length or 0
    longest = max_string_length(shape)
    if longest is None:
        return Finding(
            "CC114",
            f"{prop} has no maximum length but {column} is {column_type.sql}",
            f"add maxLength: {length}: the servers already reject longer values as invalid input",
        )
    if longest > length:
        return Finding(
            "CC104",
            f"{prop}: {bound_source(shape, longest)} exceeds {column_type.sql} of {column}",
            f"use maxLength: {length}, or widen the column: the servers reject longer values",
        )
    return None


def _integer_problem(shape: Shape, column_type: ColumnType) -> Finding | None:
    low, high = _INTEGER_RANGES[column_type.kind]
    limits = shape.constraints
    declared_low = (
        limits.minimum
        if limits.minimum is not None
        else _FORMAT_RANGES.get(shape.format or "", (None,))[0]
    )
    declared_high = (
        limits.maximum
        if limits.maximum is not None
        else _FORMAT_RANGES.get(shape.format or "", (0, None))[1]
    )
    too_high = declared_high is not None and declared_high > high
    too_low = declared_low is not None and declared_low < low
    if not (too_high or too_low):
        return None
    source = (
        f"format {shape.format}"
        if limits.maximum is None and limits.minimum is None
        else "declared bounds"
    )
    return Finding(
        "CC104",
        f"{source} exceed{'s' if source.startswith('format') else ''} the range of {column_type.sql}",
        f"add minimum: {low} and maximum: {high}, or widen the column",
    )


def enum_problems(shape: Shape, column: Column, for_input: bool) -> list[Finding]:
    """CC105 (spec values the database rejects) on input; CC106 (database values the spec cannot return) on output."""
    allowed = column.allowed_values
    if not allowed:
        return []
    if shape.enum is None:
        if for_input and shape.kind is ShapeKind.STRING:
            return [
                Finding(
                    "CC105",
                    "any string is accepted but the column allows only some values",
                    f"add enum: [{', '.join(allowed)}]",
                )
            ]
        return []
    values = [str(v) for v in shape.enum]
    if for_input:
        rejected = [v for v in values if v not in allowed]
        if rejected:
            return [
                Finding(
                    "CC105",
                    f"enum value(s) {', '.join(rejected)} rejected by the column",
                    f"the column accepts: {', '.join(allowed)}",
                )
            ]
        return []
    missing = [v for v in allowed if v not in values]
    if missing:
        return [
            Finding(
                "CC106",
                f"the column can hold {', '.join(missing)}, which the spec's enum lacks",
                "add the value(s) to the enum",
            )
        ]
    return []


def nullability_problem(
    shape: Shape, column: Column, required: bool, for_input: bool
) -> Finding | None:
    """CC107: a nullable property stored in a NOT NULL column; CC111: a required output backed by a nullable column."""
    if for_input and shape.nullable and not column.nullable:
        return Finding(
            "CC107",
            "accepts null but the column is NOT NULL",
            "remove nullable, or allow NULL in the column",
        )
    if not for_input and required and not shape.nullable and column.nullable:
        return Finding(
            "CC111",
            "required, but the column is nullable",
            "add nullable: true, or make the column NOT NULL",
        )
    return None
