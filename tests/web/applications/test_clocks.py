"""Every statutory clock of a case, the next deadline among them, the daily round's lapses,
and a case that runs into 2027, a year with no State Council notice yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.workdays.store import add_year
from gongkai_web.applications import daily, services
from gongkai_web.applications.models import Application, CaseEvent, EventKind, Status
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db


def at(day: str) -> Any:
    """Travel to ``day`` 10:00 in Beijing (not ticking)."""
    moment = dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Asia/Shanghai"))
    return time_machine.travel(moment, tick=False)


def fresh(app: Application) -> Application:
    return Application.objects.get(pk=app.pk)


def test_a_new_case_runs_on_the_correction_notice_clock_then_the_reply(
    personas: Personas,
) -> None:
    with at("2026-03-02"):
        app = services.register(personas.agency_a, intake())
    # 7 working days for a 补正 notice (第三十条), 20 for the reply (第三十三条)
    assert (app.next_deadline, app.next_deadline_kind) == (D("2026-03-11"), "correction_notice")
    assert app.due == D("2026-03-30") and not app.provisional and not app.due_provisional
    assert daily.run(D("2026-03-11")).retimed == 0  # still binding on its last day
    assert daily.run(D("2026-03-12")).retimed == 1  # passed: the office may no longer ask
    app = fresh(app)
    assert (app.next_deadline, app.next_deadline_kind) == (D("2026-03-30"), "reply")


def test_the_applicants_correction_period_lapses_into_the_other_row(personas: Personas) -> None:
    with at("2026-03-03"):
        app = services.register(personas.agency_a, intake())
        services.request_correction(app, personas.handler, D("2026-03-03"), D("2026-03-13"), "x")
    app = fresh(app)
    assert (app.next_deadline, app.next_deadline_kind, app.due) == (
        D("2026-03-13"),
        "correction",
        None,
    )
    assert daily.run(D("2026-03-13")).corrections_lapsed == 0
    done = daily.run(D("2026-03-16"))
    assert done.corrections_lapsed == 1
    app = fresh(app)
    assert app.status == Status.CLOSED and app.outcome == "other.no_correction"
    assert app.closed_on == D("2026-03-14") and app.next_deadline is None
    event = app.events.get(kind=EventKind.CORRECTION_LAPSED)
    assert "2026-03-13" in event.note and "自动办结" in event.note and event.actor is None
    events = CaseEvent.objects.count()
    assert daily.run(D("2026-03-17")).corrections_lapsed == 0  # idempotent
    assert CaseEvent.objects.count() == events


def test_a_lapse_is_applied_when_the_case_is_opened(
    personas: Personas, as_user: Callable[[User], Client]
) -> None:
    with at("2026-03-03"):
        app = services.register(personas.agency_a, intake())
        services.request_correction(app, personas.handler, D("2026-03-03"), D("2026-03-06"), "x")
    with at("2026-03-10"):
        page = as_user(personas.handler).get(reverse("applications:detail", args=[app.pk]))
    assert "已按逾期办结" in page.content.decode()
    assert fresh(app).outcome == "other.no_correction"


def test_the_fee_clock_and_its_lapse(personas: Personas) -> None:
    with at("2026-03-03"):
        app = services.register(personas.agency_a, intake())
        services.issue_fee(app, personas.handler, D("2026-03-03"), "item", Decimal("100"))
    app = fresh(app)
    assert (app.next_deadline, app.next_deadline_kind) == (D("2026-03-31"), "fee")
    assert daily.run(D("2026-03-31")).fees_lapsed == 0
    assert daily.run(D("2026-04-01")).fees_lapsed == 1
    app = fresh(app)
    assert app.outcome == "other.no_fee" and app.closed_on == D("2026-04-01")
    assert "2026-03-31" in app.events.get(kind=EventKind.FEE_LAPSED).note


def test_consultation_windows_come_before_the_reply_and_expire(personas: Personas) -> None:
    with at("2026-03-03"):
        app = services.register(personas.agency_a, intake())
        services.send_consultation(app, personas.handler, D("2026-03-03"), "某公司")
    app = fresh(app)
    assert (app.next_deadline, app.next_deadline_kind) == (D("2026-03-24"), "consultation")
    daily.run(D("2026-03-25"))  # no answer in 15 working days: the office decides alone
    app = fresh(app)
    assert app.next_deadline_kind == "reply" and app.next_deadline == app.due


def test_the_case_page_lists_every_clock(
    personas: Personas, as_user: Callable[[User], Client]
) -> None:
    with at("2026-03-03"):
        app = services.register(personas.agency_a, intake())
        page = as_user(personas.handler).get(reverse("applications:detail", args=[app.pk]))
    text = page.content.decode()
    for label in ("各项期限", "补正告知期限", "延期审批期限", "答复期限", "下一期限"):
        assert label in text


def _notice_2027(folder: Path) -> Path:
    """A 2027 notice as the State Council might publish it (the festivals with 补休)."""
    path = folder / "2027.toml"
    blocks = [
        ("元旦", "2027-01-01", "2027-01-03"),
        ("春节", "2027-02-05", "2027-02-10"),
        ("清明节", "2027-04-03", "2027-04-05"),
        ("劳动节", "2027-05-01", "2027-05-04"),
        ("端午节", "2027-06-09", "2027-06-09"),
        ("中秋节", "2027-09-15", "2027-09-15"),
        ("国庆节", "2027-10-01", "2027-10-05"),
    ]
    text = 'year = 2027\nnotice = "国务院办公厅关于2027年部分节假日安排的通知"\n'
    for name, first, last in blocks:
        text += f'\n[[holidays]]\nname = "{name}"\nfirst = {first}\nlast = {last}\nworkdays = []\n'
    path.write_text(text, encoding="utf-8")
    return path


def test_a_case_crossing_into_2027_gets_a_provisional_deadline_until_the_notice(
    personas: Personas,
    as_user: Callable[[User], Client],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GONGKAI_CALENDAR_DIR", str(tmp_path / "calendar"))
    with at("2026-12-15"):
        december = services.register(personas.agency_a, intake(arrived=D("2026-12-15")))
    assert december.due == D("2027-01-13") and december.due_provisional  # 元旦 only, no 调休
    assert december.next_deadline_kind == "correction_notice" and not december.provisional
    daily.run(D("2026-12-28"))
    december = fresh(december)
    assert (december.next_deadline, december.provisional) == (D("2027-01-13"), True)

    with at("2026-12-28"):
        page = as_user(personas.admin).get(reverse("applications:detail", args=[december.pk]))
        home = as_user(personas.admin).get(reverse("home")).content.decode()
        listed = as_user(personas.handler).get(reverse("applications:list")).content.decode()
        exported = as_user(personas.handler).get(reverse("applications:export"), {"format": "json"})
    text = page.content.decode()
    assert "暂定" in text and "2027 年的国务院办公厅节假日安排通知尚未录入" in text
    assert "2027 年节假日安排尚未录入" in home and "gongkai calendar add" in home
    assert "暂定" in listed
    [row] = [r for r in _json(exported) if r["reg_no"] == december.reg_no]
    assert row["next_deadline"] == "2027-01-13" and row["provisional"] is True

    # January 2027, still no notice: a case through the Spring Festival
    january = services.register(personas.agency_a, intake(arrived=D("2027-01-20")))
    assert january.due == D("2027-02-19") and january.due_provisional

    add_year(_notice_2027(tmp_path), tmp_path / "calendar")
    with at("2027-01-21"):
        call_command("retime", stdout=open("/dev/null", "w"))  # noqa: SIM115
    january, december = fresh(january), fresh(december)
    assert january.due == D("2027-02-23") and not january.due_provisional  # 春节 to the 10th
    assert december.due == D("2027-01-13") and not december.due_provisional
    note = january.events.get(kind=EventKind.RETIMED).note
    assert "2027-02-19（暂定）" in note and "2027-02-23" in note
    assert december.events.filter(kind=EventKind.RETIMED).count() == 1  # the mark went
    with at("2027-01-21"):
        home = as_user(personas.admin).get(reverse("home")).content.decode()
    assert "节假日安排尚未录入" not in home


def _json(response: Any) -> list[dict[str, Any]]:
    import json

    return list(json.loads(b"".join(response.streaming_content)))


def test_the_applicant_sees_public_events_and_their_deadline(personas: Personas) -> None:
    from gongkai_web.applications.timeline import public_deadline, public_events

    with at("2026-03-03"):
        app = services.register(personas.agency_a, intake())
        services.assign(app, personas.handler, personas.registrar, D("2026-03-03"))
        services.request_correction(app, personas.handler, D("2026-03-03"), D("2026-03-13"), "x")
    app = fresh(app)
    assert [e.kind for e in public_events(app)] == ["registered", "correction_requested"]
    deadline = public_deadline(app)
    assert deadline is not None and deadline.label == "申请人补正期限"
    assert deadline.due == D("2026-03-13") and not deadline.provisional
