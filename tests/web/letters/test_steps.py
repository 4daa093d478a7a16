"""Letters for every step (issue 11 point 4), read back with python-docx; previews, wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from docx import Document

from gongkai_web.applications import services
from gongkai_web.applications.models import OUTCOMES, Application, Attachment
from gongkai_web.letters import steps
from gongkai_web.letters.models import Wording
from tests.web.conftest import Personas
from tests.web.intake import intake

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def text_of(data: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(data)).paragraphs)


def letter(app: Application, kind: str, object_id: int | None = None) -> str:
    return text_of(steps.docx_of(app, kind, object_id))


@pytest.fixture
def agency_a(personas: Personas) -> Personas:
    a = personas.agency_a
    a.address, a.phone = "某市人民路1号", "010-12345678"
    a.save()
    return personas


def test_the_receipt_states_the_deadline_and_tracking_code(agency_a: Personas) -> None:
    app = services.register(agency_a.agency_a, intake(), agency_a.registrar)
    text = letter(app, "receipt")
    assert "政府信息公开申请受理回执" in text and "张三：" in text
    assert app.reg_no in text and app.tracking_code in text
    assert "2026年3月30日前作出答复" in text  # 20 working days from 2 March
    assert "申请公开的信息：2025年本机关行政许可决定" in text
    assert "（印章）" in text and "某市科学技术局" in text and "某市人民路1号" in text


def test_the_correction_notice_lists_what_is_missing(agency_a: Personas) -> None:
    p = agency_a
    app = services.register(p.agency_a, intake(), p.registrar)
    assert [a.kind for a in steps.available(app)] == ["receipt"]
    services.request_correction(app, p.handler, D("2026-03-04"), D("2026-03-20"), "请写明文号")
    text = letter(app, "correction")
    assert "补正告知书" in text and "需要补正的事项：请写明文号" in text
    assert "请您于2026年3月20日前" in text and "第三十条" in text
    assert "2026年3月4日" in text  # dated the day of the notice


def test_the_extension_consultation_and_fee_letters(agency_a: Personas) -> None:
    p = agency_a
    app = services.register(p.agency_a, intake(applicant_type="commercial"), p.registrar)
    services.assign(app, p.handler, p.registrar, D("2026-03-03"))
    third = services.send_consultation(app, p.handler, D("2026-03-03"), "某某公司", False)
    other = services.send_consultation(app, p.handler, D("2026-03-03"), "某市财政局", True)
    services.answer_consultation(third, p.handler, D("2026-03-05"), "同意")
    services.answer_consultation(other, p.handler, D("2026-03-05"), "同意")
    services.approve_extension(app, p.handler, D("2026-03-06"), 15, "王主任")
    fee = services.issue_fee(app, p.handler, D("2026-03-09"), "page", Decimal("130"))
    app.refresh_from_db()
    kinds = [a.kind for a in steps.available(app)]
    assert kinds == ["receipt", "consultation", "consultation", "extension", "fee"]
    text = letter(app, "consultation", third.pk)
    assert "某某公司：" in text and "第三十二条" in text and "贵方" in text
    text = letter(app, "consultation", other.pk)
    assert "某市财政局：" in text and "第三十四条" in text and "视为同意公开" in text
    text = letter(app, "extension")
    assert (
        "延长15个工作日" in text and f"{app.due.year}年{app.due.month}月{app.due.day}日前" in text
    )
    assert "你单位" in text  # an organisation
    text = letter(app, "fee", fee.pk)
    assert "按量计收" in text and "130.00元" in text and "20个工作日内缴纳" in text


@pytest.mark.parametrize("outcome", [o for o, _ in OUTCOMES if "." not in o or "withheld" in o])
def test_reply_wording_has_no_doubled_words_or_pasted_conditions(
    agency_a: Personas, outcome: str
) -> None:
    p = agency_a
    app = services.register(p.agency_a, intake(delivery="现场获取"), p.registrar)
    services.draft_reply(app, p.handler, D("2026-03-05"), outcome, "理由", "")
    text = letter(app, "reply")
    assert "草稿" in text  # before approval the reviewer reads a marked draft
    assert "获取获取" not in text and "其中已经主动公开的" not in text
    assert "能够确定负责公开该信息的行政机关的" not in text


def test_the_reviewer_previews_and_downloads_before_approving(
    agency_a: Personas, as_user: Callable[[User], Client]
) -> None:
    p = agency_a
    app = services.register(p.agency_a, intake(), p.registrar)
    services.draft_reply(app, p.handler, D("2026-03-05"), "disclosed", "", "见附件")
    staff_file = Attachment(
        application=app, name="某决定.pdf", size=5, content_type="x", uploaded_by=p.handler
    )
    staff_file.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    reviewer = as_user(p.reviewer)
    detail = reviewer.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert reverse("letters:preview", args=[app.pk, "reply"]) in detail
    page = reviewer.get(reverse("letters:preview", args=[app.pk, "reply"])).content.decode()
    assert '<h1 class="letter-title">政府信息公开申请答复告知书</h1>' in page and "草稿" in page
    assert '<p class="letter-attachments">附件：某决定.pdf</p>' in page
    assert '<p class="letter-seal">（印章）</p>' in page
    response = reviewer.get(reverse("letters:download", args=[app.pk, "reply"]))
    assert response.status_code == 200 and "予以公开" in text_of(response.content)
    assert (
        as_user(p.outsider).get(reverse("letters:preview", args=[app.pk, "reply"])).status_code
        == 404
    )
    missing = reviewer.get(reverse("letters:preview", args=[app.pk, "fee"]) + "?object=999")
    assert missing.status_code == 302  # back to the case with a message


def test_an_admin_adjusts_the_wording_and_bad_placeholders_are_refused(
    agency_a: Personas, as_user: Callable[[User], Client]
) -> None:
    p = agency_a
    url = reverse("letters:wording")
    assert as_user(p.handler).get(url).status_code == 403
    admin = as_user(p.admin)
    bad = admin.post(url, {"receipt.tracking": "请凭{tracking}查询"})
    assert bad.status_code == 200 and "不认识的占位符 {tracking}" in bad.content.decode()
    unpaired = admin.post(url, {"receipt.tracking": "请凭{code查询"})
    assert "花括号不成对" in unpaired.content.decode()
    assert not Wording.objects.exists()
    assert admin.post(url, {"receipt.tracking": "查询码：{code}。"}).status_code == 302
    app = services.register(p.agency_a, intake(), p.registrar)
    assert f"查询码：{app.tracking_code}。" in letter(app, "receipt")
    other = services.register(p.agency_b, intake(), p.outsider)
    assert "查询码：" not in letter(other, "receipt")  # another agency keeps the default
    admin.post(url, {"receipt.tracking": ""})  # blank: back to the default
    assert not Wording.objects.exists()
