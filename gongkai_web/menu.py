"""The site menu, gathered from the apps: each app may have a ``menu`` module with ``ITEMS``,
a list of ``MenuItem``. An item is shown only to the people it names (``visible``), so a menu
never offers a page the role may not use. Apps add their own entries; base.html never lists
them by hand."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def staff(user: Any) -> bool:
    return bool(user.is_authenticated)


def public(user: Any) -> bool:
    return not user.is_authenticated


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    visible: Callable[[Any], bool] = staff
    order: int = 100  # smaller first


@cache
def _items() -> tuple[MenuItem, ...]:
    found: list[MenuItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai_web."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.menu")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.menu":
                raise
            continue
        found.extend(getattr(module, "ITEMS", ()))
    return tuple(sorted(found, key=lambda i: i.order))


def menu(request: HttpRequest) -> dict[str, list[dict[str, str]]]:
    """Context processor: ``menu_items`` for the person asking, with the current one marked."""
    user = getattr(request, "user", None)
    shown: list[dict[str, str]] = []
    for item in _items():
        if user is None or not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = "current" if request.path == url else ""
        shown.append({"label": item.label, "url": url, "current": current})
    return {"menu_items": shown}
