"""The review flow of a catalogue item: draft → 保密审查 → sign-off levels → published, sent
back with a reason, withdrawn with a reason; index numbers; history and audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.applications.models import AuditEntry
from gongkai_web.catalogue import services
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import EventKind, Item, ItemStatus
from tests.web.catalogue.conftest import ORG_A, draft_data
from tests.web.conftest import Personas

D = dt.date.fromisoformat


def test_it_publishes_after_confidentiality_and_two_signoffs(cat: Personas) -> None:
    item = services.create_item(cat.agency_a, draft_data(cat.agency_a), cat.handler)
    assert item.status == ItemStatus.DRAFT and item.index_no is None
    assert item.due == D("2026-03-30")  # 20 working days after 2 March 2026
    services.submit(item, cat.handler)
    services.clear_confidentiality(item, cat.reviewer, "不涉密")
    services.sign(item, cat.reviewer, D("2026-03-05"))
    assert item.status == ItemStatus.SIGNOFF and item.signoffs_done == 1
    services.sign(item, cat.admin, D("2026-03-06"))
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert item.index_no == f"{ORG_A}-2026-00001"
    assert item.published_on == D("2026-03-06")
    assert item.channels[0] == "website" and "wechat" in item.channels
    kinds = list(item.events.values_list("kind", flat=True))
    assert kinds == ["created", "submitted", "cleared", "signed", "signed", "published"]
    actors = [e.actor for e in item.events.all()]
    assert actors[2:] == [cat.reviewer, cat.reviewer, cat.admin, cat.admin]
    logged = AuditEntry.objects.filter(model="catalogue.Item", object_id=str(item.pk))
    assert list(logged.values_list("action", flat=True))[-1] == "published"


def test_one_person_cannot_sign_two_levels(cat: Personas) -> None:
    item = services.create_item(cat.agency_a, draft_data(cat.agency_a), cat.handler)
    services.submit(item, cat.handler)
    services.clear_confidentiality(item, cat.reviewer)
    services.sign(item, cat.reviewer, D("2026-03-05"))
    with pytest.raises(CatalogueError, match="同一人不能审签"):
        services.sign(item, cat.reviewer, D("2026-03-05"))


def test_sent_back_with_a_reason_and_resubmitted(cat: Personas) -> None:
    item = services.create_item(cat.agency_a, draft_data(cat.agency_a), cat.handler)
    services.submit(item, cat.handler)
    with pytest.raises(CatalogueError, match="理由"):
        services.send_back(item, cat.reviewer, "  ")
    services.send_back(item, cat.reviewer, "附件含个人身份证号，请删除")
    assert item.status == ItemStatus.DRAFT
    services.update_item(item, {"summary": "已删除个人信息"}, cat.handler)
    edit = item.events.get(kind=EventKind.EDITED)
    assert edit.changes["summary"][1] == "已删除个人信息"
    services.submit(item, cat.handler)
    assert item.events.filter(kind=EventKind.RETURNED).get().note.startswith("附件含个人")


def test_withdrawn_items_keep_their_index_number_and_it_is_never_reused(
    cat: Personas, publish: Callable[..., Item]
) -> None:
    first = publish()
    with pytest.raises(CatalogueError, match="理由"):
        services.withdraw(first, cat.admin, "")
    services.withdraw(first, cat.admin, "文件内容有误，已另行发布")
    first.refresh_from_db()
    assert first.status == ItemStatus.WITHDRAWN and first.index_no.endswith("-00001")
    second = publish(title="第二份通知")
    assert second.index_no.endswith("-00002")
    assert Item.objects.filter(pk=first.pk).exists()  # never deleted


def test_it_refuses_steps_out_of_order(cat: Personas, publish: Callable[..., Item]) -> None:
    item = services.create_item(cat.agency_a, draft_data(cat.agency_a), cat.handler)
    with pytest.raises(CatalogueError, match="不能审签"):
        services.sign(item, cat.admin, D("2026-03-05"))
    published = publish(title="另一份")
    with pytest.raises(CatalogueError, match="不能修改"):
        services.update_item(published, {"title": "改"}, cat.handler)


def test_index_number_needs_an_org_code(cat: Personas, publish: Callable[..., Item]) -> None:
    cat.agency_a.org_code = ""
    cat.agency_a.save()
    with pytest.raises(CatalogueError, match="统一社会信用代码"):
        publish()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"disclosure": "withheld"}, "理由"),
        ({"withheld_reason": "secret"}, "只有不予公开"),
        ({"doc_class": "normative", "doc_no": ""}, "文号"),
        ({"doc_class": "normative", "validity": "repealed"}, "日期"),
        ({"validity": "valid"}, "只有规章"),
        ({"changed_on": D("2026-01-01")}, "变更日期早于"),
        ({"channels": ["fax"]}, "渠道"),
        ({"title": " "}, "标题"),
    ],
)
def test_inconsistent_drafts_are_refused_in_chinese(
    cat: Personas, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(CatalogueError, match=message):
        services.create_item(cat.agency_a, draft_data(cat.agency_a, **overrides), cat.handler)


def test_an_interpretation_links_to_its_policy(cat: Personas, publish: Callable[..., Item]) -> None:
    policy = publish(doc_class="normative", genre="measures")
    reading = publish(
        title="《办法》政策解读", genre="interpretation", interprets=policy, doc_no=""
    )
    assert list(policy.interpretations.all()) == [reading]
    with pytest.raises(CatalogueError, match="政策解读"):
        services.create_item(cat.agency_a, draft_data(cat.agency_a, interprets=policy), cat.handler)


def test_validity_change_is_recorded(cat: Personas, publish: Callable[..., Item]) -> None:
    old = publish(doc_class="normative", formed_on=D("2025-05-06"), doc_no="某科规〔2025〕1号")
    new = publish(doc_class="normative", doc_no="某科规〔2026〕1号")
    services.set_validity(old, cat.admin, "repealed", D("2026-03-09"), by=new)
    old.refresh_from_db()
    assert old.validity == "repealed" and old.repealed_by == new
    assert old.events.filter(kind=EventKind.VALIDITY).exists()


def test_attachment_limits(cat: Personas, publish: Callable[..., Item], settings: Any) -> None:
    item = publish()
    ok = services.add_attachment(
        item, SimpleUploadedFile("全文.pdf", b"%PDF-1.4 x", "application/pdf"), cat.handler
    )
    assert ok.size == 10 and ok.content_type == "application/pdf"
    with pytest.raises(CatalogueError, match="不支持的文件类型"):
        services.add_attachment(item, SimpleUploadedFile("a.exe", b"MZ"), cat.handler)
    settings.ATTACHMENT_MAX_BYTES = 5
    with pytest.raises(CatalogueError, match="文件过大"):
        services.add_attachment(item, SimpleUploadedFile("b.pdf", b"123456"), cat.handler)
