"""One JSON request to a served project, for the HTTP scenarios shared by every target."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

Json = Any


def request_json(
    method: str, url: str, body: Json = None, headers: Mapping[str, str] | None = None
) -> tuple[int, Json]:
    """(status, decoded JSON body or None) of one request; `body` is sent as JSON when given."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw) if raw else None
