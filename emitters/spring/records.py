"""The Java records a project exchanges: response rows (with their related rows) and request bodies."""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.ir import FieldBinding, FieldMode, Model, Shape, ShapeKind
from emitters.spring.javatypes import java_type, resolve
from emitters.spring.naming import (
    java_class,
    java_class_prefix,
    java_constant,
    java_string,
    unique_names,
)

RELATIONS = (FieldMode.EMBEDDED, FieldMode.CHILDREN, FieldMode.JOIN)


@dataclass(frozen=True)
class RecordField:
    json_name: str
    name: str
    type: str
    always: bool = False  # serialised even when null (a nullable property)
    column: str | None = None
    reader: str = ""
    input_optional: bool = False  # JsonNullable: absent told apart from null
    binding: FieldBinding | None = None  # where the value lives (response and input records)
    nested: RecordView | None = None  # the related rows' record of a relation

    @property
    def declaration(self) -> tuple[str, str]:
        """The record component: (its Jackson annotations, `Type name`)."""
        parts = []
        if self.always:
            parts.append("@JsonInclude(JsonInclude.Include.ALWAYS)")
        if self.json_name != self.name:
            parts.append(f"@JsonProperty({java_string(self.json_name)})")
        return " ".join(parts), f"{self.type} {self.name}"


@dataclass
class RecordView:
    name: str
    fields: list[RecordField]
    imports: set[str]
    description: str
    ignored: list[str] = field(default_factory=list)  # JSON names accepted and ignored
    ignore_unknown: bool = False
    is_input: bool = False
    constants: list[tuple[str, str]] = field(default_factory=list)  # enum: (constant, wire value)

    @property
    def is_enum(self) -> bool:
        return bool(self.constants)

    @property
    def json_names(self) -> tuple[str, ...]:
        return tuple(f.json_name for f in self.fields)

    def field_named(self, json_name: str) -> RecordField | None:
        """The component holding the property `json_name`, if the record has it."""
        return next((f for f in self.fields if f.json_name == json_name), None)


Records = dict[str, RecordView]


def model_name(shape: Shape | None) -> str | None:
    """The component schema a shape (or an array's items) names, if any."""
    if shape is None:
        return None
    if shape.kind is ShapeKind.REF:
        return shape.ref
    if (
        shape.kind is ShapeKind.ARRAY
        and shape.items is not None
        and shape.items.kind is ShapeKind.REF
    ):
        return shape.items.ref
    return None


def response_record(
    name: str, fields: tuple[FieldBinding, ...], models: dict[str, Model], records: Records
) -> RecordView:
    """A row as the API returns it: its columns, and its related rows as nested records."""
    out: list[RecordField] = []
    imports: set[str] = set()
    shown = [
        f
        for f in fields
        if not f.write_only
        and (
            (f.mode is FieldMode.COLUMN and f.column)
            or (f.mode in RELATIONS and f.related_table and f.fields)
        )
    ]
    for f, java_name in zip(shown, unique_names(f.property for f in shown), strict=True):
        if f.mode is FieldMode.COLUMN:
            jtype = java_type(f.shape, models)
            imports.update(jtype.imports)
            enum = enum_record(name, f, models, records)
            out.append(
                RecordField(
                    f.property,
                    java_name,
                    enum.name if enum else jtype.name,
                    always=resolve(f.shape, models).nullable,
                    column=f.column,
                    reader="getEnum" if enum else jtype.reader,
                    binding=f,
                )
            )
            continue
        fallback = name + java_class_prefix(f.property)
        candidate = response_record(
            java_class(model_name(f.shape) or fallback), f.fields, models, records
        )
        nested = register(records, candidate, fallback)
        embedded = f.mode is FieldMode.EMBEDDED
        if not embedded:
            imports.add("java.util.List")
        out.append(
            RecordField(
                f.property,
                java_name,
                nested.name if embedded else f"List<{nested.name}>",
                always=embedded and resolve(f.shape, models).nullable,
                binding=f,
                nested=nested,
            )
        )
    return RecordView(name, out, imports, "A row as the API returns it.")


def writable(fields: tuple[FieldBinding, ...]) -> list[FieldBinding]:
    """The request properties a write stores: columns, embedded keys and join-table links."""
    return [
        f
        for f in fields
        if not f.read_only
        and (
            (f.mode in (FieldMode.COLUMN, FieldMode.EMBEDDED) and f.column)
            or (f.mode is FieldMode.JOIN and f.join_table and f.join_columns and f.key_property)
        )
    ]


def input_fields(
    owner: str, fields: tuple[FieldBinding, ...], models: dict[str, Model], records: Records
) -> tuple[list[RecordField], set[str]]:
    """The components of a request record and their imports; related objects become records."""
    out: list[RecordField] = []
    imports: set[str] = set()
    stored = writable(fields)
    for f, java_name in zip(stored, unique_names(f.property for f in stored), strict=True):
        reference = None
        if f.mode is FieldMode.COLUMN:
            jtype = java_type(f.shape, models)
            imports.update(jtype.imports)
            enum = enum_record(owner, f, models, records)
            type_name = enum.name if enum else jtype.name
        else:
            reference = _reference_record(owner, f, models, records)
            embedded = f.mode is FieldMode.EMBEDDED
            type_name = reference.name if embedded else f"List<{reference.name}>"
            if not embedded:
                imports.add("java.util.List")
        optional = not f.required
        if optional:
            imports.add("org.openapitools.jackson.nullable.JsonNullable")
        out.append(
            RecordField(
                f.property,
                java_name,
                f"JsonNullable<{type_name}>" if optional else type_name,
                column=f.column,
                input_optional=optional,
                binding=f,
                nested=reference,
            )
        )
    return out, imports


def _reference_record(
    owner: str, f: FieldBinding, models: dict[str, Model], records: Records
) -> RecordView:
    """The record of a related object named in a request: its key property and its columns."""
    nested = [
        n
        for n in f.fields
        if n.mode is FieldMode.COLUMN and (not n.read_only or n.property == f.key_property)
    ]
    fields: list[RecordField] = []
    imports: set[str] = set()
    for n, java_name in zip(nested, unique_names(n.property for n in nested), strict=True):
        jtype = java_type(n.shape, models)
        imports.update(jtype.imports)
        fields.append(RecordField(n.property, java_name, jtype.name, binding=n))
    fallback = owner + java_class_prefix(f.property) + "Ref"
    base = java_class(model_name(f.shape) or fallback)
    view = RecordView(
        base,
        fields,
        imports,
        "A related row named in a request body.",
        ignore_unknown=True,
        is_input=True,
    )
    return register(records, view, fallback)


def enum_record(
    owner: str, f: FieldBinding, models: dict[str, Model], records: Records
) -> RecordView | None:
    """The Java enum of a string property with an `enum`, shared by every property with its values."""
    shape = resolve(f.shape, models)
    values = [v for v in shape.enum or () if v is not None]
    if (
        shape.kind is not ShapeKind.STRING
        or not values
        or not all(isinstance(v, str) for v in values)
    ):
        return None
    constants = enum_constants([str(v) for v in values])
    for record in records.values():
        if record.constants == constants:
            return record
    name = (
        java_class(f.shape.ref)
        if f.shape.kind is ShapeKind.REF and f.shape.ref
        else owner + java_class_prefix(f.property)
    )
    view = RecordView(
        name, [], set(), f"The values of {f.property}, as the API writes them.", constants=constants
    )
    return register(records, view, owner + java_class_prefix(f.property) + "Value")


def enum_constants(values: list[str]) -> list[tuple[str, str]]:
    """(Java constant, wire value) pairs: `in_progress` -> IN_PROGRESS, `1-star` -> V1_STAR."""
    return list(zip(unique_names(values, java_constant), values, strict=True))


def register(records: Records, view: RecordView, fallback: str) -> RecordView:
    """Adds `view`, or reuses an identical record of that name; a different one gets `fallback`."""
    existing = records.get(view.name)
    if existing is None:
        records[view.name] = view
        return view
    if (
        existing.json_names == view.json_names
        and existing.is_input == view.is_input
        and existing.constants == view.constants
    ):
        return existing
    view.name = fallback
    return records.setdefault(fallback, view)
