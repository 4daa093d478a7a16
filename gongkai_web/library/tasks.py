"""The library's background tasks (django-tasks: the database backend by default)."""

from __future__ import annotations

from django_tasks import task

from gongkai_web.library.services.processing import process


@task()
def process_report(report_id: int) -> str:
    """Read, audit and match one collected report."""
    return str(process(report_id))
