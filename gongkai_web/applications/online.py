"""The online channel: the confirmation of receipt (第三十一条) and 补正 sent by the applicant.

An online application is received on the day the office and the applicant confirm it
(第三十一条第（三）项); until staff record that day the arrival day is used, the earliest
possible, so no deadline is ever later than the statute's. A 补正 submitted online is
received on the day it arrives and restarts the reply period (第三十条).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename

from gongkai.errors import DeadlineInputError, OutsideCalendar
from gongkai.workdays.deadlines import Channel, receipt_date
from gongkai_web.applications import audit, services
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import Application, Attachment, EventKind, Status
from gongkai_web.applications.timing import office_calendar

CONFIRMABLE = {Channel.ONLINE, Channel.LETTER, Channel.FAX, Channel.OTHER}
CORRECTION_TEXT_MAX = 2000


@transaction.atomic
def confirm_receipt(app: Application, actor: Any, on: dt.date, confirmed: dt.date) -> None:
    """Record the day the office and the applicant confirmed the application; the receipt
    date and every deadline follow it. Raises CaseError when the channel needs no
    confirmation, the case has moved past registration or the day is impossible."""
    if app.channel not in CONFIRMABLE:
        raise CaseError("当面提交和需签收的邮寄以提交或签收之日为收到之日，无需确认日期")
    if app.status not in (Status.REGISTERED, Status.HANDLING) or app.corrected:
        raise CaseError("已告知补正或进入后续程序的申请不能再更改确认日期")
    if confirmed > on:
        raise CaseError("确认日期不能晚于记录之日")
    try:
        received, _ = receipt_date(office_calendar(), Channel(app.channel), app.arrived, confirmed)
    except (OutsideCalendar, DeadlineInputError) as exc:
        raise CaseError(f"确认日期不能使用：{exc}") from None

    def change() -> None:
        app.confirmed = confirmed
        app.received = received

    services._step(
        app,
        EventKind.RETIMED,  # a re-timing with its reason; no new kind, no migration
        actor,
        on,
        f"记录双方确认日期 {confirmed:%Y-%m-%d}：以确认之日为收到申请之日（第三十一条）",
        change,
    )


@transaction.atomic
def submit_correction(
    app: Application, text: str, upload: UploadedFile | None, on: dt.date
) -> Attachment | None:
    """The applicant's 补正 sent online: the text (and file) kept on the case, the
    correction received on ``on`` and the reply period restarted (第三十条)."""
    if app.status != Status.AWAITING_CORRECTION:
        raise CaseError("本申请当前不需要补正，或补正已经收到")
    text = text.strip()
    if not text and upload is None:
        raise CaseError("请填写补正内容或上传补正材料")
    attachment = None
    if upload is not None:
        ext = Path(upload.name or "").suffix.lower()
        attachment = Attachment(
            application=app,
            name=f"补正材料-{(upload.name or '')[:180]}",
            size=upload.size or 0,
            content_type=settings.ATTACHMENT_TYPES[ext],
        )
        name = get_valid_filename(Path(upload.name or "").name) or f"file{ext}"
        attachment.file.save(name, upload, save=False)
        attachment.save()
        record = audit.snapshot(attachment) | {"file": attachment.file.name}
        audit.log(None, app.agency, attachment, "created", record)
    note = "申请人在线提交补正"
    if text:
        note += f"：{text}"
    if attachment is not None:
        note += f"（附件：{attachment.name}）"
    services.receive_correction(app, None, on, note)
    return attachment
