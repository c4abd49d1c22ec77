"""Bundle relative-file `$ref`s into the root document so every `$ref` left is internal.

A target referenced where a component section fits (a schema, a parameter, a response...) is copied
once into `#/components/<section>/<name>` and every reference to it is rewritten; elsewhere (a path
item in 3.0, a media type...) the target is inlined in place of the reference. Copies keep their
`$ref`s, so recursive schemas stay references. Each copy is "mounted": its root pointer maps back to
the file and pointer it came from, so diagnostics inside it point into the right file.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, unquote_plus

from compiler.openapi.limits import MAX_REF_FILES
from compiler.openapi.positions import escape_token
from compiler.openapi.ref_context import component_section
from compiler.openapi.source import SourceFile, read_source
from compiler.openapi.source_error import SourceError

_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
_SCHEMA_NAME_MAPS = frozenset({"properties", "patternProperties"})
_NAME_MAPS = _SCHEMA_NAME_MAPS | frozenset(
    {
        "paths",
        "webhooks",
        "schemas",
        "responses",
        "parameters",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
        "$defs",
        "definitions",
        "dependentSchemas",
    }
)
_REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Mount:
    """A subtree of the bundled root that was written in another file (or elsewhere in one)."""

    source: SourceFile
    pointer: str  # where the subtree starts inside `source`


@dataclass(frozen=True)
class BundleProblem:
    """A reference the bundler could not follow, at a root pointer (or inside another file)."""

    code: str
    message: str
    pointer: str
    hint: str = ""
    file_position: tuple[str, int, int] | None = None  # set when a referenced file is broken


@dataclass
class Bundle:
    """The result: refs rewritten in place in `entry.data`, plus where the copies came from."""

    entry: SourceFile
    files: dict[str, SourceFile] = field(default_factory=dict)  # by real path
    mounts: dict[str, Mount] = field(default_factory=dict)  # by root pointer
    problems: list[BundleProblem] = field(default_factory=list)
    refs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (pointer, ref object)


def reference_objects(node: Any, tokens: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], dict]]:
    """Every `{"$ref": "..."}` under `node`, once each, skipping example and default data."""
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[str, ...]]] = [(node, tokens)]
    while stack:
        current, path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, dict):
            if isinstance(current.get("$ref"), str):
                yield path, current
            stack.extend(_children(current, path))
        elif isinstance(current, list):
            stack.extend(
                (item, path + (str(i),))
                for i, item in enumerate(current)
                if isinstance(item, (dict, list))
            )


def _children(node: dict[str, Any], path: tuple[str, ...]) -> Iterator[tuple[Any, tuple[str, ...]]]:
    """The members of `node` that can hold reference objects (not examples or extensions)."""
    in_name_map = bool(path) and path[-1] in _NAME_MAPS
    for key, value in node.items():
        if not isinstance(value, (dict, list)):
            continue
        if in_name_map and (path[-1] in _SCHEMA_NAME_MAPS or not key.startswith("x-")):
            yield value, path + (key,)
        elif key.startswith("x-"):
            continue
        elif key == "examples" and isinstance(value, dict):
            yield from (
                (v, path + (key, k))
                for k, v in value.items()
                if isinstance(v, dict) and "$ref" in v
            )
        elif key not in _DATA_KEYS:
            yield value, path + (key,)


def to_pointer(tokens: tuple[str, ...]) -> str:
    """Tokens to a JSON pointer."""
    return "".join("/" + escape_token(t) for t in tokens)


def resolve_fragment(data: Any, fragment: str) -> tuple[Any, str]:
    """The node at a URI fragment (percent-encoded JSON pointer) and the fragment to keep using.

    A '+' that only resolves as a space (form encoding, seen in real specs) is rewritten to '%20'.
    Raises LookupError when there is no such node.
    """
    try:
        return resolve_pointer(data, unquote(fragment)), fragment
    except LookupError:
        if "+" not in fragment:
            raise
        return resolve_pointer(data, unquote_plus(fragment)), fragment.replace("+", "%20")


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The node at `pointer` (without '#'); raises LookupError when there is none."""
    node = data
    if not pointer:
        return node
    if not pointer.startswith("/"):
        raise LookupError(pointer)
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise LookupError(pointer)
    return node


class _Bundler:
    def __init__(self, entry: SourceFile):
        self.bundle = Bundle(entry=entry)
        self.root: dict[str, Any] = entry.data
        self.version = str(self.root.get("openapi", ""))
        self.entry_key = os.path.realpath(entry.path)
        self.bundle.files[self.entry_key] = entry
        self.names: dict[tuple[str, str, str], str] = {}  # (file, pointer, section) -> name
        self.work: list[tuple[Any, tuple[str, ...], SourceFile]] = []

    def run(self) -> Bundle:
        self.work.append((self.root, (), self.bundle.entry))
        while self.work:
            node, tokens, origin = self.work.pop()
            for path, ref_object in list(reference_objects(node, tokens)):
                self._follow(path, ref_object, origin)
        return self.bundle

    def _follow(
        self, tokens: tuple[str, ...], ref_object: dict[str, Any], origin: SourceFile
    ) -> None:
        ref: str = ref_object["$ref"]
        pointer = to_pointer(tokens)
        if ref.startswith("#") and origin is self.bundle.entry:
            with suppress(LookupError):
                ref_object["$ref"] = "#" + resolve_fragment(self.root, ref[1:])[1]
            self.bundle.refs.append((pointer, ref_object))
            return
        if _REMOTE.match(ref):
            self._problem(
                "CC202",
                f"remote reference {ref!r} is not fetched",
                pointer,
                "download the file and refer to it by a relative path",
            )
            return
        file_part, _, fragment = ref.partition("#")
        target = origin if not file_part else self._load(file_part, origin, pointer)
        if target is None:
            return
        if target is self.bundle.entry:
            ref_object["$ref"] = "#" + fragment
            self.bundle.refs.append((pointer, ref_object))
            return
        try:
            node, fragment = resolve_fragment(target.data, fragment)
            fragment = unquote(fragment)
        except LookupError:
            self._problem(
                "CC202", f"$ref {ref!r}: {target.path} has no node at '#{fragment}'", pointer
            )
            return
        section = component_section(tokens, self.version)
        if section is None:
            self._inline(tokens, ref_object, target, fragment, node)
            return
        key = (os.path.realpath(target.path), fragment, section)
        if key not in self.names:
            self._add_component(key, tokens, target, fragment, node)
        ref_object["$ref"] = f"#/components/{section}/{escape_token(self.names[key])}"
        self.bundle.refs.append((pointer, ref_object))

    def _add_component(
        self,
        key: tuple[str, str, str],
        tokens: tuple[str, ...],
        target: SourceFile,
        fragment: str,
        node: Any,
    ) -> None:
        section = key[2]
        components = self.root.setdefault("components", {})
        entries = components.setdefault(section, {}) if isinstance(components, dict) else {}
        if not isinstance(entries, dict):
            entries = {}
        base = (
            fragment.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
            if fragment
            else os.path.splitext(os.path.basename(target.path))[0]
        )
        base = _NAME_UNSAFE.sub("_", base) or "Component"
        name, counter = base, 1
        while name in entries:
            counter += 1
            name = f"{base}_{counter}"
        self.names[key] = name
        entries[name] = copy.deepcopy(node)
        mount_tokens = ("components", section, name)
        self.bundle.mounts[to_pointer(mount_tokens)] = Mount(target, fragment)
        self.work.append((entries[name], mount_tokens, target))

    def _inline(
        self,
        tokens: tuple[str, ...],
        ref_object: dict[str, Any],
        target: SourceFile,
        fragment: str,
        node: Any,
    ) -> None:
        pointer = to_pointer(tokens)
        for ancestor, mount in self.bundle.mounts.items():
            if (
                (pointer + "/").startswith(ancestor + "/")
                and mount.source is target
                and (fragment + "/").startswith(mount.pointer + "/")
            ):
                self._problem(
                    "CC202",
                    f"$ref {ref_object['$ref']!r} includes itself; it can "
                    "only be used where a components section can hold it",
                    pointer,
                )
                return
        if not isinstance(node, dict):
            self._problem(
                "CC202",
                f"$ref {ref_object['$ref']!r} points to a {type(node).__name__}, not an object",
                pointer,
            )
            return
        if len(tokens) == 3 and tokens[0] == "components":
            self.names[(os.path.realpath(target.path), fragment, tokens[1])] = tokens[2]
        ref_object.clear()
        ref_object.update(copy.deepcopy(node))
        self.bundle.mounts[pointer] = Mount(target, fragment)
        self.work.append((ref_object, tokens, target))

    def _load(self, file_part: str, origin: SourceFile, pointer: str) -> SourceFile | None:
        path = os.path.normpath(os.path.join(os.path.dirname(origin.path), unquote(file_part)))
        key = os.path.realpath(path)
        if key in self.bundle.files:
            return self.bundle.files[key]
        if len(self.bundle.files) >= MAX_REF_FILES:
            self._problem("CC004", f"more than {MAX_REF_FILES} files referenced", pointer)
            return None
        try:
            source = read_source(path)
        except SourceError as error:
            if error.code == "CC001":
                self._problem("CC202", f"$ref {file_part!r}: {error.message}", pointer)
            else:
                self.bundle.problems.append(
                    BundleProblem(
                        error.code,
                        f"{error.message} (in a file referenced by $ref)",
                        pointer,
                        error.hint,
                        file_position=(path, error.line, error.column),
                    )
                )
            return None
        self.bundle.files[key] = source
        return source

    def _problem(self, code: str, message: str, pointer: str, hint: str = "") -> None:
        self.bundle.problems.append(BundleProblem(code, message, pointer, hint))


def bundle(entry: SourceFile) -> Bundle:
    """Rewrite `entry.data` in place so that all its `$ref`s are internal; never raises."""
    return _Bundler(entry).run()
