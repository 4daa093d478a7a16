"""Writes that meet other writes: retried, never shown as a 500.

SQLite takes its write lock at the start of each transaction (``transaction_mode``
IMMEDIATE in settings) and waits for it up to its busy timeout; PostgreSQL serialises the
registration counter with a row lock. What can still collide — the first counter row of a
year created twice at once, a lock wait that ran out, a deadlock the server broke — fails
the whole transaction, which is then run again from the start. When every attempt failed,
``Busy`` says so in Chinese: nothing was saved, the user may submit again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, OperationalError, connection

from gongkai_web.applications.errors import CaseError

T = TypeVar("T")
ATTEMPTS = 6


class Busy(CaseError):
    """The database stayed busy through every attempt; nothing was saved."""

    def __init__(self) -> None:
        super().__init__("系统繁忙，本次提交没有保存，请稍后重新提交。")


def retrying(work: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run ``work`` (one transaction) until it commits; raise Busy after ``attempts``.

    Inside an outer transaction a failed statement has spoilt that transaction, so nothing
    is retried there: the error goes up to whoever owns it.
    """
    for attempt in range(attempts):
        try:
            return work()
        except (IntegrityError, OperationalError):
            if connection.in_atomic_block:
                raise
            if attempt == attempts - 1:
                break
            time.sleep(random.uniform(0.01, 0.05) * 2**attempt)  # jitter: the rivals part
    raise Busy()
