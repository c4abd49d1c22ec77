"""The IR: frozen dataclasses, the only thing emitters receive.

`Contract` is the root: the bound API, the database and the migrations that build it, the bundled
spec to ship, and the hashes of the inputs it came from (for manifests and drift checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir.api import (
    Api,
    Body,
    BodyReading,
    Envelope,
    ErrorResponse,
    ErrorSlot,
    ErrorValue,
    FailureClass,
    FieldBinding,
    FieldMode,
    Link,
    Operation,
    OperationKind,
    Paging,
    PagingStyle,
    Parameter,
    ParamLocation,
    ParamRole,
    ParentScope,
    Response,
    SecurityKind,
    SecurityScheme,
    SoftDelete,
    SoftDeleteMark,
    SortDirection,
    Sorting,
    SortItem,
    StorageConvention,
)
from compiler.ir.database import (
    Column,
    ColumnDefault,
    ColumnKind,
    ColumnType,
    Database,
    DefaultKind,
    EnumType,
    ForeignKey,
    Index,
    Migration,
    ReferentialAction,
    SeedExpression,
    SeedRows,
    Table,
    UniqueConstraint,
)
from compiler.ir.shapes import ANY_SHAPE, Constraints, Model, Property, Shape, ShapeKind


@dataclass(frozen=True)
class SourceFile:
    """An input file and the SHA-256 of its bytes."""

    path: str
    sha256: str


@dataclass(frozen=True)
class Contract:
    """The compiled contract: what every emitter is given."""

    api: Api
    database: Database
    bundled_spec: str  # the spec as one JSON document (refs internal); "" when not asked for
    sources: tuple[SourceFile, ...]
    compiler_version: str
    # the project's migrations, oldest first, one per schema its output folder was built for
    # (compiler.plan.migrations); the last one brings a database to `database`
    migrations: tuple[Migration, ...] = ()


__all__ = [
    "ANY_SHAPE",
    "Api",
    "Body",
    "BodyReading",
    "Column",
    "ColumnDefault",
    "ColumnKind",
    "ColumnType",
    "Constraints",
    "Contract",
    "Database",
    "DefaultKind",
    "EnumType",
    "Envelope",
    "ErrorResponse",
    "ErrorSlot",
    "ErrorValue",
    "FailureClass",
    "FieldBinding",
    "FieldMode",
    "StorageConvention",
    "ForeignKey",
    "Index",
    "Link",
    "Migration",
    "Model",
    "Operation",
    "OperationKind",
    "Paging",
    "PagingStyle",
    "ParamLocation",
    "ParamRole",
    "Parameter",
    "ParentScope",
    "Property",
    "ReferentialAction",
    "SeedExpression",
    "SeedRows",
    "Response",
    "SecurityKind",
    "SecurityScheme",
    "Shape",
    "ShapeKind",
    "SoftDelete",
    "SoftDeleteMark",
    "SortDirection",
    "SortItem",
    "Sorting",
    "SourceFile",
    "Table",
    "UniqueConstraint",
]
