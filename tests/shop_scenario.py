"""One HTTP scenario over contracts/shop that every target's server must pass unchanged.

It checks what the contract tests cannot see: that scopes are enforced (403, not 401, for a
valid credential without them), that lists are ordered as the client asks, that a DELETE on a
table with a deletion mark keeps the row, marked, and that a marked row is gone for every read,
change and nested route. Start the server with `SERVER_ENV` (on SQLite or PostgreSQL, an empty
database), then call `check_shop` with its base URL and the database it uses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sqlite3
import subprocess
from pathlib import Path

from tests.http_json import Json, request_json

JWT_SECRET = "shop-scenario-secret-0123456789abcdef"
# opaque tokens: `plain` holds no scope, `clerk` another one, `admin` the catalogue's
SERVER_ENV = {
    "AUTH_JWT_SECRET": JWT_SECRET,
    "AUTH_TOKENS": "plain,clerk:orders:read,admin:catalog:write orders:read",
}


def jwt(claims: dict[str, object]) -> str:
    """An HS256 JWT of `claims`, signed with JWT_SECRET."""

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signed = part(b'{"alg":"HS256","typ":"JWT"}') + "." + part(json.dumps(claims).encode())
    digest = hmac.new(JWT_SECRET.encode(), signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{part(digest)}"


class Client:
    """A tiny JSON client for one server."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def call(
        self, method: str, path: str, body: Json = None, token: str | None = None
    ) -> tuple[int, Json]:
        """(status, decoded JSON body or None) of one request."""
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return request_json(method, self.base_url + path, body, headers)

    def created(self, path: str, body: Json, token: str = "admin") -> Json:
        """The body of a create that must answer 201."""
        status, stored = self.call("POST", path, body, token)
        assert status == 201, (path, status, stored)
        return stored

    def listed(self, path: str) -> Json:
        """The body of a read that must answer 200."""
        status, body = self.call("GET", path)
        assert status == 200, (path, status, body)
        return body


def stored_value(database: Path | str, sql: str) -> str | None:
    """The first column of the first row `sql` selects, as text (None for NULL or no row), read
    directly from the server's database: a SQLite file or a PostgreSQL URL."""
    if isinstance(database, Path):
        with sqlite3.connect(database) as connection:
            row = connection.execute(sql).fetchone()
        return None if row is None or row[0] is None else str(row[0])
    result = subprocess.run(
        ["psql", database, "-XAtqc", sql], check=True, capture_output=True, text=True
    )
    value = result.stdout.strip()
    return value or None


def check_shop(base_url: str, database: Path | str) -> None:
    """Run the scenario; an AssertionError names the first behaviour that differs."""
    client = Client(base_url)
    _check_scopes(client)
    category = client.created("/categories", {"name": "kitchen"})
    products = _check_sorting(client, category["id"])
    _check_soft_delete(client, database, products)


def _forbidden(status: int, body: Json) -> bool:
    return status == 403 and isinstance(body, dict) and body.get("code") == 403


def _check_scopes(client: Client) -> None:
    """403 for a valid credential without the scope, 401 without a valid credential."""
    for token in ("plain", "clerk", jwt({"sub": "ann", "scope": "orders:read"})):
        status, body = client.call("POST", "/categories", {"name": "refused"}, token)
        assert _forbidden(status, body), (token, status, body)
    granted = [
        "admin",
        jwt({"sub": "ann", "scope": "orders:read catalog:write"}),
        jwt({"sub": "ann", "scp": "catalog:write"}),
        jwt({"sub": "ann", "scp": ["catalog:write"]}),
        jwt({"sub": "ann", "scopes": ["catalog:write"]}),
        jwt({"sub": "ann", "roles": ["catalog:write"]}),
    ]
    for number, token in enumerate(granted):
        client.created("/categories", {"name": f"granted-{number}"}, token)
    forged = jwt({"sub": "ann", "scope": "catalog:write"})[:-2] + "xx"
    for token in (None, "nobody", forged, "admin:catalog:write"):
        status, body = client.call("POST", "/categories", {"name": "refused"}, token)
        assert status == 401, (token, status, body)
    status, listed = client.call("GET", "/categories")
    assert status == 200 and "refused" not in [c["name"] for c in listed], listed


def _check_sorting(client: Client, category: int) -> dict[str, Json]:
    """Lists ordered by the requested fields, then by key; paging applies after ordering."""
    products = {
        name: client.created(
            "/products",
            {"sku": f"sku-{name}", "name": name, "priceCents": price, "categoryId": category},
        )
        for name, price in (("b-mug", 500), ("a-cup", 900), ("c-pot", 500), ("d-pan", 100))
    }
    in_category = f"/products?categoryId={category}&limit=100"

    def names(query: str = "") -> list[str]:
        page = client.listed(in_category + query)
        return [item["name"] for item in page["items"]]

    assert names() == ["b-mug", "a-cup", "c-pot", "d-pan"]  # by key
    assert names("&sort=name") == ["a-cup", "b-mug", "c-pot", "d-pan"]
    assert names("&sort=name:desc") == ["d-pan", "c-pot", "b-mug", "a-cup"]
    assert names("&sort=priceCents,-name") == ["d-pan", "c-pot", "b-mug", "a-cup"]
    assert names("&sort=-priceCents") == ["a-cup", "b-mug", "c-pot", "d-pan"]  # ties by key
    assert names("&sort=%2BpriceCents,nothing") == ["d-pan", "b-mug", "c-pot", "a-cup"]
    assert names("&sort=nothing") == ["b-mug", "a-cup", "c-pot", "d-pan"]  # any string is valid
    loose = client.created("/products", {"sku": "sku-e-jar", "name": "e-jar", "priceCents": 1})
    for query in ("sort=categoryId", "sort=-categoryId"):  # NULLs last either way
        page = client.listed(f"/products?{query}&limit=100")
        assert page["items"][-1]["id"] == loose["id"], (query, page)
    second = client.listed(f"/products?categoryId={category}&sort=-priceCents&page=2&limit=1")
    assert [item["name"] for item in second["items"]] == ["b-mug"], second
    assert second["total"] == 4 and second["page"] == 2 and second["limit"] == 1, second

    cup = f"/products/{products['a-cup']['id']}/reviews"
    for rating in (3, 5, 1):
        client.created(cup, {"rating": rating, "body": None}, token="plain")
    status, body = client.call("POST", cup, {"rating": 4})
    assert status == 401, (status, body)

    def ratings(query: str) -> list[int]:
        return [review["rating"] for review in client.listed(cup + query)]

    assert ratings("") == [3, 5, 1]
    assert ratings("?sort=rating") == [1, 3, 5]
    assert ratings("?sort=rating&order=desc") == [5, 3, 1]
    assert ratings("?order=asc&sort=rating") == [1, 3, 5]
    status, body = client.call("GET", cup + "?sort=name")  # not in the parameter's enum
    assert status == 400 and body["code"] == 400, (status, body)
    return products


def _check_soft_delete(client: Client, database: Path | str, products: dict[str, Json]) -> None:
    """A DELETE marks the row; a marked row is gone for reads, changes, lists and nested routes."""
    pot = products["c-pot"]
    path = f"/products/{pot['id']}"
    status, body = client.call("DELETE", path, token="plain")
    assert _forbidden(status, body), (status, body)
    status, body = client.call("DELETE", path, token="admin")
    assert status == 204, (status, body)
    marked = stored_value(database, f"SELECT deleted_at FROM products WHERE id = {pot['id']}")
    assert marked is not None, "the deleted product was removed instead of marked"
    for method, body in (("GET", None), ("PATCH", {"name": "again"}), ("DELETE", None)):
        status, answer = client.call(method, path, body, token="admin")
        assert status == 404 and answer["code"] == 404, (method, status, answer)
    for method, body in (("GET", None), ("POST", {"rating": 2})):
        status, answer = client.call(method, f"{path}/reviews", body, token="admin")
        assert status == 404, (method, status, answer)
    page = client.listed(f"/products?categoryId={pot['categoryId']}&sort=name")
    assert [item["name"] for item in page["items"]] == ["a-cup", "b-mug", "d-pan"], page
    assert page["total"] == 3, page
    again = client.created("/products", {"sku": pot["sku"], "name": "again", "priceCents": 1})
    assert again["id"] != pot["id"], "the marked row freed its sku (a partial unique index)"
    cup = products["a-cup"]
    status, body = client.call(
        "POST", "/products", {"sku": cup["sku"], "name": "twin", "priceCents": 1}, "admin"
    )
    assert status == 409 and body["code"] == 409, ("a live row holds its sku", status, body)

    cup = f"/products/{cup['id']}/reviews"
    hidden = client.listed(cup)[0]
    status, body = client.call("DELETE", f"{cup}/{hidden['id']}", token="admin")
    assert status == 204, (status, body)
    flag = stored_value(database, f"SELECT is_deleted FROM reviews WHERE id = {hidden['id']}")
    assert flag in {"1", "t", "true", "True"}, f"the hidden review reads is_deleted={flag}"
    assert hidden["id"] not in [review["id"] for review in client.listed(cup)]
    status, body = client.call("DELETE", f"{cup}/{hidden['id']}", token="admin")
    assert status == 404, (status, body)
