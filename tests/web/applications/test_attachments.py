"""Attachments: size and type limits, the content must match the extension."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai_web.applications.models import Application, EventKind
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def upload(client: Client, app: Application, name: str, content: bytes) -> list[str]:
    response = client.post(
        reverse("applications:attach", args=[app.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    "name,content",
    [
        ("scan.png", PNG),
        ("申请书.pdf", b"%PDF-1.7\n..."),
        ("photo.JPG", b"\xff\xd8\xff\xe0JFIF"),
        ("reply.docx", None),
        ("note.txt", "说明".encode()),
    ],
)
def test_accepted_files_are_stored_and_recorded(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    name: str,
    content: bytes | None,
) -> None:
    client = as_user(personas.handler)
    data = docx_bytes() if content is None else content
    assert any("已上传附件" in m for m in upload(client, case_a, name, data))
    item = case_a.attachments.get()
    assert item.name == name and item.size == len(data)
    assert case_a.events.filter(kind=EventKind.ATTACHMENT).count() == 1
    download = client.get(reverse("applications:attachment", args=[case_a.pk, item.pk]))
    assert b"".join(download.streaming_content) == data


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "不接受此类型的文件"),
        ("fake.pdf", b"<html>not a pdf</html>", "文件内容与扩展名 .pdf 不符"),
        ("fake.png", b"%PDF-1.4", "文件内容与扩展名 .png 不符"),
        ("fake.docx", b"%PDF-1.4", "文件内容与扩展名 .docx 不符"),
        ("binary.txt", b"\x00\x01\x02", "不是纯文本"),
        ("empty.pdf", b"", "文件为空"),
    ],
)
def test_refused_files_say_why(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    name: str,
    content: bytes,
    message: str,
) -> None:
    shown = upload(as_user(personas.handler), case_a, name, content)
    assert any(message in m for m in shown), shown
    assert not case_a.attachments.exists()


def test_files_over_the_size_limit_are_refused(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client], settings: object
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024  # type: ignore[attr-defined]
    shown = upload(as_user(personas.handler), case_a, "big.pdf", b"%PDF-" + b"x" * 2000)
    assert any("文件过大" in m for m in shown)
    assert not case_a.attachments.exists()
