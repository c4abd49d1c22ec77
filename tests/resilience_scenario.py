"""Servers that stay up (issue #18): checks every target's server must pass unchanged.

Each check takes the server's base URL and what it needs, asserts one behaviour within a time
bound, and returns what it measured (seconds) for `docs/operations.md`:

- `check_body_limit`: a body over `MAX_BODY_BYTES` (default 1 MiB), with a Content-Length or
  chunked without one, answers 413 with a JSON error body within a second, before the server
  reads it all; a body under the limit is not refused for its size; `/healthz` answers right after.
- `check_request_limits`: JSON nested 10,000 deep, a 64 KiB header, a 100 KiB URL and 1,500
  query parameters (the default limit is 1000) each answer 4xx within a second.
- `check_rate_limit`: a client past the configured requests per minute answers 429 with
  `Retry-After`; another client is still served.
- `check_hostile_text`: a string PostgreSQL cannot store (NUL) or that is not valid UTF-8 (a raw
  0xFF byte, the overlong `0xC0 0xAF`, a lone surrogate escape) answers 4xx and stores nothing;
  so does a malformed percent-escape in the path. The same body with plain text is then accepted.
- `check_database_outage`: with the database stopped, every request answers 503 with
  `Retry-After` and a JSON body in under 5 s and `/readyz` answers non-2xx within 2 s; once the
  database is back, reads succeed again within `RECOVERY_WINDOW` seconds, without a restart, and
  nothing in between answers anything but 503.

Only loopback HTTP through raw sockets and `http.client`: no target-specific code.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
OVERSIZED_BODY_BYTES = 12 * 1024 * 1024
BODY_LIMIT_ANSWER_WITHIN = 1.0
OUTAGE_ANSWER_WITHIN = 5.0
READYZ_ANSWER_WITHIN = 2.0
# How long reads may still answer 503 after the database accepts connections again: the pool
# notices the restart on the next borrow, or when its retry back-off (at most a few seconds) ends.
RECOVERY_WINDOW = 10.0
PLACEHOLDER = "\x01placeholder\x01"
_SEND_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: status, headers (lower-case names), raw body and the seconds from the
    request's first byte to the answer's last."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


def send(
    base: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    *,
    chunked: bool = False,
    timeout: float = 15,
) -> Answer:
    """Send one request exactly as given (the path is not re-encoded) and read the answer.

    The body goes out in pieces; sending stops as soon as the server answers, as a real client
    does when a server refuses a body early and closes the connection.
    """
    url = urlsplit(base)
    head = [f"{method} {path} HTTP/1.1", f"Host: {url.hostname}", "Connection: close"]
    head += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body is not None:
        head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}")
    started = time.monotonic()
    with socket.create_connection((url.hostname, url.port or 80), timeout=timeout) as connection:
        connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        if body is not None:
            _send_body(connection, body, chunked)
        response = http.client.HTTPResponse(connection)
        response.begin()
        raw = response.read()
        seconds = time.monotonic() - started
    return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, raw, seconds)


def _send_body(connection: socket.socket, body: bytes, chunked: bool) -> None:
    """Send `body` piece by piece until done or until the server has something to say."""
    for start in range(0, len(body), _SEND_CHUNK):
        readable, _, _ = select.select([connection], [], [], 0)
        if readable:
            return
        piece = body[start : start + _SEND_CHUNK]
        framed = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
        try:
            connection.sendall(framed)
        except (BrokenPipeError, ConnectionResetError):
            return
    if chunked:
        connection.sendall(b"0\r\n\r\n")


def _json_headers(token: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def _assert_json_error(answer: Answer, status: int) -> None:
    assert answer.status == status, (answer.status, answer.body[:300])
    assert "json" in answer.headers.get("content-type", ""), answer.headers
    assert isinstance(answer.json(), dict), answer.body[:300]


def _json_body_of_size(size: int) -> bytes:
    """A JSON object of exactly `size` bytes, mostly many small objects: the costliest shape to
    parse into a tree, so that a server parsing it before refusing it shows in its memory."""
    item, head, middle, tail = b'{"k":0},', b'{"padding":[', b'],"fill":"', b'"}'
    items = (item * ((size - len(head + middle + tail)) // len(item)))[:-1]
    fill = b"x" * (size - len(head + items + middle + tail))
    return head + items + middle + fill + tail


def check_body_limit(
    base: str, path: str, token: str | None, limit: int = DEFAULT_MAX_BODY_BYTES
) -> float:
    """A 12 MB body to `path` (a JSON-taking POST) answers 413 within a second, sized or chunked;
    a body just under `limit` is not refused for its size. Returns the slowest 413, in seconds."""
    headers = _json_headers(token)
    under = send(base, "POST", path, _json_body_of_size(limit - 1024), headers)
    assert under.status != 413 and under.status < 500, (under.status, under.body[:300])
    oversized = _json_body_of_size(OVERSIZED_BODY_BYTES)
    slowest = 0.0
    for chunked in (False, True):
        refused = send(base, "POST", path, oversized, headers, chunked=chunked)
        _assert_json_error(refused, 413)
        assert refused.seconds < BODY_LIMIT_ANSWER_WITHIN, (chunked, refused.seconds)
        slowest = max(slowest, refused.seconds)
        health = send(base, "GET", "/healthz")
        assert health.status == 200 and health.seconds < BODY_LIMIT_ANSWER_WITHIN, health
    return slowest


REQUEST_LIMIT_ANSWER_WITHIN = 1.0
DEEP_JSON_LEVELS = 10_000
HUGE_HEADER_BYTES = 64 * 1024
HUGE_URL_BYTES = 100 * 1024
# Over the default limit of 1000, yet in a URL (6 KB) well under any header size limit.
MANY_PARAMETERS = 1500


def check_request_limits(base: str, path: str, token: str | None) -> None:
    """Requests past the other limits answer 4xx within a second and the server stays up: JSON
    nested 10,000 deep POSTed to `path` (with a JSON error body), a 64 KiB header, a 100 KiB URL
    and 1,500 query parameters on a GET of `path`."""
    headers = _json_headers(token)
    deep = b'{"x":' + b"[" * DEEP_JSON_LEVELS + b"]" * DEEP_JSON_LEVELS + b"}"
    nested = send(base, "POST", path, deep, headers)
    assert 400 <= nested.status < 500, (nested.status, nested.body[:300])
    assert isinstance(nested.json(), dict), nested.body[:300]
    refused = {
        "header": send(base, "GET", path, headers={"X-Padding": "x" * HUGE_HEADER_BYTES}),
        "URL": send(base, "GET", f"{path}?x={'x' * HUGE_URL_BYTES}"),
        "parameters": send(base, "GET", path + "?" + "&".join(["a=1"] * MANY_PARAMETERS)),
    }
    for name, answer in {"nesting": nested, **refused}.items():
        assert 400 <= answer.status < 500, (name, answer.status, answer.body[:300])
        assert answer.seconds < REQUEST_LIMIT_ANSWER_WITHIN, (name, answer.seconds)
    assert send(base, "GET", "/healthz").status == 200


def check_rate_limit(base: str, path: str, limit: int, token: str) -> None:
    """With the server limiting each client to `limit` requests a minute, `limit` GETs of `path`
    by the client holding `token` (unused so far this minute) pass and the next answers 429 with
    `Retry-After` and a JSON body; another client (no credentials) is still served."""
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(limit):
        answer = send(base, "GET", path, headers=headers)
        assert answer.status != 429 and answer.status < 500, (answer.status, answer.body[:300])
    limited = send(base, "GET", path, headers=headers)
    _assert_json_error(limited, 429)
    assert int(limited.headers.get("retry-after", "0")) >= 1, limited.headers
    assert send(base, "GET", path).status != 429


HOSTILE_TEXT: dict[str, bytes] = {
    "NUL": b"a\\u0000b",
    "raw 0xFF byte": b"a\xffb",
    "overlong 0xC0 0xAF": b"a\xc0\xafb",
    "lone surrogate escape": b"a\\ud800b",
}


def check_hostile_text(
    base: str, path: str, valid_body: dict[str, Any], field: str, token: str | None
) -> None:
    """POSTing `valid_body` to `path` with `field` set to hostile text answers 4xx and stores
    nothing (a GET of `path`, a list, is unchanged); `path` + `/%FF%FE` answers 4xx; then
    `valid_body` as given is accepted, so the refusals were about the text."""
    headers = _json_headers(token)
    before = send(base, "GET", path, headers=headers)
    assert before.status == 200, before
    template = json.dumps({**valid_body, field: PLACEHOLDER}).encode()
    quoted_placeholder = json.dumps(PLACEHOLDER).encode()[1:-1]
    for name, text in HOSTILE_TEXT.items():
        answer = send(base, "POST", path, template.replace(quoted_placeholder, text), headers)
        assert 400 <= answer.status < 500, (name, answer.status, answer.body[:300])
        assert isinstance(answer.json(), dict), (name, answer.body[:300])
    after = send(base, "GET", path, headers=headers)
    assert after.body == before.body, "hostile text was stored"
    malformed = send(base, "GET", path.rstrip("/") + "/%FF%FE", headers=headers)
    assert 400 <= malformed.status < 500, (malformed.status, malformed.body[:300])
    accepted = send(base, "POST", path, json.dumps(valid_body).encode(), headers)
    assert 200 <= accepted.status < 300, (accepted.status, accepted.body[:300])


@dataclass(frozen=True)
class OutageFigures:
    """Seconds measured by `check_database_outage`."""

    slowest_503: float
    readyz: float
    recovery: float


def check_database_outage(
    base: str,
    read_path: str,
    stop_db: Callable[[], None],
    start_db: Callable[[], None],
    token: str | None = None,
) -> OutageFigures:
    """With the database stopped, GETs of `read_path` answer 503 + Retry-After + a JSON body in
    under 5 s and `/readyz` answers non-2xx within 2 s; after `start_db` returns (the database
    accepts connections), `read_path` answers 200 within RECOVERY_WINDOW, only 503 before."""
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    assert send(base, "GET", read_path, headers=headers).status == 200
    stop_db()
    slowest = 0.0
    for _ in range(2):
        answer = send(base, "GET", read_path, headers=headers)
        _assert_json_error(answer, 503)
        assert answer.headers.get("retry-after"), answer.headers
        assert answer.seconds < OUTAGE_ANSWER_WITHIN, answer.seconds
        slowest = max(slowest, answer.seconds)
    ready = send(base, "GET", "/readyz")
    assert not 200 <= ready.status < 300 and ready.seconds < READYZ_ANSWER_WITHIN, ready
    start_db()
    started = time.monotonic()
    while True:
        answer = send(base, "GET", read_path, headers=headers)
        if answer.status == 200:
            return OutageFigures(slowest, ready.seconds, time.monotonic() - started)
        _assert_json_error(answer, 503)
        assert time.monotonic() - started < RECOVERY_WINDOW, "no recovery after the restart"
        time.sleep(0.2)
