"""The OpenAPI rules a meta-schema cannot express, checked over plain data.

The same rules as openapi-spec-validator 0.9's keyword validators (duplicate operationIds and
parameters, undeclared or unused path parameters, duplicate tags, `required` names missing next to
`allOf`, defaults that break their schema, schema meta-checks for 3.1) plus a few cheap ones it
lacks (path template syntax, equivalent paths, undefined security schemes, URL fields, server
variable defaults, ECMA-262 patterns). Runs in a fraction of a second on the largest real specs,
where the keyword validators take seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from compiler.openapi.bundler import to_pointer
from compiler.openapi.findings import Finding, shorten
from compiler.openapi.meta_schema import schema_problems
from compiler.openapi.patterns import ecma_pattern_error
from compiler.openapi.spec_walk import SpecWalker, Tokens, deref

_TEMPLATE = re.compile(r"/(?:[^{}\s\"<>\\^`|]|\{[^{}/\s]+\})*\Z")
_TEMPLATE_NAME = re.compile(r"\{([^{}]+)\}")
_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|\./|\.\./|#)[^\s<>\"{}|\\^`]*\Z")
_SERVER_URL = re.compile(r"[^\s<>\"{}|\\^`]*\Z")  # relative ones too: "", "v1", "/api"
_DOCUMENT_URI = "urn:contractc:document"


def rule_problems(root: dict[str, Any], minor: str) -> Iterator[Finding]:
    """Semantic problems of a bundled root that passed loading; `minor` is "3.0" or "3.1"."""
    walker = SpecWalker(root)
    yield from _duplicate_tags(root)
    yield from _paths(root)
    yield from _operations(walker)
    yield from _security(root, walker)
    yield from _urls(root, walker)
    yield from _server_urls(root, walker)
    if minor == "3.1":
        yield from _server_variables(root, walker)
    yield from _schemas(root, walker, minor)


def _duplicate_tags(root: dict[str, Any]) -> Iterator[Finding]:
    seen: set[str] = set()
    tags = root.get("tags")
    for index, tag in enumerate(tags if isinstance(tags, list) else ()):
        name = tag.get("name") if isinstance(tag, dict) else None
        if isinstance(name, str):
            if name in seen:
                yield Finding("CC201", f"duplicate tag name {name!r}", f"/tags/{index}/name")
            seen.add(name)


def _paths(root: dict[str, Any]) -> Iterator[Finding]:
    paths = root.get("paths")
    shapes: dict[str, str] = {}
    for template in paths if isinstance(paths, dict) else ():
        pointer = to_pointer(("paths", template))
        if template.startswith("x-"):
            continue
        if not _TEMPLATE.match(template):
            yield Finding(
                "CC201",
                f"{shorten(template, 60)!r} is not a valid path template",
                pointer,
                "a path starts with '/' and holds no spaces, quotes or "
                "unbalanced braces; parameters are written {name}",
            )
            continue
        shape = _TEMPLATE_NAME.sub("{}", template)
        if shape in shapes:
            yield Finding(
                "CC201",
                f"path {template!r} is the same as {shapes[shape]!r} up to parameter names",
                pointer,
            )
        shapes.setdefault(shape, template)


def _operations(walker: SpecWalker) -> Iterator[Finding]:
    operation_ids: dict[str, str] = {}
    for _, item, tokens in walker.path_items():
        yield from _duplicate_parameters(
            list(walker.parameters(item.get("parameters"), tokens + ("parameters",)))
        )
    for operation in walker.operations():
        label = f"{operation.method.upper()} {operation.path}"
        operation_id = operation.node.get("operationId")
        if isinstance(operation_id, str):
            if operation_id in operation_ids:
                yield Finding(
                    "CC207",
                    f"operationId {operation_id!r} of {label} is already used "
                    f"by {operation_ids[operation_id]}",
                    to_pointer(operation.tokens + ("operationId",)),
                    "operationIds must be unique: they name the generated handlers",
                )
            operation_ids.setdefault(operation_id, label)
        own = list(
            walker.parameters(operation.node.get("parameters"), operation.tokens + ("parameters",))
        )
        yield from _duplicate_parameters(own)
        if operation.tokens != ("paths", operation.path, operation.method) or not _TEMPLATE.match(
            operation.path
        ):
            continue  # callback and webhook keys are expressions or names, not path templates
        yield from _path_parameters(
            operation.path, label, operation.tokens, operation.path_parameters + own
        )


def _duplicate_parameters(parameters: list[tuple[dict[str, Any], Tokens]]) -> Iterator[Finding]:
    seen: set[tuple[Any, Any]] = set()
    for parameter, tokens in parameters:
        name, location = parameter.get("name"), parameter.get("in")
        if not isinstance(name, str):
            continue
        key = (name.lower() if location == "header" else name, location)
        if key in seen:
            yield Finding(
                "CC201",
                f"duplicate parameter {name!r} in {location}",
                to_pointer(tokens),
                "a parameter is identified by its name and `in`",
            )
        seen.add(key)


def _path_parameters(
    template: str, label: str, tokens: Tokens, parameters: list[tuple[dict[str, Any], Tokens]]
) -> Iterator[Finding]:
    in_template = _TEMPLATE_NAME.findall(template)
    declared = {p.get("name"): where for p, where in parameters if p.get("in") == "path"}
    for name in in_template:
        if name not in declared:
            yield Finding(
                "CC201",
                f"path parameter {{{name}}} of {label} is not declared",
                to_pointer(tokens),
                f"add a parameter with `name: {name}` and `in: path`",
            )
    for name, where in declared.items():
        if name not in in_template:
            yield Finding(
                "CC201",
                f"path parameter {name!r} of {label} is not in the path template",
                to_pointer(where),
            )


def _security(root: dict[str, Any], walker: SpecWalker) -> Iterator[Finding]:
    components = root.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    defined = set(schemes) if isinstance(schemes, dict) else set()
    places: list[tuple[Any, Tokens]] = [(root.get("security"), ("security",))]
    places += [(op.node.get("security"), op.tokens + ("security",)) for op in walker.operations()]
    for requirements, tokens in places:
        for index, requirement in enumerate(requirements if isinstance(requirements, list) else ()):
            for name in requirement if isinstance(requirement, dict) else ():
                if name not in defined:
                    yield Finding(
                        "CC201",
                        f"security scheme {name!r} is not defined",
                        to_pointer(tokens + (str(index), name)),
                        "declare it under components/securitySchemes",
                    )


def _urls(root: dict[str, Any], walker: SpecWalker) -> Iterator[Finding]:
    info = root.get("info") if isinstance(root.get("info"), dict) else {}
    places: list[tuple[Any, Tokens]] = [
        (info, ("info",)),
        (info.get("contact"), ("info", "contact")),
        (info.get("license"), ("info", "license")),
        (root.get("externalDocs"), ("externalDocs",)),
    ]
    tags = root.get("tags")
    places += [
        (tag.get("externalDocs"), ("tags", str(i), "externalDocs"))
        for i, tag in enumerate(tags if isinstance(tags, list) else ())
        if isinstance(tag, dict)
    ]
    places += [
        (op.node.get("externalDocs"), op.tokens + ("externalDocs",)) for op in walker.operations()
    ]
    for node, tokens in places:
        for key in ("url", "termsOfService"):
            value = node.get(key) if isinstance(node, dict) else None
            if (
                isinstance(value, str)
                and (tokens != ("info",)) == (key == "url")
                and not _URL.match(value)
            ):
                yield Finding(
                    "CC201",
                    f"{shorten(value, 60)!r} is not a URL",
                    to_pointer(tokens + (key,)),
                    "write an absolute URL, e.g. https://example.com/terms",
                )


def _servers(root: dict[str, Any], walker: SpecWalker) -> Iterator[tuple[dict[str, Any], Tokens]]:
    """Every Server Object (document, path item and operation level) and where it is."""
    places: list[tuple[Any, Tokens]] = [(root.get("servers"), ("servers",))]
    for _, item, tokens in walker.path_items():
        places.append((item.get("servers"), tokens + ("servers",)))
    places += [(op.node.get("servers"), op.tokens + ("servers",)) for op in walker.operations()]
    for servers, tokens in places:
        for index, server in enumerate(servers if isinstance(servers, list) else ()):
            if isinstance(server, dict):
                yield server, tokens + (str(index),)


def _server_urls(root: dict[str, Any], walker: SpecWalker) -> Iterator[Finding]:
    """A server URL with its variables' defaults filled in is a URL: every {name} is a defined
    variable, and no space, quote or other character a URL cannot hold is left."""
    for server, tokens in _servers(root, walker):
        url = server.get("url")
        if not isinstance(url, str):
            continue
        variables = server.get("variables")
        filled = url
        for name, variable in variables.items() if isinstance(variables, dict) else ():
            if isinstance(variable, dict) and isinstance(variable.get("default"), str):
                filled = filled.replace("{" + str(name) + "}", variable["default"])
        undefined = _TEMPLATE_NAME.search(filled)
        if undefined is not None:
            yield Finding(
                "CC201",
                f"server URL {shorten(url, 60)!r}: {{{shorten(undefined[1], 30)}}} is not "
                "a variable with a default",
                to_pointer(tokens + ("url",)),
                "define it under the server's variables, with a default",
            )
        elif not _SERVER_URL.match(filled):
            yield Finding(
                "CC201",
                f"server URL {shorten(url, 60)!r} holds characters a URL cannot",
                to_pointer(tokens + ("url",)),
                "a URL holds no spaces, quotes, braces or <>\\^`|; percent-encode them",
            )


def _server_variables(root: dict[str, Any], walker: SpecWalker) -> Iterator[Finding]:
    """3.1: a server variable's default MUST be one of its enum values (3.0 did not say so)."""
    for server, tokens in _servers(root, walker):
        variables = server.get("variables")
        for name, variable in variables.items() if isinstance(variables, dict) else ():
            if not isinstance(variable, dict):
                continue
            enum, default = variable.get("enum"), variable.get("default")
            if isinstance(enum, list) and default is not None and default not in enum:
                yield Finding(
                    "CC201",
                    f"server variable {name!r}: default {default!r} is not one of its enum values",
                    to_pointer(tokens + ("variables", name, "default")),
                )


def _schemas(root: dict[str, Any], walker: SpecWalker, minor: str) -> Iterator[Finding]:
    if minor == "3.1":
        checked: set[int] = set()
        for raw, tokens in walker.schema_roots():
            schema, tokens = deref(root, raw, tokens)
            if schema is not None and id(schema) not in checked:
                checked.add(id(schema))
                yield from schema_problems(schema, tokens)
    defaults: _DefaultChecker | None = None
    for schema, tokens in walker.schemas():
        yield from _patterns(schema, tokens)
        yield from _required_with_all_of(root, schema, tokens)
        if "default" in schema and (
            schema["default"] is not None or schema.get("nullable") is not True
        ):
            defaults = defaults or _DefaultChecker(root, minor)
            yield from defaults.problems(schema, tokens)


def _patterns(schema: dict[str, Any], tokens: Tokens) -> Iterator[Finding]:
    pattern = schema.get("pattern")
    candidates = [(pattern, tokens + ("pattern",))] if isinstance(pattern, str) else []
    pattern_properties = schema.get("patternProperties")
    if isinstance(pattern_properties, dict):
        candidates += [(key, tokens + ("patternProperties", key)) for key in pattern_properties]
    for text, where in candidates:
        error = ecma_pattern_error(text)
        if error:
            yield Finding(
                "CC205",
                f"pattern {shorten(text, 60)!r} is not a valid ECMA-262 "
                f"regular expression: {error}",
                to_pointer(where),
            )


def _required_with_all_of(
    root: dict[str, Any], schema: dict[str, Any], tokens: Tokens
) -> Iterator[Finding]:
    required = schema.get("required")
    if "allOf" not in schema or not isinstance(required, list):
        return
    missing = [name for name in required if name not in _property_names(root, schema, set())]
    if missing:
        yield Finding(
            "CC201",
            f"required {missing} not defined in properties or allOf",
            to_pointer(tokens + ("required",)),
        )


def _property_names(root: dict[str, Any], raw: Any, seen: set[int]) -> set[str]:
    schema, _ = deref(root, raw, ())
    if not isinstance(schema, dict) or id(schema) in seen:
        return set()
    seen.add(id(schema))
    names = set(schema["properties"]) if isinstance(schema.get("properties"), dict) else set()
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) if isinstance(schema.get(key), list) else ():
            names |= _property_names(root, branch, seen)
    for key in ("items", "not"):
        if key in schema:
            names |= _property_names(root, schema[key], seen)
    return names


class _DefaultChecker:
    """Validates a schema's `default` against the schema, the way the spec's dialect reads it.

    Formats are not checked: their checkers depend on optional packages (idna, rfc3339...) and
    would accept or refuse the same spec depending on what happens to be installed.
    """

    def __init__(self, root: dict[str, Any], minor: str):
        # imported on the first default only: openapi-schema-validator takes ~0.5 s to import
        from openapi_schema_validator import OAS30Validator, OAS31Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4, DRAFT202012

        specification = DRAFT202012 if minor == "3.1" else DRAFT4
        self.registry = Registry().with_resource(
            _DOCUMENT_URI, Resource(contents=root, specification=specification)
        )
        self.validator_class = OAS31Validator if minor == "3.1" else OAS30Validator

    def problems(self, schema: dict[str, Any], tokens: Tokens) -> Iterator[Finding]:
        validator = self.validator_class(
            {"$ref": _DOCUMENT_URI + "#" + to_pointer(tokens)}, registry=self.registry
        )
        from referencing.exceptions import Unresolvable

        try:
            errors = list(validator.iter_errors(schema["default"]))
        except (Unresolvable, re.error, RecursionError):
            return  # a dangling $ref is reported by the loader; `re` cannot run ECMA patterns
        reported: set[Tokens] = set()
        for error in errors:
            where = tokens + ("default",) + tuple(str(t) for t in error.path)
            if where in reported:
                continue
            reported.add(where)
            yield Finding(
                "CC201",
                f"default value does not match its schema: {shorten(error.message, 120)}",
                to_pointer(where),
            )
