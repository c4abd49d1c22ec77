"""The known credentials a server under contract test accepts, and the matching client settings.

`contractc test` starts the server with `server_env()` and runs the suite with `client_env()`.
The generated suite's conftest falls back to the same values, so a user who starts a server with
`server_env()` can run `pytest contract-tests` by hand. The server-side formats, shared by all targets:

- `AUTH_JWT_SECRET`: HS256 secret for bearer JWTs.
- `AUTH_TOKENS`: comma-separated opaque bearer tokens, each `token` (no scopes) or
  `token:scope1 scope2` (the scopes or roles it holds, space-separated).
- `AUTH_API_KEYS`: comma-separated API keys (header, query or cookie, per the spec's scheme).
- `AUTH_BASIC_USERS`: comma-separated `user:password` pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ContractCredentials:
    """One set of test credentials, known to both the server and the contract tests."""

    bearer_token: str = "contractc-test-token"
    api_key: str = "contractc-test-api-key"
    basic_user: str = "contractc"
    basic_password: str = "contractc-test-password"
    jwt_secret: str = "contractc-test-jwt-secret-0123456789abcdef"

    def server_env(self, scopes: tuple[str, ...] = ()) -> dict[str, str]:
        """Environment for the server under test: it accepts exactly these credentials, and the
        bearer token holds `scopes` (every scope the spec requires, so no check refuses it)."""
        token = f"{self.bearer_token}:{' '.join(scopes)}" if scopes else self.bearer_token
        return {
            "AUTH_JWT_SECRET": self.jwt_secret,
            "AUTH_TOKENS": token,
            "AUTH_API_KEYS": self.api_key,
            "AUTH_BASIC_USERS": f"{self.basic_user}:{self.basic_password}",
        }

    def client_env(self) -> dict[str, str]:
        """Environment for the contract tests: the credentials they send."""
        return {
            "CONTRACT_BEARER_TOKEN": self.bearer_token,
            "CONTRACT_API_KEY": self.api_key,
            "CONTRACT_BASIC_USER": self.basic_user,
            "CONTRACT_BASIC_PASSWORD": self.basic_password,
        }


TEST_CREDENTIALS = ContractCredentials()


def spec_scopes(spec: dict[str, Any]) -> tuple[str, ...]:
    """Every scope or role a security requirement of `spec` names, sorted."""
    requirements = list(_requirements(spec))
    for item in (spec.get("paths") or {}).values():
        for operation in (item or {}).values() if isinstance(item, dict) else ():
            if isinstance(operation, dict):
                requirements += _requirements(operation)
    return tuple(
        sorted(
            {
                scope
                for requirement in requirements
                for scopes in requirement.values()
                if isinstance(scopes, list)
                for scope in scopes
                if isinstance(scope, str)
            }
        )
    )


def _requirements(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = node.get("security")
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []
