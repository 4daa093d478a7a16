"""Letters as Word documents in the GB/T 9704-2012 layout: the second stage of every letter.

The composers (``reply.py``, ``steps.py``) turn a case into blocks (plain text, one per
paragraph); ``render`` lays them out per GB/T 9704-2012 (党政机关公文格式):
A4, margins 37/35/28/26 mm, a grid of 22 lines × 28 characters, title 2号 小标宋, body 3号 仿宋,
first-level headings 黑体, page numbers 4号 “— 1 —” outside on odd and even pages.

The official fonts are proprietary and not embedded: the letter names them and Word uses them
where installed. Names are mapped by configuration: ``FONTS`` below, overridden key by key by
the Django setting ``GONGKAI_LETTER_FONTS`` (e.g. ``{"title": "方正小标宋_GBK"}``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "page_number": "宋体",
}

# GB/T 9704-2012 §5.2: A4; 版心 156 mm × 225 mm; 天头 37 mm, 订口 28 mm (so right 26, bottom 35).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22, 16, 14  # 2号, 3号, 4号
# 225 mm of text height over 22 lines: 637.8 pt / 22 ≈ 28.99 pt; 28.95 pt is the customary fixed
# value that keeps 22 lines on the page in Word.
LINE_PITCH_PT = 28.95
# The page number sits 7 mm below the text block (§7.5): footer bottom at ~22 mm from the edge.
FOOTER_DISTANCE_MM = 22


class Kind(Enum):
    TITLE = "title"
    NUMBER = "number"
    SALUTATION = "salutation"
    HEADING = "heading"
    BODY = "body"
    BLANK = "blank"
    SIGNATURE = "signature"
    SEAL = "seal"  # where the seal goes: a placeholder, the office stamps the printed letter
    DATE = "date"
    NOTE = "note"
    ATTACHMENTS = "attachments"  # §7.3.3 附件说明: 正文下空一行左空二字


@dataclass(frozen=True, slots=True)
class Block:
    kind: Kind
    text: str = ""


def letter_fonts() -> dict[str, str]:
    """``FONTS`` with the keys of ``settings.GONGKAI_LETTER_FONTS`` replaced.

    Raises ImproperlyConfigured for a key that names no part of the letter (a typo would
    otherwise be silently ignored).
    """
    override: dict[str, str] = getattr(settings, "GONGKAI_LETTER_FONTS", None) or {}
    unknown = set(override) - set(FONTS)
    if unknown:
        raise ImproperlyConfigured(
            f"GONGKAI_LETTER_FONTS 含有未知的键：{', '.join(sorted(unknown))}；"
            f"可用的键：{', '.join(FONTS)}"
        )
    return {**FONTS, **override}


# ---- render: blocks → .docx per GB/T 9704 -------------------------------------------------


def render(blocks: list[Block], fonts: dict[str, str]) -> bytes:
    """Lay the blocks out on A4 per GB/T 9704-2012 and return the .docx bytes."""
    document = Document()
    _set_defaults(document, fonts["body"])
    _set_page(document, fonts["page_number"])
    date_width = next((_width(b.text) for b in blocks if b.kind is Kind.DATE), 0.0)
    for block in blocks:
        _add_block(document, block, fonts, date_width)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _width(text: str) -> float:
    """Width in characters of the body font: ASCII digits and letters are half width."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _add_block(document: Any, block: Block, fonts: dict[str, str], date_width: float) -> None:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    font, size = fonts["body"], BODY_PT
    if block.kind is Kind.TITLE:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font, size = fonts["title"], TITLE_PT
    elif block.kind is Kind.NUMBER:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.kind in (Kind.BODY, Kind.HEADING, Kind.NOTE, Kind.ATTACHMENTS):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Pt(2 * BODY_PT)
        if block.kind is Kind.HEADING:
            font = fonts["heading"]
    elif block.kind is Kind.DATE:
        # §7.3.5.1: 成文日期 右空四字.
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(4 * BODY_PT)
    elif block.kind is Kind.SEAL:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(6 * BODY_PT)
    elif block.kind is Kind.SIGNATURE:
        # §7.3.5.1: 发文机关署名 centred over the date (never closer than 2 characters to the
        # right edge when the name is longer than the date).
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        shift = 4 + (date_width - _width(block.text)) / 2
        fmt.right_indent = Pt(max(2.0, shift) * BODY_PT)
    if block.text:
        _run(paragraph, block.text, font, size)


def _run(paragraph: Any, text: str, font: str, size: float) -> Any:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _name_font(run._element.get_or_add_rPr(), font)
    return run


def _name_font(rpr: Any, font: str) -> None:
    """Name ``font`` for every script: Word takes Chinese text's font from ``w:eastAsia``,
    which python-docx's ``font.name`` leaves unset."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)  # a theme font would win over the names
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(script), font)


def _set_defaults(document: Any, body_font: str) -> None:
    """Body font, size and fixed line pitch as the defaults of every paragraph."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _name_font(rpr, body_font)
    for tag in ("w:sz", "w:szCs"):  # the grid's character pitch is reckoned from this size
        size = rpr.find(qn(tag))
        if size is not None:
            size.set(qn("w:val"), str(BODY_PT * 2))
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _name_font(normal.element.get_or_add_rPr(), body_font)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # lines are a fixed grid; Word must not move single lines


def _set_page(document: Any, number_font: str) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    _set_grid(section)
    # §7.5: 单页码居右空一字，双页码居左空一字.
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], number_font, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], number_font, WD_ALIGN_PARAGRAPH.LEFT)


def _set_grid(section: Any) -> None:
    """A 22 × 28 document grid: Word snaps lines and characters to it (文档网格)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    text_width_pt = (PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72
    # charSpace: the difference between the grid's pitch and the font size, in 1/4096 pt.
    char_space = round((text_width_pt / CHARS_PER_LINE - BODY_PT) * 4096)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    grid.set(qn("w:charSpace"), str(char_space))


def _page_number(paragraph: Any, font: str, side: WD_ALIGN_PARAGRAPH) -> None:
    """“— N —” in 4号 half-width digits, one character in from the outer edge."""
    paragraph.alignment = side
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if side == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    _run(paragraph, "— ", font, PAGE_NUMBER_PT)
    _field(paragraph, "PAGE", "1", font)
    _run(paragraph, " —", font, PAGE_NUMBER_PT)


def _field(paragraph: Any, instruction: str, shown: str, font: str) -> None:
    """A Word field (``PAGE``) as begin / instruction / separate / result / end runs."""
    for part in ("begin", instruction, "separate", shown, "end"):
        run = _run(paragraph, "", font, PAGE_NUMBER_PT)
        if part in ("begin", "separate", "end"):
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), part)
            run._element.append(char)
        elif part == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._element.append(instr)
        else:
            run.text = shown
