"""A hand-written server for the sample items contract: stdlib only, in-memory rows.

It stands in for a generated backend: reads PORT and the AUTH_* settings, serves `/readyz`, and
keeps the contract (validation, 401 before validation, 404, 405 with Allow, problem+json) unless
SAMPLE_FAULT names a deliberate bug.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BASE = "/v1"
FAULT = os.environ.get("SAMPLE_FAULT", "")
TOKENS = {t for t in os.environ.get("AUTH_TOKENS", "").split(",") if t}
API_KEYS = {k for k in os.environ.get("AUTH_API_KEYS", "").split(",") if k}
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
ROWS: dict[int, dict[str, object]] = {}
LOCK = threading.Lock()
NEXT_ID = [1]


class Reply(Exception):
    def __init__(self, status: int, title: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(title)
        self.status, self.title, self.headers = status, title, headers or {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return

    def __getattr__(self, name: str) -> object:
        """Every method, including non-standard ones such as QUERY, goes through `dispatch`."""
        if name.startswith("do_"):
            return lambda: self.dispatch(name[3:])
        raise AttributeError(name)

    def dispatch(self, method: str) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        try:
            if url.path in ("/healthz", "/readyz") and method == "GET":
                self.send(200, {"status": "ok"})
                return
            self.route(method, url.path, parse_qs(url.query, keep_blank_values=True), body)
        except Reply as reply:
            payload = {"title": reply.title, "status": reply.status}
            self.send(reply.status, payload, "application/problem+json", reply.headers)

    def route(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> None:
        if path == f"{BASE}/items":
            if method == "GET":
                self.send(200, list_items(query))
            elif method == "POST":
                self.require_bearer()
                item = create_item(parse_body(self.headers.get("Content-Type"), body))
                status = 200 if FAULT == "create_answers_200" else 201
                self.send(status, item, headers={"Location": f"{BASE}/items/{item['id']}"})
            else:
                raise Reply(405, "Method Not Allowed", {"Allow": "GET, POST"})
            return
        match = re.fullmatch(rf"{BASE}/items/([^/]+)", path)
        if match is None:
            raise Reply(404, "Not Found")
        if method not in ("GET", "PUT", "DELETE"):
            raise Reply(405, "Method Not Allowed", {"Allow": "DELETE, GET, PUT"})
        if method == "DELETE":
            self.require_api_key()
        else:
            self.require_bearer()
        item_id = parse_id(match.group(1))
        if method == "GET":
            self.send(200, find(item_id))
        elif method == "PUT":
            self.send(
                200, replace_item(item_id, parse_body(self.headers.get("Content-Type"), body))
            )
        else:
            delete_item(item_id)
            self.send(204, None)

    def require_bearer(self) -> None:
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        if FAULT != "auth_not_checked" and (scheme.lower() != "bearer" or token not in TOKENS):
            raise Reply(401, "Unauthorized", {"WWW-Authenticate": "Bearer"})

    def require_api_key(self) -> None:
        if self.headers.get("X-API-Key") not in API_KEYS:
            raise Reply(401, "Unauthorized", {"WWW-Authenticate": "ApiKey"})

    def send(
        self,
        status: int,
        payload: object,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def parse_id(raw: str) -> int:
    if not INTEGER.fullmatch(raw):
        raise Reply(422, "Invalid itemId")
    return int(raw)


def parse_body(content_type: str | None, body: bytes) -> dict[str, object]:
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        raise Reply(422, "Body must be application/json")
    try:
        value = json.loads(body)
    except ValueError:
        raise Reply(422, "Body is not JSON") from None
    if not isinstance(value, dict) or set(value) - {"name"} or "name" not in value:
        raise Reply(422, "Body must be an object with exactly `name`")
    name = value["name"]
    if not isinstance(name, str) or not 1 <= len(name) <= 40:
        raise Reply(422, "`name` must be a string of 1 to 40 characters")
    return {"name": name}


def list_items(query: dict[str, list[str]]) -> list[dict[str, object]]:
    limit = 100
    if "limit" in query:
        raw = query["limit"][-1]
        if not INTEGER.fullmatch(raw) or not 1 <= int(raw) <= 100:
            raise Reply(422, "`limit` must be an integer from 1 to 100")
        limit = int(raw)
    with LOCK:
        return [ROWS[key] for key in sorted(ROWS)][:limit]


def create_item(fields: dict[str, object]) -> dict[str, object]:
    with LOCK:
        item = {"id": NEXT_ID[0], **fields}
        ROWS[NEXT_ID[0]] = item
        NEXT_ID[0] += 1
        return item


def find(item_id: int) -> dict[str, object]:
    with LOCK:
        if item_id not in ROWS:
            raise Reply(404, "Not Found")
        return ROWS[item_id]


def replace_item(item_id: int, fields: dict[str, object]) -> dict[str, object]:
    with LOCK:
        if item_id not in ROWS:
            raise Reply(404, "Not Found")
        ROWS[item_id] = {"id": item_id, **fields}
        return ROWS[item_id]


def delete_item(item_id: int) -> None:
    with LOCK:
        if item_id not in ROWS:
            raise Reply(404, "Not Found")
        if FAULT != "delete_keeps_row":
            del ROWS[item_id]


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8000"))), Handler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
