"""IR parameters -> FastAPI parameter declarations (`Annotated[..., Query(...)]`)."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir import Operation, OperationKind, Parameter, ParamLocation, Shape, ShapeKind
from emitters.fastapi.naming import HANDLER_RESERVED, PAGING_LOCALS, SORTING_LOCALS, Scope, snake
from emitters.fastapi.schemas import SchemaWriter

_FASTAPI_CLASS = {
    ParamLocation.PATH: "Path",
    ParamLocation.QUERY: "Query",
    ParamLocation.HEADER: "Header",
    ParamLocation.COOKIE: "Cookie",
}
_TEXT_CONVERTER = {
    ShapeKind.INTEGER: "INTEGER_TEXT",
    ShapeKind.NUMBER: "NUMBER_TEXT",
    ShapeKind.BOOLEAN: "BOOLEAN_TEXT",
}


@dataclass(frozen=True)
class ParamView:
    """One endpoint argument."""

    parameter: Parameter
    name: str  # Python name
    annotation: str
    default: str | None  # None: required

    @property
    def declaration(self) -> str:
        suffix = f" = {self.default}" if self.default is not None else ""
        return f"{self.name}: {self.annotation}{suffix}"


def param_view(
    param: Parameter, name: str, writer: SchemaWriter, converters: set[str]
) -> ParamView:
    """Declare `param` so FastAPI converts its text exactly per its schema (no lax coercion)."""
    inner = _scalar_annotation(param.shape, writer, converters, name)
    fastapi_class = _FASTAPI_CLASS[param.location]
    args = []
    header_with_underscore = param.location is ParamLocation.HEADER and "_" in param.name
    if param.location is not ParamLocation.PATH and (name != param.name or header_with_underscore):
        args.append(f"alias={param.name!r}")  # FastAPI would read a header's `_` as `-`
    if param.deprecated:
        args.append("deprecated=True")
    required = param.required or param.location is ParamLocation.PATH
    annotation = inner
    if not required and not annotation.endswith("| None"):
        annotation = f"{annotation} | None"
    return ParamView(
        param,
        name,
        f"Annotated[{annotation}, {fastapi_class}({', '.join(args)})]",
        None if required else "None",
    )


def _scalar_annotation(shape: Shape, writer: SchemaWriter, converters: set[str], name: str) -> str:
    resolved = resolved_shape(shape, writer)
    if resolved.kind is ShapeKind.ARRAY and resolved.items is not None:
        item = _scalar_annotation(resolved.items, writer, converters, name)
        return f"list[{item}]"
    converter = _TEXT_CONVERTER.get(resolved.kind)
    if converter is not None:
        converters.add(converter)
    return writer.parameter_annotation(resolved, name, converter)


def resolved_shape(shape: Shape, writer: SchemaWriter) -> Shape:
    """`shape` with references to named models followed."""
    seen: set[str] = set()
    while shape.kind is ShapeKind.REF and shape.ref in writer.models and shape.ref not in seen:
        seen.add(shape.ref)
        shape = writer.models[shape.ref].shape
    return shape


def python_param_names(op: Operation) -> dict[tuple[str, str], str]:
    """Unique Python names for `op`'s parameters, keyed by (location, spec name).

    A list handler's paging locals (`limit`, `offset`) are taken, except by the paging
    parameter of that name: the local replaces its value; so are its sorting locals.
    """
    locals_: frozenset[str] = frozenset()
    if op.kind is OperationKind.LIST:
        paging = op.paging
        paging_names = (
            {snake(paging.size_param), snake(paging.position_param or "")} if paging else set()
        )
        locals_ = frozenset(PAGING_LOCALS) - paging_names
        if op.sorting is not None:
            locals_ |= frozenset(SORTING_LOCALS)
    scope = Scope(HANDLER_RESERVED | locals_)
    return {(p.location.value, p.name): scope.claim(snake(p.name)) for p in op.parameters}
