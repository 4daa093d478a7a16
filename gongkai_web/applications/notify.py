"""E-mail to the applicant on each public event of the case: the one module that sends mail.

Which events are public, and what the applicant is told, is ``portal.timeline``'s data; the
message goes out after the transaction commits (never for a step that was rolled back) and
a failing mail server never undoes or blocks the step: the failure is logged for the staff.
The letter the event produced (受理回执, 补正告知书, 延期答复告知书, 收费通知书, the reply) is
attached as .docx, rendered after the commit from the case as saved; a letter that cannot be
rendered or is larger than ``ATTACHMENT_MAX_BYTES`` is left out and the mail says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail import EmailMessage
from django.db import transaction

from gongkai_web.applications.models import Application, CaseEvent, EventKind
from gongkai_web.portal.timeline import public_entry

log = logging.getLogger(__name__)

SUBJECT = "【{agency}】您的政府信息公开申请 {reg_no}：{title}"
BODY = (
    "{name}：\n\n"
    "您向{agency}提出的政府信息公开申请（登记编号 {reg_no}）有新的进展：\n\n"
    "{day}　{title}\n{detail}\n"
    "凭查询码 {code} 可在“办理进度查询”页面查看全部进展{more}。\n\n"
    "{letter}"
    "本邮件由系统自动发送，请勿直接回复。\n"
)
ATTACHED = "随附：{title}（Word 文档）。\n\n"
NOT_ATTACHED = "{title}未能随本邮件附上，请凭查询码查看进展或联系{agency}索取。\n\n"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024  # a letter is ~40 kB; mail servers refuse ~10 MB

# event kind → the letter it produces (letters.steps.COMPOSERS' kind)
LETTERS: dict[str, str] = {
    EventKind.REGISTERED: "receipt",
    EventKind.CORRECTION_REQUESTED: "correction",
    EventKind.EXTENSION_APPROVED: "extension",
    EventKind.FEE_ISSUED: "fee",
    EventKind.REPLIED: "reply",
}

_muted: ContextVar[bool] = ContextVar("notify_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No mail inside: the demo replays made-up histories, news to nobody."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def public_event(app: Application, event: CaseEvent) -> None:
    """Mail the applicant about ``event`` if it is public and they gave an e-mail address."""
    entry = public_entry(event)
    if entry is None or not app.email or _muted.get():
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
    subject, to, kind = SUBJECT.format(**fields), [app.email], LETTERS.get(event.kind)
    pk = app.pk
    transaction.on_commit(lambda: _send(subject, fields, to, pk, kind))


def _send(subject: str, fields: dict[str, str], to: list[str], pk: int, kind: str | None) -> None:
    letter = _letter(pk, kind) if kind else None
    note = ""
    if letter is not None:
        title, content = letter
        fits = content is not None
        note = (ATTACHED if fits else NOT_ATTACHED).format(title=title, agency=fields["agency"])
    message = EmailMessage(subject, BODY.format(**fields, letter=note), None, to)
    if letter is not None and letter[1] is not None:
        message.attach(f"{letter[0]}-{fields['reg_no']}.docx", letter[1], DOCX)
    try:
        message.send()
    except OSError:  # SMTP errors are OSErrors: the step stands, the staff see the log
        log.exception("通知邮件发送失败：%s", subject)


def _letter(pk: int, kind: str) -> tuple[str, bytes | None] | None:
    """(title, .docx bytes) of the case's letter of ``kind`` as saved; bytes None when it
    cannot be rendered or is too large to mail; None when the case has no such letter."""
    from gongkai_web.letters import steps, texts
    from gongkai_web.letters.reply import reply_letter

    app = Application.objects.select_related("agency").filter(pk=pk).first()
    if app is None:
        return None
    title = texts.TITLE if kind == "reply" else texts.STEP_TITLES[kind]
    try:
        if kind == "reply":
            content = reply_letter(app)
        else:
            notice = app.fees.order_by("-id").first() if kind == "fee" else None
            content = steps.docx_of(app, kind, notice.pk if notice else None)
    except Exception:  # whatever the renderer raises, the mail still goes out (without it)
        log.exception("通知邮件的文书无法生成：%s %s", app.reg_no, title)
        return title, None
    if len(content) > ATTACHMENT_MAX_BYTES:
        log.warning("通知邮件的文书过大（%d 字节），未附上：%s %s", len(content), app.reg_no, title)
        return title, None
    return title, content
