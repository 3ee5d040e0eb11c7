"""Reading order of a page from positioned text runs: pure functions, no PDF library.

A run is a piece of text on one line with its box (PDF coordinates: y grows upwards). Runs are
grouped into lines; where the page has two columns (a vertical gutter that no run crosses), each
stretch of two-column lines is read left column first, then right column. Lines at the top and
bottom margins (running headers and footers) stay at the top and bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

# A gutter must hold on at least this many lines with text on both sides.
MIN_TWO_SIDED_LINES = 4


@dataclass(frozen=True)
class Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class Line:
    runs: list[Run]

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    def text(self, runs: list[Run] | None = None) -> str:
        runs = sorted(self.runs if runs is None else runs, key=lambda r: r.left)
        return " ".join(r.text.strip() for r in runs if r.text.strip())


def needs_layout(boxes: list[tuple[float, float, float, float]], width: float) -> bool:
    """Whether the text's own order (boxes as (left, bottom, right, top), in content order) may
    not be the reading order: the text goes back up the page, or runs start mid-page often
    enough to be a second column."""
    for (_l, bottom, _r, top), (_l2, _b2, _r2, next_top) in zip(boxes, boxes[1:], strict=False):
        if next_top > top + max(top - bottom, 2.0):
            return True
    low, high = width * 0.3, width * 0.7
    return sum(1 for left, _b, _r, _t in boxes if low <= left <= high) >= MIN_TWO_SIDED_LINES


def group_lines(runs: list[Run]) -> list[Line]:
    """Runs grouped into lines, top of the page first."""
    lines: list[Line] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines and lines[-1].bottom <= run.middle <= lines[-1].top:
            lines[-1].runs.append(run)
        else:
            lines.append(Line([run]))
    return lines


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of a vertical gutter in the middle of the page with text on both sides on several
    lines and crossed by few lines (full-width headings), or None for a one-column page."""
    best, best_lines = None, 0
    step = max(width / 100, 1.0)
    x = width * 0.3
    while x <= width * 0.7:
        both = crossing = 0
        for line in lines:
            if any(r.left < x < r.right for r in line.runs):
                crossing += 1
            elif any(r.right <= x for r in line.runs) and any(r.left >= x for r in line.runs):
                both += 1
        if both > best_lines and crossing * 2 <= both:
            best, best_lines = x, both
        x += step
    return best if best_lines >= MIN_TWO_SIDED_LINES else None


def _margin_count(lines: list[Line], from_top: bool) -> int:
    """How many lines at one edge stand apart from the body by a wide gap (headers, footers)."""
    if len(lines) < 4:
        return 0
    gaps = [a.bottom - b.top for a, b in zip(lines, lines[1:], strict=False)]
    usual = median(gaps)
    order = range(len(gaps)) if from_top else range(len(gaps) - 1, -1, -1)
    for count, i in enumerate(order, start=1):
        if count > 2:
            break
        if gaps[i] > max(2 * usual, usual + 12):
            return count
    return 0


def reading_order(runs: list[Run], width: float) -> str:
    """The page's text in reading order, one line per line of print."""
    lines = group_lines(runs)
    gutter = find_gutter(lines, width)
    if gutter is None:
        return "\n".join(line.text() for line in lines)
    head = _margin_count(lines, from_top=True)
    tail = _margin_count(lines, from_top=False)
    body = lines[head : len(lines) - tail]
    out = [line.text() for line in lines[:head]]
    left: list[str] = []
    right: list[str] = []

    def flush():
        out.extend(left + right)
        left.clear()
        right.clear()

    for line in body:
        if any(r.left < gutter < r.right for r in line.runs):
            flush()
            out.append(line.text())
            continue
        left_runs = [r for r in line.runs if r.right <= gutter]
        right_runs = [r for r in line.runs if r.left >= gutter]
        if left_runs:
            left.append(line.text(left_runs))
        if right_runs:
            right.append(line.text(right_runs))
    flush()
    out.extend(line.text() for line in lines[len(lines) - tail :] if tail)
    return "\n".join(out)
