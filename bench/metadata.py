"""Accuracy per metadata field of the extractor on the synthetic corpus and on the held-out texts.

Generates the corpus (or reads an existing one), extracts every readable document twice (with the
publisher's listing as context, and from the text alone) and grades each field against the answer
key, which is used for grading only. Then grades the held-out texts (bench/heldout/texts.txt,
written in the forms real documents take) on their tuning and validation splits.

    python bench/metadata.py [--count 90] [--seed 7] [--dir DIR] [--heldout-mistakes tuning]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.formats import read_document  # noqa: E402
from ingest.pdf_text import file_meta_for  # noqa: E402
from ingest.readers import UnreadableDocument  # noqa: E402
from ingest.text import clean_document  # noqa: E402
from nlp import gazetteer  # noqa: E402
from nlp.extract import extract_metadata, flat_values  # noqa: E402
from nlp.themes import theme_slug  # noqa: E402
from standins.corpus.corpus import generate_corpus  # noqa: E402
from standins.corpus.real_forms import real_form_texts  # noqa: E402

FIELDS = (
    "title", "nation", "review_type", "year", "publication_date", "board", "child_pseudonym",
    "child_age_years", "child_sex", "outcome", "review_model", "document_role", "language",
)  # fmt: skip


def _words(text) -> set[str]:
    """The words of a title, figures apart from letters ("2012Ceredigion" is "2012 ceredigion",
    as a listing's heading reads once its lost separator is put back)."""
    return set(re.findall(r"[a-z]+|[0-9]+", str(text or "").lower()))


def _close(a, b, threshold=0.8) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold


def field_correct(name: str, truth, value) -> bool:
    """Whether an extracted value matches the answer key's (None must match None)."""
    if name == "publication_date" and truth is None:
        return value is None or len(str(value)) < 10  # a month is not a wrong full date
    if truth is None or value is None:
        return truth is None and value is None
    if name == "title":
        return _close(truth, value)
    if name == "board":
        return gazetteer.normalise(truth) == gazetteer.normalise(value)
    if name == "child_age_years":
        return abs(float(truth) - float(value)) <= max(0.05, 0.05 * float(truth))
    if name == "child_pseudonym":
        return str(truth).lower() == str(value).lower()
    return truth == value


def themes_score(truth: list, value: list) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives)."""
    wanted = {theme_slug(t) or t for t in truth}
    got = set(value)
    return len(wanted & got), len(got - wanted), len(wanted - got)


def recommendations_found(truth: list[str], items: list[dict]) -> tuple[int, int]:
    """(truth recommendations found among extracted items, truth recommendations)."""
    texts = [item["text"] for item in items]
    found = sum(any(_close(t, x, 0.6) for x in texts) for t in truth)
    return found, len(truth)


def items_correct(truth: list[str], items: list[dict]) -> tuple[int, int]:
    """(extracted items that are a stated recommendation or learning point, extracted items)."""
    return sum(any(_close(t, i["text"], 0.6) for t in truth) for i in items), len(items)


def read_corpus(documents, root: Path) -> dict[str, tuple[list[str], dict]]:
    """(page texts, file metadata) of every readable document, by path."""
    texts = {}
    for document in documents:
        if document.broken:
            continue
        try:
            pages, file_meta, _kind = read_document(root / document.path)
        except UnreadableDocument:
            pages, file_meta = [], {}
        texts[document.path] = (pages, file_meta)
    return texts


def measure(documents, texts: dict, use_listing: bool) -> dict:
    """Per-field accuracy, theme precision/recall and recommendation recall."""
    right, total = defaultdict(int), defaultdict(int)
    tp = fp = fn = rec_found = rec_total = items_right = items_total = 0
    mistakes = defaultdict(list)
    for document in documents:
        if document.path not in texts:
            continue
        pages, file_meta = texts[document.path]
        context = {**document.listing, "publisher": document.publisher} if use_listing else None
        result = extract_metadata(pages, context, file_meta)
        flat = flat_values(result)
        truth = document.truth
        for name in FIELDS:
            total[name] += 1
            if field_correct(name, truth.get(name), flat.get(name)):
                right[name] += 1
            else:
                mistakes[name].append((document.path, truth.get(name), flat.get(name)))
        a, b, c = themes_score(truth.get("themes") or [], flat["themes"])
        tp, fp, fn = tp + a, fp + b, fn + c
        found, count = recommendations_found(
            truth.get("recommendations") or [], result["recommendations"]
        )
        rec_found, rec_total = rec_found + found, rec_total + count
        stated = (truth.get("recommendations") or []) + (truth.get("learning_points") or [])
        right_items, all_items = items_correct(stated, result["recommendations"])
        items_right, items_total = items_right + right_items, items_total + all_items
    accuracy = {name: right[name] / total[name] for name in FIELDS if total[name]}
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    accuracy["themes (F1)"] = 2 * precision * recall / (precision + recall) if tp else 0.0
    accuracy["recommendations (recall)"] = rec_found / rec_total if rec_total else 0.0
    accuracy["items (precision)"] = items_right / items_total if items_total else 0.0
    return {
        "accuracy": accuracy,
        "documents": total["nation"],
        "themes_precision": precision,
        "themes_recall": recall,
        "mistakes": mistakes,
    }


HELDOUT = Path(__file__).resolve().parent / "heldout" / "texts.txt"
# A year decided with less confidence than this is shown as "not stated".
STATED = 0.4


def heldout_records(path: Path = HELDOUT) -> list[dict]:
    """The held-out texts: {id, split, kind, truth: {...}, context, pages}."""
    records = []
    for chunk in path.read_text(encoding="utf-8").split("=== ")[1:]:
        header, _sep, body = chunk.partition("\n---\n")
        keys = dict(part.split(": ", 1) for part in header.strip().split(" | "))
        context = json.loads(keys.pop("context", "{}"))
        records.append(
            {
                "id": keys.pop("id"),
                "split": keys.pop("split"),
                "kind": keys.pop("kind"),
                "truth": keys,
                "context": context,
                "pages": [page.strip() for page in body.split("\n~~~\n")],
            }
        )
    return records


def heldout_correct(name: str, truth: str, flat: dict, result: dict) -> bool | None:
    """Whether one held-out field is right; None when that field is not graded for the text."""
    if truth == "skip":
        return None
    fields = result["fields"]
    if name == "nation":
        return flat["nation"] == truth
    if name == "type":
        return flat["review_type"] == truth
    if name == "year":
        if truth == "none":
            return None
        return flat["year"] == int(truth) and fields["year"]["confidence"] >= STATED
    if name == "year not stated":
        if truth != "none":
            return None
        return flat["year"] is None or fields["year"]["confidence"] < STATED
    if name == "board":
        if truth == "none":
            return flat["board"] is None
        return gazetteer.normalise(truth) == gazetteer.normalise(flat["board"])
    if name == "age":
        if truth == "none":
            return None
        return field_correct("child_age_years", float(truth), flat["child_age_years"])
    if name == "title":
        return _close(truth, flat["title"], 0.99)
    return None


HELDOUT_FIELDS = ("nation", "type", "year", "year not stated", "board", "age", "title")


def measure_heldout(records: list[dict], split: str) -> dict:
    """{field: (right, graded)} on one split, NSPCC blocks' nation and board apart."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    mistakes = []
    for record in records:
        if record["split"] != split:
            continue
        pages, running = clean_document(record["pages"])  # as ingest reads a file's pages
        result = extract_metadata(
            pages, record["context"] or None, file_meta_for({}, None, running)
        )
        flat = flat_values(result)
        truth = record["truth"]
        for name in HELDOUT_FIELDS:
            key = "year" if name == "year not stated" else name
            if key not in truth:
                continue
            correct = heldout_correct(name, truth[key], flat, result)
            if correct is None:
                continue
            labels = [name]
            if record["kind"] == "NSPCC block" and name in ("nation", "board"):
                labels.append(f"NSPCC block {name}")
            for label in labels:
                scores[label][0] += correct
                scores[label][1] += 1
            if not correct:
                mistakes.append((record["id"], name, truth[key], _shown(name, flat, result)))
    return {"scores": dict(scores), "mistakes": mistakes}


def _shown(name: str, flat: dict, result: dict):
    key = {"type": "review_type", "year not stated": "year", "age": "child_age_years"}.get(
        name, name
    )
    field = result["fields"].get(key) or {}
    return f"{flat.get(key)!r} ({field.get('confidence')}, {str(field.get('evidence'))[:60]!r})"


def real_form_records(count: int = 60, seed: int = 11) -> list[dict]:
    """The generated real-form texts (standins/corpus/real_forms.py) as held-out records."""
    records = []
    for number, text in enumerate(real_form_texts(count, seed)):
        truth = {"nation": "skip", "type": "skip", "board": "skip"}
        truth.update({k: "none" if v is None else str(v) for k, v in text.truth.items()})
        kind = "NSPCC block" if text.kind == "nspcc block" else text.kind
        records.append(
            {
                "id": f"g{number:02}",
                "split": "generated",
                "kind": kind,
                "truth": truth,
                "context": text.context,
                "pages": text.pages,
            }
        )
    return records


def print_heldout(show_mistakes: str = "") -> None:
    records = heldout_records() + real_form_records()
    splits = ("tuning", "validation", "generated")
    runs = {split: measure_heldout(records, split) for split in splits}
    counts = {s: sum(r["split"] == s for r in records) for s in runs}
    print(
        f"\nheld-out texts: {counts['tuning']} tuning, {counts['validation']} validation; "
        f"{counts['generated']} generated in real forms (standins/corpus/real_forms.py)"
    )
    print(f"{'field':26} {'tuning':>13} {'validation':>13} {'generated':>13}")
    labels = [*HELDOUT_FIELDS, "NSPCC block nation", "NSPCC block board"]
    for label in labels:
        cells = []
        for split in splits:
            right, graded = runs[split]["scores"].get(label, (0, 0))
            cells.append(f"{right / graded:6.1%} {right:2}/{graded:<2}" if graded else "-")
        print(f"{label:26} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13}")
    for split in filter(None, show_mistakes.split(",")):
        for mistake in runs[split]["mistakes"]:
            print(
                f"  [{split}] {mistake[0]} {mistake[1]}: expected {mistake[2]!r}, got {mistake[3]}"
            )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=90)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="write the corpus here")
    parser.add_argument("--mistakes", type=str, default="", help="comma-separated fields to list")
    parser.add_argument(
        "--heldout-mistakes", type=str, default="", help="list mistakes of these held-out splits"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.dir or Path(tmp)
        documents = generate_corpus(root, count=args.count, seed=args.seed)
        started = time.perf_counter()
        texts = read_corpus(documents, root)
        read = time.perf_counter()
        with_listing = measure(documents, texts, use_listing=True)
        text_only = measure(documents, texts, use_listing=False)
        elapsed = time.perf_counter() - started
    extraction = (elapsed - (read - started)) / max(1, 2 * with_listing["documents"])
    print(
        f"{with_listing['documents']} readable documents (seed {args.seed}); read in "
        f"{read - started:.1f} s; {extraction:.3f} s per extraction"
    )
    print(f"{'field':26} {'with listing':>13} {'text only':>10}")
    for name, value in with_listing["accuracy"].items():
        print(f"{name:26} {value:13.1%} {text_only['accuracy'][name]:10.1%}")
    print(
        f"themes precision/recall: {with_listing['themes_precision']:.1%} / "
        f"{with_listing['themes_recall']:.1%}"
    )
    for name in filter(None, args.mistakes.split(",")):
        for which, run in (("with listing", with_listing), ("text only", text_only)):
            for path, truth, value in run["mistakes"][name]:
                print(f"  {name} [{which}] {path}: expected {truth!r}, got {value!r}")
    print_heldout(args.heldout_mistakes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
