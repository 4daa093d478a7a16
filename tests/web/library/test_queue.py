"""Collecting and processing on the queue: a duplicate is recognised, a failing file shows
the reader's reason without stopping the batch and can be retried, a file that hangs or
eats memory is stopped by the limits, and the real database worker processes an import."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from gongkai_web.library.errors import LibraryError
from gongkai_web.library.models import Match, Report, Status, Upload
from gongkai_web.library.services import collect, reading
from tests.web.library.conftest import Library, corpus_bytes, needs_corpus, upload, zipped

pytestmark = needs_corpus


def test_a_second_upload_of_the_same_bytes_is_a_duplicate(
    library: Library, django_capture_on_commit_callbacks: Any
) -> None:
    data = corpus_bytes("kewei-2024.md")
    with django_capture_on_commit_callbacks(execute=True):
        first = upload(library.supervisor, ("kewei-2024.md", data))
        second = upload(library.supervisor, ("renamed.md", data))
    assert len(first.added) == 1 and not first.duplicates
    assert not second.added and second.duplicates == first.added
    assert Report.objects.count() == 1
    dup = Upload.objects.get(batch=second.batch)
    assert dup.duplicate and dup.filename == "renamed.md"
    report = Report.objects.get()
    assert report.status == Status.DONE and report.attempts == 1  # read once, not twice
    assert report.agency == library.kewei and report.year == 2024 and report.match == Match.AUTO


def test_a_zip_is_opened_and_what_is_not_a_report_is_refused_with_a_reason(
    library: Library,
) -> None:
    data = zipped(
        ("a/kewei-2024.md", corpus_bytes("kewei-2024.md")),
        ("photo.jpg", b"\xff\xd8"),
        ("__MACOSX/._x.md", b"junk"),
    )
    done = upload(library.supervisor, ("reports.zip", data))
    assert [r.filename for r in done.added] == ["kewei-2024.md"]
    assert done.refused == [("photo.jpg", "不是年报文件（支持 PDF、Word .docx、网页、文本）")]
    bad = upload(library.supervisor, ("broken.zip", b"PK\x03\x04 not really"))
    assert bad.refused == [("broken.zip", "不是有效的 zip 压缩包")]
    assert "未收 1 个" in bad.summary()


def test_a_failing_file_shows_the_reason_does_not_block_the_batch_and_can_be_retried(
    library: Library, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        done = upload(
            library.supervisor,
            ("broken.pdf", b"%PDF-1.4 this is no pdf"),
            ("kewei-2024.md", corpus_bytes("kewei-2024.md")),
        )
    broken = Report.objects.get(filename="broken.pdf")
    good = Report.objects.get(filename="kewei-2024.md")
    assert broken.status == Status.FAILED and broken.reason and "\n" not in broken.reason
    assert good.status == Status.DONE
    assert len(done.added) == 2
    with pytest.raises(LibraryError):
        collect.retry(good)
    with django_capture_on_commit_callbacks(execute=True):
        collect.retry(broken)
    broken.refresh_from_db()
    assert broken.status == Status.FAILED and broken.attempts == 2


def _hang(path: str, source: str) -> Any:
    time.sleep(30)


def _hog(path: str, source: str) -> Any:
    return bytearray(2_000 * 1024 * 1024)  # 2 GB: over the limit


def test_a_read_that_hangs_is_stopped_at_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reading.stop_readers()  # the next child is forked with the patched function
    monkeypatch.setattr(reading, "read_file", _hang)
    started = time.monotonic()
    result = reading.read_bounded(tmp_path, "x.pdf", seconds=0.5, memory_mb=512)
    assert isinstance(result, reading.Failed) and "超时" in result.reason
    assert time.monotonic() - started < 10
    reading.stop_readers()


def test_a_read_that_eats_memory_is_stopped_at_the_memory_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reading.stop_readers()
    monkeypatch.setattr(reading, "read_file", _hog)
    result = reading.read_bounded(tmp_path, "x.pdf", seconds=20, memory_mb=512)
    assert isinstance(result, reading.Failed) and "内存" in result.reason
    reading.stop_readers()


@pytest.mark.django_db(transaction=True)
def test_the_import_command_with_wait_runs_the_real_database_worker(
    settings: Any, tmp_path: Path, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "kewei-2024.md").write_bytes(corpus_bytes("kewei-2024.md"))
    (folder / "sub" / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "notes.json").write_text("{}")
    call_command("library_import", str(folder), "--year", "2024", "--wait")
    out = capsys.readouterr().out
    assert "新收 2 份" in out and "成功 1 份，失败 1 份" in out and "broken.pdf" in out
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert Report.objects.get(filename="kewei-2024.md").status == Status.DONE


def test_the_reading_child_ends_with_its_worker(tmp_path: Path) -> None:
    import signal

    sample = tmp_path / "a.txt"
    sample.write_text("示例", encoding="utf-8")
    reading.stop_readers()
    # A worker's graceful-shutdown handler must not keep the child alive on SIGTERM.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        for ending in ("sigterm", "pipe closed"):
            reading.read_bounded(sample, "a.txt", seconds=30, memory_mb=1024)
            reader = next(iter(reading._readers.values()))
            child = reader.child
            assert child is not None and child.is_alive() and child.pid is not None
            if ending == "sigterm":
                os.kill(child.pid, signal.SIGTERM)
            else:
                assert reader.conn is not None
                reader.conn.close()  # as when the worker dies
            child.join(10)
            assert not child.is_alive(), ending
            reading._readers.clear()
    finally:
        signal.signal(signal.SIGTERM, previous)
