"""``{% case_letters app %}``: the letters a case has now, with preview and download links."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai_web.applications.models import Application
from gongkai_web.letters.steps import available

register = template.Library()


@register.inclusion_tag("letters/_case_letters.html")
def case_letters(app: Application) -> dict[str, Any]:
    return {"app": app, "letters": available(app)}
