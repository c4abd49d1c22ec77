"""Does the user's code still fit the generated FastAPI project? (`contractc drift`, CC514)

The generated routers call `custom.<handler>(call)` and the services call `hooks.<hook>(...)`, where
`custom` and `hooks` are user-owned modules. Both sides are parsed with `ast`: every function the
generated code calls must be defined in the user's module as an `async def` that accepts the
arguments it is called with.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from emitters.base import GeneratedFile, UserCodeFinding


@dataclass(frozen=True)
class ExpectedCall:
    """One call the generated code makes into a user-owned module."""

    function: str
    positional: tuple[str, ...]  # a name for each positional argument, for messages
    keywords: tuple[str, ...]
    caller: str  # the generated file making the call


def check_fastapi_user_code(
    rendered: tuple[GeneratedFile, ...], out_dir: Path
) -> tuple[UserCodeFinding, ...]:
    """One finding per function the generated code calls that the user's module lacks or misfits."""
    user_modules = {_module_name(f.path): f.path for f in rendered if f.user_owned}
    expected: dict[str, dict[str, ExpectedCall]] = {}
    for file in rendered:
        if file.user_owned or not file.path.endswith(".py"):
            continue
        for user_path, call in _calls_into_user_code(file, user_modules):
            expected.setdefault(user_path, {}).setdefault(call.function, call)
    findings: list[UserCodeFinding] = []
    for user_path, calls in sorted(expected.items()):
        source_path = out_dir / user_path
        if source_path.is_file():
            findings.extend(_check_module(user_path, source_path, calls))
    return tuple(findings)


def _module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def _calls_into_user_code(
    file: GeneratedFile, user_modules: dict[str, str]
) -> list[tuple[str, ExpectedCall]]:
    if not any(module.rpartition(".")[0] in file.content for module in user_modules):
        return []
    tree = ast.parse(file.content)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for name in node.names:
                module = f"{node.module}.{name.name}"
                if module in user_modules:
                    aliases[name.asname or name.name] = user_modules[module]
    calls = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in aliases
        ):
            keywords = tuple(k.arg for k in node.keywords if k.arg is not None)
            positional = tuple(_argument_name(arg) for arg in node.args)
            call = ExpectedCall(node.func.attr, positional, keywords, file.path)
            calls.append((aliases[node.func.value.id], call))
    return calls


def _check_module(
    user_path: str, source_path: Path, calls: dict[str, ExpectedCall]
) -> list[UserCodeFinding]:
    try:
        tree = ast.parse(source_path.read_bytes(), filename=str(source_path))
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or 0
        return [
            UserCodeFinding(
                user_path, line, f"cannot be parsed: {exc}", "fix the syntax error in your module"
            )
        ]
    functions = {
        n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    other_bindings = _top_level_names(tree) - functions.keys()
    findings = []
    for name, call in sorted(calls.items()):
        shape = _call_shape(call)
        if name in other_bindings:
            continue  # imported or assigned: its signature lives elsewhere
        node = functions.get(name)
        if node is None:
            findings.append(
                UserCodeFinding(
                    user_path,
                    0,
                    f"`{name}` is missing: {call.caller} calls `{shape}`",
                    f"add `async def {shape}: ...` to {user_path}",
                )
            )
            continue
        problem = _misfit(node, call)
        if problem:
            findings.append(
                UserCodeFinding(
                    user_path,
                    node.lineno,
                    f"`{name}` {problem}: {call.caller} calls `await {shape}`",
                    f"change `{name}` to `async def {shape}`",
                )
            )
    return findings


def _argument_name(node: ast.expr) -> str:
    """A readable parameter name for an argument: `where` -> where, `CustomCall(...)` -> call."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        words = [w for w in node.func.id.replace("_", " ").split() if w]
        camel = "".join(c if not c.isupper() else f" {c}" for c in words[-1]).split()
        return camel[-1].lower() if camel else "value"
    return "values" if isinstance(node, ast.Dict) else "value"


def _call_shape(call: ExpectedCall) -> str:
    return f"{call.function}({', '.join([*call.positional, *call.keywords])})"


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def _misfit(node: ast.FunctionDef | ast.AsyncFunctionDef, call: ExpectedCall) -> str | None:
    """Why `node` cannot be awaited the way the generated code calls it, or None when it can."""
    if not isinstance(node, ast.AsyncFunctionDef):
        return "must be `async def` (the generated code awaits it)"
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    required = len(positional) - len(args.defaults)
    given = len(call.positional)
    if given > len(positional) and args.vararg is None:
        return f"takes {len(positional)} positional argument(s), called with {given}"
    rest = {a.arg for a in positional[given:]}
    if required > given + sum(1 for k in call.keywords if k in rest):
        return f"needs {required} argument(s), called with {given}"
    keyword_names = rest | {a.arg for a in args.kwonlyargs}
    unknown = [k for k in call.keywords if k not in keyword_names]
    if unknown and args.kwarg is None:
        return f"has no parameter {', '.join(unknown)}"
    missing_kwonly = [
        a.arg
        for a, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        if default is None and a.arg not in call.keywords
    ]
    if missing_kwonly:
        return f"requires keyword argument(s) {', '.join(missing_kwonly)} the call does not pass"
    return None
