"""Scope cases the shared shop scenario (tests/shop_scenario.py, run in test_gin_build.py) leaves
out, on the same shop server: a JWT with no scope claim at all, scopes spread over two claims
that both lack the one needed, and an operation that needs a valid token but no scope."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gin.conftest import ProjectFactory
from tests.gin.serving import go, serving
from tests.shop_scenario import SERVER_ENV, Client, jwt

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def client(
    gin_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Client]:
    """The shop server (the session's build, only re-linked) over a fresh SQLite file."""
    project = gin_project("shop")
    built = go(project, "build", "-o", "bin/server", "./cmd/server")
    assert built.returncode == 0, built.stderr
    database: Path = tmp_path_factory.mktemp("gin-scopes") / "shop.db"
    with serving(project, f"sqlite:///{database}", **SERVER_ENV) as base:
        yield Client(base)


@pytest.mark.parametrize(
    "claims", [{"sub": "ann"}, {"sub": "ann", "scp": ["orders:read"], "roles": ["admin"]}]
)
def test_a_jwt_without_the_scope_in_any_claim_is_forbidden(
    client: Client, claims: dict[str, object]
) -> None:
    status, body = client.call("POST", "/categories", {"name": "refused"}, jwt(claims))
    assert status == 403 and body["code"] == 403, (status, body)


def test_an_operation_without_scopes_takes_any_valid_token(client: Client) -> None:
    product = client.created("/products", {"sku": "s-1", "name": "mug", "priceCents": 1})
    reviews = f"/products/{product['id']}/reviews"
    client.created(reviews, {"rating": 4}, token=jwt({"sub": "ann"}))
    status, body = client.call("POST", reviews, {"rating": 4}, "nobody")
    assert status == 401, (status, body)
