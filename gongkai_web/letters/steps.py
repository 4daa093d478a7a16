"""The letters of the handling steps: a case (and the consultation or fee it concerns) →
the letter's blocks. Which letters a case has depends on the steps taken (``available``).

Each letter: title, number, addressee, the agency's wording (wording.py) with the case's
facts filled in, the applicant's or handler's own words as paragraphs of their own, then
附件, 署名, 日期 and the 印章 placeholder (reply.ending).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import (
    Application,
    CaseEvent,
    Consultation,
    EventKind,
    FeeNotice,
)
from gongkai_web.letters import texts as T
from gongkai_web.letters.layout import Block, Kind, letter_fonts, render
from gongkai_web.letters.reply import (
    addressee,
    chinese_date,
    compose,
    document_number,
    ending,
)
from gongkai_web.letters.wording import fill, words_for


@dataclass(frozen=True)
class Available:
    """One letter a case has now: ``kind`` and, for consultations and fees, the object."""

    kind: str
    title: str
    object_id: int | None = None


def _event(app: Application, kind: str) -> CaseEvent | None:
    return app.events.filter(kind=kind).order_by("-at", "-id").first()


def _facts(app: Application) -> dict[str, object]:
    return {
        "you": addressee(app),
        "received": chinese_date(app.received),
        "reg_no": app.reg_no,
        "due": chinese_date(app.due) if app.due else "法定期限",
        "code": app.tracking_code,
        "channel": app.get_channel_display(),
    }


def _letter(
    app: Application, kind: str, to: str, paragraphs: list[Block], on: dt.date
) -> list[Block]:
    return [
        Block(Kind.TITLE, T.STEP_TITLES[kind]),
        Block(Kind.NUMBER, document_number(app)),
        Block(Kind.BLANK),
        Block(Kind.SALUTATION, T.SALUTATION.format(name=to)),
        *paragraphs,
        *ending(app, on, []),
    ]


def _description(app: Application) -> Block:
    return Block(Kind.BODY, f"{T.DESCRIPTION_LEAD}{app.description.strip()}")


def receipt(app: Application, _: int | None) -> list[Block]:
    w, f = words_for(app.agency), _facts(app)
    body = [
        Block(Kind.BODY, fill(w["receipt.body"], **f)),
        _description(app),
        Block(Kind.BODY, fill(w["receipt.tracking"], **f)),
    ]
    return _letter(app, "receipt", app.applicant_name, body, app.received)


def correction(app: Application, _: int | None) -> list[Block]:
    event = _event(app, EventKind.CORRECTION_REQUESTED)
    if event is None or app.correction_due is None:
        raise CaseError("本申请没有告知补正，没有补正告知书")
    w = words_for(app.agency)
    f = _facts(app) | {"correction_due": chinese_date(app.correction_due)}
    body = [
        Block(Kind.BODY, fill(w["correction.body"], **f)),
        Block(Kind.BODY, f"{T.CORRECTION_ITEMS_LEAD}{event.note.strip()}"),
        Block(Kind.BODY, fill(w["correction.after"], **f)),
    ]
    return _letter(app, "correction", app.applicant_name, body, event.on)


def extension(app: Application, _: int | None) -> list[Block]:
    if not app.extension_days or app.extension_approved_on is None:
        raise CaseError("本申请没有延长答复期限，没有延期答复告知书")
    w = words_for(app.agency)
    f = _facts(app) | {"days": app.extension_days}
    body = [Block(Kind.BODY, fill(w["extension.body"], **f))]
    return _letter(app, "extension", app.applicant_name, body, app.extension_approved_on)


def consultation(app: Application, object_id: int | None) -> list[Block]:
    found = app.consultations.filter(pk=object_id).first() if object_id else None
    if found is None:
        raise CaseError("没有这次征求意见，无法生成征求意见函")
    kind = _consultation_kind(found)
    w = words_for(app.agency)
    body = [Block(Kind.BODY, fill(w[f"{kind}.body"], **_facts(app))), _description(app)]
    return _letter(app, kind, found.party, body, found.sent)


def _consultation_kind(found: Consultation) -> str:
    return "consultation_agency" if found.agency else "consultation_third_party"


def fee(app: Application, object_id: int | None) -> list[Block]:
    found: FeeNotice | None = app.fees.filter(pk=object_id).first() if object_id else None
    if found is None:
        raise CaseError("没有这份收费通知，无法生成收费通知书")
    w = words_for(app.agency)
    f = _facts(app) | {"method": found.get_method_display(), "amount": f"{found.amount:.2f}"}
    body = [
        Block(Kind.BODY, fill(w["fee.body"], **f)),
        Block(Kind.BODY, fill(w["fee.after"], **f)),
    ]
    return _letter(app, "fee", app.applicant_name, body, found.served)


def reply(app: Application, _: int | None) -> list[Block]:
    return compose(app, draft=True)


COMPOSERS: dict[str, Callable[[Application, int | None], list[Block]]] = {
    "receipt": receipt,
    "correction": correction,
    "extension": extension,
    "consultation": consultation,
    "fee": fee,
    "reply": reply,
}


def available(app: Application) -> list[Available]:
    """The letters ``app`` has now, in the order of the handling."""
    found = [Available("receipt", T.STEP_TITLES["receipt"])]
    if app.correction_due and _event(app, EventKind.CORRECTION_REQUESTED):
        found.append(Available("correction", T.STEP_TITLES["correction"]))
    for c in app.consultations.all():
        found.append(
            Available("consultation", f"{T.STEP_TITLES[_consultation_kind(c)]}（{c.party}）", c.pk)
        )
    if app.extension_days and app.extension_approved_on:
        found.append(Available("extension", T.STEP_TITLES["extension"]))
    for notice in app.fees.all():
        found.append(
            Available("fee", f"{T.STEP_TITLES['fee']}（{notice.amount:.2f}元）", notice.pk)
        )
    if app.outcome:
        found.append(Available("reply", T.TITLE if app.replied_on else f"{T.TITLE}（草稿）"))
    return found


def blocks_of(app: Application, kind: str, object_id: int | None) -> list[Block]:
    """The blocks of one letter; raises CaseError for a letter the case does not have."""
    composer = COMPOSERS.get(kind)
    if composer is None:
        raise CaseError("没有这种文书")
    return composer(app, object_id)


def docx_of(app: Application, kind: str, object_id: int | None) -> bytes:
    return render(blocks_of(app, kind, object_id), letter_fonts())
