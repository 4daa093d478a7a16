"""Possible repeated applications (重复申请), shown to the handler, never decided.

第三十六条（六）lets an agency tell an applicant that a repeated application for the same
information will not be processed again; table 3 counts it (其他处理: 重复申请). Whether two
applications ask for the same thing is the handler's judgement, so this module only points
at candidates: the same applicant (ID number, or name and phone) at the same agency within
``WINDOW_DAYS``, whose descriptions are similar (difflib ratio ≥ ``SIMILARITY``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q

from gongkai_web.applications.models import Application

WINDOW_DAYS = 365
SIMILARITY = 0.6
# Bounds the comparison work on a prolific applicant: the nearest applications in time.
MAX_CANDIDATES = 50
# Compared on the first characters only: enough to judge, bounded time per pair.
COMPARED_CHARS = 500


@dataclass(frozen=True)
class Repeat:
    application: Application
    similarity: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def _same_applicant(app: Application) -> Q | None:
    if app.id_key:
        return Q(id_key=app.id_key)
    if app.phone_key:
        return Q(applicant_name=app.applicant_name, phone_key=app.phone_key)
    return None


def similarity(a: str, b: str) -> float:
    """How alike two descriptions are, 0..1, ignoring white space."""
    a = "".join(a.split())[:COMPARED_CHARS]
    b = "".join(b.split())[:COMPARED_CHARS]
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def possible_repeats(app: Application) -> list[Repeat]:
    """Earlier or later applications of the same applicant that may ask the same thing,
    most similar first."""
    same = _same_applicant(app)
    if same is None:
        return []
    window = dt.timedelta(days=WINDOW_DAYS)
    candidates = (
        Application.objects.filter(same, agency_id=app.agency_id)
        .filter(received__gte=app.received - window, received__lte=app.received + window)
        .exclude(pk=app.pk)
        .only("reg_no", "received", "description", "status", "outcome", "agency_id")
        .order_by("-received", "-id")[:MAX_CANDIDATES]
    )
    found = [Repeat(c, similarity(app.description, c.description)) for c in candidates]
    return sorted((r for r in found if r.similarity >= SIMILARITY), key=lambda r: -r.similarity)
