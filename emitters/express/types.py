"""IR shapes -> TypeScript types for the generated `src/types/models.ts` (response direction)."""

from __future__ import annotations

from compiler.ir import Model, Shape, ShapeKind
from emitters.express.literals import PRINT_WIDTH, string_literal
from emitters.express.naming import member_name, type_name

_SCALARS = {
    ShapeKind.STRING: "string",
    ShapeKind.INTEGER: "number",
    ShapeKind.NUMBER: "number",
    ShapeKind.BOOLEAN: "boolean",
    ShapeKind.NULL: "null",
    ShapeKind.ANY: "unknown",
}


def _literal_value(value: object) -> str:
    if isinstance(value, str):
        return string_literal(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "unknown"


class TypeWriter:
    """Declares one TypeScript type per model, and named types for nested objects."""

    def __init__(self, models: dict[str, Model]) -> None:
        self.models = models
        self.declarations: dict[str, str] = {}

    def members(self, shape: Shape, context: str) -> list[str]:
        """The union members of `shape`'s type."""
        if shape.const is not None:
            members = [_literal_value(shape.const)]
        elif shape.enum is not None and shape.kind not in (ShapeKind.OBJECT, ShapeKind.ARRAY):
            members = list(dict.fromkeys(_literal_value(v) for v in shape.enum))
        elif shape.kind is ShapeKind.REF and shape.ref:
            members = [type_name(shape.ref)]
        elif shape.kind is ShapeKind.ARRAY:
            item = self.members(shape.items, f"{context}Item") if shape.items else ["unknown"]
            members = [f"{item[0]}[]" if len(item) == 1 else f"({' | '.join(item)})[]"]
        elif shape.kind is ShapeKind.OBJECT:
            members = [self._object(shape, context)]
        elif shape.kind is ShapeKind.UNION:
            members = []
            for index, variant in enumerate(shape.variants):
                members.extend(self.members(variant, f"{context}Option{index + 1}"))
            members = list(dict.fromkeys(members)) or ["unknown"]
        else:
            members = [_SCALARS.get(shape.kind, "unknown")]
        if shape.nullable and "null" not in members and "unknown" not in members:
            members.append("null")
        return members

    def _object(self, shape: Shape, context: str) -> str:
        if not shape.properties:
            if isinstance(shape.additional_properties, Shape):
                value = self.members(shape.additional_properties, f"{context}Value")
                return f"Record<string, {' | '.join(value)}>"
            return "Record<string, unknown>"
        name = type_name(context)
        if name not in self.declarations:
            self.declarations[name] = ""
            self.declarations[name] = self._interface(name, shape)
        return name

    def _interface(self, name: str, shape: Shape) -> str:
        lines = [f"export interface {name} {{"]
        for prop in shape.properties:
            if prop.shape.write_only:
                continue
            optional = "" if prop.required else "?"
            members = self.members(prop.shape, f"{name}{type_name(prop.name)}")
            head = f"  {member_name(prop.name)}{optional}:"
            one_line = f"{head} {' | '.join(members)};"
            if len(one_line) <= PRINT_WIDTH or len(members) == 1:
                lines.append(one_line)
            else:
                lines.append(head)
                lines.extend(f"    | {m}" for m in members[:-1])
                lines.append(f"    | {members[-1]};")
        lines.append("}")
        return "\n".join(lines)

    def declare_model(self, model: Model) -> None:
        name = type_name(model.name)
        shape = model.shape
        if shape.kind is ShapeKind.OBJECT and shape.properties and not shape.nullable:
            if name not in self.declarations:
                self.declarations[name] = ""
                self.declarations[name] = self._interface(name, shape)
            return
        self.declarations[name] = ""
        members = self.members(shape, f"{name}Value")
        one_line = f"export type {name} = {' | '.join(members)};"
        if len(one_line) <= PRINT_WIDTH or len(members) == 1:
            self.declarations[name] = one_line
        else:
            self.declarations[name] = "\n".join(
                [f"export type {name} ="]
                + [f"  | {m}" for m in members[:-1]]
                + [f"  | {members[-1]};"]
            )


def models_source(models: tuple[Model, ...]) -> str:
    """Every model's type declaration, in name order, separated by blank lines."""
    writer = TypeWriter({m.name: m for m in models})
    for model in models:
        writer.declare_model(model)
    return "\n\n".join(writer.declarations[name] for name in sorted(writer.declarations)) + "\n"
