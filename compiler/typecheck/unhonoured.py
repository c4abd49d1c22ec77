"""What a contract declares that the generated servers do not honour yet (CC116).

Never silently ignore: a scope no server checks, a parameter that is validated and then dropped,
a `deleted_at` column next to a DELETE that removes the row — each is named, so a user knows
before deploying. A check disappears here when the targets implement what it reports.
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
        scopes = sorted({scope for alternative in op.scopes for scope in alternative})
        if scopes:
            yield (
                op,
                f"{route} requires scopes {', '.join(scopes)}, which the generated servers do"
                " not check yet: any authenticated caller passes",
                "check the scopes in a before-hook of this operation until they are enforced",
            )
        if op.kind is OperationKind.CUSTOM:
            continue  # its parameters reach the user's handler
        for param in op.params(ParamRole.OTHER):
            if (param.location, param.name.lower()) in credentials:
                continue
            yield (
                op,
                f"{param.location.value} parameter '{param.name}' of {route} is validated, then"
                " ignored by the generated servers",
                "bind it (a filter names a column) or act on it in a hook of this operation",
            )
        if op.kind is OperationKind.DELETE and op.soft_delete is not None:
            yield (
                op,
                f"{route} removes the row: {op.table}.{op.soft_delete.column} suggests a soft"
                " delete, which the generated servers do not do yet",
                "set the column in a before-hook of this operation until soft delete is generated",
            )
