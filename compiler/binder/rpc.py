"""Routes that call a procedure rather than name a collection: never bound as CRUD.

A wrong binding is worse than none: `POST /search` bound as a create would insert rows.
"""

from __future__ import annotations

import re

from compiler.binder.naming import snake_case
from compiler.binder.route import Route

# Last path segments that name an action, spelled as verbs or verbal nouns (never as plurals).
ACTION_WORDS = frozenset(
    {
        "search", "query", "evaluate", "eval", "login", "logout", "signin", "signout", "signup",
        "register", "authenticate", "authorize", "token", "refresh", "verify", "validate",
        "batch", "bulk", "import", "export", "upload", "download", "sync", "execute", "run",
        "invoke", "send", "cancel", "approve", "reject", "publish", "archive", "restore", "reset",
        "lookup", "check", "calculate", "preview", "test", "ping", "health", "status", "stats",
    }
)  # fmt: skip
_VERSION = re.compile(r"^v\d+(\.\d+)*$", re.IGNORECASE)


def rpc_reason(route: Route) -> str:
    """Why the route reads as a procedure call ("" when it reads as resources)."""
    for literal in route.literals:
        if _VERSION.match(literal):
            continue
        if ":" in literal or "." in literal.strip("."):
            return f"/{literal} is a method call, not a collection"
        if snake_case(literal) == "actions":
            return f"{route.path} is an action (/actions/), not a collection"
    segments = [s for s in route.path.split("/") if s]
    last = segments[-1] if segments else ""
    if last and "{" not in last and snake_case(last).replace("_", "") in ACTION_WORDS:
        return f"/{last} names an action, not a collection"
    return ""
