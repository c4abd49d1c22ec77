"""The stable diagnostic codes. A code, once published, never changes meaning.

Ranges: CC0xx input and loading, CC1xx spec-vs-SQL type checking, CC2xx OpenAPI validation,
CC3xx SQL, CC4xx binding, CC5xx targets and output.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.diagnostics import Severity


@dataclass(frozen=True)
class Code:
    """A diagnostic code with its usual severity and a one-line title for the docs."""

    id: str
    severity: Severity
    title: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, Code] = {
    c.id: c
    for c in (
        # input and loading
        Code("CC001", _E, "input file not found or not readable"),
        Code("CC002", _E, "input is not text (binary or undecodable)"),
        Code("CC003", _E, "YAML or JSON syntax error"),
        Code("CC004", _E, "document too large or too deeply nested (alias bomb, expansion)"),
        Code("CC005", _E, "document root is not a mapping"),
        Code("CC006", _E, "invalid mapping file (--map)"),
        Code("CC007", _W, "duplicate mapping key (the last one wins)"),
        # spec vs SQL type checking
        Code("CC101", _W, "property has no column"),
        Code("CC102", _E, "NOT NULL column without default that a create cannot set"),
        Code("CC103", _E, "property type incompatible with column type"),
        Code("CC104", _E, "length or range the column cannot hold"),
        Code("CC105", _E, "enum value the database rejects"),
        Code("CC106", _W, "database value the spec cannot return"),
        Code("CC107", _W, "nullability conflict between property and column"),
        Code("CC108", _E, "path parameter type differs from the key column type"),
        Code("CC109", _W, "operation declares no response for a failure it can produce"),
        Code("CC110", _W, "operation is not bound to a table (custom)"),
        Code("CC111", _W, "required property backed by a nullable column"),
        Code("CC112", _E, "optional property for a NOT NULL column without default"),
        Code("CC113", _W, "value stored by a convention the targets do not convert yet"),
        Code("CC114", _W, "string without a length bound stored in VARCHAR(n)"),
        Code("CC115", _W, "required envelope property the server cannot fill"),
        Code("CC116", _W, "declared in the contract, not honoured by the generated servers yet"),
        Code("CC117", _W, "unique key of a soft-deleting table also counts deleted rows"),
        # OpenAPI validation
        Code("CC201", _E, "OpenAPI document is invalid"),
        Code("CC202", _E, "unresolved $ref"),
        Code("CC203", _I, "recursive schema kept as a reference"),
        Code("CC204", _E, "unsupported OpenAPI version"),
        Code("CC205", _E, "pattern is not a valid ECMA-262 regular expression"),
        Code("CC206", _W, "response status key is not a string"),
        Code("CC207", _E, "duplicate operationId"),
        Code("CC208", _W, "x-contractc-ignore is not a list of known codes"),
        # SQL
        Code("CC301", _E, "SQL does not parse"),
        Code("CC302", _I, "SQL statement skipped (not a table definition)"),
        Code("CC303", _E, "unknown column type"),
        Code("CC304", _E, "duplicate table"),
        Code("CC305", _E, "duplicate column"),
        Code("CC306", _E, "ALTER TABLE names an unknown table, column or constraint"),
        Code("CC307", _E, "foreign key references an unknown table or column"),
        Code("CC308", _W, "schema defines no tables"),
        Code("CC309", _W, "table has no primary key"),
        Code("CC310", _E, "unsupported SQL syntax inside a table definition"),
        # binding
        Code("CC401", _W, "no table matches the operation's resource"),
        Code("CC402", _E, "x-contractc or mapping override names an unknown table or column"),
        Code("CC403", _W, "several tables match; the first was chosen"),
        Code("CC404", _W, "unsupported security scheme type"),
        Code("CC405", _I, "table inferred from the spec (no SQL given)"),
        Code("CC406", _E, "x-contractc-kind or mapping names an unknown operation kind"),
        # targets and output
        Code("CC501", _E, "unknown target"),
        Code("CC502", _E, "output folder problem"),
        Code("CC503", _W, "feature not supported by this target"),
        Code("CC510", _E, "generated file is stale"),
        Code("CC511", _E, "generated file was edited by hand"),
        Code("CC512", _E, "generated file is missing"),
        Code("CC513", _E, "orphaned generated file"),
        Code("CC514", _E, "user-owned code no longer fits the generated interface"),
        Code("CC515", _E, "foreign file where a generated file belongs"),
        Code("CC599", _E, "internal error in a target (a bug in contractc)"),
        # schema evolution: a rebuild against the schema of the folder's last build
        Code("CC601", _E, "schema change that may lose data or fail on existing rows"),
        Code("CC602", _I, "schema changed since the last build: a migration is appended"),
    )
}


def code(code_id: str) -> Code:
    """Look up a code; an unknown id is a programming error."""
    return CODES[code_id]
