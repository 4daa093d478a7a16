"""End to end in a real browser (Debian chromium through Playwright): a handler asks for a
补正; the applicant looks the case up with the tracking code, reads what is missing in the
timeline, sends the 补正 online with a file, and sees the clock restarted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai_web.applications import services
from gongkai_web.applications.models import Application, EventKind, Status
from tests.web.conftest import Personas
from tests.web.e2e.test_apply_and_reply import CHROMIUM, browser  # noqa: F401 (fixture)
from tests.web.intake import intake

pytestmark = [
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="no chromium binary (apt-get install chromium)"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_the_applicant_sends_the_correction_online(
    live_server: Any,
    browser: Any,  # noqa: F811 (the fixture imported above)
    personas: Personas,
    tmp_path: Path,
) -> None:
    today = timezone.localdate()
    app = services.register(
        personas.agency_a,
        intake(channel="online", arrived=today - dt.timedelta(days=1)),
    )
    services.request_correction(
        app, personas.handler, today, today + dt.timedelta(days=14), "请写明所需决定的文号"
    )
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{live_server.url}/public/status/")
    page.fill("#id_code", app.tracking_code.lower())
    page.click("button:has-text('查询')")
    timeline = page.locator("#timeline")
    assert "告知补正" in timeline.inner_text()
    assert "需要补正的事项：请写明所需决定的文号" in timeline.inner_text()

    material = tmp_path / "补正说明.txt"
    material.write_text("文号：某许〔2025〕12号", encoding="utf-8")
    page.click("button:has-text('提交补正')")  # empty: refused with a message
    assert "请填写补正内容或上传补正材料" in page.inner_text("#correction")
    page.fill("#correction textarea", "所需决定的文号为某许〔2025〕12号")
    page.set_input_files("#correction input[type=file]", str(material))
    page.click("button:has-text('提交补正')")
    page.wait_for_selector("text=补正已提交")
    assert "收到补正" in page.inner_text("#timeline")
    assert page.locator("#correction").count() == 0

    app = Application.objects.get(pk=app.pk)
    assert app.status == Status.HANDLING and app.corrected == today
    event = app.events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert "某许〔2025〕12号" in event.note
    assert app.attachments.get().file.read().decode() == "文号：某许〔2025〕12号"
