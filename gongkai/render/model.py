"""What a renderer is given: the report's facts, and the fonts (by configuration)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from gongkai.catalogue.forms import Template, cell_ids, is_money
from gongkai.errors import RenderError

# A count, an amount in 万元 for the money cells, or None for a cell left blank.
CellValue = int | float | None


class Section(StrEnum):
    """The six sections of the national form (the same titles in 2019 and 2021)."""

    OVERVIEW = "overview"
    PROACTIVE = "proactive"
    APPLICATIONS = "applications"
    REVIEWS = "reviews"
    PROBLEMS = "problems"
    OTHER = "other"


SECTION_TITLES: dict[Section, str] = {
    Section.OVERVIEW: "一、总体情况",
    Section.PROACTIVE: "二、主动公开政府信息情况",
    Section.APPLICATIONS: "三、收到和处理政府信息公开申请情况",
    Section.REVIEWS: "四、政府信息公开行政复议、行政诉讼情况",
    Section.PROBLEMS: "五、存在的主要问题及改进情况",
    Section.OTHER: "六、其他需要报告的事项",
}


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font families by role, first choice first (GB/T 9704: title 小标宋, headings 黑体,
    body 仿宋). A .docx names the first family of each role (Word substitutes what it has);
    HTML and PDF list them all, so WeasyPrint embeds the first one installed — the Noto CJK
    families that scripts/setup installs close each list."""

    title: tuple[str, ...] = ("方正小标宋简体", "华文中宋", "Noto Serif CJK SC")
    heading: tuple[str, ...] = ("黑体", "SimHei", "Noto Sans CJK SC")
    body: tuple[str, ...] = ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC")
    table: tuple[str, ...] = ("宋体", "SimSun", "Noto Serif CJK SC")


# Sizes in points: 二号 22, 三号 16; tables 10 pt as the blank national form prints them.
TITLE_PT = 22.0
BODY_PT = 16.0
TABLE_PT = 10.0


@dataclass(frozen=True, slots=True)
class FormReport:
    """One annual report to render.

    ``cells``: catalogue ids (``../shared/spec/cells.md``) to values; a count is an int, a
    money cell is 万元; a cell absent or None is printed blank. ``sections``: text of each
    section, paragraphs separated by blank lines or single newlines; missing means empty.
    ``issuer``/``issued``: the signature lines under the text (optional).
    """

    agency: str
    year: int
    template: Template
    cells: Mapping[str, CellValue] = field(default_factory=dict)
    sections: Mapping[Section, str] = field(default_factory=dict)
    issuer: str = ""
    issued: str = ""

    def __post_init__(self) -> None:
        if self.template is Template.LEGACY:
            raise RenderError("2019 年以前的年度报告没有统一表格，无法按国家格式生成")
        unknown = sorted(set(self.cells) - set(cell_ids(self.template)))
        if unknown:
            raise RenderError(
                f"{self.template.value} 年版表格没有这些单元格：{'、'.join(unknown[:5])}"
            )

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def paragraphs(self, section: Section) -> list[str]:
        text = self.sections.get(section, "")
        return [p.strip() for p in text.splitlines() if p.strip()]


def show(cell_id: str, value: CellValue) -> str:
    """A cell's printed text: blank for None, 万元 as a plain decimal (no exponent, no
    trailing zeros), counts as integers."""
    if value is None:
        return ""
    if is_money(cell_id):
        text = format(Decimal(str(value)).normalize(), "f")
        return "0" if text in ("-0", "") else text
    return str(int(value))


def template_for_year(year: int) -> Template:
    """The form a report year uses: 2019 form for 2019 and 2020, 2021 form from 2021 on."""
    if year < 2019:
        return Template.LEGACY
    return Template.T2019 if year < 2021 else Template.T2021
