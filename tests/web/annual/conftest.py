"""Fixtures of the annual-report tests."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai_web.annual import figures


@pytest.fixture
def without_registers(monkeypatch: Any) -> None:
    """As if the catalogue app were not installed: table 2 is typed on the draft."""
    monkeypatch.setattr(figures, "table2_function", lambda: None)
