"""``{% catalogue_due_board %}``: the publication deadlines block of the staff dashboard."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from gongkai_web.accounts.access import visible_agencies
from gongkai_web.accounts.dashboard import SOON_WORKDAYS
from gongkai_web.catalogue.board import due_boards

register = template.Library()


@register.inclusion_tag("catalogue/due_board.html", takes_context=True)
def catalogue_due_board(context: Any) -> dict[str, Any]:
    request = context["request"]
    today = timezone.localdate()
    return {"boards": due_boards(visible_agencies(request.user), today), "soon_days": SOON_WORKDAYS}
