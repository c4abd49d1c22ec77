"""One HTTP scenario over tests/data/routes that every target's server must pass unchanged.

`/articles/feed` (a custom operation) sits beside `/articles/{slug}`, which would capture it if it
were tried first, as in the RealWorld spec. A method outside HTTP's usual set (`QUERY`) must get the
same 405 with the documented `Allow` as any other undocumented method, never a dropped connection.
"""

from __future__ import annotations

from pathlib import Path

import httpx

ROUTES = Path(__file__).parent / "data" / "routes"
SPEC, SCHEMA = ROUTES / "openapi.yaml", ROUTES / "schema.sql"


def check_route_precedence(base_url: str) -> None:
    """Run the scenario; an AssertionError names the first request answered differently."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        feed = client.get("/articles/feed")
        assert feed.status_code == 501, ("the literal route answers", feed.text)
        article = client.get("/articles/no-such-slug")
        assert article.status_code == 404, ("the templated route answers", article.text)
        for method in ("DELETE", "QUERY"):
            refused = client.request(method, "/articles/feed")
            assert refused.status_code == 405, (method, refused.text)
            assert refused.headers.get("allow") == "GET", (method, refused.headers)
        unknown = client.request("QUERY", "/nowhere")
        assert unknown.status_code == 404, ("an unknown path", unknown.text)
