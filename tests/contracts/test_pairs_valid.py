"""The example contract pairs in contracts/: valid specs, SQL that parses into the expected tables,
clean pairs that agree column by column, and a defects pair whose EXPECTED.md points at real lines.

Fast and server-free: openapi-spec-validator for the specs, sqlglot (postgres) for the SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlglot
import yaml
from openapi_spec_validator import validate
from sqlglot import exp

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Pair:
    name: str
    sql_files: tuple[str, ...]
    tables: frozenset[str]
    enum_types: frozenset[str] = frozenset()


PAIRS = {
    "petstore": Pair("petstore", ("schema.sql",), frozenset({"categories", "pets"})),
    "clinic": Pair(
        "clinic",
        ("schema.sql",),
        frozenset({"species", "owners", "pets", "vets", "visits"}),
        frozenset({"visit_status"}),
    ),
    "library": Pair(
        "library",
        ("schema.sql",),
        frozenset({"authors", "genres", "books", "book_genres", "reviews"}),
    ),
    "shop": Pair(
        "shop",
        ("schema.sql",),
        frozenset({"categories", "products", "reviews"}),
    ),
    "defects": Pair(
        "defects",
        ("schema.sql", "schema-typo.sql"),
        frozenset({"authors", "books", "loans"}),
        frozenset({"book_format"}),
    ),
}
CLEAN_PAIRS = ("petstore", "clinic", "library", "shop")

# Component schema -> (table, is it a create body?). What a binder should find, stated by hand.
BINDINGS: dict[str, dict[str, tuple[str, bool]]] = {
    "petstore": {
        "NewPet": ("pets", True),
        "Pet": ("pets", False),
        "Category": ("categories", True),
    },
    "clinic": {
        "Species": ("species", True),
        "Owner": ("owners", True),
        "OwnerPatch": ("owners", False),
        "Pet": ("pets", True),
        "Vet": ("vets", True),
        "Visit": ("visits", True),
    },
    "library": {
        "Author": ("authors", True),
        "Genre": ("genres", True),
        "BookInput": ("books", True),
        "Book": ("books", False),
        "Review": ("reviews", True),
    },
    "shop": {
        "Category": ("categories", True),
        "ProductInput": ("products", True),
        "ProductPatch": ("products", False),
        "Product": ("products", False),
        "ReviewInput": ("reviews", True),
        "Review": ("reviews", False),
    },
}
# Properties holding related rows rather than a column: schema.property -> the related table.
RELATED = {
    "library": {
        "Book.author": "authors",
        "Book.genres": "genres",
        "Book.reviews": "reviews",
        "BookInput.genres": "genres",
    }
}
# NOT NULL columns a nested create takes from the path, not the body.
PATH_KEYS = {
    "clinic": {"pets": {"owner_id"}},
    "library": {"reviews": {"book_id"}},
    "shop": {"reviews": {"product_id"}},
}
CUSTOM_OPERATIONS = {"completeVisit", "getBestsellers"}


# --- reading the inputs ---------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnFacts:
    name: str
    type: exp.DataType
    nullable: bool
    has_default: bool  # DEFAULT, identity or serial: an INSERT may omit it
    allowed: tuple[str, ...]  # enum type values or CHECK (col IN (...)) values


@dataclass(frozen=True)
class TableFacts:
    columns: dict[str, ColumnFacts]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, referenced table, ON DELETE action)
    has_unique: bool  # UNIQUE constraint or a natural (non-generated) primary key


def load_spec(pair: str) -> dict[str, Any]:
    return yaml.safe_load((CONTRACTS / pair / "openapi.yaml").read_text(encoding="utf-8"))


def parse_sql(pair: Pair) -> list[exp.Expression]:
    text = "\n".join(
        (CONTRACTS / pair.name / f).read_text(encoding="utf-8") for f in pair.sql_files
    )
    return [s for s in sqlglot.parse(text, dialect="postgres") if s is not None]


def enum_types(statements: list[exp.Expression]) -> dict[str, tuple[str, ...]]:
    return {
        s.this.name: tuple(v.name for v in s.expression.expressions)
        for s in statements
        if isinstance(s, exp.Create) and s.args.get("kind") == "TYPE"
    }


def _constraint_kinds(column: exp.ColumnDef) -> list[exp.Expression]:
    return [c.args["kind"] for c in column.args.get("constraints") or []]


def _check_values(column: exp.ColumnDef) -> tuple[str, ...]:
    for kind in _constraint_kinds(column):
        if isinstance(kind, exp.CheckColumnConstraint) and isinstance(kind.this, exp.In):
            return tuple(v.name for v in kind.this.expressions)
    return ()


def _on_delete(reference: exp.Reference) -> str:
    match = re.search(
        r"ON DELETE (SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION)", reference.sql("postgres")
    )
    return match.group(1) if match else "NO ACTION"


def tables(statements: list[exp.Expression]) -> dict[str, TableFacts]:
    enums = enum_types(statements)
    result: dict[str, TableFacts] = {}
    for stmt in statements:
        if not (isinstance(stmt, exp.Create) and stmt.args.get("kind") == "TABLE"):
            continue
        columns: dict[str, ColumnFacts] = {}
        foreign_keys: list[tuple[str, str, str]] = []
        has_unique = any(
            isinstance(c, exp.Constraint) and "UNIQUE" in c.sql() for c in stmt.this.expressions
        )
        for col in stmt.this.find_all(exp.ColumnDef):
            kinds = _constraint_kinds(col)
            generated = any(isinstance(k, exp.GeneratedAsIdentityColumnConstraint) for k in kinds)
            serial = col.args["kind"].this in (
                exp.DataType.Type.SERIAL,
                exp.DataType.Type.BIGSERIAL,
            )
            has_default = (
                generated
                or serial
                or any(isinstance(k, exp.DefaultColumnConstraint) for k in kinds)
            )
            is_key = any(isinstance(k, exp.PrimaryKeyColumnConstraint) for k in kinds)
            not_null = is_key or any(isinstance(k, exp.NotNullColumnConstraint) for k in kinds)
            has_unique |= (is_key and not has_default) or any(
                isinstance(k, exp.UniqueColumnConstraint) for k in kinds
            )
            for ref in (k for k in kinds if isinstance(k, exp.Reference)):
                foreign_keys.append((col.name, ref.this.this.name, _on_delete(ref)))
            type_name = col.args["kind"].sql("postgres").lower()
            allowed = enums.get(type_name, ()) or _check_values(col)
            columns[col.name] = ColumnFacts(
                col.name, col.args["kind"], not not_null, has_default, allowed
            )
        result[stmt.this.this.name] = TableFacts(columns, tuple(foreign_keys), has_unique)
    return result


def deref(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for token in node["$ref"].lstrip("#/").split("/"):
            target = target[token]
        node = target
    return node


def object_view(spec: dict[str, Any], schema: Any) -> tuple[dict[str, Any], set[str]]:
    """Properties (dereferenced) and required names of an object schema, allOf merged."""
    schema = deref(spec, schema)
    properties = {name: deref(spec, sub) for name, sub in schema.get("properties", {}).items()}
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        more, more_required = object_view(spec, part)
        properties.update(more)
        required |= more_required
    return properties, required


def is_nullable(prop: dict[str, Any]) -> bool:
    types = prop.get("type")
    return bool(prop.get("nullable")) or (isinstance(types, list) and "null" in types)


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], list[dict[str, Any]]]]:
    """(path, method, operation, parameters incl. path-level) for every operation."""
    found = []
    for path, item in spec["paths"].items():
        shared = [deref(spec, p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method in item:
                op = item[method]
                found.append(
                    (path, method, op, shared + [deref(spec, p) for p in op.get("parameters", [])])
                )
    return found


# --- validity -------------------------------------------------------------------------------


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_spec_is_valid_openapi(pair: str) -> None:
    validate(load_spec(pair))


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_sql_declares_the_expected_tables_and_enums(pair: str) -> None:
    statements = parse_sql(PAIRS[pair])
    assert not [s for s in statements if isinstance(s, exp.Command)], "sqlglot fell back to Command"
    assert set(tables(statements)) == PAIRS[pair].tables
    assert set(enum_types(statements)) == PAIRS[pair].enum_types


def test_clinic_covers_the_required_database_features() -> None:
    facts = tables(parse_sql(PAIRS["clinic"]))
    assert facts["owners"].columns["id"].type.this is exp.DataType.Type.UUID
    assert facts["species"].columns["code"].type.this is exp.DataType.Type.VARCHAR
    assert facts["visits"].columns["status"].allowed == (
        "scheduled",
        "in_progress",
        "completed",
        "cancelled",
    )
    assert facts["pets"].columns["sex"].allowed == ("female", "male", "unknown")
    assert facts["pets"].columns["attributes"].type.this is exp.DataType.Type.JSONB
    assert facts["visits"].columns["fee"].type.sql("postgres") == "DECIMAL(10, 2)"
    assert ("vet_id", "vets", "SET NULL") in facts["visits"].foreign_keys


# --- the clean pairs agree with their tables ------------------------------------------------

VARCHAR_TYPES = (exp.DataType.Type.VARCHAR, exp.DataType.Type.CHAR)
INT_FORMATS = {
    exp.DataType.Type.INT: "int32",
    exp.DataType.Type.BIGINT: "int64",
    exp.DataType.Type.BIGSERIAL: "int64",
}
STRING_FORMATS = {
    exp.DataType.Type.UUID: "uuid",
    exp.DataType.Type.DATE: "date",
    exp.DataType.Type.TIMESTAMPTZ: "date-time",
}


def _type_mismatches(prop: dict[str, Any], column: ColumnFacts) -> list[str]:
    kind = column.type.this
    params = [int(p.name) for p in column.type.expressions]
    json_type = next(
        t
        for t in ([prop["type"]] if isinstance(prop["type"], str) else prop["type"])
        if t != "null"
    )
    problems: list[str] = []
    if kind in VARCHAR_TYPES:
        if "enum" in prop:  # an enum bounds the length by itself
            if max(len(v) for v in prop["enum"]) > params[0]:
                problems.append(f"enum value longer than {column.type.sql('postgres')}")
        elif (json_type, prop.get("maxLength")) != ("string", params[0]):
            problems.append(f"maxLength {prop.get('maxLength')} vs {column.type.sql('postgres')}")
    if kind in INT_FORMATS and (json_type, prop.get("format")) != ("integer", INT_FORMATS[kind]):
        problems.append(f"{json_type}/{prop.get('format')} vs {kind.name}")
    if kind is exp.DataType.Type.SMALLINT and not (
        -32768 <= prop["minimum"] <= prop["maximum"] <= 32767
    ):
        problems.append("range exceeds SMALLINT")
    if kind in STRING_FORMATS and prop.get("format") != STRING_FORMATS[kind]:
        problems.append(f"format {prop.get('format')} vs {kind.name}")
    if kind is exp.DataType.Type.DECIMAL:
        precision, scale = params
        if prop["maximum"] >= 10 ** (precision - scale) or prop["multipleOf"] != 10**-scale:
            problems.append("number range or step exceeds the NUMERIC column")
    if column.allowed and tuple(prop.get("enum", ())) != column.allowed:
        problems.append(f"enum {prop.get('enum')} vs {column.allowed}")
    if is_nullable(prop) != column.nullable:
        problems.append("nullability differs")
    return problems


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_every_property_matches_its_column(pair: str) -> None:
    spec, facts = load_spec(pair), tables(parse_sql(PAIRS[pair]))
    problems = []
    for schema_name, (table, _) in BINDINGS[pair].items():
        properties, _ = object_view(spec, spec["components"]["schemas"][schema_name])
        for name, prop in properties.items():
            related = RELATED.get(pair, {}).get(f"{schema_name}.{name}")
            if related is not None:
                assert related in facts, f"{schema_name}.{name}: no table {related}"
                continue
            column = facts[table].columns.get(snake_case(name))
            if column is None:
                problems.append(f"{schema_name}.{name}: no column {table}.{snake_case(name)}")
                continue
            problems += [f"{schema_name}.{name}: {p}" for p in _type_mismatches(prop, column)]
    assert problems == []


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_create_bodies_require_exactly_the_columns_without_a_default(pair: str) -> None:
    spec, facts = load_spec(pair), tables(parse_sql(PAIRS[pair]))
    for schema_name, (table, is_create) in BINDINGS[pair].items():
        if not is_create:
            continue
        properties, required = object_view(spec, spec["components"]["schemas"][schema_name])
        needed = {
            c.name for c in facts[table].columns.values() if not c.nullable and not c.has_default
        }
        needed -= PATH_KEYS.get(pair, {}).get(table, set())
        writable_required = {
            snake_case(n)
            for n in required
            if not properties[n].get("readOnly")
            and f"{schema_name}.{n}" not in RELATED.get(pair, {})
        }
        assert writable_required == needed, schema_name


# --- the clean pairs document every failure the backend can produce -------------------------


def _table_of(path: str, known: set[str]) -> str | None:
    segments = [s for s in path.split("/") if s and not s.startswith("{")]
    return segments[-1] if segments and segments[-1] in known else None


def _expected_failures(
    spec: dict[str, Any],
    facts: dict[str, TableFacts],
    path: str,
    method: str,
    op: dict[str, Any],
    params: list,
) -> set[str]:
    expected: set[str] = set()
    table = _table_of(path, set(facts))
    if op["operationId"] in CUSTOM_OPERATIONS or table is None:
        expected.add("501")
    if any(p["in"] == "path" for p in params):
        expected.add("404")
    requirements = op.get("security", spec.get("security", []))
    if any(req for req in requirements):
        expected.add("401")
    if any(scopes for req in requirements for scopes in req.values()):
        expected.add("403")
    if (
        table
        and method in ("post", "put", "patch")
        and (facts[table].foreign_keys or facts[table].has_unique)
    ):
        expected.add("409")
    if table and method == "delete":
        referencing = [fk for t in facts.values() for fk in t.foreign_keys if fk[1] == table]
        if any(action in ("RESTRICT", "NO ACTION") for _, _, action in referencing):
            expected.add("409")
    return expected


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_operations_document_exactly_the_failures_they_can_produce(pair: str) -> None:
    spec, facts = load_spec(pair), tables(parse_sql(PAIRS[pair]))
    for path, method, op, params in operations(spec):
        documented = {code for code in op["responses"] if not code.startswith("2")}
        invalid = documented & {"400", "422"}
        can_be_invalid = bool(params) or "requestBody" in op
        assert len(invalid) == (1 if can_be_invalid else 0), op["operationId"]
        expected = _expected_failures(spec, facts, path, method, op, params)
        if op["operationId"] in CUSTOM_OPERATIONS:
            # the user's handler may answer more than the generated stub can
            assert expected <= documented - invalid, op["operationId"]
        else:
            assert documented - invalid == expected, op["operationId"]


@pytest.mark.parametrize("pair", CLEAN_PAIRS)
def test_creates_answer_201_with_location_and_secured_failures_carry_www_authenticate(
    pair: str,
) -> None:
    spec = load_spec(pair)
    for _, method, op, _ in operations(spec):
        responses = {code: deref(spec, r) for code, r in op["responses"].items()}
        if method == "post" and op["operationId"] not in CUSTOM_OPERATIONS:
            assert "Location" in responses["201"]["headers"], op["operationId"]
        if "401" in responses:
            assert "WWW-Authenticate" in responses["401"]["headers"], op["operationId"]


# --- the defects pair -----------------------------------------------------------------------

DEFECT_CODES = {
    "CC101",
    "CC102",
    "CC103",
    "CC104",
    "CC105",
    "CC106",
    "CC108",
    "CC109",
    "CC110",
    "CC303",
}
EXPECTED_ROW = re.compile(
    r"^\|\s*(CC\d{3})\s*\|\s*`([^`:]+):(\d+)`\s*\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|"
)


def test_expected_md_names_every_defect_at_a_line_that_holds_it() -> None:
    rows = [
        m.groups()
        for line in (CONTRACTS / "defects" / "EXPECTED.md").read_text().splitlines()
        if (m := EXPECTED_ROW.match(line))
    ]
    assert {code for code, *_ in rows} == DEFECT_CODES
    for code, file, line, token, column in rows:
        text = (CONTRACTS / "defects" / file).read_text(encoding="utf-8").splitlines()
        assert text[int(line) - 1].find(token) + 1 == int(column), (
            f"{code}: {token!r} not at {file}:{line}:{column}"
        )


def test_the_typo_is_the_only_type_sqlglot_cannot_name() -> None:
    statements = parse_sql(PAIRS["defects"])
    known = set(enum_types(statements))
    unknown = [
        (name, col.name)
        for name, table in tables(statements).items()
        for col in table.columns.values()
        if col.type.this is exp.DataType.Type.USERDEFINED
        and col.type.sql("postgres").lower() not in known
    ]
    assert unknown == [("loans", "returned_at")]
