"""One HTTP scenario over tests/data/raw_bodies that every target's server must pass unchanged.

Each custom operation there takes a body the generated code must not parse: `text/plain`,
`application/octet-stream`, and a `multipart/form-data` whose schema is not an object (as
listmonk's `POST /media`). The test completes the user-owned handlers so that each answers the
byte length and `Content-Type` of the body it received; the scenario checks they are what was sent,
and that a required body sent empty (with its `Content-Type`) is one, while no body at all is not.
"""

from __future__ import annotations

from pathlib import Path

import httpx

RAW_BODIES = Path(__file__).parent / "data" / "raw_bodies"
SPEC, SCHEMA = RAW_BODIES / "openapi.yaml", RAW_BODIES / "schema.sql"
TEXT = "héllo, wörld — not JSON".encode()
BYTES = b"\x89PNG\r\n\x1a\n\x00\xff binary, not UTF-8"


def _check(response: httpx.Response, length: int, content_type: str) -> None:
    assert response.status_code == 200, (response.request.url, response.text)
    received = response.json()
    assert received == {"length": length, "contentType": content_type}, received


def check_raw_bodies(base_url: str) -> None:
    """Run the scenario; an AssertionError names the first request answered differently."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        text_type = "text/plain; charset=utf-8"
        note = client.post("/notes", content=TEXT, headers={"Content-Type": text_type})
        _check(note, len(TEXT), text_type)
        blob_type = "application/octet-stream"
        blob = client.post("/blobs", content=BYTES, headers={"Content-Type": blob_type})
        _check(blob, len(BYTES), blob_type)
        empty = client.post("/notes", content=b"", headers={"Content-Type": text_type})
        _check(empty, 0, text_type)  # the empty string is a string
        missing = client.post("/notes")
        assert missing.status_code == 400, ("the body is required", missing.text)
        form = client.build_request(
            "POST", "/media", files={"file": ("photo.png", BYTES, "image/png")}
        )
        sent = form.read()
        _check(client.send(form), len(sent), form.headers["Content-Type"])
