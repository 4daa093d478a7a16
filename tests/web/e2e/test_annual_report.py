"""End to end in a real browser: the agency's admin drafts the 2025 report from the records
(table 2 counted from the catalogue's registers), writes the texts, sees a warning in the
checks, acknowledges it with a reason, publishes, and downloads the report in all four
formats; each file reads back to the cells of the JSON. The public then finds it on the portal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.gold import same_value
from gongkai.reader import read_report
from gongkai_web.annual.models import Acknowledgement, Version
from tests.web.annual.reports import fill_registers, year_2025
from tests.web.conftest import Personas
from tests.web.e2e.test_apply_and_reply import ARGS, CHROMIUM, log_in
from tests.web.e2e.test_apply_and_reply import pytestmark as pytestmark


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_draft_check_acknowledge_publish_and_download(
    live_server: Any,
    browser: Any,
    personas: Personas,
    tmp_path: Path,
) -> None:
    base = live_server.url
    year_2025(personas)
    fill_registers(personas.agency_a, 2025)
    page = log_in(browser, base, personas.admin.username)

    page.click("nav a:has-text('年度报告')")
    page.select_option("#year", "2025")
    page.click("button:has-text('查看')")
    page.click(f"tr[data-agency='{personas.agency_a.short_code}'] a:has-text('起草')")
    page.click("#start")
    assert "新收政府信息公开申请3件" in page.input_value("#overview")

    assert "表二由主动公开目录统计" in page.inner_text("#table2")
    assert page.inner_text("[data-cell='t2.license.decisions']") == "3"

    page.fill("#problems", "本年新收政府信息公开申请99件。队伍建设仍需加强。")
    page.fill("#other", "无其他需要报告的事项。")
    page.click("#save-sections")
    page.wait_for_selector("text=正文已保存")
    warning = page.locator(".finding.warning[data-rule='text.applications']")
    assert "99" in warning.inner_text()
    assert page.is_disabled("#publish-button")

    warning.locator("textarea").fill("99件为两年累计数，文字如此表述是有意的")
    warning.locator("button.ack").click()
    page.wait_for_selector("text=已确认该提示")
    assert "已确认：99件为两年累计数" in page.locator("#checks").inner_text()

    page.click("#publish-button")
    page.wait_for_selector("text=年度报告已公开")
    assert page.inner_text("#status") == "已公开"
    version = Version.objects.get()
    assert Acknowledgement.objects.get().version == version

    files = {}
    for label, fmt in (("Word", "docx"), ("PDF", "pdf"), ("网页", "html"), ("JSON", "json")):
        with page.expect_download() as info:
            page.click(f"#versions a:has-text('{label}')")
        files[fmt] = tmp_path / f"report.{fmt}"
        info.value.save_as(files[fmt])
    cells = json.loads(files["json"].read_text(encoding="utf-8"))["cells"]
    assert cells == version.cells
    for fmt in ("docx", "pdf", "html"):
        read = read_report(files[fmt])
        assert read.warnings == (), fmt
        assert set(read.cells) == set(cells), fmt
        assert all(same_value(k, read.cells[k], v) for k, v in cells.items()), fmt

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/annual/published/{personas.agency_a.short_code}/")
    assert "现行版本：第 1 版" in public.inner_text("main")
    public.click(f"text={personas.agency_a.name}2025年政府信息公开工作年度报告")
    public.wait_for_selector("article.gk-page")
    assert "队伍建设仍需加强" in public.inner_text("main")
