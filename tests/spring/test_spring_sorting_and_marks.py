"""Sorting and soft delete as the Spring project renders them (no server; the shop scenario in
test_spring_e2e.py proves them on a running one): a whitelist per sorted list, the live
condition in every statement of a marked table, and nothing of either where the contract asks
for neither."""

from __future__ import annotations

import pytest
from builders import database

from compiler.binder.soft_delete import soft_delete_of
from emitters.spring import SpringEmitter
from emitters.spring.soft_delete import deletion_mark
from tests.spring.spring_projects import SCENARIOS, compile_files, compile_pair


def _files(contract: object) -> dict[str, str]:
    """File name (without folders) -> content of the rendered project."""
    return {f.path.rsplit("/", 1)[-1]: f.content for f in SpringEmitter().render(contract, "x")}


@pytest.fixture(scope="module")
def shop() -> dict[str, str]:
    return _files(compile_pair("shop"))


def test_a_sorted_list_chooses_its_order_through_a_whitelist(shop: dict[str, str]) -> None:
    products = shop["ProductsService.java"]
    assert "private static final Map<String, Sorting.Choice> LIST_PRODUCTS_SORT =" in products
    assert 'Map.entry("-priceCents", Sorting.descending("price_cents")),' in products
    assert 'Map.entry("name", Sorting.requested("name")),' in products
    assert "Sorting.orderBy(LIST_PRODUCTS_SORT, Sorting.split(sort), null);" in products
    assert "repository.findAll(where, rowOrder, rowLimit, rowOffset);" in products
    reviews = shop["ReviewsService.java"]  # one value, and a separate asc/desc parameter
    assert "Sorting.orderBy(LIST_REVIEWS_SORT, Sorting.single(sort), order);" in reviews
    assert "SQL.select(where.keySet(), order, true)" in shop["ProductsRepository.java"]
    assert "Sorting.java" in shop


def test_every_statement_of_a_marked_table_sees_live_rows_only(shop: dict[str, str]) -> None:
    products = shop["ProductsRepository.java"]
    assert '"\\"deleted_at\\" IS NULL");' in products  # the Sql of the table: every WHERE
    assert 'Map<String, Object> mark = Map.of("deleted_at", OffsetDateTime.now());' in products
    assert "SQL.mark(mark.keySet(), key.keySet())" in products
    assert "SQL.delete(" not in products
    reviews = shop["ReviewsRepository.java"]
    assert '"\\"is_deleted\\" = FALSE");' in reviews
    assert 'Map.of("is_deleted", true);' in reviews
    parent = 'parents.require("products", "id", productId, "\\"deleted_at\\" IS NULL");'
    assert shop["ReviewsService.java"].count(parent) == 3  # list, create and delete
    categories = shop["CategoriesRepository.java"]  # no mark: removed, as before
    assert "SQL.delete(key.keySet())" in categories and "IS NULL" not in categories


@pytest.mark.parametrize("pair", ["petstore", "library", "clinic"])
def test_a_contract_without_sort_or_mark_gets_neither(pair: str) -> None:
    files = _files(compile_pair(pair))
    assert "Sorting.java" not in files
    for name, content in files.items():
        if name.endswith(("Repository.java", "Service.java")):
            assert "SQL.mark(" not in content and "Sorting." not in content, name
            assert "List<Sql.Order>" not in content, name


def test_related_arrays_leave_marked_rows_out() -> None:
    authors = _files(compile_files(*SCENARIOS["marks"]))["AuthorsRepository.java"]
    assert (
        '+ " WHERE \\"author_id\\" IN (:keys)"\n          + " AND \\"is_deleted\\" = 0"' in authors
    )
    qualified = '\\"tags\\".\\"deleted_at\\"'  # a join names the related table's mark
    assert f'+ " AND {qualified} = 0"' in authors


@pytest.mark.parametrize(
    ("column", "live", "value"),
    [
        ("deleted_at TIMESTAMPTZ", '"deleted_at" IS NULL', "OffsetDateTime.now()"),
        ("deleted_on DATE", '"deleted_on" IS NULL', "LocalDate.now(ZoneOffset.UTC)"),
        ("deleted_at BIGINT NOT NULL DEFAULT 0", '"deleted_at" = 0', "System.currentTimeMillis()"),
        (
            "deleted_at_m BIGINT",
            '("deleted_at_m" IS NULL OR "deleted_at_m" = 0)',
            "System.currentTimeMillis()",
        ),
        ("is_deleted INTEGER NOT NULL DEFAULT 0", '"is_deleted" = 0', "1"),
        ("is_deleted BOOLEAN", '("is_deleted" IS NULL OR "is_deleted" = FALSE)', "true"),
    ],
)
def test_each_kind_of_mark_has_its_live_condition_and_value(
    column: str, live: str, value: str
) -> None:
    table = database(f"CREATE TABLE things (id INT PRIMARY KEY, {column});").tables[0]
    found = soft_delete_of(table)
    assert found is not None
    mark = deletion_mark(found, table)
    assert (mark.live, mark.value) == (live, value)
