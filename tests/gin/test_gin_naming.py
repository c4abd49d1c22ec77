"""Go identifiers and file names: decided by emitters/gin/naming.py, unique in every scope."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

import pytest

from emitters.gin.emitter import _STATIC
from emitters.gin.naming import (
    HANDLERS_DECLARED,
    MODELS_DECLARED,
    REPOSITORIES_DECLARED,
    SERVICES_DECLARED,
    STATIC_FILES,
    VALIDATE_DECLARED,
    ProjectNames,
    exported,
    file_stem,
    unexported,
)
from tests.gin.conftest import compiled, render
from tests.pairs import CLEAN_PAIRS

# A package-level declaration: `func Name`, `type Name`, `var Name`, `const Name` (not methods).
_DECLARATION = re.compile(r"^(?:func|type|var|const) ([^\W\d_]\w*|_\w+)", re.M)
_DECLARED = {
    "models": MODELS_DECLARED,
    "repositories": REPOSITORIES_DECLARED,
    "services": SERVICES_DECLARED,
    "handlers": HANDLERS_DECLARED,
    "validate": VALIDATE_DECLARED,
}


def test_names_from_any_language_become_valid_go() -> None:
    assert exported("größe") == "Größe"
    assert exported("名前") == "X名前"
    assert exported("2fa") == "X2fa"
    assert exported("__proto__") == "Proto"
    assert unexported("2fa") == "x2fa"
    assert unexported("package") == "package_"
    assert unexported("名前") == "名前"


def test_file_names_are_never_tests_or_build_constrained() -> None:
    assert file_stem("user_test") == "user_test_"
    assert file_stem("Report-Windows") == "report_windows_"
    assert file_stem("名前") == "x"
    assert file_stem("order") == "order"


def test_derived_names_never_meet_the_static_declarations() -> None:
    names = ProjectNames()
    assert names.view("Object") == "Object2"  # models.Object converts a body; NewObject is free
    assert names.view("Listing") == "Listing2"
    assert names.operation("new") == "New"
    assert names.operation("New") == "New2"  # NewInput is taken by the first
    assert names.table("user") == "User"
    assert names.table("USER") == "User2"
    assert names.table_member("custom") == "custom2"
    assert names.table_file("hooks") == "hooks2"  # services/hooks.go is static
    assert names.resource_file("runtime") == "runtime2"


def test_the_naming_module_knows_every_static_declaration() -> None:
    """A helper added to a static file must be added to its package's reserved names."""
    out = {f.path: f.content for f in render(compiled("library"))}
    for path in _STATIC:
        package = PurePosixPath(path).parent.name
        if package in _DECLARED:
            declared = set(_DECLARATION.findall(out[path]))
            assert declared <= _DECLARED[package], (path, declared - _DECLARED[package])
    for folder, stems in STATIC_FILES.items():
        assert {PurePosixPath(p).stem for p in _STATIC if f"/{folder}/" in p} <= stems


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_every_package_declares_each_name_once(pair: str) -> None:
    per_package: dict[str, Counter[str]] = {}
    for generated in render(compiled(pair)):
        if generated.path.endswith(".go") and not generated.path.endswith("_test.go"):
            package = str(PurePosixPath(generated.path).parent)
            counts = per_package.setdefault(package, Counter())
            counts.update(_DECLARATION.findall(generated.content))
    for package, counts in per_package.items():
        assert [name for name, n in counts.items() if n > 1] == [], package
