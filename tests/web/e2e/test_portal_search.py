"""In a real browser (Debian chromium via Playwright): the public searches the portal and
opens an item, with JavaScript off (the basic paths are plain forms and links) and on a
390-px phone without sideways scrolling; the screenshot is kept in the test's folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from gongkai_web.catalogue.models import Item
from tests.web.catalogue.conftest import cat, publish  # noqa: F401  (fixtures)
from tests.web.conftest import Personas
from tests.web.e2e.test_apply_and_reply import browser, pytestmark  # noqa: F401


def test_the_public_searches_and_opens_an_item_without_javascript_on_a_phone(
    live_server: Any,
    browser: Any,  # noqa: F811
    cat: Personas,  # noqa: F811
    publish: Callable[..., Item],  # noqa: F811
    tmp_path: Path,
) -> None:
    policy = publish(
        title="示范市城市更新实施办法",
        doc_class="normative",
        genre="measures",
        doc_no="示政规〔2026〕2号",
        body="为推进城市更新，改善人居环境，制定本办法。",
    )
    reading = publish(
        title="《示范市城市更新实施办法》政策解读",
        genre="interpretation",
        interprets=policy,
        doc_no="",
    )
    publish(title="关于开展科技计划项目申报的通知")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/open/")
    page.fill("input[name=q]", "城市更新")
    page.click("button:has-text('检索')")
    page.wait_for_selector("#results")
    results = page.inner_text("#results")
    assert policy.title in results and reading.title in results
    assert "科技计划" not in results
    page.click(f"#results a:text-is('{policy.title}')")
    page.wait_for_selector("#index-no")
    assert page.inner_text("#index-no").strip() == policy.index_no
    assert reading.title in page.inner_text("main")
    # fits the phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "item-390.png"), full_page=True)
    page.click(f"main a:text-is('{reading.title}')")
    page.wait_for_selector("#index-no")
    assert page.inner_text("#index-no").strip() == reading.index_no
    context.close()
