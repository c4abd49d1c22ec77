"""Per target: user code that a contract change leaves behind, and the name CC514 must report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SPRING_PACKAGE = "src/main/java/com/example/veterinaryclinicapi/visits"


@dataclass(frozen=True)
class UserCodeCase:
    built_with: str  # the variant the folder is built from
    checked_with: str  # the variant the user code is then checked against
    path: str  # the user-owned file edited, and the one the finding names
    name: str  # what the finding's message must name
    replace: tuple[str, str] = ("", "")  # a regex in the file and its replacement
    append: str = ""

    def apply(self, out: Path) -> None:
        file = out / self.path
        text = file.read_text(encoding="utf-8")
        pattern, replacement = self.replace
        if pattern:
            text, count = re.subn(pattern, replacement, text, flags=re.S)
            assert count == 1, f"{pattern!r} not found in {self.path}"
        file.write_text(text + self.append, encoding="utf-8")


OPERATION_CASES = {
    # a new custom operation: the generated router awaits a handler the user's module lacks
    "fastapi": UserCodeCase("clinic", "cancel", "app/custom/visits.py", "cancel_visit"),
    # a handler written for an operation the contract then dropped
    "gin": UserCodeCase(
        "cancel",
        "clinic",
        "internal/custom/custom.go",
        "CancelVisit",
        append="\nfunc (c *Custom) CancelVisit(ctx context.Context, req handlers.CustomRequest)"
        " (any, error) {\n\treturn nil, nil\n}\n",
    ),
    "express": UserCodeCase(
        "cancel",
        "clinic",
        "src/user/handlers.ts",
        "cancelVisit",
        replace=(
            r"handlers: Partial<CustomHandlers> = \{\};",
            "handlers: Partial<CustomHandlers> = {\n  async cancelVisit(input, context) {\n"
            "    return { status: 200, body: { ok: true } };\n  },\n};",
        ),
    ),
    "spring": UserCodeCase(
        "cancel",
        "clinic",
        f"{SPRING_PACKAGE}/VisitsUserOperations.java",
        "cancelVisit",
        replace=(
            r"implements VisitsOperations \{\}",
            "implements VisitsOperations {\n  @Override\n  public ResponseEntity<?> "
            "cancelVisit(CancelVisitCall call) {\n    return ResponseEntity.ok().build();\n  }\n}",
        ),
    ),
}

HOOK_CASES = {
    # hooks written against another signature than the one the generated code calls
    "fastapi": UserCodeCase(
        "clinic",
        "clinic",
        "app/hooks/visits.py",
        "before_update",
        replace=(r"async def before_update\(values", "async def before_update(key, values"),
    ),
    "gin": UserCodeCase(
        "clinic",
        "clinic",
        "internal/custom/hooks.go",
        "BeforeReplaceVisit",
        append="\nfunc (h *visitsHooks) BeforeReplaceVisit(ctx context.Context,"
        " in *models.ReplaceVisitInput) error {\n\treturn nil\n}\n",
    ),
    "express": UserCodeCase(
        "clinic",
        "clinic",
        "src/user/hooks.ts",
        "afterCreate",
        replace=(
            r"hooks: Hooks = \{\};",
            "hooks: Hooks = {\n  visits: {\n    beforeCreate(values) {},\n"
            "    afterCreate(values) {},\n  },\n};",
        ),
    ),
    "spring": UserCodeCase(
        "clinic",
        "clinic",
        f"{SPRING_PACKAGE}/VisitsUserHooks.java",
        "beforeUpdate",
        replace=(
            r"implements VisitsHooks \{\}",
            "implements VisitsHooks {\n  @Override\n  public Map<String, Object> beforeUpdate("
            "Map<String, Object> values) {\n    return values;\n  }\n}",
        ),
    ),
}
