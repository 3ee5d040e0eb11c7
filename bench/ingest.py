"""Speed and memory of ingest's text extraction, measured side by side with pdftotext.

1. On the synthetic corpus (its readable PDFs), pages per second of our text extraction (reading
   order, running headers/footers/page numbers removed, hyphenation joined, Unicode normalised;
   OCR left out, as pdftotext has none) against ``pdftotext`` on the same files, in one run, as
   a ratio (goal >= 0.5).
2. The same on one generated 1,000-page PDF, where pdftotext's start-up per file does not count.
3. Peak memory (RSS) of an ingest worker extracting that 1,000-page PDF: text, metadata and
   fingerprint, as ``ingest.worker.extract_file`` does it (goal <= 300 MB).

    python bench/ingest.py [--count 90] [--seed 7] [--dir DIR] [--pages 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.pdf_text import extract_pdf  # noqa: E402
from ingest.text import clean_pages  # noqa: E402
from standins.corpus.corpus import generate_corpus  # noqa: E402
from standins.corpus.pdf import write_text_pdf  # noqa: E402

WORDS = (
    "the review panel agencies child health visitor social worker information sharing "
    "supervision family mother father school police assessment concerns recorded home visit "
    "safeguarding partnership referral strategy meeting neglect escalation practitioners"
).split()


def readable_pdfs(folder: Path) -> list[Path]:
    key = json.loads((folder / "answer_key.json").read_text())
    documents = key["documents"] if isinstance(key, dict) else key
    return [
        folder / d["path"]
        for d in documents
        if d["media_type"] == "application/pdf" and not d.get("broken")
    ]


def ours(paths: list[Path]) -> tuple[int, float]:
    """(pages, seconds) of our extraction and cleaning over ``paths``, one after the other."""
    pages, started = 0, time.perf_counter()
    for path in paths:
        pages += len(clean_pages(extract_pdf(path).pages))
    return pages, time.perf_counter() - started


def pdftotext(paths: list[Path]) -> float:
    """Seconds pdftotext takes over ``paths``, one process per file as a batch would run it."""
    started = time.perf_counter()
    for path in paths:
        subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=False)
    return time.perf_counter() - started


def side_by_side(label: str, paths: list[Path]) -> float:
    pdftotext(paths[:1])  # warm the disk cache for both
    pages, our_seconds = ours(paths)
    their_seconds = pdftotext(paths)
    ratio = their_seconds / our_seconds
    print(
        f"{label}: {len(paths)} files, {pages} pages | ours {pages / our_seconds:,.0f} pages/s "
        f"({our_seconds:.2f} s) | pdftotext {pages / their_seconds:,.0f} pages/s "
        f"({their_seconds:.2f} s) | ratio {ratio:.2f} (goal >= 0.5)"
    )
    return ratio


def long_report(path: Path, pages: int, seed: int = 1) -> Path:
    """A report of ``pages`` pages with a running header, page numbers and varied prose."""
    rng = random.Random(seed)
    texts = []
    for number in range(1, pages + 1):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 110))).capitalize() + "."
            for _ in range(5)
        ]
        texts.append(
            "Child Practice Review CPR BENCH 1 - Overview report\n\n"
            + "\n\n".join(paragraphs)
            + f"\n\nPage {number} of {pages}"
        )
    return write_text_pdf(path, texts, title="Child Practice Review CPR BENCH 1")


def worker_peak(path: Path) -> None:
    """Run as a separate process: extract like an ingest worker, print time and peak RSS."""
    from ingest.worker import extract_file

    clean_pages(extract_pdf(path).pages)
    text_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    outcome = extract_file(path, max_file_mb=200, ocr_cache=None)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "ok": outcome.ok,
                "pages": len(outcome.pages or []),
                "seconds": seconds,
                "peak_mb": peak_mb,
                "text_peak_mb": text_peak_mb,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=90)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="an existing corpus folder (else generated)")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--worker-peak", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_peak:
        worker_peak(args.worker_peak)
        return
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext (poppler-utils) is needed for the comparison")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir
        if folder is None:
            folder = Path(tmp) / "corpus"
            started = time.perf_counter()
            generate_corpus(folder, count=args.count, seed=args.seed)
            print(
                f"generated the corpus ({args.count} reviews) in {time.perf_counter() - started:.1f} s"
            )
        side_by_side("synthetic corpus", readable_pdfs(folder))
        big = long_report(Path(tmp) / "long.pdf", args.pages)
        side_by_side(f"one {args.pages}-page PDF", [big])
        done = subprocess.run(
            [sys.executable, __file__, "--worker-peak", str(big)],
            capture_output=True,
            text=True,
            check=True,
        )
        peak = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"worker on the {peak['pages']}-page PDF (text, metadata, fingerprint): "
            f"{peak['seconds']:.1f} s, peak RSS {peak['peak_mb']:.0f} MB (goal <= 300 MB); "
            f"text extraction alone: peak RSS {peak['text_peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
