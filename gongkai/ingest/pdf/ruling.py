"""The ruling lines a page draws, from PDFium's path objects.

Every straight, axis-parallel piece of a path that shows on paper becomes an ``Edge``:
a stroked line, each side of a rectangle, each side of a thin filled bar (WPS and Word
draw some table rules as filled rectangles half a point high). What does not show is
left out: WPS puts an invisible white box behind every line of some paragraphs, which
would otherwise make tables of running text. Curves are not rules.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import UnreadableFile
from gongkai.ingest.pdf.cells import Edge

# A piece of a path this close (points) to horizontal or vertical counts as such.
_STRAIGHT = 0.5
# Form XObjects nest; deeper than this is not a document any office produces.
_MAX_DEPTH = 8
TOO_MANY_SEGMENTS = (
    "PDF 第 {page} 页的图形过于复杂（超过 {limit} 段线条），可能是恶意构造的文件，未读取"
)

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f as in PDF
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_edges(
    page: pdfium.PdfPage, height: float, *, name: str, number: int, max_segments: int
) -> list[Edge]:
    """The visible straight rules of one page, in points with y growing downwards.

    Raises UnreadableFile when the page's paths have more than ``max_segments`` pieces
    in all (a page built to exhaust the reader)."""
    walker = _Walker(height, max_segments, name, number)
    walker.walk(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, _IDENTITY, 0)
    return walker.edges


class _Walker:
    def __init__(self, height: float, max_segments: int, name: str, number: int) -> None:
        self.height = height
        self.budget = max_segments
        self.limit = max_segments
        self.name = name
        self.number = number
        self.edges: list[Edge] = []
        self._matrix = pdfium_c.FS_MATRIX()
        self._x = ctypes.c_float()
        self._y = ctypes.c_float()
        # Out-parameters made once per page: ctypes objects are dear in a loop over
        # every object of the page.
        self._ints = (ctypes.c_int(), ctypes.c_int())
        self._int_refs = tuple(ctypes.byref(v) for v in self._ints)
        self._rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        self._rgba_refs = tuple(ctypes.byref(v) for v in self._rgba)

    def walk(self, parent: object, count: object, get: object, outer: Matrix, depth: int) -> None:
        n = count(parent)  # type: ignore[operator]
        get_type = pdfium_c.FPDFPageObj_GetType
        path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
        for i in range(max(n, 0)):
            obj = get(parent, i)  # type: ignore[operator]
            kind = get_type(obj)
            if kind == path:
                if self._shows_on_paper(obj):
                    self._path(obj, _compose(self._matrix_of(obj), outer))
            elif kind == form and depth < _MAX_DEPTH:
                self.walk(
                    obj,
                    pdfium_c.FPDFFormObj_CountObjects,
                    pdfium_c.FPDFFormObj_GetObject,
                    _compose(self._matrix_of(obj), outer),
                    depth + 1,
                )

    def _matrix_of(self, obj: object) -> Matrix:
        m = self._matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj: object, m: Matrix) -> None:
        n = pdfium_c.FPDFPath_CountSegments(obj)
        self.budget -= max(n, 0)
        if self.budget < 0:
            raise UnreadableFile(
                self.name, TOO_MANY_SEGMENTS.format(page=self.number, limit=self.limit)
            )
        for a, b in _pieces(obj, n, m, self._x, self._y):
            self._add(a, b)

    def _add(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = a, b
        if abs(y0 - y1) <= _STRAIGHT and abs(x0 - x1) > _STRAIGHT:
            y = self.height - (y0 + y1) / 2
            self.edges.append(Edge(True, y, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= _STRAIGHT and abs(y0 - y1) > _STRAIGHT:
            top, bottom = self.height - max(y0, y1), self.height - min(y0, y1)
            self.edges.append(Edge(False, (x0 + x1) / 2, top, bottom))

    def _shows_on_paper(self, obj: object) -> bool:
        fill_mode, stroke = self._ints
        if not pdfium_c.FPDFPath_GetDrawMode(obj, *self._int_refs):
            return False
        if stroke.value and self._visible(obj, pdfium_c.FPDFPageObj_GetStrokeColor):
            return True
        return bool(fill_mode.value) and self._visible(obj, pdfium_c.FPDFPageObj_GetFillColor)

    def _visible(self, obj: object, get_color: object) -> bool:
        """True unless the colour is white or fully transparent (PDFium gives RGBA 0–255
        whatever the colour space)."""
        if not get_color(obj, *self._rgba_refs):  # type: ignore[operator]
            return True  # a pattern or a colour PDFium cannot name: assume it shows
        r, g, b, alpha = (v.value for v in self._rgba)
        if alpha == 0:
            return False
        return not (r >= 250 and g >= 250 and b >= 250)


def _pieces(
    obj: object, n: int, m: Matrix, x: ctypes.c_float, y: ctypes.c_float
) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of a path in page space (curves skipped, closes included)."""
    start = current = (0.0, 0.0)
    a, b, c, d, e, f = m
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            yield current, point
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            yield current, start
            current = start


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix of ``inner`` followed by ``outer`` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )
