"""Start the built Express servers and talk HTTP to them, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.express.conftest import ProjectFactory
from tests.express.projects import running_server
from tests.library_scenario import check_library_relations
from tests.shop_scenario import SERVER_ENV, check_shop

pytestmark = pytest.mark.e2e
TOKEN = "e2e-token"
API_KEY = "e2e-key"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh SQLite file, or an empty PostgreSQL database (skips without a server)."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_database"))
    return f"sqlite://{tmp_path / 'e2e.db'}"


@pytest.fixture
def server(express_project: ProjectFactory, database_url: str) -> Iterator[str]:
    """The clinic server, accepting the bearer token `TOKEN`."""
    env = {"AUTH_TOKENS": TOKEN, "DATABASE_URL": database_url}
    with running_server(express_project("clinic"), env) as base:
        yield base


def call(
    method: str,
    url: str,
    body: object | None = None,
    auth: bool = True,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], object]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header("Authorization", f"Bearer {TOKEN}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return response.status, dict(response.headers), json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read()
        return error.code, dict(error.headers), json.loads(text) if text else None


def test_crud_and_failures_over_http(server: str) -> None:
    api = f"{server}/api/v1"
    status, headers, owner = call(
        "POST",
        f"{api}/owners",
        {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"},
    )
    assert status == 201 and isinstance(owner, dict)
    assert headers["Location"].endswith(f"/owners/{owner['id']}")
    assert call("GET", f"{api}/owners/{owner['id']}")[0] == 200
    assert (
        call("PATCH", f"{api}/owners/{owner['id']}", {"phone": "+44 1234"})[2]["phone"]
        == "+44 1234"
    )
    assert (
        call(
            "POST",
            f"{api}/owners",
            {"firstName": "Ada", "lastName": "L", "email": "ada@example.com"},
        )[0]
        == 409
    )
    assert (
        call("POST", f"{api}/owners", {"firstName": "Ada", "lastName": "L", "email": 5})[0] == 422
    )
    assert (
        call(
            "POST", f"{api}/owners", {"firstName": "A", "lastName": "L", "email": "a@b.co", "x": 1}
        )[0]
        == 422
    )
    assert call("POST", f"{api}/owners", raw=b"{nope")[0] == 422
    status, headers, _ = call("GET", f"{api}/owners", auth=False)
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    status, headers, body = call("PUT", f"{api}/owners")
    assert status == 405 and headers["Allow"] == "GET, POST"
    assert headers["Content-Type"].startswith("application/problem+json")
    assert call("GET", f"{api}/nowhere")[0] == 404
    assert call("GET", f"{api}/owners/not-a-uuid")[0] == 400
    assert call("POST", f"{api}/visits/{owner['id']}/complete", {})[0] == 501
    species = call("POST", f"{api}/species", {"code": "dog", "name": "Dog"})
    assert species[0] == 201
    pet = call("POST", f"{api}/owners/{owner['id']}/pets", {"speciesCode": "dog", "name": "Rex"})
    assert pet[0] == 201 and pet[2]["ownerId"] == owner["id"]
    assert call("DELETE", f"{api}/owners/{owner['id']}")[0] == 409
    assert call("DELETE", f"{api}/owners/{owner['id']}/pets/{pet[2]['id']}")[0] == 204
    assert call("DELETE", f"{api}/owners/{owner['id']}")[0] == 204
    assert call("GET", f"{api}/owners/{owner['id']}")[0] == 404
    assert call("GET", f"{server}/openapi.json", auth=False)[0] == 200


def test_int64_bounds_are_exact_and_offsets_are_stored_in_utc(server: str) -> None:
    api = f"{server}/api/v1"
    for pet_id, status in (
        ("9223372036854775807", 200),
        ("9223372036854775808", 400),
        ("18446744073709551616", 400),
    ):
        assert call("GET", f"{api}/visits?petId={pet_id}")[0] == status, pet_id
    owner = call("POST", f"{api}/owners", {"firstName": "G", "lastName": "H", "email": "g@h.io"})
    call("POST", f"{api}/species", {"code": "cat", "name": "Cat"})
    pet = call("POST", f"{api}/owners/{owner[2]['id']}/pets", {"speciesCode": "cat", "name": "T"})
    visit = {"petId": pet[2]["id"], "scheduledAt": "2030-01-01T10:00:00-16:45", "reason": "x"}
    created = call("POST", f"{api}/visits", visit)
    assert created[0] == 201, created
    assert created[2]["scheduledAt"].startswith("2030-01-02T02:45:00")
    too_big = (
        b'{"petId": 9223372036854775808, "scheduledAt": "2030-01-01T10:00:00Z", "reason": "x"}'
    )
    assert call("POST", f"{api}/visits", raw=too_big)[0] == 422
    biggest = too_big.replace(b"808", b"807")
    assert call("POST", f"{api}/visits", raw=biggest)[0] == 409


def test_library_relations_are_read_and_written(
    express_project: ProjectFactory, database_url: str
) -> None:
    env = {"AUTH_API_KEYS": API_KEY, "DATABASE_URL": database_url}
    with running_server(express_project("library"), env) as base:
        check_library_relations(base, API_KEY)


def test_shop_scopes_sorting_and_soft_delete(
    express_project: ProjectFactory, database_url: str
) -> None:
    """The shared shop scenario: 403 without the scope, lists in the order asked, marked rows gone;
    then a page number too large for a double's integers."""
    sqlite = database_url.removeprefix("sqlite://")
    database = Path(sqlite) if sqlite != database_url else database_url
    with running_server(
        express_project("shop"), {**SERVER_ENV, "DATABASE_URL": database_url}
    ) as base:
        check_shop(base, database)
        # a page past every row, its offset beyond 2^53: empty, and echoed as an integer
        huge = 1544541753314336309248
        status, _, page = call("GET", f"{base}/products?page={huge}&limit=1", auth=False)
        assert status == 200 and page["items"] == [], page
        assert (page["page"], page["limit"]) == (huge, 1), page  # the page number in digits
        assert isinstance(page["page"], int)  # digits, not 1.5445417533143363e+21


def test_every_parent_is_checked_and_cookies_are_read(
    express_project: ProjectFactory, database_url: str
) -> None:
    env = {"AUTH_API_KEYS": API_KEY, "DATABASE_URL": database_url}
    with running_server(express_project("depots"), env) as base:
        session = {"Cookie": f"theme=dark; session={API_KEY}"}

        def send(
            method: str, path: str, body: object = None, cookie: str = ""
        ) -> tuple[int, object]:
            headers = {"Cookie": f"{session['Cookie']}; {cookie}"} if cookie else session
            status, _, answer = call(method, base + path, body, auth=False, headers=headers)
            return status, answer

        north = send("POST", "/regions", {"name": "north"})[1]
        south = send("POST", "/regions", {"name": "south"})[1]
        depot = send("POST", f"/regions/{north['id']}/depots", {"name": "harbour"})[1]
        bins = f"/regions/{north['id']}/depots/{depot['id']}/bins"
        status, stored = send("POST", bins, {"label": "a1"})
        assert status == 201 and stored["depotId"] == depot["id"], stored
        assert send("GET", f"{bins}/{stored['id']}")[0] == 200
        assert [b["id"] for b in send("GET", bins)[1]] == [stored["id"]]
        # the depot exists, but not in the region the path names
        elsewhere = f"/regions/{south['id']}/depots/{depot['id']}/bins"
        assert send("GET", elsewhere)[0] == 404
        assert send("GET", f"{elsewhere}/{stored['id']}")[0] == 404
        assert send("POST", elsewhere, {"label": "b2"})[0] == 404
        assert send("DELETE", f"{elsewhere}/{stored['id']}")[0] == 404
        # the cookie parameter is validated like a query parameter
        assert send("GET", bins, cookie="page-hint=3")[0] == 200
        assert send("GET", bins, cookie="page-hint=0")[0] == 400
        assert send("GET", bins, cookie="page-hint=%zz")[0] == 400
        # the API key is read from its cookie, and only from there
        status, headers, _ = call("GET", base + bins, auth=False, headers={"X-API-Key": API_KEY})
        assert status == 401 and 'in="cookie"' in headers["WWW-Authenticate"]
        wrong = {"Cookie": "session=nope"}
        assert call("GET", base + bins, auth=False, headers=wrong)[0] == 401
        assert send("DELETE", f"{bins}/{stored['id']}")[0] == 204
