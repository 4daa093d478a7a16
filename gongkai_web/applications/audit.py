"""The append-only audit log: one entry per change, written by the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from gongkai_web.accounts.models import Agency
from gongkai_web.applications.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The stored fields of ``obj`` as JSON-ready values."""
    return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    skip = {"updated_at", "created_at"}
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v and k not in skip}


def log(
    actor: Any, agency: Agency | None, obj: models.Model, action: str, changes: dict[str, Any]
) -> None:
    AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        agency=agency,
        model=obj._meta.label,
        object_id=str(obj.pk),
        action=action,
        changes=changes,
    )
