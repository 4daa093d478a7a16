"""At most ``settings.PUBLIC_FORM_RATE`` accepted submissions per client address per hour,
counted in Django's cache (fixed one-hour windows)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW = 3600


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites
    # it, so honouring it would let anyone dodge the limit.
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _key(request: HttpRequest) -> str:
    return f"portal-rate:{client_ip(request)}:{int(time.time()) // WINDOW}"


def exceeded(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= settings.PUBLIC_FORM_RATE


def count(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW)
