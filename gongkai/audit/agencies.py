"""Agencies: the name that groups an agency's reports across years, and what kind of
body it is (only some bodies may make 规章)."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

# Short forms titles use, folded to the full name so that one agency's reports group
# together ("朝阳市科技局" and "朝阳市科学技术局").
_SHORT_FORMS = (
    ("科技局", "科学技术局"),
    ("科委", "科学技术委员会"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("经信委", "经济和信息化委员会"),
    ("卫健委", "卫生健康委员会"),
    ("住建委", "住房和城乡建设委员会"),
    ("住建局", "住房和城乡建设局"),
    ("人社局", "人力资源和社会保障局"),
    ("市场监管局", "市场监督管理局"),
    ("政府办", "人民政府办公室"),
)


def agency_key(name: str | None) -> str | None:
    """The name an agency's reports are grouped by: NFKC, no spaces or punctuation, short
    forms spelled out. None for a report whose agency was not found."""
    if not name:
        return None
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if ch.isalnum())
    for short, full in _SHORT_FORMS:
        if text.endswith(short):
            text = text[: -len(short)] + full
    return text or None


class Kind(StrEnum):
    """What an agency is, as far as its name says."""

    GOVERNMENT = "government"  # 人民政府 and its office, or a zone's 管委会
    COUNTY = "county"  # a government below 设区的市: 县, 区, 旗, 乡, 镇, 街道
    DEPARTMENT = "department"  # a local government's department
    UNKNOWN = "unknown"


_COUNTY = re.compile(r"(?:[县旗乡镇]|(?<!自治)区)人民政府(?:办公室|办公厅)?$|街道办事处$")
_GOVERNMENT = re.compile(
    r"(?:人民政府|人民政府办公厅|人民政府办公室|政府办公厅|管理委员会|管委会|实验区|新区)$"
)
_PLACE = re.compile(r"[省市县区州盟旗]")
_DEPARTMENT_END = re.compile(r"(?:局|委员会|委|厅|办公室|办|中心|院|署|所|站|支队|大队)$")


def agency_kind(name: str | None) -> Kind:
    """Government, county-level government, local department, or unknown (no name; a
    national ministry; a name of another shape)."""
    key = agency_key(name)
    if key is None:
        return Kind.UNKNOWN
    if _COUNTY.search(key):
        return Kind.COUNTY
    if _GOVERNMENT.search(key):
        return Kind.GOVERNMENT
    if _PLACE.search(key[:-1]) and _DEPARTMENT_END.search(key):
        return Kind.DEPARTMENT
    return Kind.UNKNOWN
