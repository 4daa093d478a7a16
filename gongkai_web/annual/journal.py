"""Every change to an annual report goes to the office's append-only audit log."""

from __future__ import annotations

from typing import Any

from gongkai_web.accounts.models import Agency
from gongkai_web.applications.models import AuditEntry


def record(
    agency: Agency, actor: Any, model: str, object_id: object, action: str, changes: dict[str, Any]
) -> None:
    AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        agency=agency,
        model=model,
        object_id=str(object_id),
        action=action,
        changes=changes,
    )
