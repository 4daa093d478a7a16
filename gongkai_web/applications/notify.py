"""E-mail to the applicant on each public event of the case: the one module that sends mail.

Which events are public, and what the applicant is told, is ``portal.timeline``'s data; the
message goes out after the transaction commits (never for a step that was rolled back) and
a failing mail server never undoes or blocks the step: the failure is logged for the staff.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction

from gongkai_web.applications.models import Application, CaseEvent
from gongkai_web.portal.timeline import public_entry

log = logging.getLogger(__name__)

SUBJECT = "【{agency}】您的政府信息公开申请 {reg_no}：{title}"
BODY = (
    "{name}：\n\n"
    "您向{agency}提出的政府信息公开申请（登记编号 {reg_no}）有新的进展：\n\n"
    "{day}　{title}\n{detail}\n"
    "凭查询码 {code} 可在“办理进度查询”页面查看全部进展{more}。\n\n"
    "本邮件由系统自动发送，请勿直接回复。\n"
)


def public_event(app: Application, event: CaseEvent) -> None:
    """Mail the applicant about ``event`` if it is public and they gave an e-mail address."""
    entry = public_entry(event)
    if entry is None or not app.email:
        return
    more = "、在线提交补正" if event.kind == "correction_requested" else ""
    if event.kind == "replied":
        more = "、下载答复告知书"
    fields = {
        "agency": app.agency.name,
        "reg_no": app.reg_no,
        "title": entry.title,
        "name": app.applicant_name,
        "day": f"{event.on:%Y-%m-%d}",
        "detail": entry.detail + "\n" if entry.detail else "",
        "code": app.tracking_code,
        "more": more,
    }
    subject, body, to = SUBJECT.format(**fields), BODY.format(**fields), [app.email]
    transaction.on_commit(lambda: _send(subject, body, to))


def _send(subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject, body, None, to)
    except OSError:  # SMTP errors are OSErrors: the step stands, the staff see the log
        log.exception("通知邮件发送失败：%s", subject)
