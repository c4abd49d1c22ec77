"""Binding routes whose names are not the tables', keys that are not `id`, and RPC routes left alone."""

from __future__ import annotations

from builders import bind, database, document, json_body, ok, op

from compiler.binder.route import parse_route
from compiler.binder.rpc import rpc_reason
from compiler.ir.api import OperationKind, ParamRole


def _obj(*names: str, **typed: dict) -> dict:
    props = {n: {"type": "string"} for n in names}
    props.update(typed)
    return {"type": "object", "properties": props}


def _path_param(name: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema or {"type": "string"}}


ORDER_SQL = """
CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, placed_at TIMESTAMP NOT NULL DEFAULT now());
CREATE TABLE order_lines (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price NUMERIC(10, 2) NOT NULL
);
CREATE TABLE persons (id BIGSERIAL PRIMARY KEY, full_name TEXT NOT NULL);
"""
LINE = _obj(
    "sku", id={"type": "integer"}, quantity={"type": "integer"}, unitPrice={"type": "number"}
)


def test_a_route_named_otherwise_binds_through_its_schema_name() -> None:
    ref = {"$ref": "#/components/schemas/OrderLine"}
    doc = document(
        {
            "/line-items": {
                "get": ok({"type": "array", "items": ref}),
                "post": {"requestBody": json_body(ref), **ok(ref, "201")},
            }
        },
        {"OrderLine": LINE},
    )
    api, _ = bind(doc, database(ORDER_SQL))
    listing = op(api, "get", "/line-items")
    assert (listing.kind, listing.table) == (OperationKind.LIST, "order_lines")
    assert any("schema OrderLine" in e for e in listing.evidence)
    assert op(api, "post", "/line-items").table == "order_lines"


def test_a_route_named_otherwise_binds_through_the_columns_its_rows_match() -> None:
    doc = document({"/entries": {"get": ok({"type": "array", "items": LINE})}})
    api, _ = bind(doc, database(ORDER_SQL))
    listing = op(api, "get", "/entries")
    assert (listing.kind, listing.table) == (OperationKind.LIST, "order_lines")
    assert any("properties of its rows are its columns" in e for e in listing.evidence)


def test_irregular_plurals_and_schema_wide_affixes() -> None:
    sql = """
    CREATE TABLE app_people_groups (id BIGSERIAL PRIMARY KEY, title TEXT);
    CREATE TABLE app_persons (id BIGSERIAL PRIMARY KEY, full_name TEXT NOT NULL);
    CREATE TABLE app_settings (id BIGSERIAL PRIMARY KEY, value TEXT);
    """
    row = _obj("fullName", id={"type": "integer"})
    api, _ = bind(
        document({"/people": {"get": ok({"type": "array", "items": row})}}), database(sql)
    )
    listing = op(api, "get", "/people")
    assert listing.table == "app_persons"
    assert any("affix app_" in e for e in listing.evidence)


def test_a_suffix_every_table_carries_and_columns_repeating_the_table_name() -> None:
    sql = """
    CREATE TABLE catalog_meta (catalog_id BIGINT PRIMARY KEY, catalog_name VARCHAR(64) NOT NULL,
        deleted_at BIGINT NOT NULL DEFAULT 0, UNIQUE (catalog_name, deleted_at));
    CREATE TABLE schema_meta (schema_id BIGINT PRIMARY KEY, schema_name VARCHAR(64) NOT NULL,
        catalog_id BIGINT NOT NULL, deleted_at BIGINT NOT NULL DEFAULT 0,
        UNIQUE (catalog_id, schema_name, deleted_at));
    CREATE TABLE user_meta (user_id BIGINT PRIMARY KEY, user_name VARCHAR(64));
    """
    item = {"parameters": [_path_param("catalog"), _path_param("schema")]}
    doc = document(
        {
            "/catalogs/{catalog}": {
                "parameters": [_path_param("catalog")],
                "get": ok(_obj("name")),
            },
            "/catalogs/{catalog}/schemas/{schema}": {**item, "get": ok(_obj("name"))},
        }
    )
    api, _ = bind(doc, database(sql))
    catalog = op(api, "get", "/catalogs/{catalog}")
    assert (catalog.table, catalog.params(ParamRole.KEY)[0].column) == (
        "catalog_meta",
        "catalog_name",
    )
    assert catalog.response_fields[0].column == "catalog_name"
    schema = op(api, "get", "/catalogs/{catalog}/schemas/{schema}")
    assert schema.table == "schema_meta"
    assert schema.params(ParamRole.KEY)[0].column == "schema_name"
    assert (schema.parents[0].parent_column, schema.parents[0].child_column) == (
        "catalog_name",
        "catalog_id",
    )
    assert any("no foreign key is declared" in e for e in schema.evidence)


BENCH_SQL = """
CREATE TABLE organization (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE);
CREATE TABLE project (id INTEGER PRIMARY KEY, uuid UUID NOT NULL UNIQUE,
    organization_id INTEGER NOT NULL REFERENCES organization (id), name TEXT NOT NULL,
    slug TEXT NOT NULL, UNIQUE (organization_id, slug));
CREATE TABLE member (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, bio TEXT);
"""


def test_a_parameter_named_after_its_resource_names_a_natural_key() -> None:
    row = _obj("slug", "name", "uuid")
    doc = document(
        {
            "/organizations/{organization}": {
                "parameters": [_path_param("organization")],
                "get": ok(row),
            },
            "/organizations/{organization}/projects/{project}": {
                "parameters": [_path_param("organization"), _path_param("project")],
                "get": ok(row),
                "delete": {"responses": {"204": {"description": "gone"}}},
            },
            "/projects/{project}": {
                "parameters": [_path_param("project", {"type": "string", "format": "uuid"})],
                "get": ok(row),
            },
            "/members/{username}": {
                "parameters": [_path_param("username")],
                "get": ok(_obj("username")),
            },
        }
    )
    api, _ = bind(doc, database(BENCH_SQL))
    assert op(api, "get", "/organizations/{organization}").params(ParamRole.KEY)[0].column == "slug"
    nested = op(api, "delete", "/organizations/{organization}/projects/{project}")
    assert (nested.kind, nested.table) == (OperationKind.DELETE, "project")
    assert nested.params(ParamRole.KEY)[0].column == "slug"  # unique under its organization
    assert any("unique under its parent" in e for e in nested.evidence)
    by_uuid = op(api, "get", "/projects/{project}")  # slug alone is not unique: the UUID is
    assert by_uuid.params(ParamRole.KEY)[0].column == "uuid"
    assert op(api, "get", "/members/{username}").params(ParamRole.KEY)[0].column == "username"


def test_a_parameter_naming_no_unique_column_is_no_key() -> None:
    doc = document({"/members/{bio}": {"parameters": [_path_param("bio")], "get": ok(_obj("bio"))}})
    api, _ = bind(doc, database(BENCH_SQL))
    read = op(api, "get", "/members/{bio}")
    assert read.kind is OperationKind.CUSTOM
    assert "names no key" in read.evidence[0]


def test_rpc_routes_are_never_bound_as_crud() -> None:
    sql = """
    CREATE TABLE search (id BIGSERIAL PRIMARY KEY, query TEXT);
    CREATE TABLE sessions (id BIGSERIAL PRIMARY KEY, token TEXT NOT NULL, user_id BIGINT);
    CREATE TABLE keys (id BIGSERIAL PRIMARY KEY, name TEXT);
    """
    body = {"requestBody": json_body(_obj("query")), **ok(_obj("query"))}
    doc = document(
        {
            "/search": {"post": body},
            "/evaluate": {"post": body},
            "/login": {"post": body},
            "/keys/batch": {"post": body},
            "/keys/{id}/actions/rotate": {"parameters": [_path_param("id")], "post": body},
            "/v2/keys.createKey": {
                "post": {"requestBody": json_body(_obj("name")), **ok(_obj("name"))}
            },
            "/sessions": {
                "post": {
                    "requestBody": json_body(
                        _obj("action", ids={"type": "array", "items": {"type": "string"}})
                    ),
                    **ok(_obj("action")),
                }
            },
        }
    )
    api, _ = bind(doc, database(sql))
    assert all(o.kind is OperationKind.CUSTOM and o.table is None for o in api.operations)
    manage = op(api, "post", "/sessions")
    assert "share no property with the columns of sessions" in manage.evidence[0]


def test_rpc_reason_reads_the_path_only() -> None:
    assert rpc_reason(parse_route("/v1/things:batchGet"))
    assert rpc_reason(parse_route("/api/v2/projects")) == ""
    assert rpc_reason(parse_route("/projects")) == ""
    assert rpc_reason(parse_route("/v1.2/projects/{id}")) == ""
    assert rpc_reason(parse_route("/searches")) == ""  # saved searches are a collection


def test_the_mapping_file_pins_key_columns_and_parents() -> None:
    sql = (
        BENCH_SQL
        + "CREATE TABLE boards (id INTEGER PRIMARY KEY, org INTEGER NOT NULL REFERENCES organization (id), title TEXT NOT NULL);"
    )
    doc = document(
        {
            "/orgs/{o}/boards/{b}": {
                "parameters": [_path_param("o"), _path_param("b", {"type": "integer"})],
                "get": {"operationId": "getBoard", **ok(_obj("title"))},
            }
        }
    )
    db = database(sql)
    unpinned, _ = bind(doc, db)
    assert op(unpinned, "get", "/orgs/{o}/boards/{b}").kind is OperationKind.CUSTOM
    mapping = {
        "operations": {
            "getBoard": {"params": {"o": "uuid", "b": "id"}, "parents": {"o": "organization"}}
        }
    }
    api, sink = bind(doc, db, mapping)
    board = op(api, "get", "/orgs/{o}/boards/{b}")
    assert not sink.has_errors
    assert (board.kind, board.table) == (OperationKind.READ, "boards")
    assert (
        board.parents[0].parent_table,
        board.parents[0].parent_column,
        board.parents[0].child_column,
    ) == (
        "organization",
        "uuid",
        "org",
    )
    assert board.params(ParamRole.KEY)[0].column == "id"


def test_the_mapping_file_names_unknown_columns_and_tables_as_errors() -> None:
    doc = document(
        {
            "/orgs/{o}": {
                "parameters": [_path_param("o")],
                "get": {"operationId": "getOrg", **ok(_obj("slug"))},
            }
        }
    )
    mapping = {
        "operations": {
            "getOrg": {
                "table": "organization",
                "params": {"o": "nope"},
                "parents": {"x": "nowhere"},
            }
        }
    }
    _, sink = bind(doc, database(BENCH_SQL), mapping)
    messages = [d.message for d in sink.sorted() if d.code == "CC402"]
    assert any("'nope'" in m for m in messages) and any("'nowhere'" in m for m in messages)


def test_rpc_words_are_read_as_actions_only_in_last_place() -> None:
    assert "names an action" in rpc_reason(parse_route("/reports/{id}/export"))
    assert rpc_reason(parse_route("/exports/{id}")) == ""


def test_literals_in_a_row_after_a_parameter_name_one_collection() -> None:
    sql = """
    CREATE TABLE workspaces (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE job_templates (id BIGINT PRIMARY KEY, workspace_id BIGINT NOT NULL
        REFERENCES workspaces (id), name TEXT NOT NULL, UNIQUE (workspace_id, name));
    """
    path = "/workspaces/{workspace}/jobs/templates/{template}"
    doc = document(
        {
            path: {
                "parameters": [_path_param("workspace"), _path_param("template")],
                "get": ok(_obj("name")),
            }
        }
    )
    api, _ = bind(doc, database(sql))
    read = op(api, "get", path)
    assert (read.kind, read.table) == (OperationKind.READ, "job_templates")
    assert read.params(ParamRole.KEY)[0].column == "name"
    assert read.operation_id == "getWorkspaceJobsTemplate"
