"""People are shown by name (the name staff know each other by), never by login."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def display_name(user: Any) -> str:
    """The person's name (family name first, as Chinese names are written); the login only
    when no name was entered; "—" for nobody."""
    if user is None:
        return "—"
    name = f"{user.last_name or ''}{user.first_name or ''}".strip()
    return name or user.get_username()


@register.filter(name="person")
def person(user: Any, default: str = "—") -> str:
    return display_name(user) if user is not None else default
