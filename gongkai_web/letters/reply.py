"""The reply letter (政府信息公开申请答复告知书): a case → the letter's blocks.

The reviewer reads the letter before approving it: ``compose(app, draft=True)`` accepts a
case whose reply is drafted (outcome chosen) but not yet sent, dated today and marked 草稿.
The public download (``reply_letter``) is for replied cases only.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import Application
from gongkai_web.letters import texts as T
from gongkai_web.letters.layout import Block, Kind, letter_fonts, render
from gongkai_web.letters.wording import fill, words_for

_REG_NO = re.compile(r"^(?P<code>.+)-(?P<year>\d{4})-(?P<n>\d+)$")
DRAFT_MARK = "（草稿：待审核，未发出）"


def document_number(app: Application) -> str:
    """``KJJ-2026-00001`` → ``KJJ公开〔2026〕1号``. Raises CaseError for another pattern."""
    match = _REG_NO.match(app.reg_no)
    if match is None:
        raise CaseError(f"登记编号 {app.reg_no} 不是“简称-年份-序号”的形式，无法生成告知书文号")
    return T.DOC_NUMBER.format(code=match["code"], year=match["year"], n=int(match["n"]))


def chinese_date(day: dt.date) -> str:
    """GB/T 9704: Arabic numerals, the year in full, no padding of month and day."""
    return f"{day.year}年{day.month}月{day.day}日"


def reply_letter(app: Application) -> bytes:
    """The reply letter of a concluded case as .docx bytes.

    Raises CaseError when the case is still open (no outcome decided and replied yet) or its
    outcome has no letter wording.
    """
    return render(compose(app), letter_fonts())


def reply_draft(app: Application) -> bytes:
    """The reply letter as it stands, also before approval (``compose(draft=True)``)."""
    return render(compose(app, draft=True), letter_fonts())


# ---- compose: case → blocks of text -----------------------------------------------------


def compose(app: Application, draft: bool = False) -> list[Block]:
    """The letter's paragraphs, in order. Raises CaseError as ``reply_letter``; with
    ``draft`` only when no outcome is drafted yet."""
    if draft and not app.outcome:
        raise CaseError("尚未拟定答复：拟定答复（选择办理结果）后即可预览答复告知书")
    if not draft and (app.is_open or not app.outcome):
        raise CaseError(
            f"申请 {app.reg_no} 尚未办结（当前状态：{app.get_status_display()}），"
            "办结后才能生成答复告知书"
        )
    wording = T.TEXTS.get(app.outcome)
    if wording is None:
        raise CaseError(f"办理结果“{app.outcome}”没有对应的告知书文本")
    words = words_for(app.agency)
    you = addressee(app)
    issued = app.replied_on or app.closed_on or timezone.localdate()
    decision = words.get(f"reply.{app.outcome}", wording.decision)
    sections = [(T.HEADING_DECISION, _decision(app, wording, decision, you))]
    fee = _fee_paragraphs(app, you)
    if fee:
        sections.append((T.HEADING_FEE, fee))
    sections.append((T.HEADING_REMEDIES, [_remedies(app, words["reply.remedies"], you)]))

    blocks = [Block(Kind.NOTE, DRAFT_MARK)] if draft and not app.replied_on else []
    blocks += [
        Block(Kind.TITLE, T.TITLE),
        Block(Kind.NUMBER, document_number(app)),
        Block(Kind.BLANK),
        Block(Kind.SALUTATION, T.SALUTATION.format(name=app.applicant_name)),
        Block(Kind.BODY, _receipt(app, you)),
    ]
    for number, (heading, paragraphs) in zip(T.NUMERALS, sections, strict=False):
        blocks.append(Block(Kind.HEADING, f"{number}、{heading}"))
        blocks.extend(Block(Kind.BODY, p) for p in paragraphs)
    blocks.append(Block(Kind.BODY, T.CLOSING))
    return blocks + ending(app, issued, attachment_names(app))


def addressee(app: Application) -> str:
    return T.YOU_PERSON if app.applicant_type == "natural" else T.YOU_ORGANISATION


def attachment_names(app: Application) -> list[str]:
    """The files the office attached to the case (not the applicant's own materials)."""
    return [a.name for a in app.attachments.filter(uploaded_by__isnull=False).order_by("id")]


def ending(
    app: Application, issued: dt.date, attachments: list[str], signer: str = ""
) -> list[Block]:
    """附件说明, 署名, 成文日期, the 印章 placeholder and the contact note (GB/T 9704 §7.3)."""
    blocks: list[Block] = []
    if attachments:
        blocks.append(Block(Kind.BLANK))
        if len(attachments) == 1:
            blocks.append(Block(Kind.ATTACHMENTS, f"{T.ATTACHMENTS_LEAD}{attachments[0]}"))
        else:
            for n, name in enumerate(attachments, 1):
                lead = T.ATTACHMENTS_LEAD if n == 1 else "　" * 3
                blocks.append(Block(Kind.ATTACHMENTS, f"{lead}{n}．{name}"))
    blocks += [
        Block(Kind.BLANK),
        Block(Kind.BLANK),
        Block(Kind.SIGNATURE, signer or app.agency.name),
        Block(Kind.DATE, chinese_date(issued)),
        Block(Kind.SEAL, T.SEAL),
    ]
    note = _note(app)
    if note:
        blocks += [Block(Kind.BLANK), Block(Kind.NOTE, note)]
    return blocks


def _receipt(app: Application, you: str) -> str:
    return T.RECEIPT.format(
        received=chinese_date(app.received),
        you=you,
        channel=app.get_channel_display(),
        reg_no=app.reg_no,
        description=app.description.strip(),
        form_wanted=app.form_wanted or "—",
        delivery=app.delivery or "—",
    )


def _decision(app: Application, wording: T.OutcomeText, decision: str, you: str) -> list[str]:
    due = chinese_date(app.correction_due) if app.correction_due else "告知的期限"
    paragraphs = [
        fill(
            decision,
            you=you,
            basis=wording.basis,
            delivery=app.delivery or "适当方式",
            correction_due=due,
        )
    ]
    grounds = app.grounds.strip()
    if grounds:
        paragraphs.append(f"{wording.lead}{grounds}")
    reply_text = app.reply_text.strip()
    if reply_text and reply_text != grounds:
        paragraphs.append(f"{T.REPLY_TEXT_LEAD}{reply_text}")
    return paragraphs


def _fee_paragraphs(app: Application, you: str) -> list[str]:
    paragraphs = []
    for fee in app.fees.all():
        text = T.FEE_NOTICE.format(
            measure=T.FEE_MEASURE,
            served=chinese_date(fee.served),
            you=you,
            method=fee.get_method_display(),
            amount=f"{fee.amount:.2f}",
        )
        if fee.paid is not None:
            text += T.FEE_PAID.format(you=you, paid=chinese_date(fee.paid))
        elif app.outcome == "other.no_fee":
            text += T.FEE_LAPSED.format(you=you)
        else:
            text += T.FEE_OUTSTANDING
        paragraphs.append(text)
    return paragraphs


def _remedies(app: Application, template: str, you: str) -> str:
    return fill(
        template,
        you=you,
        review_body=app.agency.review_body.strip() or T.GENERIC_REVIEW_BODY,
        court=app.agency.court.strip() or T.GENERIC_COURT,
    )


def _note(app: Application) -> str:
    address, phone = app.agency.address.strip(), app.agency.phone.strip()
    if not (address or phone):
        return ""
    return T.NOTE.format(address=address or "—", phone=phone or "—")
