"""The Gin target: the IR in, a Go + gin project out (see docs in the generated README)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from compiler.ir import Contract, OperationKind
from emitters.base import GeneratedFile, Runtime, UserCodeFinding
from emitters.common import generated_header, snake, template_environment
from emitters.gin.crud import plan_crud
from emitters.gin.formatting import align, keyed
from emitters.gin.migrations import goose_migrations
from emitters.gin.naming import exported, go_comment, go_string, module_name
from emitters.gin.plan import OperationPlan, Planner, TablePlan
from emitters.gin.test_plan import resource_tests
from emitters.gin.user_code import check_gin_user_code

_WRITES = (
    OperationKind.CREATE,
    OperationKind.REPLACE,
    OperationKind.PATCH,
    OperationKind.DELETE,
)
_STATIC = (
    "internal/apierror/apierror.go",
    "internal/auth/auth.go",
    "internal/config/config.go",
    "internal/database/database.go",
    "internal/database/errors.go",
    "internal/database/migrate.go",
    "internal/database/query.go",
    "internal/database/rows.go",
    "internal/handlers/runtime.go",
    "internal/middleware/middleware.go",
    "internal/models/convert.go",
    "internal/models/field.go",
    "internal/repositories/repository.go",
    "internal/services/service.go",
    "internal/validate/runtime.go",
)


def _strip_models(text: str) -> str:
    return text.replace("models.", "")


class GinEmitter:
    """Go + gin: handlers -> services -> repositories (database/sql: pgx and pure-Go SQLite)."""

    name = "gin"
    description = "Go + gin, database/sql with pgx and modernc.org/sqlite, one static binary"

    def render(self, contract: Contract, inputs_label: str) -> tuple[GeneratedFile, ...]:
        """Every file of the Go project."""
        planner = Planner(contract)
        for plan in planner.operations:
            if plan.table is not None:
                plan_crud(planner, plan)
        env = template_environment(
            "emitters.gin",
            go=go_string,
            comment=go_comment,
            exported=exported,
            strip_models=_strip_models,
        )
        header = generated_header("//", inputs_label)
        module = module_name(contract.api.title)
        common: dict[str, Any] = {
            "header": header,
            "hash_header": generated_header("#", inputs_label),
            "plain_header": generated_header("", inputs_label).strip(),
            "module": module,
        }
        out: list[GeneratedFile] = []

        def emit(path: str, template: str, user_owned: bool = False, **values: Any) -> None:
            content = env.get_template(template).render({**common, **values})
            out.append(GeneratedFile(path=path, content=content, user_owned=user_owned))

        secrets = sorted(
            {
                _secret_kind(s.kind.value)
                for s in contract.api.security_schemes
                if _used(contract, s.name)
            }
        )
        views = planner.views
        links = any(p.links for p in planner.operations)
        for path in _STATIC:
            emit(
                path,
                path + ".j2",
                required_secrets=secrets,
                database_file=snake(module) + ".db",
                loads=any(v.relations for v in views),
                links=links,
                forms=planner.forms,
                raw_bodies=planner.raw_bodies,
                violation_lists=any("perViolation(" in e for e in planner.error_bodies),
                page_numbers=any(
                    "pageOffset(" in line for p in planner.operations for line in p.service_lines
                ),
                sorting=any(p.declarations for p in planner.operations),
            )
        if planner.forms:
            emit("internal/handlers/forms.go", "internal/handlers/forms.go.j2")
        if links or any(v.relations for v in views):
            emit("internal/repositories/relations.go", "internal/repositories/relations.go.j2")
        all_tables = sorted(planner.tables.values(), key=lambda t: t.name)
        by_table = {t.name: [p for p in planner.operations if p.table is t] for t in all_tables}
        tables = [t for t in all_tables if by_table[t.name]]  # the ones with a service
        writes = {t.name: [p for p in by_table[t.name] if p.op.kind in _WRITES] for t in tables}
        hooked = [t for t in tables if writes[t.name]]
        for table in all_tables:
            ops = by_table[table.name]
            table_views = [v for v in views if v.table == table.name]
            emit(
                f"internal/models/{table.file}.go",
                "internal/models/table.go.j2",
                table=table,
                ops=ops,
                views=table_views,
                row_fields=align([(c.field, c.type) for c in table.columns]),
                view_fields={
                    v.name: align([(f.name, _strip_models(f.type), f.tag) for f in v.fields])
                    for v in table_views
                },
                view_values={
                    v.name: keyed([(f.name, f.value) for f in v.fields if f.value])
                    for v in table_views
                },
                input_fields={
                    p.name: align([(f.name, _strip_models(f.type)) for f in p.input_fields])
                    for p in ops
                },
                input_values={
                    p.name: keyed([(f.name, _strip_models(f.decode)) for f in p.input_fields])
                    for p in ops
                },
                needs_object={
                    p.name: any("object" in f.decode for f in p.input_fields) for p in ops
                },
                imports=_model_imports(table, table_views, ops),
            )
            emit(
                f"internal/repositories/{table.file}.go",
                "internal/repositories/table.go.j2",
                table=table,
                converts=keyed([(c.field, c.read) for c in table.columns]),
                loaded=[v for v in table_views if v.relations],
            )
        for table in tables:
            emit(
                f"internal/services/{table.file}.go",
                "internal/services/table.go.j2",
                table=table,
                ops=by_table[table.name],
                writes=writes[table.name],
                hook_input=_hook_input,
                imports=sorted({i for p in by_table[table.name] for i in p.service_imports}),
            )
        emit(
            "internal/services/hooks.go",
            "internal/services/hooks.go.j2",
            fields=align([(t.repository, t.hooks) for t in hooked]),
            defaults=keyed([(t.repository, f"No{t.hooks}{{}}") for t in hooked]),
        )
        resources = sorted({p.op.resource for p in planner.operations})
        for resource in resources:
            ops = [p for p in planner.operations if p.op.resource == resource]
            emit(
                f"internal/handlers/{planner.names.resource_file(resource)}.go",
                "internal/handlers/resource.go.j2",
                ops=ops,
                custom=[p for p in ops if p.table is None],
                raw_bodies=planner.raw_bodies,
            )
        custom_ops = [p for p in planner.operations if p.table is None]
        emit(
            "internal/handlers/handlers.go",
            "internal/handlers/handlers.go.j2",
            tables=tables,
            hooked=[t.name for t in hooked],
            schemes=planner.schemes,
            custom=custom_ops,
            services=align(
                [(t.field, "*services." + t.service) for t in tables]
                + [
                    ("custom", "CustomHandlers"),
                    ("auth", "*auth.Authenticator"),
                    ("logger", "*slog.Logger"),
                ]
            ),
        )
        emit(
            "internal/handlers/operations.go",
            "internal/handlers/operations.go.j2",
            ops=planner.operations,
            error_bodies=sorted(planner.error_bodies.values()),
            needs_strconv=any("strconv." in e for e in planner.error_bodies),
            needs_json=any("json." in p for op in planner.operations for p in op.params),
            needs_validate=any(
                "validate." in part for op in planner.operations for part in (*op.params, op.body)
            )
            or any("validate." in e for e in planner.error_bodies),
        )
        emit(
            "internal/handlers/custom.go",
            "internal/handlers/custom.go.j2",
            custom=custom_ops,
            forms=planner.forms,
            raw_bodies=planner.raw_bodies,
        )
        emit(
            "internal/validate/schemas.go",
            "internal/validate/schemas.go.j2",
            validators=planner.validators,
        )
        emit(
            "internal/server/server.go",
            "internal/server/server.go.j2",
            ops=planner.operations,
            base_path=contract.api.base_path,
            undeclared=planner.undeclared,
            documented_paths=planner.documented_paths,
        )
        out.append(GeneratedFile("internal/server/openapi.json", contract.bundled_spec))
        emit("cmd/server/main.go", "cmd/server/main.go.j2")
        emit(
            "internal/custom/custom.go",
            "internal/custom/custom.go.j2",
            user_owned=True,
            custom=custom_ops,
        )
        emit(
            "internal/custom/hooks.go",
            "internal/custom/hooks.go.j2",
            user_owned=True,
            tables=hooked,
        )
        out.extend(goose_migrations(env, contract))
        data = files("emitters.gin") / "deps"
        emit(
            "go.mod",
            "go.mod.j2",
            requires=data.joinpath("go.mod.requires").read_text(encoding="utf-8"),
        )
        out.append(GeneratedFile("go.sum", data.joinpath("go.sum").read_text(encoding="utf-8")))
        emit(
            "README.md",
            "README.md.j2",
            title=contract.api.title,
            custom=custom_ops,
            marked=sorted((table, mark.column) for table, mark in planner.marks.items()),
        )
        emit(".env.example", "env.example.j2", required_secrets=secrets)
        emit(".gitignore", "gitignore.j2")

        resources_tested = resource_tests(contract)
        emit(
            "internal/server/server_test.go",
            "internal/server/server_test.go.j2",
            resources=resources_tested,
            scenarios=any(r.relations for r in resources_tested),
            scopes=sorted(
                {s for op in contract.api.operations for needed in op.scopes for s in needed}
            ),
        )
        return tuple(sorted(out, key=lambda f: f.path))

    def check_user_code(
        self, contract: Contract, rendered: tuple[GeneratedFile, ...], out_dir: Path
    ) -> tuple[UserCodeFinding, ...]:
        """User methods against the generated interfaces they assert, read lightly (CC514)."""
        return check_gin_user_code(rendered, out_dir)

    def runtime(self) -> Runtime:
        """`go mod download` once; `go build` before each start; `go test ./...` for its own tests."""
        return Runtime(
            install=(("go", "mod", "download"),),
            install_marker="go.sum",
            build=(("go", "build", "-o", "bin/server", "./cmd/server"),),
            start=("./bin/server",),
            unit_tests=("go", "test", "./..."),
            build_outputs=("bin",),
        )


def _hook_input(plan: OperationPlan) -> str:
    """What a hook is given: the input to change, or for a delete the key of the row."""
    pointer = "" if plan.op.kind is OperationKind.DELETE else "*"
    return f"{pointer}models.{plan.input_type}"


def _secret_kind(kind: str) -> str:
    return {"oauth2": "bearer", "openid_connect": "bearer"}.get(kind, kind)


def _used(contract: Contract, scheme: str) -> bool:
    return any(
        scheme in alternative for op in contract.api.operations for alternative in op.security
    )


def _model_imports(table: TablePlan, views: list[Any], ops: list[OperationPlan]) -> list[str]:
    types = {c.type for c in table.columns} | {f.type for v in views for f in v.fields}
    types |= {f.type for p in ops for f in p.input_fields}
    needed = set()
    for name in types:
        if "json." in name:
            needed.add("encoding/json")
        if "time." in name:
            needed.add("time")
    return sorted(needed)


__all__ = ["GinEmitter"]
