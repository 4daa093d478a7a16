"""Django admin for the cases: read-mostly. Cases, their events and the audit log are never
deleted (closed or withdrawn instead) and change only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai_web.applications.models import (
    Application,
    Attachment,
    AuditEntry,
    CaseEvent,
    Consultation,
    FeeNotice,
    Proceeding,
)


class ReadOnly(admin.ModelAdmin):
    """Shown for looking up, never edited here: the services keep the history and audit log."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["on", "kind", "actor", "note", "due_after"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["reg_no", "agency", "applicant_name", "received", "due", "status", "outcome"]
    list_filter = ["status", "agency", "applicant_type", "channel"]
    search_fields = ["reg_no", "applicant_name", "tracking_code"]
    date_hierarchy = "received"
    list_select_related = ["agency"]
    show_full_result_count = False  # no COUNT(*) over a million cases
    inlines = [EventInline]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnly):
    list_display = ["application", "on", "kind", "actor", "due_after"]
    list_filter = ["kind"]
    list_select_related = ["application", "actor"]
    raw_id_fields = ["application"]
    show_full_result_count = False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ["at", "actor", "agency", "model", "object_id", "action"]
    list_filter = ["action", "model"]
    show_full_result_count = False


@admin.register(Consultation, FeeNotice, Proceeding, Attachment)
class RelatedAdmin(ReadOnly):
    raw_id_fields = ["application"]
