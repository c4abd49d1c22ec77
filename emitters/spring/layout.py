"""Java laid out the way google-java-format prints it, for lines whose length depends on the spec.

Templates keep the fixed code in its formatted shape; these helpers place the variable parts:
Javadoc comments filled to 100 columns, argument lists and chained calls broken only when a line
would be longer than that.
"""

from __future__ import annotations

WIDTH = 100


def javadoc(text: str, indent: int = 0) -> str:
    """`/** text */` on one line when it fits, else the comment filled to the width."""
    pad = " " * indent
    one_line = f"{pad}/** {text} */"
    if len(one_line) <= WIDTH:
        return one_line
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and len(pad) + 3 + len(candidate) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    body = "\n".join(f"{pad} * {line}" for line in lines)
    return f"{pad}/**\n{body}\n{pad} */"


def arguments(head: str, args: list[str], tail: str, indent: int) -> str:
    """`head(args)tail` at `indent`: on one line, else args on one continuation line, else one each.

    `head` ends just before the parenthesis (`return repository.update`, `new Sql`).
    """
    pad = " " * indent
    one_line = f"{pad}{head}({', '.join(args)}){tail}"
    if len(one_line) <= WIDTH:
        return one_line
    inner = " " * (indent + 4)
    packed = f"{inner}{', '.join(args)}){tail}"
    if len(packed) <= WIDTH:
        return f"{pad}{head}(\n{packed}"
    return f"{pad}{head}(\n" + ",\n".join(inner + a for a in args) + f"){tail}"


def parameters(head: str, params: list[tuple[str, str]], tail: str, indent: int) -> str:
    """`head(params)tail` as `arguments` lays it out, each parameter (annotations, `Type name`);
    a parameter too long for its own line continues after its annotations."""
    laid = arguments(head, [f"{a} {typed}" if a else typed for a, typed in params], tail, indent)
    if max(len(line) for line in laid.splitlines()) <= WIDTH:
        return laid
    inner = " " * (indent + 4)
    lines = []
    for position, (marks, typed) in enumerate(params):
        end = ")" + tail if position == len(params) - 1 else ","
        line = f"{inner}{marks} {typed}{end}" if marks else f"{inner}{typed}{end}"
        if len(line) > WIDTH and marks:
            line = f"{inner}{marks}\n{inner}    {typed}{end}"
        lines.append(line)
    return f"{' ' * indent}{head}(\n" + "\n".join(lines)


# A Java expression for `expression()`: source text, or a call `(head, [arguments])` whose
# arguments are expressions again (`("Related.one", [("related.load", ["SQL", "rows"])])`).
Expression = str | tuple[str, list["Expression"]]


def flat(expression: Expression) -> str:
    """The expression on one line."""
    if isinstance(expression, str):
        return expression
    head, args = expression
    return f"{head}({', '.join(flat(a) for a in args)})"


def expression(value: Expression, indent: int, tail: str = "") -> str:
    """`value` followed by `tail`, broken at the outermost call first, as google-java-format does."""
    pad = " " * indent
    one_line = pad + flat(value) + tail
    if len(one_line) <= WIDTH or isinstance(value, str):
        return one_line
    head, args = value
    inner = " " * (indent + 4)
    packed = inner + ", ".join(flat(a) for a in args) + ")" + tail
    if len(packed) <= WIDTH:
        return f"{pad}{head}(\n{packed}"
    lines = [
        expression(a, indent + 4, ")" + tail if i == len(args) - 1 else ",")
        for i, a in enumerate(args)
    ]
    return f"{pad}{head}(\n" + "\n".join(lines)


def assignment(target: str, value: Expression, indent: int) -> str:
    """`target = value;`, broken after `=` before anything inside `value`."""
    one_line = " " * indent + f"{target} = {flat(value)};"
    if len(one_line) <= WIDTH:
        return one_line
    return " " * indent + f"{target} =\n" + expression(value, indent + 4, ";")


def string_constant(target: str, pieces: list[str], indent: int) -> str:
    """`target = "..." + "...";` for a long string, each line within the width.

    `pieces` are the string's natural parts (SQL clauses); a part too long for a line is split
    before a space, as google-java-format splits long literals.
    """
    text = "".join(pieces)
    one_line = " " * indent + f"{target} = {java_literal(text)};"
    if len(one_line) <= WIDTH:
        return one_line
    first = " " * (indent + 4)
    first_line = first + java_literal(text) + ";"
    if len(first_line) <= WIDTH:
        return " " * indent + f"{target} =\n{first_line}"
    lines: list[str] = []
    for piece in pieces:
        while piece:
            room = WIDTH - (indent + 4 if not lines else indent + 10) - 2
            chunk = _fitting(piece, room)
            lines.append(chunk)
            piece = piece[len(chunk) :]
    out = [first + java_literal(lines[0])]
    out += [" " * (indent + 8) + "+ " + java_literal(line) for line in lines[1:]]
    return " " * indent + f"{target} =\n" + "\n".join(out) + ";"


def java_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fitting(piece: str, room: int) -> str:
    """The longest start of `piece` whose literal fits in `room`, cut before a space if it must be."""
    if len(java_literal(piece)) - 2 <= room:
        return piece
    cut = piece.rfind(" ", 1, room + 1)
    while cut > 0 and len(java_literal(piece[:cut])) - 2 > room:
        cut = piece.rfind(" ", 1, cut)
    return piece[:cut] if cut > 0 else piece


def chain(prefix: str, receiver: str, calls: list[str], indent: int, tail: str = ";") -> str:
    """`prefix receiver.call1().call2()tail`, one call per line when it does not fit.

    google-java-format keeps the first call on the receiver's line when the receiver is a class
    name or no longer than the continuation indent (`jdbc.sql(...)`), else breaks before it.
    """
    pad = " " * indent
    one_line = f"{pad}{prefix}{receiver}{''.join(calls)}{tail}"
    if len(one_line) <= WIDTH:
        return one_line
    first, rest = receiver, list(calls)
    if receiver[:1].isupper() or len(receiver) <= 4:
        first, rest = receiver + rest[0], rest[1:]
    inner = " " * (indent + 4)
    return f"{pad}{prefix}{first}\n" + "\n".join(inner + c for c in rest) + tail


def assigned_chain(target: str, receiver: str, calls: list[str], indent: int) -> str:
    """`target = receiver.call1().call2();`, broken after `=` first, then before each call."""
    one_line = " " * indent + f"{target} = {receiver}{''.join(calls)};"
    if len(one_line) <= WIDTH:
        return one_line
    return " " * indent + f"{target} =\n" + chain("", receiver, calls, indent + 4)


def ternary(prefix: str, condition: str, then: str, otherwise: str, indent: int) -> str:
    """`prefix condition ? then : otherwise;`, broken before `?` and `:` when too long."""
    pad = " " * indent
    one_line = f"{pad}{prefix}{condition} ? {then} : {otherwise};"
    if len(one_line) <= WIDTH:
        return one_line
    inner = " " * (indent + 4)
    return f"{pad}{prefix}{condition}\n{inner}? {then}\n{inner}: {otherwise};"
