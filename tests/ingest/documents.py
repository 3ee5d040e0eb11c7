"""Builders of the documents ingest tests need: layouts, scans, broken files, HTML and DOCX.

Everything is generated here; nothing is copied from real reviews.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FONT = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
WIDTH, HEIGHT = A4


def _canvas(path: Path, **kwargs) -> canvas.Canvas:
    path.parent.mkdir(parents=True, exist_ok=True)
    return canvas.Canvas(str(path), pagesize=A4, invariant=1, **kwargs)


def report_with_furniture(path: Path, bodies: list[list[str]], marking: bool = True) -> Path:
    """A PDF whose pages carry a running header, a "Page n of N" footer and (optionally) a
    protective marking around the body lines given for each page."""
    pdf = _canvas(path)
    for number, lines in enumerate(bodies, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(56, HEIGHT - 40, "Concise Child Practice Review CPR FLINT 2 - Child A")
        if marking:
            pdf.drawRightString(WIDTH - 56, HEIGHT - 25, "OFFICIAL-SENSITIVE")
        pdf.drawCentredString(WIDTH / 2, 30, f"Page {number} of {len(bodies)}")
        pdf.setFont("Helvetica", 11)
        y = HEIGHT - 90
        for line in lines:
            pdf.drawString(56, y, line)
            y -= 15
        pdf.showPage()
    pdf.save()
    return path


def two_column_pdf(path: Path, title: str, left: list[str], right: list[str]) -> Path:
    """One page: a full-width title, then two columns drawn line by line across both columns
    (left line, right line, …), so the PDF's own text order interleaves the columns."""
    pdf = _canvas(path)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(56, HEIGHT - 70, title)
    pdf.setFont("Helvetica", 10)
    y = HEIGHT - 110
    for i in range(max(len(left), len(right))):
        if i < len(left):
            pdf.drawString(56, y, left[i])
        if i < len(right):
            pdf.drawString(WIDTH / 2 + 15, y, right[i])
        y -= 14
    pdf.drawCentredString(WIDTH / 2, 30, "3")
    pdf.showPage()
    pdf.save()
    return path


def text_image(lines: list[str], size: int = 34) -> bytes:
    """A PNG of black text on white, like a clean scan."""
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (1650, 120 + len(lines) * int(size * 1.6)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((90, 60 + i * int(size * 1.6)), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def scanned_pdf(path: Path, pages: list[bytes | None]) -> Path:
    """A PDF of image-only pages (None: a page of plain noise that holds no text)."""
    pdf = _canvas(path)
    for image in pages:
        if image is None:
            noise = Image.effect_noise((600, 800), 90).convert("L")
            buffer = io.BytesIO()
            noise.save(buffer, format="PNG")
            image = buffer.getvalue()
        reader = ImageReader(io.BytesIO(image))
        width, height = reader.getSize()
        scale = min((WIDTH - 60) / width, (HEIGHT - 60) / height)
        pdf.drawImage(reader, 30, HEIGHT - 30 - height * scale, width * scale, height * scale)
        pdf.showPage()
    pdf.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    pdf = _canvas(path, encrypt="user-password")
    pdf.drawString(56, 700, "Child Practice Review: restricted draft.")
    pdf.showPage()
    pdf.save()
    return path


def _pdf_with_content(content_stream: bytes, filters: str = "/FlateDecode") -> bytes:
    """A minimal one-page PDF around a (compressed) content stream, with a correct xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content_stream), filters.encode())
        + content_stream
        + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def bomb_pdf(path: Path, megabytes: int = 600) -> Path:
    """A small PDF whose page content inflates to ``megabytes`` of text operators."""
    chunk = b"BT /F1 12 Tf 72 712 Td (bomb) Tj ET\n" * 30000
    compressor = zlib.compressobj(1)
    parts = [compressor.compress(chunk) for _ in range(megabytes * 2**20 // len(chunk))]
    parts.append(compressor.flush())
    path.write_bytes(_pdf_with_content(b"".join(parts)))
    return path


def corrupt_pdf(path: Path) -> Path:
    """Starts and ends like a PDF, but what is between is not one."""
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\nstartxref\n9\n%%EOF\n")
    return path


def html_page(path: Path, body: str) -> Path:
    """A publisher's page: navigation, cookie banner, header and footer around ``body``."""
    path.write_text(
        "<!DOCTYPE html><html><head><title>Reviews</title><script>var x = 1;</script>"
        "<style>body{}</style></head><body>"
        "<div class='cookie-banner'>We use cookies on this website.</div>"
        "<header><a href='/'>Home</a></header><nav><ul><li>About us</li><li>Contact</li></ul></nav>"
        f"<main>{body}</main>"
        "<aside>Related links</aside><footer>Copyright Safeguarding Board</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def docx_file(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Child Practice Review CPR FLINT 2"
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path
