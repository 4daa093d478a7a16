"""The mailbox (局长信箱 / 咨询): the public writes, staff answer, and may publish both."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai_web.accounts.models import Agency
from gongkai_web.applications import audit
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import Letter, LetterKind


@transaction.atomic
def receive(agency: Agency, data: dict[str, Any], at: Any = None) -> Letter:
    """A letter from the public (``data``: kind, name, contact, subject, body)."""
    if data.get("kind") not in LetterKind.values:
        raise CatalogueError("请选择来信类型（局长信箱或咨询）")
    for field, label in (
        ("name", "姓名"),
        ("contact", "联系方式"),
        ("subject", "主题"),
        ("body", "内容"),
    ):
        if not str(data.get(field, "")).strip():
            raise CatalogueError(f"请填写{label}")
    letter = Letter.objects.create(
        agency=agency,
        received_at=at or timezone.now(),
        **{k: str(v).strip() for k, v in data.items()},
    )
    audit.log(None, agency, letter, "created", {"kind": letter.kind, "subject": letter.subject})
    return letter


@transaction.atomic
def answer(letter: Letter, actor: Any, reply: str, publish: bool, at: Any = None) -> Letter:
    """Answer (or correct the answer of) a letter; ``publish`` shows question and answer on the
    portal, without the writer's contact details."""
    if not reply.strip():
        raise CatalogueError("答复内容不能为空")
    before = audit.snapshot(letter)
    letter.reply = reply.strip()
    letter.replied_at = at or timezone.now()
    letter.replied_by = actor if getattr(actor, "is_authenticated", False) else None
    letter.published = publish
    letter.save()
    audit.log(actor, letter.agency, letter, "answered", audit.diff(before, audit.snapshot(letter)))
    return letter
