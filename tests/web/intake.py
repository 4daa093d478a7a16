"""The 第二十九条 contents of a typical application, shared by the office tests."""

from __future__ import annotations

import datetime as dt


def intake(**over: object) -> dict[str, object]:
    """The 第二十九条 contents of a typical application, received in person."""
    data: dict[str, object] = dict(
        applicant_type="natural",
        applicant_name="张三",
        id_document="身份证 110101199001011237",
        phone="13800000000",
        description="2025年本机关行政许可决定",
        form_wanted="电子文档",
        delivery="电子邮件",
        channel="in_person",
        arrived=dt.date(2026, 3, 2),
    )
    data.update(over)
    return data


D = dt.date.fromisoformat
