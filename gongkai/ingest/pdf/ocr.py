"""Scanned pages (images without a text layer) read by OCR into the same page content.

Each page is rendered by PDFium in grey at a modest resolution; RapidOCR (PP-OCRv4
Chinese models shipped inside the ``rapidocr-onnxruntime`` package, run offline by
ONNX Runtime) finds lines of text and the box of each character; the table rules are
found in the image by morphological opening (long thin runs of ink, with OpenCV, which
RapidOCR brings). Characters and rules then go through the same ``page_content`` as a
text layer's. A table cell with ink in which the page-wide pass found nothing, or a
short one it was unsure of (single digits such as "0" are easy to miss), is recognised
again on its own. Every character
carries the engine's confidence, which ends up in ``Where.ocr``; deciding what is too
unsure to keep is the report's business (``gongkai.mapping.ocr``), not guessed here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import UnreadableFile
from gongkai.ingest.pdf.caps import Deadline, PdfLimits
from gongkai.ingest.pdf.cells import Edge
from gongkai.ingest.pdf.glyphs import Glyph
from gongkai.ingest.pdf.page import PageContent, page_content
from gongkai.ingest.pdf.tables import Grid, deal_glyphs, grids_of

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np
    import numpy.typing as npt

    Image = npt.NDArray[np.uint8]

# Pixels per point: 150 dpi, enough for 10.5 pt table figures; the longer side of a
# page image is kept within ``_MAX_SIDE`` pixels (the engine shrinks larger ones) whatever the page size.
_SCALE = 150 / 72
_MAX_SIDE = 2000
# A picture on a page bigger than this (pixels) is not decoded: a hostile file can
# declare an image of gigapixels.
_MAX_IMAGE_PIXELS = 80_000_000
# Grey levels below this are ink.
_INK = 160
# A rule is a run of ink at least this long (points): longer than any character.
_RULE_MIN = 16.0
# A cell holds something when this many pixels darker than ``_FAINT`` lie inside it, away
# from its rules: a thin "1" at 150 dpi is about a dozen grey pixels.
_FAINT = 200
_INK_PIXELS = 8
_CELL_MARGIN = 3  # pixels kept clear of a cell's rules when looking for ink
# A cell read with less confidence than this, in no more characters than this, is read
# again on its own.
_RECHECK_BELOW = 0.9
_RECHECK_LENGTH = 12

TOO_MANY_SCANNED = "PDF 有 {pages} 页扫描件，超过 OCR 的上限 {limit} 页，未读取"
IMAGE_TOO_BIG = "PDF 第 {page} 页的图片过大（{pixels} 万像素），未读取"
NO_ENGINE = "读取扫描件需要 OCR 引擎 rapidocr-onnxruntime，但它未安装或无法加载"
OCR_NO_MEMORY = (
    "扫描件 OCR 内存不足：OCR 引擎约需 2 GiB 地址空间（gongkai audit 可用 --max-memory 2048 调高）"
)
OCR_FAILED = "扫描件 OCR 识别出错（{kind}），未读取"
OCR_TOO_SLOW = "PDF 扫描件 OCR 超时（超过 {seconds:g} 秒），未读取"


def ocr_pages(
    doc: pdfium.PdfDocument,
    indices: Sequence[int],
    name: str,
    limits: PdfLimits,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[int, PageContent]]:
    """The content of each scanned page (0-based ``indices``), read by OCR; ``progress``
    is told (pages done, pages in all) after each. Raises UnreadableFile beyond
    ``limits`` (pages to OCR, time, image size) or when the engine cannot be loaded."""
    if len(indices) > limits.max_ocr_pages:
        raise UnreadableFile(
            name, TOO_MANY_SCANNED.format(pages=len(indices), limit=limits.max_ocr_pages)
        )
    engine = _engine(name)
    seconds = min(limits.ocr_seconds, limits.ocr_seconds_per_page * len(indices))
    deadline = Deadline(seconds, name)
    for done, index in enumerate(indices, start=1):
        try:
            deadline.check()
        except UnreadableFile:
            raise UnreadableFile(name, OCR_TOO_SLOW.format(seconds=seconds)) from None
        page = doc[index]
        try:
            _check_images(page, name, index + 1)
            height = page.get_height()
            image, scale = render(page)
        finally:
            page.close()
        try:
            content = read_image(engine, image, scale, height)
        except MemoryError:
            raise UnreadableFile(name, OCR_NO_MEMORY) from None
        except Exception as exc:  # the engine's own errors (ONNX Runtime, OpenCV)
            raise UnreadableFile(name, _engine_failure(exc)) from None
        yield index, content
        if progress is not None:
            progress(done, len(indices))


@lru_cache(maxsize=1)
def _load_engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(print_verbose=False)


def _engine(name: str) -> Any:
    try:
        return _load_engine()
    except Exception:  # missing package, missing shared library, broken model file
        raise UnreadableFile(name, NO_ENGINE) from None


def _engine_failure(exc: Exception) -> str:
    """One line for an error inside the engine: ONNX Runtime reports a failed allocation
    under a memory cap as its own error type, with "allocate" in the message."""
    text = str(exc).lower()
    if "alloc" in text or "memory" in text:
        return OCR_NO_MEMORY
    return OCR_FAILED.format(kind=type(exc).__name__)


def _check_images(page: pdfium.PdfPage, name: str, number: int) -> None:
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        width, height = obj.get_px_size()
        if width * height > _MAX_IMAGE_PIXELS:
            pixels = width * height // 10_000
            raise UnreadableFile(name, IMAGE_TOO_BIG.format(page=number, pixels=pixels))


def render(page: pdfium.PdfPage) -> tuple[Image, float]:
    """The page as a grey image, and its pixels per point."""
    scale = min(_SCALE, _MAX_SIDE / max(page.get_width(), page.get_height(), 1.0))
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_numpy().copy()
    finally:
        bitmap.close()
    if image.ndim == 3:  # some PDFium builds give grey as one channel of three
        image = image[:, :, 0].copy()
    return image, scale


def read_image(engine: Any, image: Image, scale: float, height: float) -> PageContent:
    """A page image's content: characters by OCR, rules from the image, the same tables
    and lines as a text layer gives. ``height``: the page's height in points."""
    glyphs = characters(engine, image, scale)
    edges = image_edges(image, scale)
    glyphs = reread_cells(engine, image, scale, glyphs, grids_of(edges))
    return page_content(glyphs, edges, height, ocr=True)


def characters(engine: Any, image: Image, scale: float) -> list[Glyph]:
    """Each character the engine reads, its box in points, its line's confidence."""
    result, _ = engine(image, use_cls=False, return_word_box=True)
    glyphs: list[Glyph] = []
    for item in result or ():
        box, text, score = item[0], str(item[1]), float(item[2])
        words = item[3] if len(item) > 3 else []
        glyphs += _line_glyphs(box, text, score, words, scale)
    return glyphs


def _line_glyphs(
    box: Sequence[Sequence[float]],
    text: str,
    score: float,
    words: Sequence[Sequence[Sequence[float]]],
    scale: float,
) -> list[Glyph]:
    """The characters of one recognised line. The line's box gives top and bottom (so
    that its characters share one line); each character's own box its left and right.
    When the engine gives boxes per word rather than per character, or none, a word's
    or the line's width is shared out evenly."""
    top = min(p[1] for p in box) / scale
    bottom = max(p[1] for p in box) / scale
    chars = [ch for ch in text if not ch.isspace()]
    spans: list[tuple[float, float, str]] = []
    pieces = text.split()
    if words and len(words) == len(chars):
        spans = [(_left(w), _right(w), ch) for w, ch in zip(words, chars, strict=True)]
    elif words and len(words) == len(pieces):
        for w, piece in zip(words, pieces, strict=True):
            spans += _shared(_left(w), _right(w), piece)
    else:
        spans = _shared(min(p[0] for p in box), max(p[0] for p in box), "".join(chars))
    # The engine read the line as one: characters it wrote without a space touch, so
    # that the gap rules made for text layers put no space inside "3119".
    spaced = _spaced_after(text)
    for i in range(len(spans) - 1):
        if not spaced[i] and spans[i + 1][0] > spans[i][1]:
            spans[i] = (spans[i][0], spans[i + 1][0], spans[i][2])
    size = (bottom - top) or 1.0
    return [Glyph(ch, x0 / scale, x1 / scale, top, bottom, size, score) for x0, x1, ch in spans]


def _spaced_after(text: str) -> list[bool]:
    """For each non-blank character of ``text``: whether blank space follows it."""
    out: list[bool] = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            out.append(i + 1 < len(text) and text[i + 1].isspace())
    return out


def _left(quad: Sequence[Sequence[float]]) -> float:
    return min(p[0] for p in quad)


def _right(quad: Sequence[Sequence[float]]) -> float:
    return max(p[0] for p in quad)


def _shared(x0: float, x1: float, text: str) -> list[tuple[float, float, str]]:
    step = (x1 - x0) / max(len(text), 1)
    return [(x0 + i * step, x0 + (i + 1) * step, ch) for i, ch in enumerate(text)]


def image_edges(image: Image, scale: float) -> list[Edge]:
    """The ruling lines of a page image, in points: runs of ink longer than any
    character, horizontal and vertical, found by morphological opening."""
    import cv2

    ink = (image < _INK).astype("uint8")
    # Close pin-holes a scan leaves in a rule before looking for long runs.
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    run = max(int(_RULE_MIN * scale), 10)
    edges: list[Edge] = []
    for horizontal, kernel in ((True, (run, 1)), (False, (1, run))):
        lines = cv2.morphologyEx(
            ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
        )
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            edges += _component_edges(horizontal, int(x), int(y), int(w), int(h), scale)
    return edges


def _component_edges(horizontal: bool, x: int, y: int, w: int, h: int, scale: float) -> list[Edge]:
    """A run of ink as rules: one along its middle when thin, both sides when it is a
    filled band (a shaded header)."""
    length, thickness = (w, h) if horizontal else (h, w)
    if horizontal:
        along, across = (x / scale, (x + w) / scale), (y / scale, (y + h) / scale)
    else:
        along, across = (y / scale, (y + h) / scale), (x / scale, (x + w) / scale)
    if thickness <= max(8, length * 0.03):
        return [Edge(horizontal, (across[0] + across[1]) / 2, *along)]
    return [Edge(horizontal, across[0], *along), Edge(horizontal, across[1], *along)]


def reread_cells(
    engine: Any, image: Image, scale: float, glyphs: list[Glyph], grids: Sequence[Grid]
) -> list[Glyph]:
    """The page's characters with a second reading of the table cells where the
    page-wide pass found nothing although they hold ink, or a short text it was unsure
    of: each such cell's image is recognised on its own (one line), and its reading is
    taken when it is the surer one. Single digits such as "0" are easy to miss or to
    read as "D" among many lines, and plain on their own."""
    dealt, loose = deal_glyphs(glyphs, grids)
    out = list(loose)
    for grid, cells in zip(grids, dealt, strict=True):
        for pos in set(grid.owner.values()):
            got = cells.get(pos, [])
            sure = min((g.confidence for g in got), default=0.0)
            if got and (sure >= _RECHECK_BELOW or len(got) > _RECHECK_LENGTH):
                out += got
                continue
            again = _read_cell(engine, image, scale, _cell_box(grid, pos))
            out += again if again and (not got or again[0].confidence > sure) else got
    return out


def _cell_box(grid: Grid, pos: tuple[int, int]) -> tuple[float, float, float, float]:
    """The box (points) a merged or single cell covers, from its top-left position."""
    r1 = max(r for (r, c), owner in grid.owner.items() if owner == pos) + 1
    c1 = max(c for (r, c), owner in grid.owner.items() if owner == pos) + 1
    return grid.xs[pos[1]], grid.ys[pos[0]], grid.xs[c1], grid.ys[r1]


def _read_cell(
    engine: Any, image: Image, scale: float, box: tuple[float, float, float, float]
) -> list[Glyph]:
    import numpy as np

    m = _CELL_MARGIN
    x0, y0 = int(box[0] * scale) + m, int(box[1] * scale) + m
    x1, y1 = int(box[2] * scale) - m, int(box[3] * scale) - m
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    crop = image[y0:y1, x0:x1]
    ink = crop < _FAINT
    if int(ink.sum()) < _INK_PIXELS:
        return []
    cols = np.flatnonzero(ink.any(axis=0))
    rows = np.flatnonzero(ink.any(axis=1))
    top, bottom = y0 + int(rows[0]), y0 + int(rows[-1]) + 1
    left, right = x0 + int(cols[0]), x0 + int(cols[-1]) + 1
    pad = 4
    piece = image[max(top - pad, 0) : bottom + pad, max(left - pad, 0) : right + pad]
    result, _ = engine(piece, use_det=False, use_cls=False, use_rec=True)
    text, score = ("", 0.0)
    if result:
        text, score = str(result[0][0]).strip(), float(result[0][1])
    # Ink the engine cannot read is not a blank: "?" keeps the cell from reading as one.
    text = "".join(text.split()) or "?"
    size = (bottom - top) / scale
    return [
        Glyph(ch, a / scale, b / scale, top / scale, bottom / scale, size, score)
        for a, b, ch in _shared(left, right, text)
    ]
