"""End to end in a real browser (Debian chromium driven by Playwright): the public applies
online and notes the tracking code; staff log in and handle the case to a reply; the public
status page then shows it replied.

Never run ``playwright install``: the test drives the system's chromium and is skipped only
when there is none (``scripts/setup`` and CI install the Debian package).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai_web.applications.models import Application, Status
from tests.web.conftest import PASSWORD, Personas

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe (the test's own ORM calls are plain).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="no chromium binary (apt-get install chromium)"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_step(page: Any, name: str) -> Any:
    """Unfold a step's <details> and return its form."""
    page.eval_on_selector(f"#step-{name}", "d => { d.open = true; }")
    return page.locator(f"#step-{name} form")


def log_in(browser: Any, base: str, username: str, **context: Any) -> Any:
    """A page logged in as ``username``; ``context``: more browser-context options."""
    page = browser.new_context(locale="zh-CN", **context).new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('登录')")
    page.wait_for_url(f"{base}/")
    return page


def test_apply_online_handle_to_a_reply_and_check_the_status(
    live_server: Any, browser: Any, personas: Personas, settings: Any
) -> None:
    base = live_server.url
    # A person takes seconds to fill in the form; the browser here takes milliseconds.
    settings.PUBLIC_FORM_MIN_SECONDS = 0

    # The public applies online.
    public = browser.new_context(locale="zh-CN").new_page()
    refused: list[str] = []  # what the Content-Security-Policy blocked on any page
    public.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    public.goto(f"{base}/public/apply/")
    public.select_option("#id_agency", label=personas.agency_a.name)
    public.select_option("#id_applicant_type", "natural")
    public.fill("#id_applicant_name", "赵六")
    public.fill("#id_id_document", "身份证 110101199001011237")
    public.fill("#id_email", "zhaoliu@example.cn")
    public.fill("#id_description", "本市2025年科技计划项目立项清单")
    public.fill("#id_form_wanted", "电子文档")
    public.fill("#id_delivery", "电子邮件")
    public.click("button:has-text('提交申请')")
    public.wait_for_selector("#tracking-code")
    code = public.inner_text("#tracking-code").strip()
    reg_no = public.inner_text("#reg-no").strip()
    app = Application.objects.get(tracking_code=code)
    assert app.reg_no == reg_no and app.channel == "online"

    # The registrar finds it in the list and assigns it.
    registrar = log_in(browser, base, "registrar_a")
    registrar.goto(f"{base}/cases/")
    registrar.click(f"text={reg_no}")
    form = open_step(registrar, "assign")
    form.locator("select[name=handler]").select_option(label="handler_a")
    form.locator("button").click()
    registrar.wait_for_selector("text=分办：已完成")

    # The handler drafts the reply.
    handler = log_in(browser, base, "handler_a")
    handler.goto(f"{base}/cases/{app.pk}/")
    form = open_step(handler, "draft")
    form.locator("select[name=outcome]").select_option("disclosed")
    form.locator("textarea[name=text]").fill("经审查，您申请的信息予以公开，见附件。")
    form.locator("button").click()
    handler.wait_for_selector("text=拟定答复：已完成")

    # The reviewer approves it.
    reviewer = log_in(browser, base, "reviewer_a")
    reviewer.goto(f"{base}/cases/{app.pk}/")
    form = open_step(reviewer, "review")
    form.locator("input[name=decision][value=approve]").check()
    form.locator("button").click()
    reviewer.wait_for_selector("text=审核：已完成")

    # The handler sends the reply.
    handler.goto(f"{base}/cases/{app.pk}/")
    form = open_step(handler, "reply")
    form.locator("button").click()
    handler.wait_for_selector("text=答复并办结：已完成")
    assert handler.locator("text=下载告知书").count() == 1
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.outcome == "disclosed"

    # The public checks the status with the tracking code.
    public.goto(f"{base}/public/status/")
    public.fill("#id_code", code)
    public.click("button:has-text('查询')")
    public.wait_for_selector("#result")
    assert public.inner_text("#status").strip() == "已答复"
    result = public.inner_text("#result")
    assert reg_no in result and "予以公开" in result and "赵六" not in result
    assert refused == []  # no inline script or style anywhere the public went
