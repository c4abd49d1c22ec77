"""bind_api on small specs: classification, tables, fields, params, paging, errors, security, links, overrides."""

from __future__ import annotations

from builders import PET, PETS_SQL, REF, bind, database, document, json_body, ok, op

from compiler.ir.api import (
    FailureClass,
    FieldMode,
    OperationKind,
    PagingStyle,
    ParamRole,
    SecurityKind,
)
from compiler.ir.database import EMPTY_DATABASE
from compiler.ir.shapes import ShapeKind

ITEM = {
    "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}]
}


def crud_paths() -> dict:
    return {
        "/pets": {
            "get": {
                **ok({"type": "array", "items": REF}),
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 50}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                    {"name": "name", "in": "query", "schema": {"type": "string"}},
                ],
            },
            "post": {"requestBody": json_body(REF), **ok(REF, "201")},
        },
        "/pets/{petId}": {
            **ITEM,
            "get": {**ok(REF), "responses": {**ok(REF)["responses"], "404": {"description": "nf"}}},
            "put": {"requestBody": json_body(REF), **ok(REF)},
            "patch": {"requestBody": json_body(REF), **ok(REF)},
            "delete": {"responses": {"204": {"description": "gone"}, "200": {"description": "x"}}},
        },
        "/pets/{petId}/vaccinate": {**ITEM, "post": ok(REF)},
    }


def test_crud_classification_and_table() -> None:
    api, sink = bind(document(crud_paths(), {"Pet": PET}), database(PETS_SQL))
    kinds = {(o.method, o.path): (o.kind, o.table) for o in api.operations}
    assert kinds[("get", "/pets")] == (OperationKind.LIST, "pets")
    assert kinds[("post", "/pets")] == (OperationKind.CREATE, "pets")
    assert kinds[("get", "/pets/{petId}")] == (OperationKind.READ, "pets")
    assert kinds[("put", "/pets/{petId}")] == (OperationKind.REPLACE, "pets")
    assert kinds[("patch", "/pets/{petId}")] == (OperationKind.PATCH, "pets")
    assert kinds[("delete", "/pets/{petId}")] == (OperationKind.DELETE, "pets")
    action = op(api, "post", "/pets/{petId}/vaccinate")
    assert (
        action.kind is OperationKind.CUSTOM
        and action.handler == "create_pet_vaccinate"
        and action.table is None
    )
    assert [d.code for d in sink.sorted() if d.code == "CC110"] == ["CC110"]
    assert [(o.path, o.method) for o in api.operations] == sorted(
        (o.path, o.method) for o in api.operations
    )


def test_derived_operation_ids_are_deterministic() -> None:
    api, _ = bind(document(crud_paths(), {"Pet": PET}), database(PETS_SQL))
    assert [o.operation_id for o in api.operations] == [
        "listPets",
        "createPet",
        "deletePet",
        "getPet",
        "updatePet",
        "replacePet",
        "createPetVaccinate",
    ]
    assert op(api, "post", "/pets/{petId}/vaccinate").handler == "create_pet_vaccinate"


def test_fields_params_and_paging() -> None:
    api, _ = bind(document(crud_paths(), {"Pet": PET}), database(PETS_SQL))
    listing = op(api, "get", "/pets")
    assert listing.paging.style is PagingStyle.LIMIT_OFFSET and listing.paging.max_size == 50
    roles = {p.name: (p.role, p.column) for p in listing.parameters}
    assert roles == {
        "limit": (ParamRole.LIMIT, None),
        "offset": (ParamRole.OFFSET, None),
        "name": (ParamRole.FILTER, "name"),
    }
    create = op(api, "post", "/pets")
    assert [f.property for f in create.request_fields] == [
        "name",
        "ownerId",
    ]  # readOnly id left out
    assert {f.property: f.column for f in create.response_fields} == {
        "id": "id",
        "name": "name",
        "ownerId": "owner_id",
    }
    read = op(api, "get", "/pets/{petId}")
    assert read.params(ParamRole.KEY)[0].column == "id"
    assert op(api, "delete", "/pets/{petId}").success.status == "204"


def test_no_table_means_custom() -> None:
    api, _ = bind(document(crud_paths(), {"Pet": PET}), EMPTY_DATABASE)
    assert {o.kind for o in api.operations} == {OperationKind.CUSTOM}


def test_spellings_of_table_names() -> None:
    sql = "CREATE TABLE pet_types (id SERIAL PRIMARY KEY, label TEXT NOT NULL);"
    schema = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
    }
    paths = {
        "/pet-types": {
            "get": ok({"type": "array", "items": {"$ref": "#/components/schemas/PetType"}})
        },
        "/petTypes/{id}": {
            "get": {
                **ok(schema),
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
            }
        },
    }
    api, _ = bind(document(paths, {"PetType": schema}), database(sql))
    assert [o.table for o in api.operations] == ["pet_types", "pet_types"]


def test_embedded_children_and_join_fields() -> None:
    sql = """
    CREATE TABLE kinds (id SERIAL PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE tags (id SERIAL PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE pets (id SERIAL PRIMARY KEY, name TEXT NOT NULL, type_id INT REFERENCES kinds (id));
    CREATE TABLE photos (id SERIAL PRIMARY KEY, pet_id INT NOT NULL REFERENCES pets (id), url TEXT NOT NULL);
    CREATE TABLE pet_tags (pet_id INT REFERENCES pets (id), tag_id INT REFERENCES tags (id), PRIMARY KEY (pet_id, tag_id));
    """
    schemas = {
        "Pet": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "type": {"$ref": "#/components/schemas/PetType"},
                "photos": {"type": "array", "items": {"$ref": "#/components/schemas/Photo"}},
                "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
            },
        },
        "PetType": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
        },
        "Photo": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "url": {"type": "string"}},
        },
        "Tag": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
        },
    }
    api, _ = bind(
        document({"/pets": {"get": ok({"type": "array", "items": REF})}}, schemas), database(sql)
    )
    fields = {f.property: f for f in op(api, "get", "/pets").response_fields}
    kind = fields["type"]
    assert (kind.mode, kind.column, kind.related_table, kind.related_key, kind.key_property) == (
        FieldMode.EMBEDDED,
        "type_id",
        "kinds",
        "id",
        "id",
    )
    assert (
        fields["photos"].mode,
        fields["photos"].related_table,
        fields["photos"].related_key,
    ) == (FieldMode.CHILDREN, "photos", "pet_id")
    tags = fields["tags"]
    assert (tags.mode, tags.join_table, tags.join_columns) == (
        FieldMode.JOIN,
        "pet_tags",
        ("pet_id", "tag_id"),
    )


def test_nested_route_parent_scope_and_envelope() -> None:
    envelope = {
        "type": "object",
        "properties": {"data": {"type": "array", "items": REF}, "total": {"type": "integer"}},
    }
    paths = {
        "/owners/{ownerId}/pets": {
            "parameters": [
                {"name": "ownerId", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "get": {
                **ok(envelope),
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "integer"}},
                    {
                        "name": "per_page",
                        "in": "query",
                        "schema": {"type": "integer", "default": 5},
                    },
                ],
            },
        }
    }
    api, _ = bind(document(paths, {"Pet": PET}), database(PETS_SQL))
    listing = api.operations[0]
    assert listing.kind is OperationKind.LIST
    scope = listing.parents[0]
    assert (scope.param, scope.parent_table, scope.parent_column, scope.child_column) == (
        "ownerId",
        "owners",
        "id",
        "owner_id",
    )
    assert (listing.envelope.data_property, listing.envelope.total_property) == ("data", "total")
    assert (listing.paging.style, listing.paging.default_size) == (PagingStyle.PAGE_SIZE, 5)
    assert listing.error(FailureClass.NOT_FOUND).documented is False


def test_nested_envelope_like_listmonk() -> None:
    body = {
        "type": "object",
        "properties": {
            "data": {
                "type": "object",
                "properties": {
                    "results": {"type": "array", "items": REF},
                    "total": {"type": "integer"},
                    "page": {"type": "integer"},
                },
            }
        },
    }
    api, _ = bind(document({"/pets": {"get": ok(body)}}, {"Pet": PET}), database(PETS_SQL))
    envelope = api.operations[0].envelope
    assert (
        envelope.path,
        envelope.data_property,
        envelope.total_property,
        envelope.page_property,
    ) == (("data",), "results", "total", "page")


def test_error_statuses() -> None:
    problem = json_body({"type": "object", "properties": {"message": {"type": "string"}}})
    paths = {
        "/pets": {
            "post": {
                "requestBody": json_body(REF),
                "security": [{"key": []}],
                "responses": {
                    "201": {"description": "made", **json_body(REF)},
                    "422": {"description": "bad", **problem},
                    "400": {"description": "bad"},
                    "403": {"description": "no"},
                },
            }
        }
    }
    doc = document(
        paths,
        {"Pet": PET},
        components={
            "securitySchemes": {
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "dig": {"type": "http", "scheme": "digest"},
            }
        },
    )
    api, sink = bind(doc, database(PETS_SQL))
    create = api.operations[0]
    by_failure = {e.failure: e for e in create.errors}
    assert (by_failure[FailureClass.INVALID].status, by_failure[FailureClass.INVALID].body) == (
        400,
        None,
    )
    assert (
        by_failure[FailureClass.CONFLICT].status,
        by_failure[FailureClass.CONFLICT].documented,
    ) == (400, True)
    assert (
        by_failure[FailureClass.UNAUTHENTICATED].status,
        by_failure[FailureClass.UNAUTHENTICATED].documented,
    ) == (401, False)
    assert by_failure[FailureClass.FORBIDDEN].status == 403
    assert create.security == (("key",),)
    assert [(s.name, s.kind, s.parameter_name) for s in api.security_schemes] == [
        ("key", SecurityKind.API_KEY, "X-Key")
    ]
    assert "CC404" in {d.code for d in sink.sorted()}


def test_security_override_and_open_operation() -> None:
    paths = {
        "/pets": {
            "get": {**ok({"type": "array", "items": REF}), "security": []},
            "post": {"requestBody": json_body(REF), **ok(REF, "201")},
        }
    }
    doc = document(
        paths,
        {"Pet": PET},
        security=[{"bearer": []}],
        servers=[{"url": "https://x.io/api/v1/"}],
        components={"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    )
    api, _ = bind(doc, database(PETS_SQL))
    assert op(api, "get", "/pets").security == ()
    assert op(api, "post", "/pets").security == (("bearer",),)
    assert api.base_path == "/api/v1"


def test_links_from_create() -> None:
    api, _ = bind(document(crud_paths(), {"Pet": PET}), database(PETS_SQL))
    links = {(k.source_operation, k.target_operation): k.parameters for k in api.links}
    assert links[("createPet", "getPet")] == (("petId", "$response.body#/id"),)
    assert ("createPet", "deletePet") in links


def test_overrides_in_spec_and_mapping() -> None:
    sql = PETS_SQL + "CREATE TABLE animals (id SERIAL PRIMARY KEY, label TEXT NOT NULL);"
    schema = {
        "type": "object",
        "properties": {"title": {"type": "string", "x-contractc-column": "label"}},
    }
    paths = {
        "/beasts": {
            "get": {
                **ok({"type": "array", "items": {"$ref": "#/components/schemas/Beast"}}),
                "x-contractc-table": "animals",
            }
        },
        "/pets": {"get": {**ok({"type": "array", "items": REF}), "operationId": "listPets"}},
        "/ghosts": {"get": {**ok({"type": "array", "items": REF}), "x-contractc-table": "nope"}},
    }
    mapping = {"operations": {"listPets": {"kind": "custom"}}}
    api, sink = bind(document(paths, {"Beast": schema, "Pet": PET}), database(sql), mapping)
    beasts = op(api, "get", "/beasts")
    assert (beasts.table, beasts.response_fields[0].column) == ("animals", "label")
    assert op(api, "get", "/pets").kind is OperationKind.CUSTOM
    assert "CC402" in {d.code for d in sink.sorted()}


def test_mapping_schema_table_and_unknown_column() -> None:
    sql = "CREATE TABLE creatures (id SERIAL PRIMARY KEY, label TEXT NOT NULL);"
    schema = {"type": "object", "properties": {"title": {"type": "string"}}}
    paths = {
        "/creatures": {
            "get": ok({"type": "array", "items": {"$ref": "#/components/schemas/Beast"}})
        }
    }
    mapping = {
        "schemas": {
            "Beast": {"table": "creatures", "properties": {"title": "label", "x": "missing"}}
        }
    }
    api, sink = bind(document(paths, {"Beast": schema}), database(sql), mapping)
    assert api.operations[0].response_fields[0].column == "label"
    assert [d.code for d in sink.sorted() if d.code == "CC402"] == ["CC402"]


def test_response_of_another_table_makes_action_custom() -> None:
    sql = (
        PETS_SQL
        + "CREATE TABLE pet_favorite (pet_id BIGINT REFERENCES pets (id), fan TEXT, PRIMARY KEY (pet_id, fan));"
    )
    paths = {
        "/pets/{petId}/favorite": {**ITEM, "post": {"requestBody": json_body(REF), **ok(REF)}},
        "/pets": {"get": ok({"type": "array", "items": REF})},
    }
    api, _ = bind(document(paths, {"Pet": PET}), database(sql))
    assert op(api, "post", "/pets/{petId}/favorite").kind is OperationKind.CUSTOM


def test_query_filter_whose_schema_is_a_ref_is_still_a_filter() -> None:
    doc = document(
        {
            "/visits": {
                "get": {
                    "parameters": [
                        {
                            "name": "status",
                            "in": "query",
                            "schema": {"$ref": "#/components/schemas/Status"},
                        }
                    ],
                    **ok({"type": "array", "items": {"$ref": "#/components/schemas/Visit"}}),
                }
            }
        },
        {
            "Status": {"type": "string", "enum": ["open", "done"]},
            "Visit": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "status": {"$ref": "#/components/schemas/Status"},
                },
            },
        },
    )
    db = database("CREATE TABLE visits (id BIGSERIAL PRIMARY KEY, status TEXT NOT NULL);")
    api, _ = bind(doc, db)
    (status,) = op(api, "get", "/visits").parameters
    assert (status.role, status.column) == (ParamRole.FILTER, "status")
    assert status.shape.kind is ShapeKind.STRING and status.shape.enum == ("open", "done")


def test_object_never_binds_to_a_scalar_column_by_a_guess() -> None:
    """`id: {namespace, name}` is not the UUID primary key the `id` alias would guess; an object
    named exactly after its column stays bound, so the type checker reports the contradiction."""
    sql = """
    CREATE TABLE jobs (
        uuid UUID PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL,
        starts_at TIMESTAMPTZ, job_owner INTEGER, job_labels TEXT, job_facets JSONB
    );
    """
    pair = {"type": "object", "properties": {"a": {"type": "string"}}}
    job = {
        "type": "object",
        "properties": {
            "id": {"$ref": "#/components/schemas/JobId"},
            "name": {"type": "string"},
            "startsAt": pair,
            "owner": pair,
            "labels": {"type": "array", "items": {"type": "string"}},
            "facets": pair,
        },
    }
    job_id = {
        "type": "object",
        "properties": {"namespace": {"type": "string"}, "name": {"type": "string"}},
    }
    paths = {"/jobs": {"get": ok({"type": "array", "items": {"$ref": "#/components/schemas/Job"}})}}
    api, _ = bind(document(paths, {"Job": job, "JobId": job_id}), database(sql))
    fields = {f.property: (f.mode, f.column) for f in op(api, "get", "/jobs").response_fields}
    assert fields == {
        "id": (FieldMode.UNBOUND, None),
        "name": (FieldMode.COLUMN, "name"),
        "startsAt": (FieldMode.COLUMN, "starts_at"),
        "owner": (FieldMode.UNBOUND, None),
        "labels": (FieldMode.COLUMN, "job_labels"),  # JSON in TEXT: a storage convention
        "facets": (FieldMode.COLUMN, "job_facets"),
    }


def _invalid_path_status(*documented: str) -> tuple[int, bool] | None:
    responses = {"200": {"description": "ok", **json_body(REF)}}
    responses.update({status: {"description": status} for status in documented})
    key = {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}
    paths = {"/pets/{petId}": {"get": {"parameters": [key], "responses": responses}}}
    api, _ = bind(document(paths, {"Pet": PET}), database(PETS_SQL))
    error = api.operations[0].error(FailureClass.INVALID_PATH)
    return (error.status, error.documented) if error is not None else None


def test_an_invalid_path_parameter_answers_the_documented_404_only_without_400_or_422() -> None:
    assert _invalid_path_status("404") == (404, True)
    assert _invalid_path_status("404", "422") == (422, True)
    assert _invalid_path_status("400", "404") == (400, True)
    assert _invalid_path_status() == (400, False)
    assert _invalid_path_status("default") == (400, True)


def test_an_operation_without_path_parameters_has_no_invalid_path_failure() -> None:
    api, _ = bind(document(crud_paths(), {"Pet": PET}), database(PETS_SQL))
    listing = next(o for o in api.operations if o.path == "/pets" and o.method == "get")
    assert listing.error(FailureClass.INVALID_PATH) is None
