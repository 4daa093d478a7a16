"""One search service on both databases: trigram full text for 3+ characters, LIKE for 1–2,
over title, document number, index number and body; every term must match."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gongkai_web.catalogue import search, services
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import Item
from tests.web.conftest import Personas


@pytest.fixture
def three(cat: Personas, publish: Callable[..., Item]) -> list[Item]:
    return [
        publish(
            title="关于印发城市更新实施办法的通知", doc_no="示政发〔2025〕12号", body="老旧小区改造"
        ),
        publish(title="科技创新券管理办法政策解读", doc_no="", body="中小企业可申领创新券"),
        publish(title="2025年财政预算公开", doc_no="示财〔2025〕1号", body="一般公共预算收入"),
    ]


@pytest.fixture(params=[search.PROBE, 1], ids=["index-route", "scan-route"])
def route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """On SQLite a query with many matches is scanned with LIKE instead: PROBE=1 forces that
    route, and both must give the same items."""
    monkeypatch.setattr(search, "PROBE", request.param)


def _titles(query: str) -> set[str]:
    return {i.title for i in search.match(Item.objects.all(), query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("城市更新", {0}),  # title, 3+ characters: the trigram index
        ("老旧小区", {0}),  # body
        ("示政发〔2025〕12号", {0}),  # document number
        ("办法", {0, 1}),  # 2 characters: LIKE
        ("券", {1}),  # 1 character
        ("管理办法 创新券", {1}),  # every term
        ("预算 城市", set()),
        ("不存在的词语", set()),
    ],
)
def test_it_finds_by_title_body_doc_no_and_short_terms(
    three: list[Item], query: str, expected: set[int], route: None
) -> None:
    assert _titles(query) == {three[i].title for i in expected}


def test_it_finds_by_index_number_and_follows_edits(three: list[Item], cat: Personas) -> None:
    assert _titles(three[2].index_no[-10:]) == {three[2].title}
    draft = services.create_item(
        cat.agency_a,
        {
            "title": "草稿标题甲乙丙",
            "issuing_body": "某局",
            "formed_on": three[0].formed_on,
            "category": three[0].category,
        },
        cat.handler,
    )
    services.update_item(draft, {"title": "改后标题丁戊己"}, cat.handler)
    assert _titles("甲乙丙") == set() and _titles("丁戊己") == {"改后标题丁戊己"}


def test_like_wildcards_are_literal(three: list[Item]) -> None:
    assert _titles("%") == set() and _titles("_") == set()


def test_overlong_queries_are_refused_in_chinese() -> None:
    with pytest.raises(CatalogueError, match="过长"):
        search.terms("字" * 101)
    with pytest.raises(CatalogueError, match="过多"):
        search.terms("一 二 三 四 五 六")


def test_an_exact_index_or_document_number_finds_that_item(three: list[Item]) -> None:
    assert _titles(three[1].index_no) == {three[1].title}
    assert _titles("示财〔2025〕1号") == {three[2].title}
