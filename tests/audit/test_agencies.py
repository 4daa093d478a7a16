"""Grouping an agency's reports, and what kind of body it is."""

from __future__ import annotations

import pytest

from gongkai.audit.agencies import Kind, agency_key, agency_kind


def test_short_and_full_names_group_together() -> None:
    assert agency_key("朝阳市科技局") == agency_key("朝阳市科学技术局")
    assert agency_key(" 上海市 科委 ") == agency_key("上海市科学技术委员会")
    assert agency_key(None) is None and agency_key("") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("淮安市人民政府", Kind.GOVERNMENT),
        ("上海市人民政府办公厅", Kind.GOVERNMENT),
        ("广西壮族自治区人民政府", Kind.GOVERNMENT),
        ("沭阳县人民政府", Kind.COUNTY),
        ("上海市浦东新区人民政府", Kind.COUNTY),
        ("朝阳市科学技术局", Kind.DEPARTMENT),
        ("上海市科学技术委员会", Kind.DEPARTMENT),
        ("教育部", Kind.UNKNOWN),
        (None, Kind.UNKNOWN),
    ],
)
def test_kinds(name: str | None, kind: Kind) -> None:
    assert agency_kind(name) is kind
