"""How well coded passages are found again after their document's text is extracted anew, and
what the exports cost, on a scratch SQLite catalogue: `python bench/coding_reanchoring.py`.

Re-anchoring: 1,400 passages (30 to 300 characters) of generated pages, each page then read
"again" one of seven ways, side by side: unchanged; shifted (a new line above); rewrapped (spaces
become line breaks or runs); OCR noise (3 % of the quote's letters changed); heavy OCR noise
(12 %); moved to the next page; removed. For each: passages put back on the right text (the span found overlaps the
quote's true new place by 90 % or more), put on the wrong text, and listed as unanchored; and the
time per passage. Exports: CSV rows, .qdpx and analysis of a project of 20 documents of 40
pages with 900 passages by three coders, in seconds."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coding_agreement import build_project  # noqa: E402

from coding.analysis import project_analysis  # noqa: E402
from coding.anchoring import find_anchor  # noqa: E402
from coding.export import project_excerpts  # noqa: E402
from coding.qdpx import project_qdpx  # noqa: E402

PASSAGES_PER_WAY = 200
WORDS = (
    "the child mother father partner grandmother health visitor social worker school nurse "
    "police midwife general practitioner agency agencies review panel assessment referral "
    "strategy meeting neglect injury bruising home visit appointment missed concern concerns "
    "information shared recorded not was were had did family household baby infant toddler "
    "sibling siblings housing alcohol drugs mental health domestic abuse violence supervision "
    "caseload manager escalation challenge plan protection conference core group December "
    "January March 2019 2020 hospital emergency department paediatrician consultant report "
    "learning practice professionals voice lived experience seen heard spoke asked told"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."


def page(rng: random.Random) -> str:
    return "\n\n".join(" ".join(sentence(rng) for _ in range(5)) for _ in range(5))


def _noise(rng: random.Random, text: str, percent: int = 3) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    chars = list(text)
    for i in rng.sample(letters, max(1, len(letters) * percent // 100)):
        chars[i] = rng.choice("0125lI|")
    return "".join(chars)


def _rewrap(rng: random.Random, text: str) -> str:
    return "".join(rng.choice(("\n", "  ", " \n")) if c == " " and rng.random() < 0.3 else c
                   for c in text)  # fmt: skip


# Each way of reading a page again: (old pages, page, start, end) -> (new pages, page, start,
# end of the quote's text in the new pages, or None where it is gone).
def unchanged(rng, pages, number, start, end):
    return pages, (number, start, end)


def shifted(rng, pages, number, start, end):
    header = "Child Practice Review – page header read this time\n"
    return {**pages, number: header + pages[number]}, (
        number,
        start + len(header),
        end + len(header),
    )


def rewrapped(rng, pages, number, start, end):
    text = pages[number]
    quote = _rewrap(rng, text[start:end])
    return {**pages, number: text[:start] + quote + text[end:]}, (number, start, start + len(quote))


def ocr_noise(rng, pages, number, start, end):
    text = pages[number]
    quote = _noise(rng, text[start:end])
    return {**pages, number: text[:start] + quote + text[end:]}, (number, start, end)


def heavy_ocr_noise(rng, pages, number, start, end):
    text = pages[number]
    quote = _noise(rng, text[start:end], 12)
    return {**pages, number: text[:start] + quote + text[end:]}, (number, start, end)


def moved_on(rng, pages, number, start, end):
    text = pages[number]
    following = text[start:] + "\n\n" + pages[number + 1]
    new = {**pages, number: text[:start], number + 1: following}
    return new, (number + 1, 0, end - start)


def removed(rng, pages, number, start, end):
    text = pages[number]
    return {**pages, number: text[:start] + text[end:]}, None


WAYS = (unchanged, shifted, rewrapped, ocr_noise, heavy_ocr_noise, moved_on, removed)


def reanchoring(rng: random.Random) -> None:
    print("way of reading again   right  wrong  unanchored  ms/passage")
    for way in WAYS:
        tally, seconds = Counter(), 0.0
        for _ in range(PASSAGES_PER_WAY):
            pages = {n: page(rng) for n in range(1, 5)}
            number = rng.randint(1, 3)
            start = rng.randrange(0, len(pages[number]) - 320)
            end = start + rng.randint(30, 300)
            quote = pages[number][start:end]
            new, truth = way(rng, pages, number, start, end)
            began = time.perf_counter()
            anchor = find_anchor(quote, number, start, new)
            seconds += time.perf_counter() - began
            if anchor is None:
                tally["unanchored"] += 1
            elif truth is None:
                tally["wrong"] += 1
            else:
                t_page, t_start, t_end = truth
                overlap = min(anchor.end, t_end) - max(anchor.start, t_start)
                right = anchor.page == t_page and overlap >= 0.9 * max(t_end - t_start, 1)
                tally["right" if right else "wrong"] += 1
        print(
            f"{way.__name__:<22} {tally['right']:>6} {tally['wrong']:>6} "
            f"{tally['unanchored']:>11}  {1000 * seconds / PASSAGES_PER_WAY:>9.2f}"
        )


def exports() -> None:
    catalogue, owner, project, sizes = build_project(Path(tempfile.mkdtemp()))
    timings = {}
    for name, run in (
        ("excerpts (CSV/JSON rows)", lambda: project_excerpts(catalogue, owner, project)),
        (".qdpx", lambda: project_qdpx(catalogue, owner, project)),
        ("analysis", lambda: project_analysis(catalogue, owner, project)),
    ):
        began = time.perf_counter()
        result = run()
        timings[name] = (time.perf_counter() - began, result)
    print(sizes)
    for name, (seconds, _result) in timings.items():
        print(f"{name:<26} {seconds:.2f} s")
    made = timings[".qdpx"][1]
    print(f".qdpx: {len(made.data) / 1e6:.1f} MB, {made.sources} sources, {made.codings} codings")
    catalogue.close()


if __name__ == "__main__":
    reanchoring(random.Random(3))
    exports()
