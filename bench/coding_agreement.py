"""How long the coding workspace takes to measure agreement on a corpus the size of a real
project (20 reviews of 40 pages, three coders, 300 passages each), on a scratch SQLite
catalogue: `python bench/coding_agreement.py`. Prints the sizes and the seconds taken."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from casereview.catalogue import Catalogue, Page, Report  # noqa: E402
from casereview.users import add_user  # noqa: E402
from coding.agreement import project_agreement  # noqa: E402
from coding.codebook import codebook, codebook_from_taxonomy  # noqa: E402
from coding.corpus import add_reviews  # noqa: E402
from coding.passages import apply_codes  # noqa: E402
from coding.projects import add_member, create_project, set_open_coding  # noqa: E402

DOCUMENTS, PAGES, PASSAGES_PER_CODER = 20, 40, 300
WORDS = "the child was seen by the health visitor and social worker who did not share it".split()


def _page(rng: random.Random) -> str:
    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."

    return "\n\n".join(" ".join(sentence() for _ in range(6)) for _ in range(5))


def _code_ids(nodes):
    for node in nodes:
        yield node.id
        yield from _code_ids(node.children)


def build_project(folder: Path):
    """A scratch SQLite catalogue with the project measured: (catalogue, its owner, project id,
    a line saying its size)."""
    rng = random.Random(1)
    catalogue = Catalogue(f"sqlite:///{folder / 'catalogue.sqlite3'}")
    catalogue.upgrade()
    pages = {}
    with catalogue.session() as session:
        for number in range(DOCUMENTS):
            report = Report(sha256=f"{number:064d}", review_key=f"r{number}", state="indexed")
            report.pages = [Page(number=n, text=_page(rng)) for n in range(1, PAGES + 1)]
            session.add(report)
            session.flush()
            pages.update({(report.id, p.number): p.text for p in report.pages})
    coders = [add_user(catalogue, name, "researcher", "x" * 12) for name in ("ann", "bo", "cy")]
    project = create_project(catalogue, coders[0], "Bench")
    for coder in coders[1:]:
        add_member(catalogue, coders[0], project, coder.name)
    add_reviews(catalogue, coders[0], project, sorted({r for r, _ in pages}))
    codebook_from_taxonomy(catalogue, coders[0], project)
    codes = list(_code_ids(codebook(catalogue, coders[0], project)))
    for coder in coders:
        for _ in range(PASSAGES_PER_CODER):
            (report_id, page), text = rng.choice(list(pages.items()))
            start = rng.randrange(len(text) - 200)
            chosen = rng.sample(codes, rng.randint(1, 3))
            end = start + rng.randint(30, 200)
            apply_codes(catalogue, coder, project, report_id, page, start, end, chosen)
    set_open_coding(catalogue, coders[0], project, True)
    size = (
        f"{DOCUMENTS} documents, {len(pages)} pages, "
        f"{len(coders) * PASSAGES_PER_CODER} passages by {len(coders)} coders"
    )
    return catalogue, coders[0], project, size


def main() -> None:
    catalogue, owner, project, size = build_project(Path(tempfile.mkdtemp()))
    started = time.perf_counter()
    result = project_agreement(catalogue, owner, project)
    seconds = time.perf_counter() - started
    print(
        f"{size}, {result.sentences} sentences, {len(result.per_code)} codes applied: "
        f"agreement in {seconds:.2f} s ({len(result.disagreements)} disagreements)"
    )
    catalogue.close()


if __name__ == "__main__":
    main()
