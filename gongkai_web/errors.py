"""Error pages in Chinese, in the site's layout (templates 400/403/404/429/500.html).

Django renders 400, 403, 404 and 500 from the templates of those names itself; the 500 page
is rendered without a request context, so it needs neither the database nor a session. The
CSRF refusal (a form kept open across a logout, cookies turned off) is a 403 of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


def login_locked(
    request: HttpRequest, credentials: object = None, *args: object, **kwargs: object
) -> HttpResponse:
    """django-axes' lockout response: too many wrong passwords for this name and address."""
    from django.conf import settings

    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "registration/locked.html", {"minutes": minutes}, status=429)


BUSY_SIGNS = ("database is locked", "deadlock detected", "could not serialize", "lock timeout")


class BusyDatabaseMiddleware:
    """A database that stayed busy past every wait and retry is a 503 with a Chinese page
    saying to try again — never a 500. (Registration retries by itself, conflicts.py; this
    is the backstop for every other page.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import OperationalError

        if isinstance(exception, OperationalError) and any(
            sign in str(exception).lower() for sign in BUSY_SIGNS
        ):
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "5"
            return response
        return None
