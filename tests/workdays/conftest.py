from __future__ import annotations

import pytest

from gongkai.workdays import Calendar
from gongkai.workdays.store import shipped_notices


@pytest.fixture(scope="session")
def cal() -> Calendar:
    """The shipped calendar only: an administrator's added years must not leak into tests."""
    return Calendar(shipped_notices())
