"""The report's agency and report year, read from its title, period or signature."""

from __future__ import annotations

import re
from collections import Counter

# "2024 年上海市科委政府信息公开工作年度报告", "朝阳市科技局2012年度政府信息公开工作报告"
_TITLE = re.compile(
    r"(?P<pre>[^\s。，；：:]{0,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*"
    r"(?P<post>[^。，；\n]{0,40}?)\s*政府信息公开\s*(?:工作)?\s*(?:年度)?\s*报告"
)
_PERIOD = re.compile(r"统计(?:期限|周期|时限|时间)?为\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_DATE_LINE = re.compile(
    r"^\s*[（(]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日\s*[)）]?\s*$"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_AGENCY_END = re.compile(
    r"(?:人民政府办公厅|人民政府办公室|人民政府|委员会|管委会|办公厅|办公室|实验区|局|委|厅|院|署|部|办|中心|所|站|会|处|室|区|县|市)$"
)
# Common short names that titles use for the agency's full name.
_ABBREVIATIONS = (
    ("科委", "科学技术委员会"),
    ("发改委", "发展和改革委员会"),
    ("经信委", "经济和信息化委员会"),
    ("卫健委", "卫生健康委员会"),
    ("住建委", "住房和城乡建设委员会"),
    ("教委", "教育委员会"),
)
_TITLE_NOISE = re.compile(r"^(?:标题|题目)\s*[:：]\s*|^#+\s*|^正文\s*")


def _title_text(lines: list[str]) -> str:
    """The first lines joined: titles are often broken over two or three lines."""
    head = [_TITLE_NOISE.sub("", ln.strip()) for ln in lines[:12] if ln.strip()]
    return "".join(head[:6])


def report_year(lines: list[str]) -> int | None:
    """The year reported on: the title's year, else the statistics period, else the year
    before the signature date at the end, else the year the opening text names most."""
    title = _TITLE.search(_title_text(lines))
    if title:
        return int(title.group("year"))
    text = "\n".join(lines)
    period = _PERIOD.search(text)
    if period:
        return int(period.group(1))
    for line in reversed(lines[-8:]):
        date = _DATE_LINE.match(line)
        if date:
            return int(date.group(1)) - 1
    years = Counter(int(y) for y in _YEAR.findall(text[:3000]))
    return years.most_common(1)[0][0] if years else None


def report_agency(lines: list[str]) -> str | None:
    """The agency named in the title, else in the signature above the closing date."""
    title = _TITLE.search(_title_text(lines))
    if title:
        for part in (title.group("pre"), title.group("post")):
            name = part.strip(" ：:\u3000").removesuffix("关于")
            if len(name) >= 2 and _AGENCY_END.search(name):
                return _expand(name)
    tail = [ln.strip() for ln in lines[-8:] if ln.strip()]
    for i in range(len(tail) - 1, 0, -1):
        if _DATE_LINE.match(tail[i]) and _AGENCY_END.search(tail[i - 1]) and len(tail[i - 1]) < 30:
            return _expand(tail[i - 1])
    return None


def _expand(name: str) -> str:
    for short, full in _ABBREVIATIONS:
        if name.endswith(short):
            return name[: -len(short)] + full
    return name
