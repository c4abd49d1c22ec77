"""What a contract declares that the generated servers do not honour yet (CC116).

Never silently ignore: a parameter that is validated and then dropped (an idempotency key, a
search) is named, so a user knows before deploying. A check disappears here when the targets
implement what it reports: sort parameters (`Operation.sorting`) and soft deletes
(`Operation.soft_delete`) are honoured, so they are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.ir.api import Api, Operation, OperationKind, ParamRole, SecurityKind


def unhonoured(api: Api) -> Iterator[tuple[Operation, str, str]]:
    """(operation, what is not honoured, hint) for every declaration the servers drop."""
    credentials = {
        (s.location, (s.parameter_name or "").lower())
        for s in api.security_schemes
        if s.kind is SecurityKind.API_KEY
    }
    for op in api.operations:
        route = f"{op.method.upper()} {op.path}"
        if op.kind is OperationKind.CUSTOM:
            continue  # its parameters reach the user's handler
        sorting = (op.sorting.parameter, op.sorting.order_parameter) if op.sorting else ()
        for param in op.params(ParamRole.OTHER):
            if (param.location, param.name.lower()) in credentials or param.name in sorting:
                continue
            yield (
                op,
                f"{param.location.value} parameter '{param.name}' of {route} is validated, then"
                " ignored by the generated servers",
                "bind it (a filter names a column) or act on it in a hook of this operation",
            )
