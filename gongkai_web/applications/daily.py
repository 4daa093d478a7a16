"""The daily round: lapses applied, next deadlines moved on. Idempotent; run by
``python -m gongkai_web daily`` (cron, once a day), by ``gongkai serve`` at start, and for one
case whenever its page is opened, so nothing waits on the command having run.

- A 补正 period that ran out with no correction closes the case in table 3's
  ``other.no_correction`` row (第三十条), dated the day after the period.
- A fee unpaid 20 working days after the notice closes it in ``other.no_fee``, dated the day
  after the payment period; not while that period is provisional (暂定): a 调休 day the notice
  may still add could move it, so such a case is left for the handler, shown overdue.
- Each lapse is a case event and an audit entry naming the period (never silent).
- Open cases whose next deadline has passed, or that have none yet, are re-timed: an expiring
  clock (补正告知, 征求意见, 延期审批) that passed gives way to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from gongkai.workdays.deadlines import fee_payment_due
from gongkai_web.applications import services
from gongkai_web.applications.models import Application, Status
from gongkai_web.applications.timing import TIMED_FIELDS, office_calendar, retime

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Round:
    corrections_lapsed: int = 0
    fees_lapsed: int = 0
    retimed: int = 0

    def text(self) -> str:
        return (
            f"每日检查：逾期未补正办结 {self.corrections_lapsed} 件，"
            f"逾期未缴费办结 {self.fees_lapsed} 件，更新下一期限 {self.retimed} 件"
        )


def lapse(app: Application, today: dt.date) -> str:
    """Apply a lapse due on ``app`` by ``today``; which one ("correction", "fee") or ""."""
    if (
        app.status == Status.AWAITING_CORRECTION
        and app.correction_due is not None
        and app.correction_due < today
    ):
        services.lapse_correction(app, None, app.correction_due + ONE_DAY, auto=True)
        return "correction"
    if app.status == Status.AWAITING_FEE:
        cal = office_calendar()
        for fee in app.fees.filter(paid__isnull=True):
            payment = fee_payment_due(cal, fee.served)
            if payment.due < today and not payment.provisional:
                services.lapse_fee(fee, None, payment.due + ONE_DAY, auto=True)
                return "fee"
    return ""


def refresh(app: Application, today: dt.date) -> bool:
    """The daily round for one case (its page was opened): lapse, then re-time if stale.
    True when the case changed."""
    if not app.is_open:
        return False
    if lapse(app, today):
        app.refresh_from_db()
        return True
    if app.next_deadline is not None and app.next_deadline >= today:
        return False
    if retime(app, today):
        app.save(update_fields=[*TIMED_FIELDS, "updated_at"])
        return True
    return False


def run(today: dt.date) -> Round:
    """The round over every open case (see the module's description)."""
    done = Round()
    for app in Application.objects.filter(
        status=Status.AWAITING_CORRECTION, correction_due__lt=today
    ).iterator(chunk_size=500):
        done.corrections_lapsed += bool(lapse(app, today))
    for app in Application.objects.filter(status=Status.AWAITING_FEE).iterator(chunk_size=500):
        done.fees_lapsed += bool(lapse(app, today))
    stale = Application.objects.exclude(status=Status.CLOSED).filter(
        Q(next_deadline__lt=today) | Q(next_deadline__isnull=True)
    )
    for app in stale.prefetch_related("consultations", "fees").iterator(chunk_size=500):
        if retime(app, today):
            app.save(update_fields=[*TIMED_FIELDS, "updated_at"])
            done.retimed += 1
    return done
