"""`check --explain OPERATION_ID`: why an operation was bound as it was, or why it was not."""

from __future__ import annotations

from collections.abc import Sequence

from compiler.ir.api import Operation, OperationKind


def find_operation(operations: Sequence[Operation], wanted: str) -> Operation | None:
    """The operation with this operationId, else the one `METHOD /path` names."""
    for op in operations:
        if op.operation_id == wanted or f"{op.method.upper()} {op.path}" == wanted.strip():
            return op
    return None


def explain(op: Operation) -> str:
    """A few lines for people: the binding, then the evidence for it (or the reason against)."""
    head = f"{op.operation_id}: {op.method.upper()} {op.path}"
    if op.kind is OperationKind.CUSTOM:
        lines = [f"{head} is custom (handler {op.handler}()): not bound to a table, because"]
    else:
        lines = [f"{head} is bound as {op.kind.value} on table {op.table}, because"]
    lines += [f"  - {reason}" for reason in op.evidence or ("no evidence was recorded",)]
    if op.kind is OperationKind.CUSTOM:
        lines.append(
            "  pin it in the mapping file (operations: {id: {table: ..., kind: ...}}), see docs/mapping.md"
        )
    return "\n".join(lines) + "\n"
