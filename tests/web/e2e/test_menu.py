"""The staff menu on a phone (390 px): folded behind 菜单 so it does not push the page down,
unfolded by a tap without any script; on a wide screen it is one row, always shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.web.conftest import Personas
from tests.web.e2e.test_apply_and_reply import CHROMIUM, browser, log_in  # noqa: F401

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium binary"),
    pytest.mark.django_db(transaction=True),
]


def _home(browser: Any, base: str, username: str, width: int) -> Any:  # noqa: F811
    """The home page of ``username`` at ``width`` px, in a browser with JavaScript off."""
    viewport = {"width": width, "height": 800}
    return log_in(browser, base, username, viewport=viewport, java_script_enabled=False)


def test_the_staff_menu_folds_on_a_phone_and_opens_without_script(
    live_server: Any,
    browser: Any,  # noqa: F811
    personas: Personas,
) -> None:
    page = _home(browser, live_server.url, personas.admin.username, 390)
    header = page.locator("header.top").bounding_box()
    assert header is not None and header["height"] < 70  # one line, not three
    assert not page.locator("nav a:has-text('申请列表')").is_visible()
    assert page.locator("label.menu-button").inner_text().endswith("工作台")  # where you are

    page.click("label.menu-button")
    link = page.locator("nav a:has-text('申请列表')")
    assert link.is_visible()
    assert page.locator("nav button:has-text('退出')").is_visible()
    link.click()
    page.wait_for_url(f"{live_server.url}{reverse('applications:list')}")

    wide = _home(browser, live_server.url, personas.admin.username, 1280)
    assert not wide.locator("label.menu-button").is_visible()
    links = wide.locator("nav a")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1 and links.count() >= 5  # one row


def test_the_public_menu_stays_open_on_a_phone(
    live_server: Any,
    browser: Any,  # noqa: F811
) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/open/")
    assert page.locator("nav a:has-text('网上申请')").is_visible()
    assert page.locator("label.menu-button").count() == 0
