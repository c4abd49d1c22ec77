"""A made-up OpenAPI document whose every free-text field carries code meant to break out of the
comments, strings and templates of all four targets, and its twin with plain words in those places.

Rendering both and comparing the parsed outputs shows whether the payload stayed text: the two
projects must declare the same things in the same shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# One string per breakout route; each tries to end the construct it may land in and run code.
BREAKOUTS = (
    "*/ evil_after_block_comment(); /*",  # C-family block comments, Javadoc
    "// evil_line_comment",
    '"""evil_after_docstring()"""',  # Python docstrings
    "'''evil_after_single_docstring()'''",
    '"); evil_after_string(); ("',  # double-quoted strings
    "'); evil_after_quote(); ('",  # single-quoted strings
    "` + evil_after_backtick() + `",  # JS template literals, Go raw strings
    "${evil_interpolation()}",  # JS template literals, Spring property placeholders
    "#{evil_spel}",  # Spring EL
    "\u2028evil_after_line_separator();\u2029",  # line terminators in JS before ES2019
    "</script><script>evil_in_html()</script>",
    "# evil_hash_comment",
    "\\u000a evil_after_java_unicode_escape(); \\u002a/",  # javac decodes these before parsing
    "%s %d %v %n %%",  # printf-style formats
    "{{ evil_jinja }} {% raw %} {# #}",  # the emitters' own templates
    "\r\nevil_after_crlf();\revil_after_cr();\n",
    "evil_after_trailing_backslash \\",  # a backslash that would escape the closing quote
)
PAYLOAD = " ".join(BREAKOUTS)
PLAIN = "plain words"
# A regular expression valid in every target's engine that holds what of the breakouts it can.
PATTERN = (
    r"^(?:[a-z ]|\*/|/\*|//|" + '"""' + r"|'''|`|\$\{x\}|#\{x\}|</script>|#|%s|\{\{ x \}\}"
    r"|\\u000a|\r\n|" + "\u2028" + r")*\\?$"
)
# What a server URL's path may hold (the rest is CC201) of those breakouts.
SERVER_PATH = "it's*/x/*;$(y)!%25~@:=+,&"


@dataclass(frozen=True)
class Texts:
    """What the made-up document says where it takes text."""

    payload: str  # free text, names, examples, enum values, a default
    pattern: str  # a property's pattern
    server_path: str  # the path of the server URL


HOSTILE = Texts(PAYLOAD, PATTERN, SERVER_PATH)
PLAIN_TEXTS = Texts(PLAIN, "^[a-z ]*$", "plain")


def hostile_document(texts: Texts) -> dict[str, object]:
    """A two-resource API with the payload in its title, version, descriptions, summaries, an
    operation id, a tag, parameter and property names, examples, enum values and a default, the
    pattern as a property's pattern and the server path in its server URL."""
    payload = texts.payload

    def text(label: str) -> str:  # ends with the payload's trailing backslash
        return f"{label} {payload}"

    def summary(label: str) -> str:  # ends with a quote, as a docstring's closing one would
        return f'{label} {payload} "{label}"'

    error = {"$ref": "#/components/responses/Error"}
    widget = {"$ref": "#/components/schemas/Widget"}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": text("Widgets"),
            "version": text("1.0.0"),
            "description": text("About"),
        },
        "servers": [{"url": f"http://localhost/api/{texts.server_path}"}],
        "paths": {
            "/widgets": {
                "get": {
                    "operationId": text("listWidgets"),
                    "tags": [text("widgets")],
                    "summary": summary("List widgets"),
                    "description": text("Lists every widget"),
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "description": text("Page size"),
                            "schema": {"type": "integer", "minimum": 1, "default": 20},
                        },
                        {
                            "name": text("q"),
                            "in": "query",
                            "description": text("A query parameter named by the payload"),
                            "schema": {"type": "string"},
                        },
                        {
                            "name": text("X-Header"),
                            "in": "header",
                            "description": text("A header named by the payload"),
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": text("A page of widgets"),
                            "content": {
                                "application/json": {"schema": {"type": "array", "items": widget}}
                            },
                        },
                        "400": error,
                    },
                },
                "post": {
                    "operationId": "createWidget",
                    "summary": summary("Create a widget"),
                    "description": text("Stores a widget"),
                    "requestBody": {
                        "required": True,
                        "description": text("The new widget"),
                        "content": {"application/json": {"schema": widget}},
                    },
                    "responses": {
                        "201": {
                            "description": text("The stored widget"),
                            "content": {"application/json": {"schema": widget}},
                        },
                        "400": error,
                    },
                },
            },
            "/widgets/{widgetId}": {
                "parameters": [
                    {
                        "name": "widgetId",
                        "in": "path",
                        "required": True,
                        "description": text("The widget's id"),
                        "schema": {"type": "integer", "format": "int64"},
                    }
                ],
                "get": {
                    "operationId": "getWidget",
                    "summary": summary("Read a widget"),
                    "description": text("Reads one widget"),
                    "responses": {
                        "200": {
                            "description": text("The widget"),
                            "content": {"application/json": {"schema": widget}},
                        },
                        "404": error,
                    },
                },
                "delete": {
                    "operationId": "deleteWidget",
                    "summary": summary("Delete a widget"),
                    "description": text("Deletes one widget"),
                    "responses": {"204": {"description": text("Deleted")}, "404": error},
                },
            },
        },
        "components": {
            "responses": {
                "Error": {
                    "description": text("A failure"),
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
            "schemas": {
                "Widget": {
                    "type": "object",
                    "description": text("A widget"),
                    "required": ["id", "name", "status"],
                    "example": {"id": 1, "name": text("example name"), "status": text("alpha")},
                    "properties": {
                        "id": {
                            "type": "integer",
                            "format": "int64",
                            "readOnly": True,
                            "description": text("Its id"),
                        },
                        "name": {
                            "type": "string",
                            "maxLength": 4000,
                            "pattern": texts.pattern,
                            "description": text("Its name"),
                            "example": text("name example"),
                        },
                        "status": {
                            "type": "string",
                            "enum": [text("alpha"), text("beta")],
                            "default": text("alpha"),
                            "description": text("Its status"),
                        },
                        text("odd name"): {
                            "type": "string",
                            "description": text("A property named by the payload"),
                        },
                        "note": {
                            "type": "string",
                            "default": text("note default"),
                            "description": text("A note"),
                            "example": text("note example"),
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "description": text("An error"),
                    "required": ["message"],
                    "properties": {
                        "message": {"type": "string", "description": text("What went wrong")}
                    },
                },
            },
        },
    }


TEXT_FIELDS = frozenset({"title", "summary", "description"})


def plain_twin(document: object) -> object:
    """`document` with the text of every title, summary and description replaced by plain words."""
    if isinstance(document, dict):
        return {
            key: PLAIN if key in TEXT_FIELDS and isinstance(value, str) else plain_twin(value)
            for key, value in document.items()
        }
    if isinstance(document, list):
        return [plain_twin(item) for item in document]
    return document


def write_document(document: object, folder: Path) -> Path:
    """`document` as `openapi.json` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "openapi.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path
