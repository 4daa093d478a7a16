"""Registration numbers: one counter per agency and year, taken under a lock, so submissions
arriving together never share or skip a number (issue 9)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import IntegrityError, OperationalError, connection, connections

from gongkai_web.applications import conflicts, services
from gongkai_web.applications.models import Application, RegistrationCounter
from tests.web.conftest import Personas
from tests.web.intake import D, intake

pytestmark = pytest.mark.django_db


def test_numbers_count_per_agency_and_year(personas: Personas) -> None:
    a, b = personas.agency_a, personas.agency_b
    first = services.register(a, intake())
    second = services.register(a, intake())
    other = services.register(b, intake())
    last_year = services.register(a, intake(arrived=D("2025-12-01")))
    assert [first.reg_no, second.reg_no] == ["KJJ-2026-00001", "KJJ-2026-00002"]
    assert other.reg_no == "JYJ-2026-00001"
    assert last_year.reg_no == "KJJ-2025-00001"
    assert RegistrationCounter.objects.get(agency=a, year=2026).last == 2


def test_the_counter_starts_after_numbers_given_before_it_existed(personas: Personas) -> None:
    old = services.register(personas.agency_a, intake())
    Application.objects.filter(pk=old.pk).update(reg_no="KJJ-2026-00041")
    RegistrationCounter.objects.all().delete()
    assert services.register(personas.agency_a, intake()).reg_no == "KJJ-2026-00042"


def test_a_conflict_is_retried_and_then_reported_busy_in_chinese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise IntegrityError("duplicate key")
        return "saved"

    # as in a real request, outside any transaction
    monkeypatch.setattr(conflicts, "connection", SimpleNamespace(in_atomic_block=False))
    monkeypatch.setattr(conflicts.time, "sleep", lambda s: None)
    assert conflicts.retrying(flaky) == "saved" and len(calls) == 3

    def locked() -> None:
        raise OperationalError("database is locked")

    with pytest.raises(conflicts.Busy, match="系统繁忙，本次提交没有保存"):
        conflicts.retrying(locked)


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released together; their results or errors."""
    results: list[Any] = [None] * count
    gate = threading.Barrier(count)

    def run(i: int) -> None:
        gate.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # the test looks at it
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_registrations_at_once_get_twenty_different_numbers(
    personas: Personas,
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory; bench/load.py drives a real file")
    results = at_once(20, lambda i: services.register(personas.agency_a, intake()).reg_no)
    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(results) == [f"KJJ-2026-{n:05d}" for n in range(1, 21)]
    assert Application.objects.count() == 20
