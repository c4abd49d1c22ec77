"""Talk HTTP to the generated Spring Boot servers: SQLite, and PostgreSQL when configured.

The jars come from the session's `spring_project` fixture (one `mvn verify` per pair); each
server gets a fresh database. Skipped when java or mvn is missing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.library_scenario import check_library_relations
from tests.postgres import postgres_server_url
from tests.shop_scenario import SERVER_ENV, check_shop, jwt, stored_value
from tests.spring.conftest import ProjectFactory
from tests.spring.spring_projects import Server

pytestmark = pytest.mark.e2e
LIBRARY_API_KEY = "spring-library-key"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def database(
    request: pytest.FixtureRequest, fresh_postgres_database: Callable[[str], str | None]
) -> Callable[[str], str]:
    """Makes a fresh database URL per server on the parametrised engine."""
    if request.param == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("spring-db")
        return lambda name: "sqlite:///" + str(folder / f"{name}.db")
    if postgres_server_url() is None:
        pytest.skip("no PostgreSQL configured (CONTRACTC_TEST_POSTGRES_URL)")

    def postgres(name: str) -> str:
        url = fresh_postgres_database(f"spring_{name}")
        assert url is not None
        return url

    return postgres


@pytest.fixture(scope="module")
def petstore(spring_project: ProjectFactory, database: Callable[[str], str]) -> Iterator[Server]:
    server = Server(spring_project("petstore"), database("petstore"))
    yield server
    assert server.stop() in (0, 143)


@pytest.fixture(scope="module")
def clinic(spring_project: ProjectFactory, database: Callable[[str], str]) -> Iterator[Server]:
    server = Server(spring_project("clinic"), database("clinic"))
    yield server
    assert server.stop() in (0, 143)


def test_petstore_crud_and_failures(petstore: Server) -> None:
    created = petstore.call("POST", "/pets", {"name": "Rex", "tag": None})
    assert created.status == 201, created.body
    pet = created.body
    assert isinstance(pet, dict) and pet["status"] == "available" and pet["tag"] is None
    assert created.headers["location"] == f"/pets/{pet['id']}"
    assert petstore.call("GET", f"/pets/{pet['id']}").body == pet
    assert pet in petstore.call("GET", "/pets?limit=100").body
    replaced = petstore.call("PUT", f"/pets/{pet['id']}", {"name": "Max", "status": "sold"})
    assert (
        replaced.status == 200
        and replaced.body["name"] == "Max"
        and replaced.body["status"] == "sold"
    )
    assert petstore.call("POST", "/pets", {"name": 5}).body["code"] == 400
    assert petstore.call("POST", "/pets", {"name": "5", "categoryId": "5"}).status == 400
    assert petstore.call("GET", "/pets/abc").status == 400
    assert petstore.call("GET", "/pets/0").status == 400
    assert petstore.call("POST", "/pets", {"name": "x", "categoryId": 987654}).status == 409
    assert petstore.call("POST", "/categories", {"name": "dogs"}).status == 201
    duplicate = petstore.call("POST", "/categories", {"name": "dogs"})
    assert duplicate.status == 409 and duplicate.body == {
        "code": 409,
        "message": "the change conflicts with existing data",
    }
    not_allowed = petstore.call("PATCH", f"/pets/{pet['id']}", {})
    assert not_allowed.status == 405 and not_allowed.headers["allow"] == "DELETE, GET, PUT"
    assert petstore.call("DELETE", f"/pets/{pet['id']}").status == 204
    missing = petstore.call("GET", f"/pets/{pet['id']}")
    assert missing.status == 404 and missing.body["code"] == 404
    unknown = petstore.call("GET", "/nowhere")
    assert unknown.status == 404 and unknown.headers["content-type"].startswith(
        "application/problem+json"
    )
    assert petstore.call("GET", "/openapi.json").body["info"]["title"] == "Petstore"


def test_clinic_auth_nested_routes_patch_paging_and_custom(clinic: Server) -> None:
    assert clinic.call("GET", "/api/v1/species", token=None).status == 200
    anonymous = clinic.call("POST", "/api/v1/species", raw=b"not json", token=None)
    assert anonymous.status == 401 and anonymous.headers["www-authenticate"] == 'Bearer realm="api"'
    assert clinic.call("POST", "/api/v1/species", {"code": "dog", "name": "Dog"}).status == 201
    owner = clinic.call(
        "POST",
        "/api/v1/owners",
        {"firstName": "Ann", "lastName": "Lee", "email": "ann@example.com"},
    )
    assert owner.status == 201, owner.body
    owner_id = owner.body["id"]
    assert (
        clinic.call(
            "POST",
            "/api/v1/owners",
            {"firstName": "A", "lastName": "L", "email": "x@example.com", "id": "ignored"},
        ).status
        == 201
    )
    assert (
        clinic.call(
            "POST",
            "/api/v1/owners",
            {"firstName": "A", "lastName": "L", "email": "y@example.com", "extra": 1},
        ).status
        == 422
    )
    patched = clinic.call("PATCH", f"/api/v1/owners/{owner_id}", {"phone": "+1 555"})
    assert (
        patched.status == 200
        and patched.body["phone"] == "+1 555"
        and patched.body["email"] == "ann@example.com"
    )
    cleared = clinic.call("PATCH", f"/api/v1/owners/{owner_id}", {"phone": None})
    assert cleared.body["phone"] is None and cleared.body["firstName"] == "Ann"
    assert clinic.call("PATCH", f"/api/v1/owners/{owner_id}", {}).status == 422
    pet = clinic.call(
        "POST",
        f"/api/v1/owners/{owner_id}/pets",
        {"speciesCode": "dog", "name": "Rex", "attributes": {"chip": "123"}},
    )
    assert pet.status == 201, pet.body
    assert (
        pet.body["ownerId"] == owner_id
        and pet.body["attributes"] == {"chip": "123"}
        and pet.body["sex"] == "unknown"
    )
    assert clinic.call("GET", f"/api/v1/owners/{owner_id}/pets/{pet.body['id']}").status == 200
    assert clinic.call("GET", f"/api/v1/owners/{owner_id}/pets?limit=5").body == [pet.body]
    other = clinic.call(
        "POST", "/api/v1/owners", {"firstName": "B", "lastName": "K", "email": "b@example.com"}
    ).body["id"]
    assert clinic.call("GET", f"/api/v1/owners/{other}/pets").body == []
    assert clinic.call("GET", f"/api/v1/owners/{other}/pets/{pet.body['id']}").status == 404
    stranger = "00000000-0000-4000-8000-000000000000"
    assert clinic.call("GET", f"/api/v1/owners/{stranger}/pets/{pet.body['id']}").status == 404
    assert clinic.call("DELETE", f"/api/v1/owners/{owner_id}").status == 409
    visit = clinic.call(
        "POST",
        "/api/v1/visits",
        {
            "petId": pet.body["id"],
            "scheduledAt": "2030-01-02T10:00:00+21:30",
            "reason": "check-up",
            "fee": 12.5,
        },
    )
    assert visit.status == 201, visit.body
    assert (
        visit.body["scheduledAt"] == "2030-01-01T12:30:00Z" and visit.body["status"] == "scheduled"
    )
    page = clinic.call("GET", "/api/v1/visits?page=1&size=10")
    assert (
        page.status == 200
        and page.body["total"] == 1
        and page.body["page"] == 1
        and page.body["size"] == 10
    )
    assert clinic.call("GET", "/api/v1/visits?size=0").status == 400
    custom = clinic.call("POST", f"/api/v1/visits/{visit.body['id']}/complete", {"fee": 10})
    assert custom.status == 501 and custom.headers["content-type"].startswith(
        "application/problem+json"
    )
    assert clinic.call("GET", "/readyz").status == 200


def test_library_reads_and_writes_related_rows(
    spring_project: ProjectFactory, database: Callable[[str], str]
) -> None:
    server = Server(spring_project("library"), database("library"), AUTH_API_KEYS=LIBRARY_API_KEY)
    try:
        check_library_relations(server.base_url, LIBRARY_API_KEY)
    finally:
        assert server.stop() in (0, 143)


def _stored_in(url: str) -> Path | str:
    """The database as the scenarios read it directly: a SQLite file, or a PostgreSQL URL."""
    file = url.removeprefix("sqlite:///")
    return Path(file) if file != url else url


def test_shop_scopes_sorting_and_soft_delete(
    spring_project: ProjectFactory, database: Callable[[str], str]
) -> None:
    url = database("shop")
    server = Server(spring_project("shop"), url, **SERVER_ENV)
    try:
        check_shop(server.base_url, _stored_in(url))
        expired = jwt({"sub": "ann", "scope": "catalog:write", "exp": 1})
        refused = server.call("POST", "/categories", {"name": "late"}, token=expired)
        assert refused.status == 401, refused.body  # the scenario signs no expired token
    finally:
        assert server.stop() in (0, 143)


def test_every_kind_of_mark_hides_rows_and_related_rows(
    spring_project: ProjectFactory, database: Callable[[str], str]
) -> None:
    """The marks shop does not use (a day, a 0/1 integer, epoch ms), in arrays of related rows
    too: children (books) and rows reached through a join table (tags)."""
    url = database("marks")
    server = Server(spring_project("marks"), url)
    try:
        _check_marks(server, _stored_in(url))
    finally:
        assert server.stop() in (0, 143)


def _check_marks(server: Server, stored: Path | str) -> None:
    tags = [server.call("POST", "/tags", {"label": label}).body for label in ("old", "new")]
    refs = [{"id": tag["id"]} for tag in tags]
    author = server.call("POST", "/authors", {"name": "Ann", "tags": refs}).body["id"]
    books = [
        server.call("POST", f"/authors/{author}/books", {"title": title}).body["id"]
        for title in ("first", "second")
    ]

    def shown() -> tuple[list[str], list[str]]:
        body = server.call("GET", f"/authors/{author}").body
        return [b["title"] for b in body["books"]], [t["label"] for t in body["tags"]]

    assert shown() == (["first", "second"], ["old", "new"])
    assert server.call("DELETE", f"/authors/{author}/books/{books[0]}").status == 204
    assert stored_value(stored, f"SELECT is_deleted FROM books WHERE id = {books[0]}") == "1"
    assert server.call("DELETE", f"/tags/{tags[0]['id']}").status == 204
    moment = stored_value(stored, f"SELECT deleted_at FROM tags WHERE id = {tags[0]['id']}")
    assert abs(int(moment or 0) - time.time() * 1000) < 60_000, moment
    assert shown() == (["second"], ["new"])
    assert [b["title"] for b in server.call("GET", f"/authors/{author}/books").body] == ["second"]
    assert [t["label"] for t in server.call("GET", "/tags").body] == ["new"]
    assert server.call("DELETE", f"/tags/{tags[0]['id']}").status == 404

    assert server.call("DELETE", f"/authors/{author}").status == 204
    day = stored_value(stored, f"SELECT deleted_on FROM authors WHERE id = {author}")
    today = datetime.now(UTC).date()
    assert day in {today.isoformat(), (today - timedelta(days=1)).isoformat()}, day
    for method, path, body in (
        ("GET", f"/authors/{author}", None),
        ("GET", f"/authors/{author}/books", None),
        ("POST", f"/authors/{author}/books", {"title": "third"}),
        ("DELETE", f"/authors/{author}", None),
    ):
        assert server.call(method, path, body).status == 404, (method, path)
