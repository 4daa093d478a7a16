"""Where a value was printed, as a picture: the PDF page rendered (pypdfium2) with the
value's row and the value boxed (Pillow). The reader's provenance gives the page and the
text as printed; the box is found by searching the page's text for the row's label and the
value to its right, in the column the catalogue says. When it cannot be found the whole
page is shown, and the page gives the printed text beside it."""

from __future__ import annotations

import io
from dataclasses import dataclass

from gongkai.catalogue.forms import T2_COLUMNS, T2_ROWS, T3_COLUMNS, T3_ROWS, Template

SCALE = 2.0
Box = tuple[float, float, float, float]  # left, top, right, bottom in image pixels


@dataclass(frozen=True)
class Picture:
    png: bytes
    boxed: bool  # whether the value itself was found and boxed


def _row_key_and_column(cell: str, template: str) -> tuple[str, int, int] | None:
    table, _, rest = cell.partition(".")
    row_id, _, col_id = rest.rpartition(".")
    if table == "t2":
        spec = next((r for r in T2_ROWS if r.id == row_id), None)
        try:
            columns = T2_COLUMNS[(Template(template), row_id)]
        except (KeyError, ValueError):
            return None
    elif table == "t3":
        spec = next((r for r in T3_ROWS if r.id == row_id), None)
        columns = T3_COLUMNS
    else:
        return None
    ids = [c.id for c in columns]
    if spec is None or col_id not in ids:
        return None
    return spec.keys[0], ids.index(col_id), len(ids)


def _boxes(textpage: object, text: str, height: float) -> list[Box]:
    found: list[Box] = []
    searcher = textpage.search(text, match_case=True)  # type: ignore[attr-defined]
    while (hit := searcher.get_next()) is not None:
        start, count = hit
        parts = [textpage.get_charbox(i) for i in range(start, start + count)]  # type: ignore[attr-defined]
        left = min(p[0] for p in parts)
        right = max(p[2] for p in parts)
        bottom = min(p[1] for p in parts)
        top = max(p[3] for p in parts)
        found.append(
            (left * SCALE, (height - top) * SCALE, right * SCALE, (height - bottom) * SCALE)
        )
    return found


def _value_box(
    textpage: object, height: float, key: str, column: int, columns: int, value: str
) -> tuple[Box | None, Box | None]:
    labels = _boxes(textpage, key, height)
    values = _boxes(textpage, value, height)
    for label in labels:
        mid_top, mid_bottom = label[1] - 6 * SCALE, label[3] + 6 * SCALE
        same_line = sorted(
            (v for v in values if v[0] > label[2] and mid_top <= (v[1] + v[3]) / 2 <= mid_bottom),
            key=lambda v: v[0],
        )
        if same_line:
            # One match on the row is the value; several ("0" in five columns) are told
            # apart only when every column printed the same text.
            if len(same_line) == 1:
                return label, same_line[0]
            return label, same_line[column] if len(same_line) == columns else None
    return (labels[0] if labels else None), None


def render(path: str, page: int, cell: str, template: str, printed: str) -> Picture:
    """The page ``page`` (1-based) of the PDF at ``path``, cropped to the cell's row with
    the printed value boxed when found. Raises ValueError for a page the file lacks."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(path)
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"文件没有第 {page} 页")
        pdf_page = pdf[page - 1]
        height = pdf_page.get_height()
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
        where = _row_key_and_column(cell, template)
        label, value = (None, None)
        if where is not None and printed:
            label, value = _value_box(pdf_page.get_textpage(), height, *where, printed)
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image, "RGBA")
    if label is not None:
        band_top, band_bottom = label[1] - 8, label[3] + 8
        draw.rectangle((0, band_top, image.width, band_bottom), fill=(255, 214, 0, 60))
        if value is not None:
            draw.rectangle(
                (value[0] - 6, value[1] - 6, value[2] + 6, value[3] + 6),
                outline=(200, 0, 0, 255),
                width=4,
            )
        top = max(0, int(band_top - 160))
        image = image.crop((0, top, image.width, min(image.height, int(band_bottom + 160))))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return Picture(out.getvalue(), value is not None)
