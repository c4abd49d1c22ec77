"""Render the whole Spring Boot project from the IR: sorted, deterministic, in memory."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from compiler.ir import BodyReading, Contract, SecurityKind
from emitters.base import GeneratedFile
from emitters.common import generated_header, project_words, template_environment
from emitters.spring.catalog import render_catalog
from emitters.spring.layout import (
    WIDTH,
    arguments,
    assigned_chain,
    assignment,
    chain,
    expression,
    javadoc,
    parameters,
    string_constant,
    ternary,
)
from emitters.spring.migrations import flyway_migrations
from emitters.spring.naming import java_comment, java_package_segment, java_string
from emitters.spring.tests_view import build_test_views
from emitters.spring.views import RecordView, ResourceView, build_views

VERSIONS = {
    "spring_boot": "3.5.16",
    "json_schema_validator": "1.5.9",
    "nimbus": "10.10",
    "nullable": "0.2.11",
}
GROUP_ID = "com.example"
_STATIC_JAVA = (
    "api/ApiException",
    "api/ApiExceptionHandler",
    "api/ApiOperation",
    "api/Authenticator",
    "api/BodyLimitFilter",
    "api/CachedBodyFilter",
    "api/ContractInterceptor",
    "api/DatabaseErrors",
    "api/ErrorResponses",
    "api/FailureClass",
    "api/FormReader",
    "api/Formats",
    "api/HealthController",
    "api/MethodNotAllowedFilter",
    "api/OperationCatalog",
    "api/ProblemErrorController",
    "api/ProblemErrorReportValve",
    "api/RateLimitFilter",
    "api/RequestLogFilter",
    "api/RequestValidator",
    "api/StorableText",
    "api/TextValues",
    "api/Violation",
    "config/AuthSettings",
    "config/DataSourceConfig",
    "config/DatabaseUrl",
    "config/JacksonConfig",
    "config/MigrateCommand",
    "config/MigrationConfig",
    "config/TomcatConfig",
    "config/WebConfig",
    "db/Paging",
    "db/ParentRows",
    "db/Rows",
    "db/Sql",
)
# Only in projects whose rows have related rows or links.
_RELATIONS_JAVA = ("db/JoinTable", "db/Related")
# Only in projects with a list the client may order.
_SORTING_JAVA = ("db/Sorting",)
# Simple names the generated code uses -> their imports ({package} = the project's package).
_KNOWN_TYPES = {
    "ApiException": "{package}.api.ApiException",
    "ApiOperation": "{package}.api.ApiOperation",
    "BigDecimal": "java.math.BigDecimal",
    "BigInteger": "java.math.BigInteger",
    "CookieValue": "org.springframework.web.bind.annotation.CookieValue",
    "DeleteMapping": "org.springframework.web.bind.annotation.DeleteMapping",
    "FormReader": "{package}.api.FormReader",
    "GetMapping": "org.springframework.web.bind.annotation.GetMapping",
    "HttpServletRequest": "jakarta.servlet.http.HttpServletRequest",
    "HttpStatus": "org.springframework.http.HttpStatus",
    "JdbcClient": "org.springframework.jdbc.core.simple.JdbcClient",
    "JsonIgnoreProperties": "com.fasterxml.jackson.annotation.JsonIgnoreProperties",
    "JsonInclude": "com.fasterxml.jackson.annotation.JsonInclude",
    "JsonNode": "com.fasterxml.jackson.databind.JsonNode",
    "JsonNullable": "org.openapitools.jackson.nullable.JsonNullable",
    "JsonProperty": "com.fasterxml.jackson.annotation.JsonProperty",
    "JoinTable": "{package}.db.JoinTable",
    "LinkedHashMap": "java.util.LinkedHashMap",
    "List": "java.util.List",
    "LocalDate": "java.time.LocalDate",
    "Map": "java.util.Map",
    "OffsetDateTime": "java.time.OffsetDateTime",
    "Optional": "java.util.Optional",
    "Paging": "{package}.db.Paging",
    "ParentRows": "{package}.db.ParentRows",
    "PatchMapping": "org.springframework.web.bind.annotation.PatchMapping",
    "PathVariable": "org.springframework.web.bind.annotation.PathVariable",
    "PostMapping": "org.springframework.web.bind.annotation.PostMapping",
    "PutMapping": "org.springframework.web.bind.annotation.PutMapping",
    "Related": "{package}.db.Related",
    "Repository": "org.springframework.stereotype.Repository",
    "RequestAttribute": "org.springframework.web.bind.annotation.RequestAttribute",
    "RequestBody": "org.springframework.web.bind.annotation.RequestBody",
    "RequestHeader": "org.springframework.web.bind.annotation.RequestHeader",
    "RequestMapping": "org.springframework.web.bind.annotation.RequestMapping",
    "RequestParam": "org.springframework.web.bind.annotation.RequestParam",
    "ResponseEntity": "org.springframework.http.ResponseEntity",
    "ResponseStatus": "org.springframework.web.bind.annotation.ResponseStatus",
    "RestController": "org.springframework.web.bind.annotation.RestController",
    "RowMapper": "org.springframework.jdbc.core.RowMapper",
    "Rows": "{package}.db.Rows",
    "Service": "org.springframework.stereotype.Service",
    "Set": "java.util.Set",
    "Sorting": "{package}.db.Sorting",
    "Sql": "{package}.db.Sql",
    "Transactional": "org.springframework.transaction.annotation.Transactional",
    "URI": "java.net.URI",
    "UUID": "java.util.UUID",
    "UriComponentsBuilder": "org.springframework.web.util.UriComponentsBuilder",
    "ZoneOffset": "java.time.ZoneOffset",
}


def render_project(contract: Contract, inputs_label: str) -> tuple[GeneratedFile, ...]:
    """Every file of the generated project, sorted by path."""
    api = contract.api
    package = GROUP_ID + "." + java_package_segment("".join(project_words(api.title)))
    artifact = "-".join(project_words(api.title))
    header = generated_header("", inputs_label).strip()
    views = build_views(contract)
    env = template_environment(
        "emitters.spring", jstring=java_string, jdoc=java_comment, javadoc=javadoc
    )
    env.globals.update(
        arguments=arguments,
        assignment=assignment,
        assigned_chain=assigned_chain,
        chain=chain,
        expression=expression,
        location=_location_statement,
        parameters=parameters,
        string_constant=string_constant,
        ternary=ternary,
    )
    common: dict[str, Any] = {
        "header": header,
        "user_header": f"Yours: created once by contractc from {inputs_label}, never overwritten.",
        "package": package,
        "title": api.title,
        "version": api.version,
        "artifact": artifact,
        "base_path": api.base_path,
        "required_secrets": _required_secrets(contract),
        "versions": VERSIONS,
        "group_id": GROUP_ID,
        "project_version": _maven_version(api.version),
        "reads_multipart": any(op.body_reading is BodyReading.FORM for op in api.operations),
    }
    source = "src/main/java/" + package.replace(".", "/")
    files: dict[str, GeneratedFile] = {}

    def add(path: str, content: str, user_owned: bool = False) -> None:
        files[path] = GeneratedFile(path=path, content=content, user_owned=user_owned)

    def java(template: str, path: str, user_owned: bool = False, **values: Any) -> None:
        context = {**common, **values}
        draft = env.get_template(template).render(context, imports=[])
        own_package = (
            values.get("own_package") or context["package"] + "." + values["resource"].package
        )
        imports = _imports(draft, package, own_package, views.records)
        add(path, env.get_template(template).render(context, imports=imports), user_owned)

    add("pom.xml", env.get_template("pom.xml.j2").render(common))
    add("README.md", env.get_template("README.md.j2").render(common))
    add(".env.example", env.get_template("env.example.j2").render(common))
    add(".gitignore", env.get_template("gitignore.j2").render(common))
    add(
        "src/main/resources/application.properties",
        env.get_template("application.properties.j2").render(common),
    )
    add(
        "src/main/resources/contract/openapi.json",
        contract.bundled_spec
        if contract.bundled_spec.endswith("\n")
        else contract.bundled_spec + "\n",
    )
    add("src/main/resources/contract/operations.json", render_catalog(contract))
    files.update((f.path, f) for f in flyway_migrations(contract, header))
    add(f"{source}/Application.java", env.get_template("java/Application.java.j2").render(common))
    relations = [r.access for r in views.resources if r.access is not None]
    extras: tuple[str, ...] = _RELATIONS_JAVA if any(a.uses_related for a in relations) else ()
    if any(r.sorted for r in views.resources):
        extras += _SORTING_JAVA
    for name in (*_STATIC_JAVA, *extras):
        add(f"{source}/{name}.java", env.get_template(f"java/{name}.java.j2").render(common))
    for record in views.records:
        java(
            "java/model/Enum.java.j2" if record.is_enum else "java/model/Record.java.j2",
            f"{source}/model/{record.name}.java",
            record=record,
            own_package=package + ".model",
        )
    for resource in views.resources:
        _render_resource(resource, source, java)
    tests = build_test_views(contract, views, package)
    test_source = "src/test/java/" + package.replace(".", "/")
    for test in tests:
        add(
            f"{test_source}/{test.resource.package}/{test.resource.name}ControllerTest.java",
            env.get_template("java/test/ResourceTest.java.j2").render(
                common, resource=test.resource, test=test
            ),
        )
    return tuple(files[path] for path in sorted(files))


def _render_resource(resource: ResourceView, source: str, java: Any) -> None:
    folder = f"{source}/{resource.package}"
    args = []
    if resource.table_operations:
        args.append(f"{resource.name}Service service")
    if resource.custom_operations:
        args.append(f"{resource.name}Operations operations")
    java(
        "java/feature/Controller.java.j2",
        f"{folder}/{resource.name}Controller.java",
        resource=resource,
        constructor_args=args,
    )
    if resource.table_operations and resource.table is not None and resource.row is not None:
        java(
            "java/feature/Service.java.j2",
            f"{folder}/{resource.name}Service.java",
            resource=resource,
            service_returns=_service_returns(resource),
        )
        java(
            "java/feature/Repository.java.j2",
            f"{folder}/{resource.name}Repository.java",
            resource=resource,
        )
        java("java/feature/Hooks.java.j2", f"{folder}/{resource.name}Hooks.java", resource=resource)
        java(
            "java/feature/UserHooks.java.j2",
            f"{folder}/{resource.name}UserHooks.java",
            True,
            resource=resource,
        )
    if resource.custom_operations:
        for o in resource.custom_operations:
            assert o.call_record is not None
        java(
            "java/feature/Operations.java.j2",
            f"{folder}/{resource.name}Operations.java",
            resource=resource,
        )
        java(
            "java/feature/UserOperations.java.j2",
            f"{folder}/{resource.name}UserOperations.java",
            True,
            resource=resource,
        )


def _location_statement(o: Any) -> str:
    """`URI location = UriComponentsBuilder.fromPath(...)...toUri();` of a create, laid out."""
    path, args = o.location
    calls = [
        f".fromPath({java_string(path)})",
        f".buildAndExpand({', '.join(args)})",
        ".encode()",
        ".toUri()",
    ]
    one_line = "    URI location = UriComponentsBuilder" + "".join(calls) + ";"
    if len(one_line) <= WIDTH:
        return one_line
    return "    URI location =\n" + chain("", "UriComponentsBuilder", calls, 8)


def _service_returns(resource: ResourceView) -> dict[str, str]:
    returns: dict[str, str] = {}
    for o in resource.table_operations:
        if o.kind == "list":
            returns[o.method] = o.returns
        elif o.kind == "delete" or not o.row:
            returns[o.method] = "void"
        else:
            returns[o.method] = o.row or "void"
    return returns


def _imports(text: str, package: str, own_package: str, records: Iterable[RecordView]) -> list[str]:
    """The imports a rendered Java file needs: known simple names it uses, outside its package."""
    known = {name: fqcn.format(package=package) for name, fqcn in _KNOWN_TYPES.items()}
    known.update({r.name: f"{package}.model.{r.name}" for r in records})
    body = re.sub(r"^(package|import) .*$", "", text, flags=re.MULTILINE)
    body = re.sub(r'"(?:\\.|[^"\\])*"', '""', body)
    body = re.sub(r"/\*\*.*?\*/", "", body, flags=re.DOTALL)
    used = set(re.findall(r"\b[A-Z][A-Za-z0-9]*\b", body))
    out = {known[name] for name in used if name in known}
    return sorted(fqcn for fqcn in out if fqcn.rsplit(".", 1)[0] != own_package)


def _required_secrets(contract: Contract) -> list[tuple[str, str]]:
    used = {name for op in contract.api.operations for alt in op.security for name in alt}
    kinds: dict[str, str] = {}
    for scheme in contract.api.security_schemes:
        if scheme.name not in used:
            continue
        if scheme.kind in (SecurityKind.BEARER, SecurityKind.OAUTH2, SecurityKind.OPENID_CONNECT):
            kinds["bearer"] = "set AUTH_JWT_SECRET or AUTH_TOKENS (bearer authentication)"
        elif scheme.kind is SecurityKind.API_KEY:
            kinds["api_key"] = "set AUTH_API_KEYS (API key authentication)"
        elif scheme.kind is SecurityKind.BASIC:
            kinds["basic"] = "set AUTH_BASIC_USERS (HTTP basic authentication)"
    return sorted(kinds.items())


def _maven_version(version: str) -> str:
    cleaned = re.sub(r"[^0-9A-Za-z.\-]", "-", version).strip("-.")
    return cleaned or "0.0.0"


__all__ = ["VERSIONS", "render_project"]
