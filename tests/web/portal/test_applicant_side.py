"""The applicant's side (issue 11 point 5): timeline, online 补正, reply letter, e-mail."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from gongkai_web.applications import services
from gongkai_web.applications.models import Application, EventKind, Status
from tests.web.conftest import Personas
from tests.web.intake import intake

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _online(personas: Personas, **over: object) -> Application:
    data = intake(channel="online", email="zhangsan@example.cn") | over
    return services.register(personas.agency_a, data)


def _track(client: Client, app: Application) -> str:
    response = client.post(reverse("portal:status"), {"code": app.tracking_code})
    assert response.status_code == 200
    return response.content.decode()


def _ask_correction(personas: Personas, app: Application) -> None:
    services.request_correction(
        app,
        personas.handler,
        D("2026-03-04"),
        D("2026-03-20"),
        "请写明所需许可决定的文号或项目名称",
    )


def test_the_timeline_shows_public_events_only(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    app = _online(personas)
    services.assign(app, personas.handler, personas.registrar, D("2026-03-03"))
    services.send_consultation(app, personas.handler, D("2026-03-03"), "某某公司（第三方）", False)
    page = _track(client, app)
    assert "收到申请" in page
    assert "某某公司" not in page and "分办" not in page  # internal steps stay inside


def test_the_applicant_sends_the_correction_online_and_the_clock_restarts(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    app = _online(personas)
    _ask_correction(personas, app)
    page = _track(client, app)
    assert "告知补正" in page and "请写明所需许可决定的文号或项目名称" in page
    assert "在线提交补正" in page
    upload = SimpleUploadedFile("说明.txt", "项目名称：某某工程".encode(), "text/plain")
    response = client.post(
        reverse("portal:correction"), {"text": "文号为某许〔2025〕12号", "file": upload}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.HANDLING and app.corrected == frozen_today
    event = app.events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert event.actor is None and "某许〔2025〕12号" in event.note
    assert app.attachments.get().file.read() == "项目名称：某某工程".encode()
    assert app.due is not None and app.due > D("2026-03-30")  # 20 working days from today
    page = client.get(reverse("portal:status")).content.decode()
    assert "补正已提交" in page and "收到补正" in page and "在线提交补正</h2>" not in page


def test_an_empty_or_unasked_correction_is_refused_with_a_message(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    app = _online(personas)
    refused = client.post(reverse("portal:correction"), {"text": "x"})
    assert refused.status_code == 302  # no tracked case: back to the lookup
    _track(client, app)
    page = client.post(reverse("portal:correction"), {"text": "补正"}).content.decode()
    assert "本申请当前不需要补正" in page
    _ask_correction(personas, app)
    page = client.post(reverse("portal:correction"), {"text": "  "}).content.decode()
    assert "请填写补正内容或上传补正材料" in page
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")
    page = client.post(reverse("portal:correction"), {"file": bad}).content.decode()
    assert "文件内容与扩展名 .pdf 不符" in page
    assert Application.objects.get().status == Status.AWAITING_CORRECTION


def test_the_reply_letter_is_downloaded_with_the_tracking_code(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    app = _online(personas)
    _track(client, app)
    assert client.get(reverse("portal:letter")).status_code == 302  # not replied yet
    services.draft_reply(app, personas.handler, frozen_today, "disclosed", "", "予以公开，见附件。")
    services.review(app, personas.reviewer, frozen_today, approve=True)
    services.reply(app, personas.handler, frozen_today)
    page = _track(Client(), app)
    assert "下载答复告知书" in page
    response = client.get(reverse("portal:letter"))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "张三" in text and "予以公开" in text
    assert Client().get(reverse("portal:letter")).status_code == 302  # other browsers: no


def test_the_applicant_is_mailed_on_each_public_event_only(
    personas: Personas, frozen_today: dt.date, django_capture_on_commit_callbacks: Callable
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        app = _online(personas)
        services.assign(app, personas.handler, personas.registrar, D("2026-03-03"))
        _ask_correction(personas, app)
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2 and "收到申请" in subjects[0] and "告知补正" in subjects[1]
    assert mail.outbox[1].to == ["zhangsan@example.cn"]
    assert "请写明所需许可决定的文号" in mail.outbox[1].body
    assert app.tracking_code in mail.outbox[1].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(personas.agency_a, intake())  # no e-mail address given
    assert mail.outbox == []


def test_staff_record_the_confirmation_date_of_an_online_application(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    app = _online(personas)
    assert app.received == D("2026-03-02")
    registrar = as_user(personas.registrar)
    page = registrar.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "记录双方确认日期" in page
    url = reverse("applications:step", args=[app.pk, "confirm"])
    registrar.post(url, {"on": "2026-03-10", "confirmed": "2026-02-27"})
    app.refresh_from_db()
    assert app.confirmed is None  # before arrival: refused
    registrar.post(url, {"on": "2026-03-10", "confirmed": "2026-03-05"})
    app.refresh_from_db()
    assert app.confirmed == D("2026-03-05") and app.received == D("2026-03-05")
    assert app.due == D("2026-04-02")
    page = registrar.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "记录双方确认日期（第三十一条）</" not in page  # recorded once
    in_person = services.register(personas.agency_a, intake())
    registrar.post(
        reverse("applications:step", args=[in_person.pk, "confirm"]),
        {"on": "2026-03-10", "confirmed": "2026-03-05"},
    )
    in_person.refresh_from_db()
    assert in_person.confirmed is None
