"""One HTTP scenario over tests/data/upload that every target's server must pass unchanged.

`POST /photos` is a custom operation whose body is `multipart/form-data`: the generated server must
validate the form against its schema (text fields converted by their schema, file parts as bytes,
repeated fields as arrays) before the user's handler runs, which answers 501 until it is written.
"""

from __future__ import annotations

from pathlib import Path

import httpx

UPLOAD = Path(__file__).parent / "data" / "upload"
SPEC, SCHEMA = UPLOAD / "openapi.yaml", UPLOAD / "schema.sql"
PNG = b"\x89PNG\r\n\x1a\n\x00\xff binary, not UTF-8"

# (form fields, send the file?, the field the 400 must name)
INVALID_FORMS: list[tuple[dict[str, object], bool, str]] = [
    ({"rating": "4"}, True, "caption"),
    ({"caption": "harbour", "rating": "9"}, True, "rating"),
    ({"caption": "harbour", "rating": "four"}, True, "rating"),
    ({"caption": "x" * 51}, True, "caption"),
    ({"caption": "harbour"}, False, "file"),
]


def _upload(base_url: str, data: dict[str, object], with_file: bool) -> httpx.Response:
    files = {"file": ("photo.png", PNG, "image/png")} if with_file else None
    return httpx.post(f"{base_url}/photos", data=data, files=files, timeout=10)


def check_form_bodies(base_url: str) -> None:
    """Run the scenario; an AssertionError names the first request answered differently."""
    valid = _upload(base_url, {"caption": "harbour", "rating": "4", "tags": ["sea", "dusk"]}, True)
    assert valid.status_code == 501, ("a valid form reaches the handler", valid.text)
    for data, with_file, field in INVALID_FORMS:
        response = _upload(base_url, data, with_file)
        assert response.status_code == 400, (data, with_file, response.text)
        assert field in response.text, (field, response.text)
    as_json = httpx.post(f"{base_url}/photos", json={"caption": "harbour"}, timeout=10)
    assert as_json.status_code == 400, ("a JSON body is not a form", as_json.text)
