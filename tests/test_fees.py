"""信息处理费 (国办函〔2020〕109号): tier tables, the worked example of the spec, properties."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.errors import FeeInputError, GongkaiError
from gongkai.fees import MAX_ITEMS, MAX_PAGES, Fee, per_item_fee, per_item_total, per_page_fee

counts = st.integers(min_value=0, max_value=MAX_ITEMS // 3)


@pytest.mark.parametrize(
    ("k", "fee"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (131, 1200),
    ],
)
def test_per_item_fee_follows_article_4_bands(k: int, fee: int) -> None:
    assert per_item_fee(k) == Decimal(fee)


@pytest.mark.parametrize(
    ("previous", "items", "total"),
    [
        (0, 0, 0),
        (0, 10, 0),
        (0, 11, 100),
        (0, 30, 2_000),
        (0, 40, 4_000),
        (25, 10, 1_500),  # 5 × 100 + 5 × 200
        (30, 1, 200),
        (9, 3, 200),  # the 10th free, 11th and 12th at 100
    ],
)
def test_per_item_total_table(previous: int, items: int, total: int) -> None:
    assert per_item_total(previous, items).amount == Decimal(total)


@pytest.mark.parametrize(
    ("pages", "total"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2_700),
        (201, 2_740),
        (250, 4_700),  # the spec's worked example: 0 + 70×10 + 100×20 + 50×40
    ],
)
def test_per_page_fee_table(pages: int, total: int) -> None:
    assert per_page_fee(pages).amount == Decimal(total)


def test_per_page_fee_explains_each_band_with_its_clause() -> None:
    fee = per_page_fee(250)
    assert isinstance(fee, Fee)
    assert "第五条" in fee.steps[0]
    assert fee.steps[1:-1] == (
        "第1—30页：30页，不收费（第五条第（一）项）",
        "第31—100页：70页 × 10元/页 = 700元（第五条第（二）项）",
        "第101—200页：100页 × 20元/页 = 2000元（第五条第（三）项）",
        "第201—250页：50页 × 40元/页 = 2000元（第五条第（四）项）",
    )
    assert fee.steps[-1] == "合计：4700元"


def test_per_item_total_explains_the_bands_it_crosses() -> None:
    fee = per_item_total(25, 10)
    assert "第四条" in fee.steps[0] and "此前已申请25件" in fee.steps[0]
    assert fee.steps[1] == "第26—30件：5件 × 100元/件 = 500元（第四条第（二）项）"
    assert fee.steps[2] == "第31—35件：5件 × 200元/件 = 1000元（第四条第（三）项）"


def test_fee_is_a_frozen_value() -> None:
    fee = per_page_fee(40)
    with pytest.raises(AttributeError):
        fee.amount = Decimal(0)  # type: ignore[misc]


@pytest.mark.parametrize(
    "call",
    [
        lambda: per_item_fee(0),
        lambda: per_item_fee(-1),
        lambda: per_item_total(-1, 3),
        lambda: per_item_total(3, -1),
        lambda: per_page_fee(-5),
    ],
)
def test_it_rejects_impossible_counts_with_a_gongkai_error(call: Callable[[], object]) -> None:
    with pytest.raises(FeeInputError) as caught:
        call()
    assert isinstance(caught.value, GongkaiError)
    assert "负数" in str(caught.value) or "从 1 起算" in str(caught.value)


@given(st.integers(min_value=1, max_value=MAX_ITEMS - 1))
def test_per_item_fee_never_falls(k: int) -> None:
    assert per_item_fee(k + 1) >= per_item_fee(k)


@given(st.integers(min_value=1, max_value=MAX_ITEMS - 1))
def test_per_item_fee_matches_the_closed_formula(k: int) -> None:
    if k <= 10:
        expected = 0
    elif k <= 30:
        expected = 100
    else:
        expected = 100 * (2 + (k - 31) // 10)
    assert per_item_fee(k) == Decimal(expected)


@given(counts, st.integers(min_value=0, max_value=200))
def test_per_item_total_is_the_sum_of_the_single_fees(previous: int, items: int) -> None:
    expected = sum((per_item_fee(previous + i) for i in range(1, items + 1)), Decimal(0))
    assert per_item_total(previous, items).amount == expected


@given(counts, counts, counts)
def test_per_item_total_is_additive_over_a_split(previous: int, a: int, b: int) -> None:
    whole = per_item_total(previous, a + b).amount
    assert whole == per_item_total(previous, a).amount + per_item_total(previous + a, b).amount


@given(counts)
def test_per_page_fee_never_falls_and_each_page_adds_one_band_rate(pages: int) -> None:
    step = per_page_fee(pages + 1).amount - per_page_fee(pages).amount
    # continuous tiers: one more page adds that page's own rate, never a jump at a boundary
    page = pages + 1
    rate = 0 if page <= 30 else 10 if page <= 100 else 20 if page <= 200 else 40
    assert step == Decimal(rate)


@given(counts)
def test_per_page_fee_steps_sum_to_the_amount(pages: int) -> None:
    fee = per_page_fee(pages)
    charged = [s for s in fee.steps[1:-1] if "不收费" not in s]
    parts = [Decimal(s.split("= ")[1].split("元")[0]) for s in charged]
    assert sum(parts, Decimal(0)) == fee.amount
    assert fee.steps[-1] == f"合计：{fee.amount}元"


@given(st.integers(min_value=0, max_value=MAX_ITEMS), st.integers(min_value=0, max_value=MAX_ITEMS))
def test_per_item_total_in_closed_form_is_the_sum_of_the_single_fees(a: int, b: int) -> None:
    previous, items = min(a, b), max(a, b) - min(a, b)
    expected = sum((per_item_fee(previous + i) for i in range(1, items + 1)), Decimal(0))
    fee = per_item_total(previous, items)
    assert fee.amount == expected
    assert len(fee.steps) <= 10  # the working stays short however many bands are crossed
    charged = [s for s in fee.steps[1:-1] if "不收费" not in s and "= " in s]
    assert sum((Decimal(s.split("= ")[1].split("元")[0]) for s in charged), Decimal(0)) == expected


def test_a_month_of_many_applications_is_summed_in_one_line_after_six_lines() -> None:
    fee = per_item_total(0, 1_000)
    # 2000 below 31; then 97 bands of 10 at 200…9800 yuan/item: 10 × 100 × Σ(2…98)
    assert fee.amount == Decimal(2_000 + 10 * 100 * sum(range(2, 99)))
    assert fee.steps[-2].startswith("第71—1000件：930件，每10件一档、自600元")


@pytest.mark.parametrize(
    ("call", "bound"),
    [
        (lambda: per_page_fee(10**18), f"上限 {MAX_PAGES} 页"),
        (lambda: per_page_fee(MAX_PAGES + 1), f"上限 {MAX_PAGES} 页"),
        (lambda: per_item_total(0, 10**18), f"每月上限 {MAX_ITEMS} 件"),
        (lambda: per_item_total(MAX_ITEMS, 1), f"每月上限 {MAX_ITEMS} 件"),
        (lambda: per_item_fee(10**18), f"每月上限 {MAX_ITEMS} 件"),
    ],
)
def test_counts_above_the_bound_are_refused_with_a_message(
    call: Callable[[], object], bound: str
) -> None:
    with pytest.raises(FeeInputError) as caught:
        call()
    assert bound in str(caught.value) and "过大" in str(caught.value)


def test_the_largest_counts_allowed_fit_a_fee_record() -> None:
    # the fee record's amount holds 10 digits with 2 decimals
    assert per_page_fee(MAX_PAGES).amount < Decimal(10) ** 8
    assert per_item_total(0, MAX_ITEMS).amount < Decimal(10) ** 8
