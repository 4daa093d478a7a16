"""Characters with positions, and the text they make: lines, and cells of several lines.

Chinese puts no spaces between words, and PDFs store no spaces at all (WPS, Word) or
only some: spacing is decided here from the gaps between characters. Wide characters
(CJK, full-width punctuation, Chinese quotes) never get a space next to them from an
ordinary gap, so a label that a cell wraps or letter-spaces ("结 果" / "维持") reads
as one word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

# A gap this wide (in em) between two narrow characters is a word space.
WORD_GAP_EM = 0.15
# In running text a gap this wide even between wide characters separates two things
# set apart on one line, such as a label and its figure in a table without rules.
COLUMN_GAP_EM = 1.0

_WIDE_RANGES = (
    (0x2010, 0x206F),  # general punctuation: Chinese quotes “” ‘’, dashes, …
    (0x2E80, 0x9FFF),  # CJK radicals, CJK punctuation, kana, unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms: （），：；
    (0x20000, 0x3FFFF),  # ideograph extensions
)


_WIDE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _WIDE_RANGES) + "]")


class Glyph(NamedTuple):
    """One character as drawn; coordinates in PDF points, y growing downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # How sure the OCR engine was of this character (0 to 1); 1 for the text layer.
    confidence: float = 1.0

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


def ordinary(text: str) -> str:
    """A look-alike radical or compatibility ideograph (some fonts map "日" to "⽇"
    U+2F47) as the ordinary character; anything else as it is."""
    if len(text) == 1 and ("\u2e80" <= text <= "\u2fdf" or "\uf900" <= text <= "\ufaff"):
        return unicodedata.normalize("NFKC", text)
    return text


def is_wide(ch: str) -> bool:
    """True for the characters Chinese text sets without spaces around them."""
    return _WIDE.match(ch) is not None


def glyphs_to_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into lines, top to bottom, each line left to right.

    A glyph belongs to a line when its vertical middle falls within the first glyph's
    height: digits set in a Latin font sit a point lower than the Chinese beside them.
    """
    lines: list[list[Glyph]] = []
    top = bottom = 0.0
    # Twice the middle: the same order and test without a division per glyph (hot path).
    for g in sorted(glyphs, key=_twice_mid_y):
        mid2 = g.top + g.bottom
        if lines and top <= mid2 <= bottom:
            lines[-1].append(g)
        else:
            lines.append([g])
            top, bottom = 2 * g.top, 2 * g.bottom
    return [sorted(line, key=_x0) for line in lines]


def _twice_mid_y(g: Glyph) -> float:
    return g.top + g.bottom


def _x0(g: Glyph) -> float:
    return g.x0


def line_text(line: Sequence[Glyph], split_wide: bool) -> str:
    """The text of one line; ``split_wide``: a column-wide gap between wide characters
    becomes a space too (running text), or never does (inside a table cell)."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in line:
        if prev is not None and _space_between(prev, g, split_wide):
            out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def _space_between(left: Glyph, right: Glyph, split_wide: bool) -> bool:
    gap = right.x0 - left.x1
    em = max(left.size, right.size)
    if is_wide(left.text[-1]) or is_wide(right.text[0]):
        return split_wide and gap > COLUMN_GAP_EM * em
    return gap > WORD_GAP_EM * em


def join_wrapped(lines: Iterable[str]) -> str:
    """Join the lines of one table cell.

    A space goes between two lines only when both sides are letters or digits and not
    both digits: an English word wraps at a space, while a number too wide for its
    column and a Chinese label wrap anywhere.
    """
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _word_break(out[-1], line[0]):
            out += " "
        out += line
    return out


def _word_break(left: str, right: str) -> bool:
    if is_wide(left) or is_wide(right):
        return False
    if left.isdigit() and right.isdigit():
        return False
    return left.isalnum() and right.isalnum()
