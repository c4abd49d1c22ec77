"""Does the user's TypeScript still fit the generated interfaces? (`contractc drift`, CC514)

A light reading of TypeScript, not a parser: the keys of the user's `handlers` object
(src/user/handlers.ts) must be operations of the generated `CustomHandlers`, and the keys of the
`hooks` object (src/user/hooks.ts) tables of `TableName` holding `TableHooks` methods. An unknown
key is an excess property `tsc` rejects, and code that is never called. A missing handler is no
finding: that operation answers 501 by design until it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from emitters.base import GeneratedFile, UserCodeFinding

HANDLERS_PATH = "src/user/handlers.ts"
HOOKS_PATH = "src/user/hooks.ts"
_KEY = re.compile(r"(?:async\s+)?(?:\*\s*)?(?:(\w+)|\"([^\"]+)\"|'([^']+)')\s*\??\s*[:(]")


@dataclass(frozen=True)
class ObjectKey:
    name: str
    line: int
    depth: int  # 1 for the object's own keys, 2 for the keys of its values


def check_express_user_code(
    rendered: tuple[GeneratedFile, ...], out_dir: Path
) -> tuple[UserCodeFinding, ...]:
    """One finding per key of the user's handlers or hooks that the generated types do not know."""
    generated = {f.path: f.content for f in rendered if not f.user_owned}
    operations = _members(generated.get("src/contract/handlers.ts", ""), "CustomHandlers")
    tables = set(re.findall(r'"(\w+)"', _type_alias(generated.get("src/contract/tables.ts", ""))))
    hook_methods = _members(generated.get("src/services/hooks.ts", ""), "TableHooks")
    findings: list[UserCodeFinding] = []
    handlers = _read(out_dir / HANDLERS_PATH)
    if handlers is not None:
        for key in _object_keys(handlers, "handlers", depth=1):
            if key.name not in operations:
                findings.append(_unknown(HANDLERS_PATH, key, "CustomHandlers", "an operation"))
    hooks = _read(out_dir / HOOKS_PATH)
    if hooks is not None:
        for key in _object_keys(hooks, "hooks", depth=2):
            if key.depth == 1 and key.name not in tables:
                findings.append(_unknown(HOOKS_PATH, key, "TableName", "a table"))
            elif key.depth == 2 and key.name not in hook_methods:
                findings.append(_unknown(HOOKS_PATH, key, "TableHooks", "a hook"))
    return tuple(findings)


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def _unknown(path: str, key: ObjectKey, type_name: str, what: str) -> UserCodeFinding:
    return UserCodeFinding(
        path,
        key.line,
        f"`{key.name}` is not {what} of the generated {type_name} any more (tsc rejects it)",
        f"rename or delete `{key.name}`; the generated {type_name} lists what is expected",
    )


def _members(source: str, interface: str) -> set[str]:
    match = re.search(rf"interface\s+{interface}\s*\{{(.*?)\n\}}", source, re.S)
    return set(re.findall(r"^\s+(\w+)\??\s*[:(]", match.group(1), re.M)) if match else set()


def _type_alias(source: str) -> str:
    match = re.search(r"type\s+TableName\s*=([^;]*);", source)
    return match.group(1) if match else ""


def _object_keys(source: str, name: str, depth: int) -> list[ObjectKey]:
    """Keys of the object literal assigned to `name`, down to `depth` levels."""
    start = re.search(rf"\b{name}\b[^=]*=\s*\{{", _blank_comments_and_strings(source))
    if start is None:
        return []
    text = _blank_comments_and_strings(source, keep_quoted_keys=True)
    keys = []
    level = 0
    expect_key = False
    index = start.end() - 1
    while index < len(text):
        char = text[index]
        if char in "{[(":
            level += 1
            expect_key = char == "{" and level <= depth
        elif char in "}])":
            level -= 1
            if level == 0:
                break
        elif char == "," and level <= depth:
            expect_key = True
        elif expect_key and not char.isspace():
            expect_key = False
            match = _KEY.match(text, index)
            if match:
                key = next(g for g in match.groups() if g)
                keys.append(ObjectKey(key, text.count("\n", 0, index) + 1, level))
                index = match.end() - 1
                continue
        index += 1
    return keys


def _blank_comments_and_strings(source: str, *, keep_quoted_keys: bool = False) -> str:
    """`source` with comments and string contents turned to spaces, lines and offsets kept."""

    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        if keep_quoted_keys and text[0] in "\"'" and re.match(r"\s*:", source[match.end() :]):
            return text
        return re.sub(r"[^\n]", " ", text)

    pattern = r"//[^\n]*|/\*.*?\*/|`(?:\\.|[^`\\])*`|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'"
    return re.sub(pattern, blank, source, flags=re.S)
