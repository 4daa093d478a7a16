"""First end-to-end pass through the services and the tables (more in the helpers' tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from gongkai_web.accounts.models import Agency
from gongkai_web.annual.tables import table3, table4
from gongkai_web.applications import services
from gongkai_web.applications.models import Status
from tests.web.intake import intake as base_intake

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


def intake(**over: object) -> dict[str, object]:
    return base_intake(**{"arrived": D("2026-02-10"), **over})


def test_a_case_from_intake_to_reply_and_into_table_3() -> None:
    agency = Agency.objects.create(name="某市科学技术局", short_code="KJJ")
    clerk = User.objects.create_user("clerk")
    app = services.register(agency, intake(), clerk)
    assert app.reg_no == "KJJ-2026-00001" and len(app.tracking_code) == 12
    assert app.due == D("2026-03-16")
    services.assign(app, clerk, clerk, D("2026-02-11"))
    c = services.send_consultation(app, clerk, D("2026-02-12"), "某公司")
    services.answer_consultation(c, clerk, D("2026-02-26"), "不同意公开")
    app.refresh_from_db()
    assert app.due > D("2026-03-16")
    services.draft_reply(
        app, clerk, D("2026-03-02"), "partial", "涉及商业秘密（第十五条、第三十七条）", "部分公开"
    )
    services.review(app, clerk, D("2026-03-03"), True)
    services.reply(app, clerk, D("2026-03-04"))
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.closed_on == D("2026-03-04")
    cells = table3(2026)
    assert cells["t3.new.natural"] == 1 and cells["t3.partial.natural"] == 1
    assert cells["t3.results_total.total"] == 1 and cells["t3.carried_out.total"] == 0
    assert app.events.first().kind == "registered"
    assert table4(2026)["t4.review.total"] == 0


def test_the_fee_follows_the_rules_and_counts_the_month() -> None:
    agency = Agency.objects.create(name="某市自然资源局", short_code="ZRJ")
    clerk = User.objects.create_user("clerk2")
    apps = [services.register(agency, intake(arrived=D("2026-03-02")), clerk) for _ in range(12)]
    first, twelfth = apps[0], apps[-1]
    with pytest.raises(services.CaseError, match="不收费"):
        services.compute_fee(first, "item", 1)  # the 1st application of the month is free
    fee = services.issue_fee_by_rule(twelfth, clerk, D("2026-03-03"), "item", 1)
    assert fee.amount == 100  # the 12th in the month: 11–30 at 100 yuan
    assert "第四条" in twelfth.events.last().note
    assert services.compute_fee(first, "page", 250).amount == 4700
    with pytest.raises(services.CaseError, match="未知的计收方式"):
        services.compute_fee(first, "weight", 3)


def test_a_confirmation_before_arrival_is_a_case_error_not_a_crash() -> None:
    agency = Agency.objects.create(name="某市交通运输局", short_code="JTJ")
    with pytest.raises(services.CaseError, match="早于到达日期"):
        services.register(
            agency, intake(channel="online", arrived=D("2026-03-09"), confirmed=D("2026-03-06"))
        )
