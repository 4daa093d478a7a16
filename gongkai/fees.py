"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) as pure functions.

Both methods are progressive (超额累进, 第三条): each unit is charged at the rate of the band it
falls in, so a total never jumps at a band boundary. An agency picks one method per
application and never both (第三条); whether a fee is due at all (数量、频次明显超过合理范围,
条例第四十二条) is the agency's decision, not this module's.

Amounts are whole yuan as ``Decimal``. Each result carries its working, one line per band, with
the clause it applies, so a fee notice can print how the amount was reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.errors import FeeInputError

MEASURE = "《政府信息公开信息处理费管理办法》"


@dataclass(frozen=True, slots=True)
class Band:
    """Units ``first``…``last`` (1-based, inclusive; ``last`` None: no upper end) at ``rate``
    yuan each, under ``clause`` of the 办法."""

    first: int
    last: int | None
    rate: Decimal
    clause: str


@dataclass(frozen=True, slots=True)
class Fee:
    """An amount in yuan and how it was reached: the basis first, then one line per band."""

    amount: Decimal
    steps: tuple[str, ...]


# 第四条 按件计收: the applicant's cumulative count of applications in one calendar month.
ITEM_BANDS = (
    Band(1, 10, Decimal(0), "第四条第（一）项"),
    Band(11, 30, Decimal(100), "第四条第（二）项"),
)
# 第四条第（三）项: above 30, bands of 10 items, each 100 yuan/item dearer than the one before.
# Read with the first band above 30 (31–40) already at 200 yuan/item: the common reading,
# UNCONFIRMED against an official worked example (regulations.md §3).
ITEM_STEP = 10
ITEM_STEP_RISE = Decimal(100)
ITEM_STEP_CLAUSE = "第四条第（三）项"

# 第五条 按量计收: pages provided for one application.
PAGE_BANDS = (
    Band(1, 30, Decimal(0), "第五条第（一）项"),
    Band(31, 100, Decimal(10), "第五条第（二）项"),
    Band(101, 200, Decimal(20), "第五条第（三）项"),
    Band(201, None, Decimal(40), "第五条第（四）项"),
)


# Upper bounds of the counts (FeeInputError above them). Far beyond any real application,
# they keep an amount within what a fee record holds (10 digits, 2 decimals: < 10^8 yuan):
# 1,000 items in a month come to 4,852,000 yuan, 1,000,000 pages to 39,997,300 yuan.
MAX_ITEMS = 1_000
MAX_PAGES = 1_000_000
# Above this many bands of 10 items the working names the stepped part in one line.
_ITEM_STEP_LINES = 6


def _item_band(k: int) -> Band:
    """The 按件 band holding the k-th application of the month (k ≥ 1)."""
    for band in ITEM_BANDS:
        if band.last is not None and k <= band.last:
            return band
    top = ITEM_BANDS[-1]
    assert top.last is not None
    index = (k - top.last - 1) // ITEM_STEP  # 0 for 31–40, 1 for 41–50, …
    first = top.last + 1 + index * ITEM_STEP
    rate = top.rate + ITEM_STEP_RISE * (index + 1)
    return Band(first, first + ITEM_STEP - 1, rate, ITEM_STEP_CLAUSE)


def _item_sum(n: int) -> Decimal:
    """The fees of the 1st…n-th application of a month together, in closed form (n ≥ 0).

    Above 30, with m = n − 30 items, q = m // 10 full bands and r = m % 10 left over, the
    rates are 200, 300, … per band: Σ = 100 × (2m + 10·q(q−1)/2 + q·r).
    """
    top = ITEM_BANDS[-1]
    assert top.last is not None
    below = sum(
        (b.rate * max(0, min(n, b.last or n) - b.first + 1) for b in ITEM_BANDS), Decimal(0)
    )
    m = max(0, n - top.last)
    q, r = divmod(m, ITEM_STEP)
    steps = 2 * m + ITEM_STEP * q * (q - 1) // 2 + q * r
    return below + ITEM_STEP_RISE * steps if m else below


def _page_band(page: int) -> Band:
    return next(b for b in PAGE_BANDS if b.last is None or page <= b.last)


def _span(first: int, last: int, unit: str) -> str:
    return f"第{first}{unit}" if first == last else f"第{first}—{last}{unit}"


def _band_line(first: int, last: int, band: Band, unit: str) -> tuple[Decimal, str]:
    count = last - first + 1
    span = _span(first, last, unit)
    if band.rate == 0:
        return Decimal(0), f"{span}：{count}{unit}，不收费（{band.clause}）"
    amount = band.rate * count
    return amount, f"{span}：{count}{unit} × {band.rate}元/{unit} = {amount}元（{band.clause}）"


def _progressive(first: int, last: int, unit: str, basis: str, *, items: bool) -> Fee:
    """Charge units ``first``…``last`` band by band; an empty range charges nothing.

    The work is bounded whatever the counts: pages have four bands; items above 30 come in
    bands of 10, and when more than a few are crossed they are summed in closed form and
    shown as one line.
    """
    band_of = _item_band if items else _page_band
    steps = [basis]
    total = Decimal(0)
    k = first
    lines = 0
    while k <= last:
        band = band_of(k)
        if items and band.clause == ITEM_STEP_CLAUSE and lines >= _ITEM_STEP_LINES:
            amount = _item_sum(last) - _item_sum(k - 1)
            total += amount
            steps.append(
                f"{_span(k, last, unit)}：{last - k + 1}{unit}，每{ITEM_STEP}件一档、"
                f"自{band.rate}元/{unit}起每档加{ITEM_STEP_RISE}元 = {amount}元（{band.clause}）"
            )
            break
        upto = last if band.last is None else min(band.last, last)
        amount, line = _band_line(k, upto, band, unit)
        total += amount
        steps.append(line)
        lines += 1
        k = upto + 1
    if first > last:
        steps.append(f"0{unit}，不收费")
    steps.append(f"合计：{total}元")
    return Fee(total, tuple(steps))


def per_item_fee(k: int) -> Decimal:
    """Fee in yuan for the ``k``-th application (1-based) of one applicant in one calendar
    month under 按件计收 (办法第四条): 0 up to the 10th, 100 for the 11th–30th, then
    100 × (2 + (k − 31) // 10): 200 for the 31st–40th, 300 for the 41st–50th, ….

    Raises FeeInputError when ``k`` < 1 or above MAX_ITEMS.
    """
    if k < 1:
        raise FeeInputError(f"按件计收的件次应从 1 起算（本月第几件申请），收到 {k}")
    if k > MAX_ITEMS:
        raise FeeInputError(f"按件计收的件次过大：{k}（同一申请人每月上限 {MAX_ITEMS} 件）")
    return _item_band(k).rate


def per_item_total(previous_in_month: int, items: int) -> Fee:
    """按件计收 (办法第四条) for ``items`` applications (after splitting by 一事一申请) of an
    applicant who had already made ``previous_in_month`` applications this calendar month.

    The amount is the sum of ``per_item_fee`` over the new applications' places in the month.
    Raises FeeInputError when either count is negative or together they pass MAX_ITEMS.
    """
    if previous_in_month < 0 or items < 0:
        raise FeeInputError(
            f"件数不能为负数：本月此前已申请 {previous_in_month} 件，本次 {items} 件"
        )
    if previous_in_month + items > MAX_ITEMS:
        raise FeeInputError(
            f"件数过大：本月此前已申请 {previous_in_month} 件，本次 {items} 件，"
            f"合计超过同一申请人每月上限 {MAX_ITEMS} 件，请核对"
        )
    basis = (
        f"按件计收（{MEASURE}第四条）：同一申请人本自然月此前已申请{previous_in_month}件，"
        f"本次{items}件，超额累进计算"
    )
    return _progressive(previous_in_month + 1, previous_in_month + items, "件", basis, items=True)


def per_page_fee(pages: int) -> Fee:
    """按量计收 (办法第五条) for ``pages`` pages provided for one application: the first 30
    free, pages 31–100 at 10 yuan, 101–200 at 20 yuan, from 201 on at 40 yuan (e.g. 250 pages
    = 4,700 yuan).

    How electronic data converts to pages is not settled here (regulations.md §3: UNCONFIRMED); the
    caller counts the pages. Raises FeeInputError when ``pages`` is negative or above
    MAX_PAGES.
    """
    if pages < 0:
        raise FeeInputError(f"页数不能为负数，收到 {pages}")
    if pages > MAX_PAGES:
        raise FeeInputError(f"页数过大：{pages} 页（上限 {MAX_PAGES} 页），请核对")
    basis = f"按量计收（{MEASURE}第五条）：共{pages}页，超额累进计算"
    return _progressive(1, pages, "页", basis, items=False)
