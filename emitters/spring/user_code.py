"""Does the user's Java still fit the generated interfaces? (`contractc drift`, CC514)

A light reading of Java, not a parser: each user-owned class names the generated interface it
implements (`class VisitsUserOperations implements VisitsOperations`); the methods declared in its
body are compared, by name and parameter types, with that interface as rendered now. An
`@Override` of a method the interface no longer has stops `mvn compile`; a method named like an
interface method but with other parameters is an overload nothing calls. A method left out is no
finding: the interface's default answers 501 (operations) or passes values through (hooks).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from emitters.base import GeneratedFile, UserCodeFinding

_IMPLEMENTS = re.compile(r"\bclass\s+(\w+)[^{]*?\bimplements\s+([\w\s,.<>]+?)\s*\{")
_METHOD = re.compile(
    r"(@Override\s+)?(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|protected|private|static|final|default"
    r"|synchronized)\s+)*([\w.]+(?:<[^(){};]*>)?(?:\[\])*)\s+(\w+)\s*\(([^)]*)\)\s*"
    r"(?:throws\s+[\w.,\s]+)?[{;]"
)
_NOT_TYPES = frozenset({"return", "new", "else", "throw", "case", "yield"})
_BLANK = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)


def check_spring_user_code(
    rendered: tuple[GeneratedFile, ...], out_dir: Path
) -> tuple[UserCodeFinding, ...]:
    """One finding per method of a user class that no longer fits the interface it implements."""
    generated = {f.path: f.content for f in rendered if not f.user_owned}
    findings: list[UserCodeFinding] = []
    for file in rendered:
        source_path = out_dir / file.path
        if not (file.user_owned and file.path.endswith(".java") and source_path.is_file()):
            continue
        source = _blank(source_path.read_text(encoding="utf-8", errors="replace"))
        for interface in _implemented(source):
            interface_path = str(PurePosixPath(file.path).with_name(f"{interface}.java"))
            if interface_path in generated:
                methods = _methods(_blank(generated[interface_path]), depth=1)
                findings.extend(_check_class(file.path, source, interface, methods))
    return tuple(findings)


def _blank(source: str) -> str:
    return _BLANK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)


def _implemented(source: str) -> list[str]:
    match = _IMPLEMENTS.search(source)
    if match is None:
        return []
    return [re.sub(r"<.*", "", name).split(".")[-1].strip() for name in match.group(2).split(",")]


def _check_class(
    path: str, source: str, interface: str, expected: dict[str, tuple[tuple[str, ...], bool, int]]
) -> list[UserCodeFinding]:
    wanted = {name: params for name, (params, _, _) in expected.items()}
    findings = []
    for name, (params, overrides, line) in _methods(source, depth=1).items():
        shown = f"{name}({', '.join(params)})"
        if name in wanted and wanted[name] != params:
            findings.append(
                UserCodeFinding(
                    path,
                    line,
                    f"{shown} no longer fits {interface}, which now declares "
                    f"{name}({', '.join(wanted[name])})",
                    f"change the parameters of {name} to match {interface}",
                )
            )
        elif name not in wanted and overrides:
            findings.append(
                UserCodeFinding(
                    path,
                    line,
                    f"@Override {shown}: {interface} has no such method any more",
                    "rename it after the operation or hook it implements, or delete it",
                )
            )
    return findings


def _methods(source: str, depth: int) -> dict[str, tuple[tuple[str, ...], bool, int]]:
    """Methods declared at brace `depth`: name -> (parameter types, has @Override, line)."""
    found: dict[str, tuple[tuple[str, ...], bool, int]] = {}
    for match in _METHOD.finditer(source):
        override, return_type, name, params = match.groups()
        if return_type in _NOT_TYPES or _depth_at(source, match.start(3)) != depth:
            continue
        line = source.count("\n", 0, match.start(3)) + 1
        found.setdefault(name, (_parameter_types(params), bool(override), line))
    return found


def _depth_at(source: str, index: int) -> int:
    prefix = source[:index]
    return prefix.count("{") - prefix.count("}")


def _parameter_types(params: str) -> tuple[str, ...]:
    types = []
    for param in _split_top_level(params):
        param = re.sub(r"@\w+(?:\([^)]*\))?|\bfinal\b", "", param).strip()
        if param:
            type_ = param.rsplit(None, 1)[0] if " " in param else param
            types.append(re.sub(r"\b(?:[a-z]\w*\.)+", "", type_).replace(" ", ""))
    return tuple(types)


def _split_top_level(params: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in params:
        depth += {"<": 1, ">": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]
