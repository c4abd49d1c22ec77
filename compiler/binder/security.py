"""Security schemes and the requirements each operation has."""

from __future__ import annotations

from typing import Any

from compiler.diagnostics import DiagnosticSink
from compiler.ir.api import ParamLocation, SecurityKind, SecurityScheme
from compiler.openapi.document import Document, pointer_join

_HTTP_KINDS = {"bearer": SecurityKind.BEARER, "basic": SecurityKind.BASIC}
_TYPE_KINDS = {"oauth2": SecurityKind.OAUTH2, "openIdConnect": SecurityKind.OPENID_CONNECT}
_API_KEY_LOCATIONS = {
    "header": ParamLocation.HEADER,
    "query": ParamLocation.QUERY,
    "cookie": ParamLocation.COOKIE,
}


def security_schemes(doc: Document, sink: DiagnosticSink) -> tuple[SecurityScheme, ...]:
    """Supported schemes of `components.securitySchemes`, by name; others are CC404 warnings."""
    components = doc.root.get("components")
    raw = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(raw, dict):
        return ()
    schemes = []
    for name in sorted(raw):
        node = raw[name]
        pointer = pointer_join("/components/securitySchemes", name)
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            try:
                node = doc.resolve(node["$ref"].lstrip("#"))
            except (KeyError, IndexError, ValueError, TypeError):
                node = None
        scheme = _scheme(name, node) if isinstance(node, dict) else None
        if scheme is None:
            described = (
                f"{node.get('type')} {node.get('scheme') or node.get('in') or ''}".strip()
                if isinstance(node, dict)
                else "invalid"
            )
            sink.warning(
                "CC404",
                f"security scheme {name!r} ({described}) is not supported; operations using it reject all requests",
                doc.locate(pointer),
                hint="use http bearer/basic, apiKey, oauth2 or openIdConnect",
            )
            continue
        schemes.append(scheme)
    return tuple(schemes)


def _scheme(name: str, node: dict[str, Any]) -> SecurityScheme | None:
    kind = node.get("type")
    if kind == "http":
        scheme = str(node.get("scheme", "")).lower()
        if scheme not in _HTTP_KINDS:
            return None
        bearer_format = (
            node.get("bearerFormat") if isinstance(node.get("bearerFormat"), str) else None
        )
        return SecurityScheme(name, _HTTP_KINDS[scheme], bearer_format=bearer_format)
    if kind == "apiKey":
        location = _API_KEY_LOCATIONS.get(node.get("in"))
        if location is None or not isinstance(node.get("name"), str):
            return None
        return SecurityScheme(
            name, SecurityKind.API_KEY, location=location, parameter_name=node["name"]
        )
    if kind in _TYPE_KINDS:
        return SecurityScheme(name, _TYPE_KINDS[kind])
    return None


def requirements(doc: Document, node: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """The operation's security alternatives (its own `security`, else the global one).

    Each alternative is a sorted tuple of scheme names; `()` as an alternative means anonymous
    access is allowed, and no alternatives at all means the operation is open.
    """
    return tuple(names for names, _ in _alternatives(doc, node))


def required_scopes(doc: Document, node: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """Per alternative of `requirements`, in the same order: the scopes (or 3.1 roles) its
    schemes list, sorted; `()` where it lists none."""
    scopes = tuple(scopes for _, scopes in _alternatives(doc, node))
    return scopes if any(scopes) else ()


def _alternatives(
    doc: Document, node: dict[str, Any]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    raw = node.get("security") if "security" in node else doc.root.get("security")
    if not isinstance(raw, list):
        return []
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for requirement in raw:
        if isinstance(requirement, dict):
            names = tuple(sorted(str(k) for k in requirement))
            scopes = sorted(
                {str(s) for v in requirement.values() if isinstance(v, list) for s in v}
            )
            found.setdefault(names, tuple(scopes))
    if found and all(names == () for names in found):
        return []
    return list(found.items())


def is_secured(alternatives: tuple[tuple[str, ...], ...]) -> bool:
    """True when every alternative needs credentials (no anonymous alternative)."""
    return bool(alternatives) and all(alternatives)
