"""The report library in a real browser: the supervisor uploads a .zip of corpus reports,
waits for the batch to be processed, dismisses a finding with a reason and downloads the
region's review. Tasks run on the immediate backend (the live server's database is not
reachable from a worker process); the database worker is tested in tests/web/library."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from gongkai_web.library.models import Decision, Verdict
from tests.web.e2e.test_apply_and_reply import CHROMIUM, browser, log_in  # noqa: F401
from tests.web.library.conftest import (  # noqa: F401  (fixtures)
    Library,
    _immediate_tasks,
    corpus_bytes,
    library,
    needs_corpus,
    zipped,
)

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium binary"),
    pytest.mark.django_db(transaction=True),
    needs_corpus,
]


def test_upload_a_zip_wait_dismiss_a_finding_and_download_the_review(
    live_server: Any,
    browser: Any,  # noqa: F811
    library: Library,  # noqa: F811
    tmp_path: Path,
) -> None:
    from docx import Document

    from gongkai_web.library.services import reading

    archive = tmp_path / "reports.zip"
    archive.write_bytes(
        zipped(
            ("kewei-2024.md", corpus_bytes("kewei-2024.md")),
            ("shanghai-office-2025.md", corpus_bytes("shanghai-office-2025.md")),
        )
    )
    base = live_server.url
    page = log_in(browser, base, "lib_supervisor")
    page.goto(f"{base}/library/")
    page.set_input_files("#id_files", str(archive))
    page.fill("#id_name", "上海市两份年报")
    page.click("button:has-text('上传并处理')")
    page.wait_for_selector("text=已处理 2/2", timeout=60_000)
    assert "新收 2 份" in page.inner_text("ul.messages")

    page.click("a:has-text('kewei-2024.md')")
    card = page.locator(".finding").first
    card.locator("input[name=reason]").fill("已在正文说明，不是问题")
    card.locator("button:has-text('驳回')").click()
    page.wait_for_selector("text=已记录审核结论")
    decision = Decision.objects.get()
    assert decision.verdict == Verdict.DISMISSED and decision.reason == "已在正文说明，不是问题"

    page.goto(f"{base}/library/overview/?region={library.region.pk}&year=2024")
    page.wait_for_selector("#heatmap canvas")
    with page.expect_download() as download:
        page.click("a:has-text('审核报告（Word）')")
    path = download.value.path()
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(path).read_bytes())).paragraphs)
    assert "上海市人民政府2024年度政府信息公开工作年度报告审核情况" in text
    assert "上海市科学技术委员会" in text
    reading.stop_readers()  # before the browser's teardown
