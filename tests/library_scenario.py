"""One HTTP scenario over contracts/library that every target's server must pass unchanged.

It checks what the contract tests cannot: that related rows are really loaded and written as
docs/relations.md says (embedded author, joined genres, child reviews), that nested routes check
their parent, and that a failed write leaves nothing behind. Call `check_library_relations` with
the base URL of a server built from contracts/library and started with `api_key` accepted.
"""

from __future__ import annotations

from tests.http_json import Json, request_json


class Client:
    """A tiny JSON client for one server; writes carry the API key."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def call(self, method: str, path: str, body: Json = None) -> tuple[int, Json]:
        """(status, decoded JSON body or None) of one request."""
        headers = {"X-API-Key": self.api_key} if method != "GET" else {}
        return request_json(method, self.base_url + path, body, headers)

    def created(self, path: str, body: Json) -> Json:
        """The body of a create that must answer 201."""
        status, stored = self.call("POST", path, body)
        assert status == 201, (path, status, stored)
        return stored


def _names(items: list[Json]) -> list[str]:
    return [item["name"] for item in items]


def check_library_relations(base_url: str, api_key: str) -> None:
    """Run the scenario; an AssertionError names the first behaviour that differs."""
    client = Client(base_url, api_key)
    author = client.created("/authors", {"name": "Ursula K. Le Guin", "born": "1929-10-21"})
    other_author = client.created("/authors", {"name": "Stanisław Lem", "born": None})
    fantasy = client.created("/genres", {"name": "fantasy-scenario"})
    science = client.created("/genres", {"name": "science-fiction-scenario"})

    # create: the embedded author comes back whole; genres are deduplicated, in key order
    book = client.created(
        "/books",
        {
            "title": "The Dispossessed",
            "isbn": "978-0-06-051275-0",
            "authorId": author["id"],
            "published": "1974-05-01",
            "genres": [{"id": science["id"]}, {"id": fantasy["id"]}, {"id": science["id"]}],
        },
    )
    assert book["author"] == author, book
    assert book["authorId"] == author["id"], book
    assert _names(book["genres"]) == ["fantasy-scenario", "science-fiction-scenario"], book
    assert book["reviews"] == [], book
    book_path = f"/books/{book['id']}"

    # children: reviews written through their nested route appear on the book, oldest first
    first = client.created(f"{book_path}/reviews", {"rating": 5, "body": "Ambiguous utopia."})
    second = client.created(f"{book_path}/reviews", {"rating": 4, "body": None})
    assert first["bookId"] == book["id"] and second["bookId"] == book["id"]
    status, read = client.call("GET", book_path)
    assert status == 200, (status, read)
    assert [r["id"] for r in read["reviews"]] == [first["id"], second["id"]], read
    assert read["reviews"][0]["rating"] == 5 and read["reviews"][1]["body"] is None, read

    # a second book, so the list has to attach the right related rows to each row
    lonely = client.created(
        "/books",
        {"title": "Solaris", "authorId": other_author["id"], "genres": [{"id": science["id"]}]},
    )
    assert lonely["isbn"] is None and lonely["published"] is None, lonely
    status, listed = client.call("GET", f"/books?authorId={author['id']}")
    assert status == 200 and [b["id"] for b in listed] == [book["id"]], listed
    assert listed[0]["author"]["name"] == "Ursula K. Le Guin" and len(listed[0]["reviews"]) == 2
    status, everything = client.call("GET", "/books?limit=100")
    by_id = {b["id"]: b for b in everything}
    assert by_id[lonely["id"]]["author"]["name"] == "Stanisław Lem", by_id
    assert _names(by_id[lonely["id"]]["genres"]) == ["science-fiction-scenario"], by_id
    assert by_id[lonely["id"]]["reviews"] == [], by_id

    # replace: the genres become exactly the ones given, the author can change
    replaced_body = {
        "title": "The Dispossessed",
        "isbn": "978-0-06-051275-0",
        "authorId": other_author["id"],
        "genres": [{"id": fantasy["id"]}],
    }
    status, replaced = client.call("PUT", book_path, replaced_body)
    assert status == 200, (status, replaced)
    assert _names(replaced["genres"]) == ["fantasy-scenario"], replaced
    assert replaced["author"]["id"] == other_author["id"] and replaced["published"] is None

    # a link to a genre that does not exist is a conflict, and the whole write rolls back
    status, problem = client.call(
        "PUT", book_path, {**replaced_body, "title": "Changed", "genres": [{"id": 2_000_000_000}]}
    )
    assert status == 409, (status, problem)
    status, unchanged = client.call("GET", book_path)
    assert unchanged["title"] == "The Dispossessed", unchanged
    assert _names(unchanged["genres"]) == ["fantasy-scenario"], unchanged
    status, problem = client.call(
        "POST",
        "/books",
        {"title": "Ghost", "authorId": author["id"], "genres": [{"id": 2_000_000_000}]},
    )
    assert status == 409, (status, problem)
    status, listed = client.call("GET", "/books?limit=100")
    assert "Ghost" not in [b["title"] for b in listed], listed

    # nested routes check the parent: a review is not reachable through another book
    status, _ = client.call("GET", f"/books/{lonely['id']}/reviews/{first['id']}")
    assert status == 404, status
    status, _ = client.call("DELETE", f"/books/{lonely['id']}/reviews/{first['id']}")
    assert status == 404, status
    status, still = client.call("GET", f"{book_path}/reviews/{first['id']}")
    assert status == 200 and still["id"] == first["id"], (status, still)

    # delete: an author with books is still referenced; a book takes its reviews and links along
    status, _ = client.call("DELETE", f"/authors/{other_author['id']}")
    assert status == 409, status
    status, _ = client.call("DELETE", book_path)
    assert status == 204, status
    status, _ = client.call("GET", f"{book_path}/reviews/{first['id']}")
    assert status == 404, status
    status, _ = client.call("GET", f"/genres/{fantasy['id']}")
    assert status == 200, status
    status, _ = client.call("DELETE", f"/authors/{author['id']}")
    assert status == 204, status
