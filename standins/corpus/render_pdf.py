"""Lay out a generated Document on A4 pages and draw it with reportlab (or as a scanned image).

Layout is done once into drawing operations per page, so that running footers know the page
count ("Page 3 of 45") and scanned pages can be drawn with Pillow from the same operations.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .document import ABOVE, SPAN, Document

WIDTH, HEIGHT = A4
MARGIN = 62
TOP = HEIGHT - 70
BOTTOM = 64
GUTTER = 20
SIZES = {"title": 18, "h": 12.5, "p": 10.5, "li": 10.5, "cell": 8.5}
SCAN_SCALE = 2.0  # about 144 dpi: legible for Tesseract, small enough to stay fast
VERA_DIR = Path(reportlab.__file__).parent / "fonts"
LIGATURES = (("fi", "\ufb01"), ("fl", "\ufb02"))


@lru_cache(maxsize=1)
def _register_vera() -> None:
    pdfmetrics.registerFont(TTFont("Vera", str(VERA_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(VERA_DIR / "VeraBd.ttf")))


def font_names(family: str) -> tuple[str, str]:
    """(regular, bold) reportlab font names for a family."""
    if family == "Vera":
        _register_vera()
        return "Vera", "Vera-Bold"
    if family == "Times":
        return "Times-Roman", "Times-Bold"
    return "Helvetica", "Helvetica-Bold"


def wrap(text: str, font: str, size: float, width: float, hyphenate: bool) -> list[str]:
    """Greedy word wrap; long words at a line end are hyphenated when asked."""
    lines, line = [], ""
    space = pdfmetrics.stringWidth(" ", font, size)
    used = 0.0
    for word in text.split():
        w = pdfmetrics.stringWidth(word, font, size)
        if not line:
            line, used = word, w
            continue
        if used + space + w <= width:
            line, used = f"{line} {word}", used + space + w
            continue
        if hyphenate and len(word) >= 9 and word.isalpha():
            for cut in range(len(word) - 4, 3, -1):
                head = word[:cut] + "-"
                if used + space + pdfmetrics.stringWidth(head, font, size) <= width:
                    lines.append(f"{line} {head}")
                    word = word[cut:]
                    w = pdfmetrics.stringWidth(word, font, size)
                    break
            else:
                lines.append(line)
            line, used = word, w
            continue
        lines.append(line)
        line, used = word, w
    if line:
        lines.append(line)
    return lines


class Layout:
    """Flows blocks into frames (one or two columns) and pages of drawing operations."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.regular, self.bold = font_names(doc.font)
        self.pages: list[list[tuple]] = []
        self.columns = 1
        self.table_rows: list[list[int]] = []  # per table, the page (1-based) each row starts on
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.column = 0
        self.y = TOP

    def frame(self) -> tuple[float, float]:
        width = (WIDTH - 2 * MARGIN - GUTTER * (self.columns - 1)) / self.columns
        return MARGIN + self.column * (width + GUTTER), width

    def need(self, height: float) -> None:
        if self.y - height >= BOTTOM:
            return
        if self.column + 1 < self.columns:
            self.column += 1
            self.y = TOP
        else:
            self.new_page()

    def text_block(
        self,
        text: str,
        font: str,
        size: float,
        indent: float = 0,
        label: str = "",
        after: float = 6,
    ) -> None:
        x, width = self.frame()
        leading = size * (1.45 if size < 12 else 1.35)
        lines = wrap(text, font, size, width - indent, self.doc.hyphenate)
        for index, line in enumerate(lines):
            self.need(leading)
            self.y -= leading
            if index == 0 and label:
                self.pages[-1].append(("text", x, self.y, self.regular, size, label))
            self.pages[-1].append(("text", x + indent, self.y, font, size, line))
        self.y -= after

    def table(
        self,
        header: list[str],
        rows: list[list],
        weights: list[float],
        options: dict | None = None,
    ) -> None:
        """A ruled table. Cells may be merged with the one above (``ABOVE``) or to the left
        (``SPAN``); ``options``: ``fills`` {(row, column): rgb}, ``repeat_header`` on each new page
        (default True), ``size`` of the text, ``split_rows`` (a row that does not fit is broken across the pages
        rather than moved whole). The page each row starts on is kept in ``table_rows``."""
        options = options or {}
        x, width = self.frame()
        size = options.get("size", SIZES["cell"])
        leading = size * 1.3
        widths = self._column_widths(header, rows, weights, width, size)
        fills = options.get("fills", {})
        starts: list[int] = []
        self.table_rows.append(starts)

        def parts_of(row: list, font: str) -> list[tuple]:
            """(x, width, merged with the cell above, lines) for each cell drawn in the row."""
            spans: list[list] = []
            for column, cell in enumerate(row):
                if cell is SPAN and spans:
                    spans[-1][1] += 1
                else:
                    spans.append([column, 1, cell])
            parts = []
            for column, span, cell in spans:
                cx, w = x + sum(widths[:column]), sum(widths[column : column + span])
                lines = [] if cell is ABOVE else wrap(cell, font, size, w - 6, False) or [""]
                parts.append((cx, w, cell is ABOVE, lines, column))
            return parts

        def height_of(parts: list[tuple]) -> float:
            return max(1, *(len(p[3]) for p in parts)) * leading + 6

        def draw(parts: list[tuple], font: str, fresh: bool, row_index: int | None) -> None:
            height, top, ops = height_of(parts), self.y, self.pages[-1]
            for cx, w, above, lines, column in parts:
                fill = fills.get((row_index, column))
                if fill:
                    ops.append(("fill", cx, top - height, w, height, fill))
                for i, line in enumerate(lines):
                    ops.append(("text", cx + 3, top - 3 - (i + 1) * leading + 2, font, size, line))
                if not above or fresh:
                    ops.append(("line", cx, top, cx + w, top))
                ops.append(("line", cx, top, cx, top - height))
                ops.append(("line", cx + w, top, cx + w, top - height))
            self.y = top - height

        def close() -> None:
            self.pages[-1].append(("line", x, self.y, x + width, self.y))

        def next_page() -> None:
            close()
            self.new_page()
            if options.get("repeat_header", True):
                draw(parts_of(header, self.bold), self.bold, True, None)

        draw(parts_of(header, self.bold), self.bold, True, None)
        fresh = True
        for index, row in enumerate(rows):
            parts = parts_of(row, self.regular)
            if self.y - height_of(parts) < BOTTOM:
                room = int((self.y - BOTTOM - 6) // leading)
                if options.get("split_rows") and room >= 2:
                    head = [(cx, w, a, lines[:room], c) for cx, w, a, lines, c in parts]
                    rest = [(cx, w, False, lines[room:], c) for cx, w, _a, lines, c in parts]
                    starts.append(len(self.pages))
                    draw(head, self.regular, fresh, index)
                    next_page()
                    draw(rest, self.regular, True, index)
                    fresh = False
                    continue
                next_page()
                fresh = True
            starts.append(len(self.pages))
            draw(parts, self.regular, fresh, index)
            fresh = False
        close()
        self.y -= 12

    def _column_widths(
        self, header: list[str], rows: list[list], weights: list[float], width: float, size: float
    ) -> list[float]:
        """Widths in proportion to the weights, widened where a word would not fit (as a word
        processor does), the others narrowed to make room."""
        total = sum(weights)
        widths = [width * w / total for w in weights]
        need = [0.0] * len(widths)
        for row in [header, *rows]:
            font = self.bold if row is header else self.regular
            for column, cell in enumerate(row):
                for word in cell.split() if isinstance(cell, str) else []:
                    need[column] = max(need[column], pdfmetrics.stringWidth(word, font, size) + 8)
        short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
        slack = sum(max(0.0, w - n) for n, w in zip(need, widths, strict=True))
        if not short or slack <= short:
            return widths
        return [
            n if n > w else w - (w - n) * short / slack for n, w in zip(need, widths, strict=True)
        ]

    def run(self) -> list[list[tuple]]:
        for block in self.doc.blocks:
            kind = block[0]
            if kind == "title":
                self.text_block(block[1], self.bold, SIZES["title"], after=14)
            elif kind == "h":
                self.need(40)
                self.y -= 6
                self.text_block(block[1], self.bold, SIZES["h"], after=4)
            elif kind == "p":
                self.text_block(
                    block[1], self.regular, self.doc.body_size, after=self.doc.body_size * 0.7
                )
            elif kind == "li":
                label_width = pdfmetrics.stringWidth(block[1], self.regular, SIZES["li"])
                indent = max(22, label_width + 8) if len(block[1]) < 8 else 0
                if not indent:  # long labels ("Recommendation 1:") sit on the first line
                    self.text_block(f"{block[1]} {block[2]}", self.regular, SIZES["li"], after=4)
                else:
                    self.text_block(
                        block[2], self.regular, SIZES["li"], indent=indent, label=block[1], after=4
                    )
            elif kind == "table":
                self.table(*block[1:])
            elif kind == "space":
                self.y -= block[1]
            elif kind == "break":
                self.new_page()
            elif kind == "columns":
                if self.pages[-1]:
                    self.new_page()
                self.columns = block[1]
        if not self.pages[-1] and len(self.pages) > 1:
            self.pages.pop()
        return self.pages


def furniture(doc: Document, number: int, total: int, regular: str) -> list[tuple]:
    """Running header, footer, protective marking and watermark for one page."""
    ops = []
    if doc.running_header:
        ops.append(("text", MARGIN, HEIGHT - 36, regular, 8.5, doc.running_header))
    if doc.marking:
        width = pdfmetrics.stringWidth(doc.marking, regular, 9)
        ops.append(("text", (WIDTH - width) / 2, HEIGHT - 22, regular, 9, doc.marking))
        ops.append(("text", (WIDTH - width) / 2, 18, regular, 9, doc.marking))
    footer = {
        "page-of": f"Page {number} of {total}",
        "pipe": f"{number} | P a g e",
        "dash": f"- {number} -",
        "plain": str(number),
    }.get(doc.footer)
    if footer:
        width = pdfmetrics.stringWidth(footer, regular, 9)
        ops.append(("text", WIDTH - MARGIN - width, 36, regular, 9, footer))
    if doc.watermark:
        ops.append(("watermark", doc.watermark))
    return ops


def _ligate(text: str) -> str:
    for plain, joined in LIGATURES:
        text = text.replace(plain, joined)
    return text


MOJIBAKE = (
    ("\u2019", "â€™"),
    ("'", "â€™"),
    ("\u2013", "â€“"),
    ("\u201c", "â€œ"),
    ("\u201d", "â€\u009d"),
)


def _garble(text: str) -> str:
    for clean, garbled in MOJIBAKE:
        text = text.replace(clean, garbled)
    return text


def draw_ops(pdf: canvas.Canvas, ops: list[tuple], ligatures: bool, mojibake: bool = False) -> None:
    for op in ops:
        if op[0] == "text":
            _, x, y, font, size, text = op
            pdf.setFont(font, size)
            text = _garble(text) if mojibake else text
            pdf.drawString(x, y, _ligate(text) if ligatures else text)
        elif op[0] == "line":
            pdf.setLineWidth(0.5)
            pdf.line(*op[1:])
        elif op[0] == "fill":
            pdf.saveState()
            pdf.setFillColorRGB(*op[5])
            pdf.rect(*op[1:5], stroke=0, fill=1)
            pdf.restoreState()
        elif op[0] == "watermark":
            pdf.saveState()
            pdf.setFillGray(0.85)
            pdf.setFont("Helvetica-Bold", 90)
            pdf.translate(WIDTH / 2, HEIGHT / 2)
            pdf.rotate(45)
            pdf.drawCentredString(0, 0, op[1])
            pdf.restoreState()


@lru_cache(maxsize=8)
def _pil_font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(VERA_DIR / ("VeraBd.ttf" if bold else "Vera.ttf")), size)


def scan_image(ops: list[tuple]) -> Image.Image:
    """The page as a greyscale image, as if printed and scanned (no text layer)."""
    image = Image.new("L", (int(WIDTH * SCAN_SCALE), int(HEIGHT * SCAN_SCALE)), 250)
    draw = ImageDraw.Draw(image)
    for op in ops:
        if op[0] == "text":
            _, x, y, font, size, text = op
            pil = _pil_font("Bold" in font, round(size * SCAN_SCALE))
            draw.text(
                (x * SCAN_SCALE, (HEIGHT - y) * SCAN_SCALE), text, font=pil, fill=20, anchor="ls"
            )
        elif op[0] == "line":
            _, x1, y1, x2, y2 = op
            points = [(x * SCAN_SCALE, (HEIGHT - y) * SCAN_SCALE) for x, y in ((x1, y1), (x2, y2))]
            draw.line(points, fill=40)
        elif op[0] == "fill":
            _, x, y, w, h, rgb = op
            grey = round(255 * (0.3 * rgb[0] + 0.59 * rgb[1] + 0.11 * rgb[2]))
            box = [x, HEIGHT - y - h, x + w, HEIGHT - y]
            draw.rectangle([v * SCAN_SCALE for v in box], fill=grey)
    return image.rotate(0.4, fillcolor=250, resample=Image.Resampling.BILINEAR)


def write_document_pdf(path: Path, doc: Document, encrypt: str | None = None) -> int:
    """Render ``doc`` to ``path``; return the number of pages. ``encrypt`` is a user password."""
    pages = Layout(doc).run()
    regular = font_names(doc.font)[0]
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setTitle(doc.title)
    pdf.setAuthor(doc.author)
    pdf.setCreator("Microsoft Word" if doc.footer == "pipe" else "")
    total = len(pages)
    for index, ops in enumerate(pages):
        ops = ops + furniture(doc, index + 1, total, regular)
        if doc.scanned_pages == "all" or index in doc.scanned_pages:
            buffer = io.BytesIO()
            scan_image([op for op in ops if op[0] != "watermark"]).save(
                buffer, format="PNG", optimize=False
            )
            buffer.seek(0)
            pdf.drawImage(ImageReader(buffer), 0, 0, WIDTH, HEIGHT)
        else:
            draw_ops(pdf, ops, doc.ligatures, doc.mojibake)
        pdf.showPage()
    pdf.save()
    return total
