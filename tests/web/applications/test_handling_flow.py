"""A case handled through the pages, from intake to reply, as the office's staff do it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.test.client import Client as _Client
from django.urls import reverse

from gongkai_web.applications.models import Application, EventKind, Status
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def step(client: _Client, app: Application, name: str, **data: object) -> list[str]:
    """POST one step; returns the messages it left."""
    response = client.post(reverse("applications:step", args=[app.pk, name]), data, follow=True)
    assert response.status_code == 200
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


def test_a_case_from_intake_to_reply_through_the_pages(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    registrar, handler, reviewer = (
        as_user(personas.registrar),
        as_user(personas.handler),
        as_user(personas.reviewer),
    )
    response = registrar.post(
        reverse("applications:intake"),
        {
            "agency": personas.agency_a.pk,
            "channel": "post",
            "arrived": "2026-03-02",
            "applicant_type": "commercial",
            "applicant_name": "某某科技有限公司",
            "id_document": "统一社会信用代码 91110000000000000E",
            "address": "某市某路1号",
            "description": "2025年高新技术企业认定名单",
            "form_wanted": "纸质",
            "delivery": "邮寄",
        },
    )
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "applications:detail", args=[app.pk]
    )
    assert app.reg_no == "KJJ-2026-00001" and app.received == dt.date(2026, 3, 2)
    assert app.due == dt.date(2026, 3, 30)

    assert "分办：已完成" in step(
        registrar, app, "assign", on="2026-03-03", handler=personas.handler.pk
    )
    step(handler, app, "consult", on="2026-03-04", party="某某研究院")
    app.refresh_from_db()
    assert app.status == Status.CONSULTING
    consultation = app.consultations.get()
    step(
        handler,
        app,
        "consult_answer",
        on="2026-03-09",
        consultation=consultation.pk,
        opinion="同意公开",
    )
    app.refresh_from_db()
    assert app.status == Status.HANDLING and app.due > dt.date(2026, 3, 30)

    page = handler.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "第三十一条第（二）项" in page and "第三十二条" in page  # the deadline's steps

    step(handler, app, "draft", on="2026-03-10", outcome="disclosed", text="予以公开，见附件")
    step(reviewer, app, "review", on="2026-03-10", decision="approve")
    app.refresh_from_db()
    assert app.status == Status.APPROVED
    assert "答复并办结：已完成" in step(handler, app, "reply", on="2026-03-10")
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.replied_on == dt.date(2026, 3, 10)
    assert app.outcome == "disclosed"
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.REGISTERED,
        EventKind.ASSIGNED,
        EventKind.CONSULTATION_SENT,
        EventKind.CONSULTATION_ANSWERED,
        EventKind.REPLY_DRAFTED,
        EventKind.REVIEW_APPROVED,
        EventKind.REPLIED,
    ]
    assert list(app.events.values_list("actor__username", flat=True)) == [
        "registrar_a",
        "registrar_a",
        "handler_a",
        "handler_a",
        "handler_a",
        "reviewer_a",
        "handler_a",
    ]

    # The tables count it: new in 2026 from a commercial enterprise, disclosed.
    cells = registrar.get(reverse("annual:export"), {"year": 2026}).json()["cells"]
    assert cells["t3.new.commercial"] == 1 and cells["t3.disclosed.commercial"] == 1
    assert cells["t3.carried_out.total"] == 0
    tables = registrar.get(reverse("annual:tables"), {"year": 2026})
    row = next(r for r in tables.context["t3_rows"] if r["id"] == "disclosed")
    assert [v for v, _ in row["values"]] == [0, 1, 0, 0, 0, 0, 1]


def test_a_step_the_state_does_not_allow_is_a_message_not_an_error_page(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
) -> None:
    handler = as_user(personas.handler)
    shown = step(handler, case_a, "reply", on="2026-03-03")
    assert any("不能答复" in m for m in shown)
    case_a.refresh_from_db()
    assert case_a.status == Status.REGISTERED


def test_a_reviewer_must_say_why_a_draft_goes_back(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
) -> None:
    step(
        as_user(personas.handler),
        case_a,
        "draft",
        on="2026-03-03",
        outcome="withheld.secret",
        grounds="",
        text="x",
    )
    case_a.refresh_from_db()
    assert case_a.status == Status.REGISTERED  # a refusal needs its grounds
    step(
        as_user(personas.handler),
        case_a,
        "draft",
        on="2026-03-03",
        outcome="disclosed",
        text="予以公开",
    )
    reviewer = as_user(personas.reviewer)
    assert any(
        "退回时请说明理由" in m
        for m in step(reviewer, case_a, "review", on="2026-03-04", decision="return")
    )
    step(reviewer, case_a, "review", on="2026-03-04", decision="return", note="请补充获取方式")
    case_a.refresh_from_db()
    assert case_a.status == Status.HANDLING


def test_step_forms_refuse_bad_input_with_chinese_messages(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
) -> None:
    handler = as_user(personas.handler)
    shown = step(handler, case_a, "extension", on="2026-03-03", days=30, approver="")
    assert any("最长不得超过 20 个工作日" in m for m in shown)
    assert any("请填写批准人" in m for m in shown)
    assert any(
        "日期不能晚于今天" in m
        for m in step(handler, case_a, "draft", on="2026-12-01", outcome="disclosed", text="x")
    )
    case_a.refresh_from_db()
    assert case_a.extension_days is None and case_a.status == Status.REGISTERED


def test_correction_extension_and_fee_steps(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
) -> None:
    admin = as_user(personas.admin)
    step(
        admin, case_a, "correction", on="2026-03-03", respond_by="2026-03-20", note="请明确文件名称"
    )
    case_a.refresh_from_db()
    assert case_a.status == Status.AWAITING_CORRECTION and case_a.due is None
    step(admin, case_a, "correction_received", on="2026-03-05")
    case_a.refresh_from_db()
    assert case_a.status == Status.HANDLING and case_a.corrected == dt.date(2026, 3, 5)
    due = case_a.due
    step(admin, case_a, "extension", on="2026-03-06", days=10, approver="王主任")
    case_a.refresh_from_db()
    assert case_a.extension_days == 10 and case_a.due > due
    step(admin, case_a, "fee", on="2026-03-09", method="page", quantity=40)
    case_a.refresh_from_db()
    assert case_a.status == Status.AWAITING_FEE
    assert case_a.fees.get().amount == 100  # pages 31–40 at 10 yuan (按量计收)
    step(admin, case_a, "fee_paid", on="2026-03-10", fee=case_a.fees.get().pk)
    case_a.refresh_from_db()
    assert case_a.status == Status.HANDLING and case_a.fees.get().paid == dt.date(2026, 3, 10)


def test_withdrawal_closes_the_case_it_is_never_deleted(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
) -> None:
    step(as_user(personas.handler), case_a, "withdraw", on="2026-03-05", note="申请人来电撤回")
    case_a.refresh_from_db()
    assert case_a.status == Status.CLOSED and case_a.outcome == "other.other"
