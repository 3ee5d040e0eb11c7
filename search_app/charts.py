"""Server-rendered SVG charts (no script, no CDN): stacked bars and heat maps.

Each function returns markup for an ``<svg role="img">`` with a title; pages put the numbers in a
table beside every chart, so nothing is only in the picture.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Paul Tol's "muted" scheme: ten colours that stay distinct to colour-blind readers, so each
# series of a chart (up to ten: the review types) has a colour of its own.
PALETTE = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#DDDDDD",
)
# At most this many axis labels; the others are left out (every n-th year is written).
MAX_AXIS_LABELS = 12
BAR_WIDTH = 22
PLOT_HEIGHT = 180
CELL = 26
LABEL_WIDTH = 190


def _svg(width: int, height: int, title: str, chart_id: str, parts: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>{"".join(parts)}</svg>'
    )


def continuous_years(years: list[int]) -> list[int]:
    """Every year from the first to the last of ``years``: an empty year stays on the axis."""
    return list(range(min(years), max(years) + 1)) if years else []


def stacked_bars(
    chart_id: str, title: str, categories: list, series: dict[str, list[int]]
) -> Markup:
    """Vertical bars, one per category (e.g. year), stacked by series (e.g. nation), with a
    legend."""
    names = list(series)
    totals = [sum(series[n][i] for n in names) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    left, top, gap = 36, 10, 6
    width = left + len(categories) * (BAR_WIDTH + gap) + 10
    legend_top = top + PLOT_HEIGHT + 36
    height = legend_top + 18 * len(names) + 4
    parts = [
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" font-size="11">{peak}</text>',
        f'<text x="{left - 6}" y="{top + PLOT_HEIGHT}" text-anchor="end" font-size="11">0</text>',
        f'<line x1="{left}" y1="{top + PLOT_HEIGHT}" x2="{width - 6}" y2="{top + PLOT_HEIGHT}" '
        'stroke="#0b0c0c"/>',
    ]
    every = -(-len(categories) // MAX_AXIS_LABELS) or 1
    for i, category in enumerate(categories):
        x = left + i * (BAR_WIDTH + gap)
        y = top + PLOT_HEIGHT
        for n, name in enumerate(names):
            value = series[name][i]
            if not value:
                continue
            h = PLOT_HEIGHT * value / peak
            y -= h
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{BAR_WIDTH}" height="{h:.1f}" '
                f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(category)}, {escape(name)}: '
                f"{value}</title></rect>"
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + BAR_WIDTH / 2}" y="{top + PLOT_HEIGHT + 14}" '
                f'text-anchor="middle" font-size="10">{escape(category)}</text>'
            )
    for n, name in enumerate(names):
        y = legend_top + 18 * n
        parts.append(
            f'<rect x="{left}" y="{y}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>'
            f'<text x="{left + 18}" y="{y + 11}" font-size="12">{escape(name)}</text>'
        )
    return _svg(max(width, 220), height, title, chart_id, parts)


def heat_map(chart_id: str, title: str, rows: list, columns: list, value) -> Markup:
    """A grid of cells shaded by ``value(row, column)``, each with its number."""
    cells = [[value(r, c) for c in columns] for r in rows]
    peak = max((v for line in cells for v in line), default=0) or 1
    top = 60
    width = LABEL_WIDTH + len(columns) * CELL + 10
    height = top + len(rows) * CELL + 10
    parts = []
    for j, column in enumerate(columns):
        x = LABEL_WIDTH + j * CELL + CELL / 2
        parts.append(
            f'<text transform="translate({x:.0f},{top - 6}) rotate(-55)" font-size="10">'
            f"{escape(str(column)[:22])}</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * CELL
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + CELL / 2 + 4:.0f}" text-anchor="end" '
            f'font-size="11">{escape(str(row)[:30])}</text>'
        )
        for j, column in enumerate(columns):
            v = cells[i][j]
            shade = v / peak
            fill = f"rgba(0,94,165,{0.08 + 0.92 * shade:.2f})" if v else "#f3f2f1"
            ink = "#ffffff" if shade > 0.5 else "#0b0c0c"
            x = LABEL_WIDTH + j * CELL
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" fill="{fill}">'
                f"<title>{escape(row)}, {escape(column)}: {v}</title></rect>"
            )
            if v:
                parts.append(
                    f'<text x="{x + (CELL - 2) / 2}" y="{y + CELL / 2 + 3:.0f}" '
                    f'text-anchor="middle" font-size="10" fill="{ink}">{v}</text>'
                )
    return _svg(width, height, title, chart_id, parts)


BAR_HEIGHT = 18
BAR_LENGTH = 300


def horizontal_bars(
    chart_id: str, title: str, labels: list, values: list[float], unit: str = ""
) -> Markup:
    """One bar per label (a year, a board, a recommendation), its value written after it."""
    peak = max(values, default=0) or 1
    top, gap = 6, 6
    height = top + len(labels) * (BAR_HEIGHT + gap) + 4
    width = LABEL_WIDTH + BAR_LENGTH + 70
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (BAR_HEIGHT + gap)
        length = BAR_LENGTH * value / peak
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end" '
            f'font-size="11">{escape(str(label)[:30])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {escape(shown)}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 5}" '
            f'font-size="11">{escape(shown)}</text>'
        )
    return _svg(width, height, title, chart_id, parts)
