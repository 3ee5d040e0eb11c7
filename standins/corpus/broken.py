"""Files that ingest must refuse with a reason: encrypted, corrupt, truncated, not a PDF, empty,
unreadable by OCR, too large."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .document import Document
from .render_pdf import write_document_pdf

BROKEN_KINDS = ("encrypted", "corrupt", "truncated", "not a pdf", "empty", "ocr")
NOT_A_PDF = """<!DOCTYPE html>
<html lang="en"><head><title>Page not found | Safeguarding Board</title></head>
<body><header><nav>Home | About us | Practice reviews | Contact</nav></header>
<main><h1>Sorry, we cannot find that page</h1>
<p>The document you asked for has been moved or is no longer published.</p></main>
<footer>&copy; Safeguarding Board. Cookies | Accessibility</footer></body></html>
"""


def write_broken(
    path: Path, kind: str, doc: Document, rng: random.Random, too_large_mb: int = 0
) -> None:
    """Write a file that fails in the way ``kind`` names (``doc`` supplies realistic content)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "encrypted":
        write_document_pdf(path, doc, encrypt=f"board-{rng.randint(1000, 9999)}")
    elif kind == "corrupt":
        # A PDF header over bytes that are no PDF structure at all (a failed transfer, say).
        path.write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(6000) + b"\n%%EOF\n")
    elif kind == "truncated":
        write_document_pdf(path, doc)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * 0.45)])
    elif kind == "not a pdf":
        path.write_text(NOT_A_PDF, encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "ocr":
        _write_image_pdf(path, _speckle(rng))
    elif kind == "too large":
        side = int((max(too_large_mb, 1) * 1_000_000) ** 0.5) + 1
        _write_image_pdf(path, Image.frombytes("L", (side, side), rng.randbytes(side * side)))
    else:
        raise ValueError(f"unknown broken kind {kind!r}")


def _speckle(rng: random.Random) -> Image.Image:
    """A scanned page with no legible text: faint noise and smudges only."""
    image = Image.new("L", (600, 850), 245)
    pixels = image.load()
    for _ in range(4000):
        pixels[rng.randrange(600), rng.randrange(850)] = rng.randint(120, 200)
    return image


def _write_image_pdf(path: Path, image: Image.Image) -> None:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawImage(ImageReader(buffer), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
