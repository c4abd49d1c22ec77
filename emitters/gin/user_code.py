"""Does the user's Go code still fit the generated interfaces? (`contractc drift`, CC514)

A light reading of Go, not a parser: the user's files assert which generated interface each of
their types implements (`var _ handlers.CustomHandlers = (*Custom)(nil)`); the methods declared
on that type are compared, by parameter and result types, with the interface as rendered now.
A method named like an interface method but with another signature stops `go build`; a method
shaped like a handler whose operation left the contract is never called again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from emitters.base import GeneratedFile, UserCodeFinding

_ASSERTION = re.compile(r"var\s+_\s+(?:\w+\.)?(\w+)\s*=\s*\(?\*?(\w+)\)?")
_INTERFACE = re.compile(r"type\s+(\w+)\s+interface\s*\{(.*?)\n\}", re.S)
_INTERFACE_METHOD = re.compile(r"^\s*(\w+)\(([^)]*)\)\s*(.*?)\s*$", re.M)
_METHOD = re.compile(r"^func\s*\(\s*(?:\w+\s+)?\*?(\w+)\s*\)\s*(\w+)\(([^)]*)\)\s*([^{]*)\{", re.M)
_QUALIFIER = re.compile(r"\b\w+\.")

Signature = tuple[tuple[str, ...], str]


def check_gin_user_code(
    rendered: tuple[GeneratedFile, ...], out_dir: Path
) -> tuple[UserCodeFinding, ...]:
    """One finding per method of a user type that no longer matches its generated interface."""
    interfaces = _interfaces(f.content for f in rendered if f.path.endswith(".go"))
    findings: list[UserCodeFinding] = []
    for file in rendered:
        source_path = out_dir / file.path
        if file.user_owned and file.path.endswith(".go") and source_path.is_file():
            source = source_path.read_text(encoding="utf-8", errors="replace")
            findings.extend(_check_file(file.path, source, interfaces))
    return tuple(findings)


def _interfaces(sources: Iterable[str]) -> dict[str, dict[str, Signature]]:
    found: dict[str, dict[str, Signature]] = {}
    for source in sources:
        for name, body in _INTERFACE.findall(source):
            found[name] = {
                method: _signature(params, results)
                for method, params, results in _INTERFACE_METHOD.findall(body)
            }
    return found


def _check_file(
    path: str, source: str, interfaces: dict[str, dict[str, Signature]]
) -> list[UserCodeFinding]:
    implemented = {
        type_name: interface
        for interface, type_name in _ASSERTION.findall(source)
        if interface in interfaces
    }
    findings = []
    for match in _METHOD.finditer(source):
        type_name, method, params, results = match.groups()
        interface = implemented.get(type_name)
        if interface is None:
            continue
        methods = interfaces[interface]
        signature = _signature(params, results)
        line = source.count("\n", 0, match.start()) + 1
        expected = methods.get(method)
        if expected is not None and expected != signature:
            findings.append(
                UserCodeFinding(
                    path,
                    line,
                    f"{type_name}.{method} no longer fits {interface}: it takes "
                    f"({', '.join(signature[0])}) {signature[1]}, the interface now wants "
                    f"({', '.join(expected[0])}) {expected[1]}",
                    f"change the signature of {method} to match {interface} (go build fails)",
                )
            )
        elif expected is None and signature in methods.values():
            findings.append(
                UserCodeFinding(
                    path,
                    line,
                    f"{type_name}.{method} is not in {interface} any more: nothing calls it",
                    "rename it after the operation it answers, or delete it",
                )
            )
    return findings


def _signature(params: str, results: str) -> Signature:
    """Parameter and result types without names or package qualifiers."""
    return _types(params), _QUALIFIER.sub("", results.strip().strip("()")).replace(" ", "")


def _types(params: str) -> tuple[str, ...]:
    parts = [p.strip() for p in params.split(",") if p.strip()]
    named = any(" " in p for p in parts)
    types: list[str] = []
    pending = 0
    for part in parts:
        if named and " " not in part:
            pending += 1  # `a, b int`: a's type comes with b
            continue
        type_ = _QUALIFIER.sub("", part.split(None, 1)[1] if named else part).replace(" ", "")
        types.extend([type_] * (pending + 1))
        pending = 0
    return tuple(types)
