"""Hand-built PDFs, small on disk, that ask the reader for far too much.

Each function returns the bytes of a PDF that PDFium opens; the structure is written
out object by object with a correct cross-reference table, so that nothing but the
hostile part is wrong with it.
"""

from __future__ import annotations

import zlib

A4 = b"[0 0 595 842]"


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given object bodies, numbered from 1; object 1 is the catalogue."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, flate: bool = False) -> bytes:
    head = b"<< /Length %d" % len(data) + (b" /Filter /FlateDecode" if flate else b"")
    return head + b" " + extra + b" >>\nstream\n" + data + b"\nendstream"


def one_page(content: bytes, *, flate: bool = False, resources: bytes = b"") -> bytes:
    """A one-page PDF drawing ``content`` (compressed with Flate when ``flate``)."""
    font = b"/Font << /F1 5 0 R >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox "
            + A4
            + b" /Contents 4 0 R /Resources << "
            + font
            + resources
            + b" >> >>",
            stream(zlib.compress(content) if flate else content, flate=flate),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def text_page() -> bytes:
    return one_page(b"BT /F1 12 Tf 72 700 Td (2024 annual report) Tj ET")


def zip_bomb(inflated: int) -> bytes:
    """A page whose content stream inflates to ``inflated`` bytes of blanks."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * (16 << 20)
    parts = [squeezer.compress(chunk) for _ in range(inflated // len(chunk))]
    data = b"".join(parts) + squeezer.flush()
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + A4 + b" /Contents 4 0 R >>",
            stream(data, flate=True),
        ]
    )


def doubly_compressed() -> bytes:
    """A content stream compressed twice over ([/FlateDecode /FlateDecode])."""
    data = zlib.compress(zlib.compress(b" " * 100_000))
    body = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(data)
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + A4 + b" /Contents 4 0 R >>",
            body + data + b"\nendstream",
        ]
    )


def many_pages(count: int) -> bytes:
    """``count`` pages sharing one small content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox " + A4 + b" /Contents 3 0 R >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
            stream(b"BT /F1 12 Tf 72 700 Td (x) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *([page] * count),
        ]
    )


def many_objects(count: int) -> bytes:
    """A one-page PDF followed by ``count`` objects nothing refers to."""
    base = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + A4 + b" /Contents 4 0 R >>",
        stream(b""),
    ]
    return pdf(base + [b"null"] * count)


def many_lines(count: int) -> bytes:
    """One page with ``count`` separately stroked lines and a line of text."""
    lines = b"".join(b"%d 100 m %d 700 l S\n" % (i % 500, i % 500) for i in range(count))
    return one_page(b"BT /F1 12 Tf 72 750 Td (report) Tj ET\n" + lines, flate=True)


def huge_image() -> bytes:
    """A page showing one image that declares itself 100,000 pixels square."""
    image = stream(
        b"\xff\xd8\xff\xd9",
        b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
        b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
    )
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox "
            + A4
            + b" /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
            stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            image,
        ]
    )
