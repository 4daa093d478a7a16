"""The applicant's e-mails carry the letter of the event as .docx (issue 11 point 5): it is
there, opens with python-docx and is the letter of that step; bounded in size."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from docx import Document

from gongkai_web.applications import notify, services
from gongkai_web.applications.models import Application
from tests.web.conftest import D, Personas
from tests.web.intake import intake

pytestmark = pytest.mark.django_db


def _online(personas: Personas) -> Application:
    data = intake(channel="online", email="zhangsan@example.cn")
    return services.register(personas.agency_a, data, personas.registrar)


def _letter(message: Any) -> tuple[str, str]:
    """(file name, text) of the one .docx attached to ``message``."""
    (name, content, mimetype), *more = message.attachments
    assert more == [] and mimetype == notify.DOCX and name.endswith(".docx")
    return name, "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_each_letter_is_attached_to_its_events_mail(
    personas: Personas, frozen_today: dt.date, django_capture_on_commit_callbacks: Callable
) -> None:
    p = personas
    with django_capture_on_commit_callbacks(execute=True):
        app = _online(p)
        services.assign(app, p.handler, p.registrar, D("2026-03-03"))
        services.request_correction(app, p.handler, D("2026-03-04"), D("2026-03-20"), "请写明文号")
        services.receive_correction(app, p.handler, D("2026-03-05"))
        services.approve_extension(app, p.handler, D("2026-03-06"), 15, "王主任")
        services.issue_fee(app, p.handler, D("2026-03-09"), "page", Decimal("130"))
    sent = {m.subject.rsplit("：", 1)[1]: m for m in mail.outbox}
    assert list(sent) == ["收到申请", "告知补正", "收到补正", "延长答复期限", "发出收费通知"]

    name, text = _letter(sent["收到申请"])
    assert name == f"政府信息公开申请受理回执-{app.reg_no}.docx" and "受理回执" in text
    assert app.tracking_code in text
    assert "随附：政府信息公开申请受理回执（Word 文档）" in sent["收到申请"].body
    name, text = _letter(sent["告知补正"])
    assert "补正告知书" in name and "需要补正的事项：请写明文号" in text
    assert sent["收到补正"].attachments == []  # no letter for that step
    name, text = _letter(sent["延长答复期限"])
    assert "延期答复告知书" in name and "15个工作日" in text
    name, text = _letter(sent["发出收费通知"])
    assert "收费通知书" in name and "130.00" in text


def test_the_reply_is_attached_when_the_case_is_replied(
    personas: Personas, frozen_today: dt.date, django_capture_on_commit_callbacks: Callable
) -> None:
    p = personas
    app = _online(p)
    services.assign(app, p.handler, p.registrar, D("2026-03-03"))
    services.draft_reply(app, p.handler, frozen_today, "disclosed", "", "予以公开，见附件。")
    services.review(app, p.reviewer, frozen_today, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(app, p.handler, frozen_today)
    (message,) = mail.outbox
    name, text = _letter(message)
    assert name == f"政府信息公开申请答复告知书-{app.reg_no}.docx"
    assert "张三" in text and "予以公开" in text


def test_a_letter_too_large_is_left_out_and_the_mail_says_so(
    personas: Personas,
    frozen_today: dt.date,
    django_capture_on_commit_callbacks: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(notify, "ATTACHMENT_MAX_BYTES", 1000)
    with django_capture_on_commit_callbacks(execute=True):
        _online(personas)
    (message,) = mail.outbox
    assert message.attachments == []
    assert "政府信息公开申请受理回执未能随本邮件附上" in message.body


def test_a_letter_that_fails_to_render_does_not_stop_the_mail(
    personas: Personas,
    frozen_today: dt.date,
    django_capture_on_commit_callbacks: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gongkai_web.letters import steps

    def broken(*_: object) -> bytes:
        raise OSError("字体文件缺失")

    monkeypatch.setattr(steps, "docx_of", broken)
    with django_capture_on_commit_callbacks(execute=True):
        _online(personas)
    (message,) = mail.outbox
    assert message.attachments == [] and "未能随本邮件附上" in message.body


def test_nothing_is_mailed_while_muted(
    personas: Personas, frozen_today: dt.date, django_capture_on_commit_callbacks: Callable
) -> None:
    with django_capture_on_commit_callbacks(execute=True), notify.muted():
        _online(personas)
    assert mail.outbox == []
