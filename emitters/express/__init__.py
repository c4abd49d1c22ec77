"""The Express target: a TypeScript (strict) Express 5 project on Node 20, from the IR only."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

from compiler.ir import BodyReading, Contract, Operation, OperationKind
from emitters.base import GeneratedFile, Runtime, UserCodeFinding
from emitters.common import generated_header, template_environment
from emitters.common.memo import PerNode
from emitters.express.error_bodies import error_template
from emitters.express.forms import form_bodies
from emitters.express.literals import PRINT_WIDTH, MapLiteral, literal
from emitters.express.metadata import (
    operation_spec,
    route_path,
    security_specs,
    table_specs,
    validation_schemas,
)
from emitters.express.migrations import migration_files
from emitters.express.naming import file_name, unique_names, value_name
from emitters.express.project import (
    PACKAGE_LOCK,
    package_lock,
    package_manifest,
    package_name,
    tsconfig,
)
from emitters.express.routing import documented_paths
from emitters.express.test_plan import resource_plans
from emitters.express.types import models_source
from emitters.express.user_code import check_express_user_code

_STATIC_SOURCES = (
    "app.ts",
    "config.ts",
    "logger.ts",
    "migrate.ts",
    "paths.ts",
    "server.ts",
    "contract/spec.ts",
    "db/connection.ts",
    "db/deletion.ts",
    "db/errors.ts",
    "db/migrate.ts",
    "db/repository.ts",
    "db/values.ts",
    "http/auth.ts",
    "http/errors.ts",
    "http/json.ts",
    "http/operation.ts",
    "http/params.ts",
    "http/validation.ts",
    "services/crud.ts",
    "services/hooks.ts",
    "services/links.ts",
    "services/render.ts",
    "services/sorting.ts",
    "services/types.ts",
    "test/support.ts",
)
_CRUD_FUNCTIONS = {
    OperationKind.LIST: "listRows",
    OperationKind.CREATE: "createRow",
    OperationKind.READ: "readRow",
    OperationKind.REPLACE: "updateRow",
    OperationKind.PATCH: "updateRow",
    OperationKind.DELETE: "deleteRow",
}
# what a resource's service module declares or imports besides its operations' functions
_SERVICE_SCOPE = frozenset({"spec", "operations", "handlers", *_CRUD_FUNCTIONS.values()})
_FORM_FIELD_SPEC = """/** How one field of a form body becomes the value its schema checks. */
export interface FormFieldSpec {
  kind: "integer" | "number" | "boolean" | "string" | "binary";
  array: boolean; // an array property: every value sent, in order
}

/** The fields of each custom operation whose body is a form, by operation id and name. */
"""


def _json(value: object) -> str:
    return literal(value, json_mode=True) + "\n"


def _const(name: str, type_: str, value: object) -> str:
    return literal(value, prefix=f"export const {name}: {type_} = ", suffix=";")


def _map(name: str, value: MapLiteral) -> str:
    return literal(value, prefix=f"export const {name} = ", suffix=";")


class ExpressEmitter:
    """Node 20, Express 5, TypeScript strict; knex over better-sqlite3 or pg; ajv validation."""

    name = "express"
    description = "Express 5 + TypeScript (Node 20): knex, better-sqlite3/pg, ajv, pino"

    def check_user_code(
        self, contract: Contract, rendered: tuple[GeneratedFile, ...], out_dir: Path
    ) -> tuple[UserCodeFinding, ...]:
        """Keys of the user's handlers and hooks against the generated types (CC514)."""
        return check_express_user_code(rendered, out_dir)

    def runtime(self) -> Runtime:
        return Runtime(
            install=(("npm", "ci", "--no-audit", "--no-fund"),),
            install_marker="node_modules/.package-lock.json",
            build=(("npm", "run", "build"),),
            start=("node", "dist/server.js"),
            unit_tests=("npm", "test"),
            build_outputs=("node_modules", "dist"),
        )

    def render(self, contract: Contract, inputs_label: str) -> tuple[GeneratedFile, ...]:
        header = generated_header("//", inputs_label)
        env = template_environment("emitters.express", literal=literal, value_name=value_name)
        name = package_name(contract)
        forms = form_bodies(contract)
        models = {m.name: m for m in contract.api.models}
        raw_bodies = any(
            op.request is not None and op.request.reading is BodyReading.RAW
            for op in contract.api.operations
        )
        out: list[GeneratedFile] = []

        def ts(path: str, body: str) -> None:
            out.append(GeneratedFile(path, f"{header}\n{body}"))

        for source in _STATIC_SOURCES:
            out.append(
                GeneratedFile(
                    f"src/{source}",
                    env.get_template(f"src/{source}.j2").render(
                        header=header, forms=bool(forms), raw_bodies=raw_bodies
                    ),
                )
            )
        if forms:
            out.append(
                GeneratedFile(
                    "src/http/forms.ts",
                    env.get_template("src/http/forms.ts.j2").render(header=header),
                )
            )
            fields = "Record<string, Record<string, FormFieldSpec>>"
            ts(
                "src/contract/forms.ts",
                _FORM_FIELD_SPEC + _const("formBodies", fields, forms) + "\n",
            )

        ops = contract.api.operations
        template_of = PerNode(error_template)  # one object per shared template: printed once
        specs = MapLiteral(
            (op.operation_id, operation_spec(op, models, contract.api.base_path, template_of))
            for op in ops
        )
        specs.value_type = "OperationSpec"
        ts(
            "src/contract/operations.ts",
            'import type { OperationSpec } from "./spec";\n\n' + _map("operations", specs) + "\n",
        )
        tables = table_specs(contract.database)
        table_union = " | ".join(json.dumps(t) for t in tables) or "never"
        table_type = f"export type TableName = {table_union};"
        if len(table_type) > PRINT_WIDTH and len(tables) > 1:
            table_type = (
                "export type TableName =\n"
                + "\n".join(f"  | {json.dumps(t)}" for t in tables)
                + ";"
            )
        ts(
            "src/contract/tables.ts",
            'import type { TableSpec } from "./spec";\n\n'
            + f"{table_type}\n\n"
            + _map("tables", tables)
            + "\n",
        )
        definitions, per_operation = validation_schemas(contract)
        ts(
            "src/contract/schemas.ts",
            'import type { SchemaObject } from "ajv";\n\n'
            + "/** Request schemas of the models operations accept (draft-07, for ajv). */\n"
            + _const("definitions", "Record<string, SchemaObject>", definitions)
            + "\n\n/** The schemas of one operation: parameters by location, and the body. */\n"
            + "export interface OperationSchemas {\n"
            + "  parameters: SchemaObject;\n"
            + "  body: SchemaObject | null;\n"
            + "}\n\n"
            + _const("operationSchemas", "Record<string, OperationSchemas>", per_operation)
            + "\n",
        )
        ts(
            "src/contract/security.ts",
            'import type { SecuritySchemeSpec } from "./spec";\n\n'
            + _map("securitySchemes", security_specs(contract))
            + "\n",
        )
        ts(
            "src/types/models.ts",
            models_source(contract.api.models) if contract.api.models else "export {};\n",
        )

        by_resource: dict[str, list[Operation]] = defaultdict(list)
        for op in ops:
            by_resource[op.resource].append(op)
        contexts = {
            op.operation_id: _operation_context(op, contract.api.base_path, function)
            for op, function in zip(
                ops,
                unique_names((value_name(op.operation_id) for op in ops), _SERVICE_SCOPE),
                strict=True,
            )
        }
        names = sorted(by_resource)
        resources = [
            {
                "name": resource,
                "module": module,
                "function": function,
                "alias": alias,
                "operations": [contexts[op.operation_id] for op in by_resource[resource]],
            }
            for resource, module, function, alias in zip(
                names,
                unique_names(file_name(name) for name in names),
                unique_names(value_name(f"{name} routes") for name in names),
                unique_names(value_name(f"{name} service") for name in names),
                strict=True,
            )
        ]
        custom = [contexts[op.operation_id] for op in ops if op.kind is OperationKind.CUSTOM]
        plans = resource_plans(contract)
        for resource in resources:
            ts(
                f"src/routes/{resource['module']}.ts",
                env.get_template("src/routes/resource.ts.j2").render(resource=resource),
            )
            ts(
                f"src/services/{resource['module']}.ts",
                env.get_template("src/services/resource.ts.j2").render(resource=resource),
            )
            ts(
                f"src/test/{resource['module']}.test.ts",
                env.get_template("src/test/resource.test.ts.j2").render(
                    resource=resource, **_test_literals(plans[str(resource["name"])])
                ),
            )
        ts(
            "src/routes/index.ts",
            env.get_template("src/routes/index.ts.j2").render(
                resources=resources,
                routes=_spread("routes: Route[]", [f"{r['function']}(deps)" for r in resources]),
                paths=literal(
                    documented_paths(contract),
                    prefix="const DOCUMENTED_PATHS: [string, string][] = ",
                    suffix=";",
                ),
            ),
        )
        ts(
            "src/contract/handlers.ts",
            env.get_template("src/contract/handlers.ts.j2").render(
                custom=custom, forms=bool(forms), raw_bodies=raw_bodies
            ),
        )
        out.append(
            GeneratedFile(
                "src/user/handlers.ts",
                env.get_template("src/user/handlers.ts.j2").render(custom=custom),
                user_owned=True,
            )
        )
        out.append(
            GeneratedFile(
                "src/user/hooks.ts",
                env.get_template("src/user/hooks.ts.j2").render(),
                user_owned=True,
            )
        )

        out.append(GeneratedFile("package.json", _json(package_manifest(name, bool(forms)))))
        out.append(GeneratedFile(PACKAGE_LOCK, package_lock(name, bool(forms))))
        out.append(GeneratedFile("tsconfig.json", _json(tsconfig())))
        out.append(GeneratedFile("openapi.json", contract.bundled_spec))
        out.extend(migration_files(contract, env, header))
        for static in (
            ".prettierrc.json",
            ".prettierignore",
            ".gitignore",
            ".env.example",
            "README.md",
        ):
            text = (
                files("emitters.express")
                .joinpath("templates", "project", static)
                .read_text("utf-8")
            )
            out.append(
                GeneratedFile(
                    static, env.from_string(text).render(title=contract.api.title, header=header)
                )
            )
        return tuple(sorted(out, key=lambda f: f.path))


def _operation_context(op: Operation, base_path: str, function: str) -> dict[str, object]:
    """What the route, service and handler templates need to know about one operation."""
    return {
        "id": op.operation_id,
        "function": function,
        "method": op.method.upper(),
        "path": op.path,
        "route": route_path(op, base_path),
        "summary": " ".join(op.summary.split()).replace("*/", "* /"),
        "crud": _CRUD_FUNCTIONS.get(op.kind),
        "kind": op.kind.value,
        "secured": bool(op.security) and all(alt for alt in op.security),
        "has_path_params": "{" in op.path,
        "media": op.request.reading.value if op.request else BodyReading.JSON.value,
    }


def _test_literals(plan: dict[str, object]) -> dict[str, str | None]:
    """The plan of one resource's tests as TypeScript constants."""
    round_trip = plan["roundTrip"]
    return {
        "round_trip": None
        if round_trip is None
        else literal(round_trip, prefix="const roundTrip: RoundTrip = ", suffix=";"),
        "failures": literal(
            plan["failures"], prefix="const failures: FailureCase[] = ", suffix=";"
        ),
    }


def _spread(declaration: str, calls: list[str]) -> str:
    """`const routes = [...a(deps), ...b(deps)];`, broken over lines when it does not fit."""
    items = [f"...{call}" for call in calls]
    one_line = f"  const {declaration} = [{', '.join(items)}];"
    if len(one_line) <= PRINT_WIDTH:
        return one_line
    return "\n".join([f"  const {declaration} = ["] + [f"    {item}," for item in items] + ["  ];"])
