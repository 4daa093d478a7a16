"""Shared set-up of the annual-report tests: a 2025 of cases for agency A, table 2
from the registers (or typed by hand when the draft takes it so)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.catalogue.forms import Template, t2_cell_ids
from gongkai_web.accounts.models import Agency
from gongkai_web.annual import drafting
from gongkai_web.annual.models import AnnualReport, Table2Source
from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.conftest import D, Personas
from tests.web.intake import intake


def year_2025(p: Personas) -> list[Application]:
    """Agency A in 2025: one disclosed (with a paid fee), one partly disclosed and reviewed,
    one still open at the year's end; agency B one case (must never count for A)."""
    a, admin = p.agency_a, p.admin
    done = services.register(a, intake(arrived=D("2025-03-03")))
    fee = services.issue_fee(done, admin, D("2025-03-10"), "page", Decimal("100"))
    services.pay_fee(fee, admin, D("2025-03-12"))
    services.draft_reply(done, admin, D("2025-03-20"), "disclosed", "", "予以公开")
    services.review(done, admin, D("2025-03-21"), True)
    services.reply(done, admin, D("2025-03-24"))
    partial = services.register(a, intake(arrived=D("2025-05-06"), applicant_type="commercial"))
    services.draft_reply(partial, admin, D("2025-05-20"), "partial", "涉及商业秘密", "部分公开")
    services.review(partial, admin, D("2025-05-21"), True)
    services.reply(partial, admin, D("2025-05-22"))
    services.add_proceeding(partial, admin, "review", D("2025-07-01"), "某市人民政府")
    still_open = services.register(a, intake(arrived=D("2025-12-29")))
    services.register(p.agency_b, intake(arrived=D("2025-04-01")))
    return [done, partial, still_open]


def fill_registers(agency: Agency, year: int, value: int = 3) -> None:
    """The catalogue's registers for ``year``: decisions of each kind, fees collected."""
    from gongkai_web.catalogue import registers

    for kind in ("license", "penalty", "coercion"):
        registers.record_decisions(agency, kind, year, 6, value)
    registers.record_fee(agency, year, 6, "1.25")


def fill_table2(report: AnnualReport, actor: object, value: int = 3) -> None:
    """A whole table 2: from the catalogue's registers when the draft takes it from them
    (then recomputed), else typed by hand."""
    if report.table2_source == Table2Source.REGISTERS:
        fill_registers(report.agency, report.year, value)
        drafting.recompute(report)
        return
    raw = {cid: str(value) for cid in t2_cell_ids(Template(report.template))}
    for cid in ("t2.rules.made", "t2.rules.repealed", "t2.rules.in_force"):
        raw[cid] = "0"  # a department makes no 规章 (the audit warns if it does)
    if "t2.fee.amount" in raw:
        raw["t2.fee.amount"] = "1.25"
    drafting.save_table2(report, raw, actor)
