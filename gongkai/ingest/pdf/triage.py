"""Looking at a PDF with PDFium before the slow layout pass: refuse what cannot be read.

PDFium opens a document in milliseconds and names its failure precisely (wrong password,
bad format), so encrypted, corrupt and image-only files are refused here without paying
for pdfminer's parse.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import UnreadableFile

ENCRYPTED = "PDF 已加密，需要密码才能打开：请提供未加密的文件"
ENCRYPTED_UNSUPPORTED = "PDF 使用了不支持的加密方式，无法打开：请提供未加密的文件"
CORRUPT = "PDF 文件已损坏或不完整（可能下载中断），无法打开"
NO_PAGES = "PDF 没有任何页面（文件可能已损坏）"
SCANNED = "没有文字层，是扫描件（no text layer: needs OCR）"
NO_TEXT = "没有文字层，页面上没有可读取的文字（no text layer: needs OCR）"


def triage(data: bytes, name: str) -> tuple[str, ...]:
    """Notes about pages that are images only; raises UnreadableFile for a PDF not worth parsing.

    Raises for an encrypted (password needed), corrupt or page-less PDF and for one in
    which no page has a text layer. A PDF that is only owner-protected (no password
    needed to open it) passes: its text is readable.
    """
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(name, _open_failure(exc)) from None
    try:
        if len(doc) == 0:
            raise UnreadableFile(name, NO_PAGES)
        textless = [n for n, page in enumerate(doc, start=1) if not _has_text(page)]
        if len(textless) == len(doc):
            scanned = any(_has_image(doc[n - 1]) for n in textless)
            raise UnreadableFile(name, SCANNED if scanned else NO_TEXT)
        return _image_page_notes([n for n in textless if _has_image(doc[n - 1])])
    finally:
        doc.close()


def _open_failure(exc: pdfium.PdfiumError) -> str:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ENCRYPTED
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ENCRYPTED_UNSUPPORTED
    return CORRUPT


def _has_text(page: pdfium.PdfPage) -> bool:
    textpage = page.get_textpage()
    try:
        return bool(textpage.count_chars() > 0)
    finally:
        textpage.close()


def _has_image(page: pdfium.PdfPage) -> bool:
    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
    return next(iter(images), None) is not None


def _image_page_notes(pages: list[int]) -> tuple[str, ...]:
    if not pages:
        return ()
    numbers = "、".join(str(n) for n in pages)
    return (f"第 {numbers} 页是图片，没有文字层，其内容未读取（needs OCR）",)
