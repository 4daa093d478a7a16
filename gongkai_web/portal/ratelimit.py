"""Rate limits of the public pages, counted atomically in the database.

A use is *taken* before the work is done, by one conditional UPDATE (``count < limit``) —
so thirty simultaneous submissions from one address cannot all pass a limit of five — and
*given back* when the work did not happen (the submission was refused), so a mistyped form
costs the applicant nothing. Windows are fixed (e.g. each clock hour).
"""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from gongkai_web.applications import conflicts
from gongkai_web.portal.models import RateCount


@dataclass(frozen=True)
class Limit:
    """At most ``setting``'s value uses per ``seconds`` for one ``name`` and who."""

    name: str
    setting: str
    seconds: int

    @property
    def count(self) -> int:
        return int(getattr(settings, self.setting))


# Per address: generous enough for an office or a school behind one public address.
APPLY_PER_ADDRESS = Limit("apply-addr", "PUBLIC_FORM_RATE", 3600)
# Per applicant (the identity document): what keeps one person from flooding the office.
APPLY_PER_APPLICANT = Limit("apply-id", "PUBLIC_FORM_RATE_PER_APPLICANT", 3600)
# Status lookups per address: a person checks a few codes; guessing codes takes many.
STATUS_PER_ADDRESS = Limit("status-addr", "PUBLIC_STATUS_RATE", 3600)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind a proxy (``BEHIND_PROXY``) the last
    address in X-Forwarded-For, the one the proxy wrote. Without a proxy the header is the
    client's own word and is ignored, or anyone could dodge the limits."""
    if settings.BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:64]
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def applicant_key(id_document: str) -> str:
    """Who applies, without keeping the identity number itself in the counter table."""
    normal = "".join(id_document.split()).upper()
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


def _key(limit: Limit, who: str) -> str:
    return f"{limit.name}:{who}"[:200]


def _window(limit: Limit) -> int:
    return int(time.time()) // limit.seconds


def take(limit: Limit, who: str) -> bool:
    """Count one use of ``limit`` by ``who``; False (nothing counted) when none is left."""

    def attempt() -> bool:
        key, window = _key(limit, who), _window(limit)
        if not RateCount.objects.filter(key=key, window=window).exists():
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, window=window)
            except IntegrityError:
                pass  # another request created it first: fine, count below
        taken = RateCount.objects.filter(key=key, window=window, count__lt=limit.count).update(
            count=F("count") + 1
        )
        if random.random() < 0.01:  # now and then, forget windows long past
            RateCount.objects.filter(window__lt=window - 48).delete()
        return taken == 1

    return conflicts.retrying(attempt)


def give_back(limit: Limit, who: str) -> None:
    """Undo one ``take`` (the work it was taken for did not happen)."""
    key, window = _key(limit, who), _window(limit)
    conflicts.retrying(
        lambda: RateCount.objects.filter(key=key, window=window, count__gt=0).update(
            count=F("count") - 1
        )
    )
