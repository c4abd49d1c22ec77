"""The Spring target's one naming module: hostile spec names become safe, distinct Java names."""

from __future__ import annotations

import re

import pytest

from emitters.spring import SpringEmitter
from emitters.spring.naming import (
    HANDLER_NAMES,
    TAKEN_TYPE_NAMES,
    java_class,
    java_constant,
    java_field,
    java_package_segment,
    resource_prefix,
    sql_identifier,
    unique_names,
)
from tests.pairs import CLEAN_PAIRS
from tests.spring.spring_projects import SCENARIOS, compile_files, compile_pair


@pytest.mark.parametrize(
    ("spec", "java"),
    [
        ("created_at", "createdAt"),
        ("class", "class_"),
        ("default", "default_"),
        ("toString", "toString_"),
        ("hashCode", "hashCode_"),
        ("2fa", "v2fa"),
        ("größe", "größe"),
        ("名前", "名前"),
        ("__proto__", "proto"),
        ("_", "value"),
        ("MarshalJSON", "marshalJson"),
    ],
)
def test_fields_are_valid_java_names(spec: str, java: str) -> None:
    assert java_field(spec) == java


@pytest.mark.parametrize(
    ("spec", "java"),
    [
        ("pets", "Pets"),
        ("String", "StringModel"),
        ("Object", "ObjectModel"),
        ("List", "ListModel"),
        ("Exception", "ExceptionModel"),
        ("Instant", "InstantModel"),
        ("Sql", "SqlModel"),
        ("Promise", "Promise"),
        ("1st", "V1st"),
    ],
)
def test_classes_never_take_a_name_the_code_means_otherwise(spec: str, java: str) -> None:
    assert java_class(spec) == java


def test_resources_packages_and_constants() -> None:
    assert resource_prefix("class") == "Class" and resource_prefix("health") == "HealthResource"
    assert [java_package_segment(n) for n in ("class", "model", "2fa", "user")] == [
        "pclass",
        "pmodel",
        "p2fa",
        "user",
    ]
    assert [java_constant(n) for n in ("createdAt", "1-star", "A B", "")] == [
        "CREATED_AT",
        "V1_STAR",
        "A_B",
        "EMPTY",
    ]


def test_one_scope_never_holds_a_name_twice() -> None:
    assert unique_names(["userId", "user_id", "user-id", "class"]) == [
        "userId",
        "userId2",
        "userId3",
        "class_",
    ]
    assert unique_names(["a-b", "a_b", "A B"], java_constant) == ["A_B", "A_B2", "A_B3"]
    assert unique_names(["body", "request", "limit", "rows"], taken=HANDLER_NAMES) == [
        "bodyParam",
        "requestParam",
        "limit",
        "rowsParam",
    ]


def test_sql_identifiers_are_always_quoted() -> None:
    assert sql_identifier("pets") == '"pets"'
    assert sql_identifier('we"ird') == '"we""ird"'


@pytest.mark.parametrize("project", [*CLEAN_PAIRS, *SCENARIOS])
def test_every_type_a_project_imports_is_a_taken_name(project: str) -> None:
    """A model class named like a type the model and resource files import would clash with it:
    the taken set lists every such simple name, and no generated class takes one."""
    contract = compile_files(*SCENARIOS[project]) if project in SCENARIOS else compile_pair(project)
    files = SpringEmitter().render(contract, "x")
    imported: set[str] = set()
    declared: set[str] = set()
    for file in files:
        if not file.path.startswith("src/main/java/") or file.path.endswith("/Application.java"):
            continue
        if file.path.rsplit("/", 2)[-2] in ("api", "config", "db"):
            continue
        imports = re.findall(r"^import ([\w.]+)\.([A-Z]\w*);$", file.content, re.MULTILINE)
        imported |= {name for module, name in imports if not module.endswith(".model")}
        declared.add(file.path.rsplit("/", 1)[-1].removesuffix(".java"))
    assert imported - TAKEN_TYPE_NAMES == set()
    assert declared & TAKEN_TYPE_NAMES == set()
