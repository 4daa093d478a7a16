"""A year's figures from the office's records, in the form of the year: the cells of tables
2, 3 and 4, and the facts section 一 and section 六 state (applications by channel, fees).

Table 2 comes from the proactive-disclosure registers when the catalogue app is installed
(``gongkai_web.catalogue.table2.table2_cells``); otherwise it is entered by hand.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.db.models import Count, Sum

from gongkai.catalogue.forms import T3_COLUMNS, Template, cell_ids, t2_cell_ids
from gongkai.render.model import CellValue, template_for_year
from gongkai_web.accounts.models import Agency
from gongkai_web.annual.tables import table3, table4
from gongkai_web.applications.models import CHANNELS, Application, FeeNotice

_OTHER_ROWS = ("other.no_correction", "other.no_fee", "other.other")
Cells = dict[str, CellValue]
_SUITS = ("suit_direct", "suit_after_review")
_T4_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)


def table2_function() -> Callable[[Agency, int], Mapping[str, CellValue]] | None:
    """The catalogue's table-2 counter, or None while that app is not installed."""
    if not django_apps.is_installed("gongkai_web.catalogue"):
        return None
    try:
        module = importlib.import_module("gongkai_web.catalogue.table2")
    except ModuleNotFoundError:
        return None
    function = getattr(module, "table2_cells", None)
    return function if callable(function) else None


def in_template(template: Template, t3: Mapping[str, int]) -> dict[str, int]:
    """Table 3 counted on the 2021 rows, in ``template``'s rows: the 2019 form has one
    其他处理 row, the sum of the 2021 form's three."""
    if template is Template.T2021:
        return dict(t3)
    out = {k: v for k, v in t3.items() if not k.startswith("t3.other.")}
    for column in T3_COLUMNS:
        out[f"t3.other.{column.id}"] = sum(t3[f"t3.{row}.{column.id}"] for row in _OTHER_ROWS)
    return out


def computed_cells(agency: Agency, year: int) -> tuple[Cells, bool]:
    """Tables 3 and 4 from the cases, table 2 from the registers when they exist.

    Returns the cells in the year's form and whether table 2 came from the registers
    (False: its cells are absent, to be entered by hand)."""
    template = template_for_year(year)
    cells: Cells = {}
    function = table2_function()
    if function is not None:
        wanted = set(t2_cell_ids(template))
        cells.update({k: v for k, v in function(agency, year).items() if k in wanted})
    cells.update(in_template(template, table3(year, [agency.pk])))
    cells.update(table4(year, [agency.pk]))
    order = {cid: i for i, cid in enumerate(cell_ids(template))}
    return dict(sorted(cells.items(), key=lambda kv: order[kv[0]])), function is not None


@dataclass(frozen=True)
class YearFacts:
    """What section 一 and section 六 state beyond the tables."""

    by_channel: list[tuple[str, int]]  # applications received in the year, by channel
    published: int | None  # catalogue items published in the year (None: no catalogue)
    published_by_channel: list[tuple[str, int]]  # the same by publication channel
    fee_notices: int  # fee notices served in the year
    fees_paid: int  # of which paid in the year
    fee_amount: Decimal  # 信息处理费 collected in the year, yuan


def year_facts(agency: Agency, year: int) -> YearFacts:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    received = Application.objects.filter(agency=agency, received__gte=start, received__lte=end)
    counts = dict(
        received.values_list("channel").annotate(n=Count("id")).values_list("channel", "n")
    )
    names = dict(CHANNELS)
    by_channel = [(names[c], counts[c]) for c, _ in CHANNELS if counts.get(c)]
    fees = FeeNotice.objects.filter(application__agency=agency)
    served = fees.filter(served__gte=start, served__lte=end).count()
    paid = fees.filter(paid__gte=start, paid__lte=end)
    amount = paid.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    published, published_by_channel = _published(agency, year)
    return YearFacts(
        by_channel, published, published_by_channel, served, paid.count(), Decimal(amount)
    )


def _published(agency: Agency, year: int) -> tuple[int | None, list[tuple[str, int]]]:
    """Items the catalogue published in ``year``, in all and per channel (an item on two
    channels counts under each); None while the catalogue app is not installed."""
    if not django_apps.is_installed("gongkai_web.catalogue"):
        return None, []
    from gongkai_web.catalogue.defaults import CHANNELS as PUBLICATION_CHANNELS
    from gongkai_web.catalogue.models import Item, ItemStatus

    items = Item.objects.filter(
        agency=agency,
        status=ItemStatus.PUBLISHED,
        published_on__gte=dt.date(year, 1, 1),
        published_on__lte=dt.date(year, 12, 31),
    )
    counts: dict[str, int] = {}
    total = 0
    for channels in items.values_list("channels", flat=True):
        total += 1
        for channel in channels or []:
            counts[channel] = counts.get(channel, 0) + 1
    names = dict(PUBLICATION_CHANNELS)
    return total, [(names.get(c, c), n) for c, n in sorted(counts.items(), key=lambda kv: -kv[1])]


def _n(cells: Mapping[str, Any], cid: str) -> int:
    value = cells.get(cid)
    return int(value) if value is not None else 0


def fee_statement(year: int, facts: YearFacts) -> str:
    """Section 六's statement of the 信息处理费 (the 2021 form asks for it there)."""
    if not facts.fee_notices and not facts.fees_paid:
        return f"{year}年，本机关未向申请人收取信息处理费。"
    return (
        f"{year}年，本机关依据《政府信息公开信息处理费管理办法》发出收费通知{facts.fee_notices}件，"
        f"申请人缴费{facts.fees_paid}件，共收取信息处理费{_yuan(facts.fee_amount)}元。"
    )


def _yuan(amount: Decimal) -> str:
    return format(amount.quantize(Decimal("0.01")), "f")


def overview_text(agency: Agency, year: int, cells: Mapping[str, Any], facts: YearFacts) -> str:
    """Section 一 drafted from the year's real figures: proactive disclosure (table 2),
    applications received (by channel) and handled, reviews and lawsuits, fees."""
    paragraphs = [
        f"{year}年，{agency.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "依法做好政府信息公开各项工作，现将本年度情况报告如下。"
    ]
    made = [
        f"{label}{_n(cells, cid)}件"
        for label, cid in (("规章", "t2.rules.made"), ("规范性文件", "t2.normative.made"))
        if cells.get(cid) is not None
    ]
    proactive = []
    if facts.published is not None:
        channels = "、".join(f"通过{name}发布{n}条" for name, n in facts.published_by_channel)
        proactive.append(
            f"本年主动公开政府信息{facts.published}条" + (f"，其中{channels}" if channels else "")
        )
    if made:
        proactive.append(f"本年制发{'、'.join(made)}")
    if proactive:
        paragraphs.append(f"（一）主动公开。{'；'.join(proactive)}。")
    else:
        paragraphs.append("（一）主动公开。（主动公开情况见表二，请补充说明公开渠道。）")
    channels = "、".join(f"{name}{n}件" for name, n in facts.by_channel)
    new, carried_in = _n(cells, "t3.new.total"), _n(cells, "t3.carried_in.total")
    done, out = _n(cells, "t3.results_total.total"), _n(cells, "t3.carried_out.total")
    paragraphs.append(
        f"（二）依申请公开。本年新收政府信息公开申请{new}件"
        + (f"（其中{channels}）" if channels else "")
        + f"，上年结转{carried_in}件；本年办结{done}件，其中予以公开{_n(cells, 't3.disclosed.total')}件、"
        f"部分公开{_n(cells, 't3.partial.total')}件；结转下年度继续办理{out}件。"
    )
    parts = []
    for groups, name in ((("review",), "被申请行政复议"), (_SUITS, "被提起行政诉讼")):
        total = sum(_n(cells, f"t4.{g}.total") for g in groups)
        detail = "、".join(
            f"{label}{n}件"
            for col, label in _T4_RESULTS
            if (n := sum(_n(cells, f"t4.{g}.{col}") for g in groups))
        )
        parts.append(f"{name}{total}件" + (f"（{detail}）" if detail else ""))
    paragraphs.append(f"（三）行政复议和行政诉讼。本年因政府信息公开{'，'.join(parts)}。")
    paragraphs.append(f"（四）信息处理费。{fee_statement(year, facts)}")
    return "\n".join(paragraphs)
