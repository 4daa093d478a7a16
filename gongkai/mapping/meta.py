"""The report's agency and report year, read from its title, period or signature.

When an extraction lost the title, both come from the body: the preface ("现将某县人民政府
2025年政府信息公开工作年度报告向社会公布"), the statistics period ("统计期限自2025年1月1日
起…"), the signature above the closing date. A name found in running text is cut at the
words before it that are not part of it (a verb, a preposition: "现将", "根据…"), so a
neighbouring word is never taken into the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# "2024 年上海市科委政府信息公开工作年度报告", "朝阳市科技局2012年度政府信息公开工作报告"
_TITLE = re.compile(
    r"(?P<pre>[^\s。，；：:]{0,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*"
    r"(?P<post>[^。，；\n]{0,40}?)\s*政府信息公开\s*(?:工作)?\s*(?:年度)?\s*报告"
)
_PERIOD = re.compile(
    r"统计(?:期限|周期|时限|时间|区间|范围)?\s*(?:为|是|自|从|：|:)?\s*(?:自|从)?\s*"
    r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
)
_DATE = r"[（(]?\s*(?P<year>(?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日\s*[)）]?"
_DATE_LINE = re.compile(rf"^\s*{_DATE}\s*$")
# A signature and its date on one line: "某县人民政府  2026年1月23日".
_SIGNED_LINE = re.compile(rf"^\s*(?P<name>[^\s\d]{{2,30}}?)\s*{_DATE}\s*$")
# Words that come before an agency's name in running text and are not part of it: the
# name starts after the last of them. Only words no agency name contains ("将乐县" has 将,
# "经济" 经, "大数据局" 据, "自由贸易" 由: those single characters are not here).
_BEFORE_NAME = re.compile(
    r".*(?:现将|特将|现把|兹将|根据|依据|按照|遵照|本报告由|报告由|是|对|向社会|的|了|为做好|"
    r"[、，,。；;：:《》〈〉“”\"'（）()\[\]【】\s])"
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


def _folded(lines: list[str]) -> list[str]:
    """Full-width digits and letters as ASCII (NFKC): "２０２５年" is 2025年."""
    return [unicodedata.normalize("NFKC", ln) for ln in lines]


def report_year(lines: list[str]) -> int | None:
    """The year reported on: the title's year, else the statistics period, else the year
    a preface names with the report, else the year before the signature date at the
    end, else the year the opening text names most. None when no year is printed."""
    lines = _folded(lines)
    title = _TITLE.search(_title_text(lines))
    if title:
        return int(title.group("year"))
    text = "\n".join(lines)
    period = _PERIOD.search(text)
    if period:
        return int(period.group(1))
    for match in _TITLE.finditer(text[:_PREFACE_CHARS]):
        return int(match.group("year"))
    for line in reversed(lines[-8:]):
        date = _DATE_LINE.match(line) or _SIGNED_LINE.match(line)
        if date:
            return int(date.group("year")) - 1
    years = Counter(int(y) for y in _YEAR.findall(text[:3000]))
    return years.most_common(1)[0][0] if years else None


# The opening text in which a preface names the report ("现将…年度报告向社会公布").
_PREFACE_CHARS = 3000
# A preface naming who wrote the report: "…，某市人民政府办公室编制了本报告",
# "本报告由某局编制".
_AUTHOR = (
    re.compile(r"(?P<pre>[^。；;\n]{2,60}?)(?:编制|制作|编写|发布)了?(?:本|此)(?:年度)?报告"),
    re.compile(r"本报告由(?P<pre>[^。；;，,\n]{2,40}?)(?:负责)?(?:编制|制作|编写|发布)"),
)


def report_agency(lines: list[str]) -> str | None:
    """The agency named in the title, else in the preface's naming of the report, else
    in the signature above (or beside) the closing date. None when none is printed."""
    lines = _folded(lines)
    title = _TITLE.search(_title_text(lines))
    if title:
        name = _name_in(title.group("pre")) or _name_in(title.group("post"))
        if name:
            return name
    preface = "\n".join(lines)[:_PREFACE_CHARS]
    for match in _TITLE.finditer(preface):
        name = _name_in(match.group("pre")) or _name_in(match.group("post"))
        if name:
            return name
    for pattern in _AUTHOR:
        for match in pattern.finditer(preface):
            if name := _name_in(match.group("pre")):
                return name
    return _signature(lines)


def _signature(lines: list[str]) -> str | None:
    tail = [ln.strip() for ln in lines[-8:] if ln.strip()]
    for i in range(len(tail) - 1, -1, -1):
        signed = _SIGNED_LINE.match(tail[i])
        if signed and (name := _name_in(signed.group("name"))):
            return name
        above = tail[i - 1] if i else ""
        if _DATE_LINE.match(tail[i]) and len(above) < 30 and (name := _name_in(above)):
            return name
    return None


def _name_in(text: str) -> str | None:
    """The agency name that ``text`` ends with, without the words before it; None when
    what is left does not end as an agency's name does."""
    name = _BEFORE_NAME.sub("", text.strip(" ：:\u3000")).removesuffix("关于")
    if len(name) < 2 or not _AGENCY_END.search(name) or name.startswith(("本", "我")):
        return None
    return _expand(name)


def _expand(name: str) -> str:
    for short, full in _ABBREVIATIONS:
        if name.endswith(short):
            return name[: -len(short)] + full
    return name
