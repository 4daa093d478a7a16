"""Opening a PDF with PDFium, and the reasons a PDF is refused.

PDFium opens a document in milliseconds and names its failure precisely (wrong password,
bad format).
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import UnreadableFile

ENCRYPTED = "PDF 已加密，需要密码才能打开：请提供未加密的文件"
ENCRYPTED_UNSUPPORTED = "PDF 使用了不支持的加密方式，无法打开：请提供未加密的文件"
CORRUPT = "PDF 文件已损坏或不完整（可能下载中断），无法打开"
NO_PAGES = "PDF 没有任何页面（文件可能已损坏）"
SCANNED = "没有文字层，是扫描件（no text layer: needs OCR）；未启用 OCR"
SCANNED_EMPTY = "没有文字层，是扫描件，OCR 未能识别出任何文字（图片可能空白或过于模糊）"
NO_TEXT = "没有文字层，页面上没有可读取的文字（no text layer: needs OCR）"


def open_document(data: bytes, name: str) -> pdfium.PdfDocument:
    """The PDF opened by PDFium; raises UnreadableFile for an encrypted (password needed)
    or corrupt file. A PDF that is only owner-protected (no password needed to open it)
    opens: its text is readable."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(name, _open_failure(exc)) from None


def _open_failure(exc: pdfium.PdfiumError) -> str:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ENCRYPTED
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ENCRYPTED_UNSUPPORTED
    return CORRUPT


def has_image(page: pdfium.PdfPage) -> bool:
    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
    return next(iter(images), None) is not None


def image_page_notes(pages: list[int]) -> tuple[str, ...]:
    """A note naming the pages (1-based) that are images left unread."""
    if not pages:
        return ()
    numbers = "、".join(str(n) for n in pages)
    return (f"第 {numbers} 页是图片，没有文字层，其内容未读取（needs OCR）",)
