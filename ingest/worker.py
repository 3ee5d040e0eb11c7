"""Extraction of one file in a worker process bounded in time and memory, over a pool of such
processes (one per core), so a decompression bomb or a looping page tree costs one file, never
the batch.

Workers are forked from a forkserver that has the extraction modules loaded and warmed
(``ingest.preload``), so starting one per file is cheap and a crashed or killed worker leaves
nothing behind.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from nlp.extract import extract_metadata
from nlp.similarity import fingerprint

from .formats import MEDIA_LABELS, PDF, extract_any, sniff
from .ocr import OcrEngine
from .pdf_text import NotReadable, file_meta_for
from .text import clean_document


@dataclass(frozen=True)
class Limits:
    """Bounds on one file's extraction."""

    timeout: float = 600.0
    memory_mb: int = 1024
    max_file_mb: int = 200


@dataclass
class Outcome:
    """What became of one file: its text, or the failure kind and detail."""

    ok: bool
    media_type: str | None = None
    pages: list[str] | None = None
    ocr: list[bool] | None = None
    file_meta: dict | None = None
    extraction: dict | None = None
    fingerprint: list[int] | None = None
    kind: str | None = None
    detail: str | None = None

    @property
    def reason(self) -> str | None:
        if self.ok:
            return None
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


def extract_file(
    path: Path,
    max_file_mb: int,
    ocr_cache: Path | None,
    context: dict | None = None,
    claimed_type: str | None = None,
    filename: str | None = None,
) -> Outcome:
    """Extract and clean the text of one file in this process, then its metadata (with the
    publisher's ``context``) and fingerprint; failures come back as an Outcome with their
    kind, never as an exception. A file named as a PDF (``claimed_type``) that holds something
    else (a web server's error page, say) is "not a PDF"."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_file_mb * 2**20:
            raise NotReadable("too large", f"{size / 2**20:.0f} MB, over {max_file_mb} MB")
        media_type = sniff(path)
        if claimed_type == PDF and media_type != PDF:
            raise NotReadable("not a PDF", f"named as a PDF but holds {MEDIA_LABELS[media_type]}")
        ocr = OcrEngine(ocr_cache) if ocr_cache else None
        raw = extract_any(path, media_type, ocr, max_file_mb)
        if not raw.pages:
            raise NotReadable("empty", "the document has no pages")
        pages, running = clean_document(raw.pages)
        if not any(pages):
            if any(raw.ocr):
                raise NotReadable("OCR failed", "no text was recognised on the scanned pages")
            raise NotReadable("empty", "no text on any page")
        extraction = extract_metadata(
            pages, context, file_meta_for(raw.file_meta, filename, running)
        )
        return Outcome(
            True,
            media_type,
            pages,
            raw.ocr,
            raw.file_meta,
            extraction=extraction,
            fingerprint=fingerprint("\n".join(pages)),
        )
    except NotReadable as error:
        return Outcome(False, kind=error.kind, detail=error.detail)
    except OSError as error:
        return Outcome(False, kind="unreadable", detail=f"cannot read the file: {error}")


def _child(conn, path: str, hints: dict, limits: Limits, ocr_cache: str | None) -> None:
    """Worker process body: set the memory limit, extract, send the outcome back."""
    os.setpgid(0, 0)  # its own process group, so a timeout also stops its Tesseract
    if limits.memory_mb:
        size = limits.memory_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(resource.RLIMIT_DATA, (size, hard))
    try:
        outcome = extract_file(
            Path(path), limits.max_file_mb, ocr_cache and Path(ocr_cache), **hints
        )
    except MemoryError:
        outcome = Outcome(False, kind="too large", detail=_memory_detail(limits))
    except Exception as error:  # the PDF engine can fail in ways no list covers
        outcome = Outcome(False, kind="corrupt", detail=f"{type(error).__name__}: {error}")
    conn.send(outcome)
    conn.close()


def _memory_detail(limits: Limits) -> str:
    return f"extracting it needs more than the {limits.memory_mb} MB allowed"


def _kill(process) -> None:
    """Stop a worker and whatever it started (Tesseract)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.join()


def _ready() -> None:
    """Body of the process that proves the forkserver is up."""


def _context():
    """The forkserver context, started and warmed before any file's clock starts ticking."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingest.preload"])
    probe = context.Process(target=_ready, daemon=True)
    probe.start()
    probe.join()
    return context


def _died(process, limits: Limits) -> Outcome:
    """The outcome of a worker that ended without a word: the PDF engine aborts (or the kernel
    kills) when an allocation fails under the memory limit, and faults on some broken files."""
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code in (signal.SIGABRT, signal.SIGKILL):
            return Outcome(False, kind="too large", detail=f"{_memory_detail(limits)} ({name})")
        return Outcome(False, kind="corrupt", detail=f"the PDF engine crashed on it ({name})")
    return Outcome(False, kind="corrupt", detail=f"the extractor exited with code {code}")


def run_bounded(
    items: Iterable[tuple[object, Path, dict]],
    on_done: Callable[[object, Outcome], None],
    workers: int = 2,
    limits: Limits = Limits(),
    ocr_cache: Path | None = None,
) -> None:
    """Extract every ``(key, path, hints)`` in a pool of ``workers`` bounded processes and call
    ``on_done(key, outcome)`` in this process as each finishes (in finishing order). ``hints``
    are keyword arguments of ``extract_file``: the publisher's ``context``, ``claimed_type``."""
    context = _context()
    waiting = deque(items)
    running = {}  # connection -> (key, process, started)
    try:
        _run(context, waiting, running, on_done, workers, limits, ocr_cache)
    finally:
        for receiver, (_key, process, _started) in running.items():
            _kill(process)
            receiver.close()


def _run(context, waiting, running, on_done, workers, limits, ocr_cache) -> None:
    while waiting or running:
        while waiting and len(running) < max(1, workers):
            key, path, hints = waiting.popleft()
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_child,
                args=(
                    sender,
                    str(path),
                    hints,
                    limits,
                    str(ocr_cache) if ocr_cache else None,
                ),
                daemon=True,
            )
            process.start()
            sender.close()
            running[receiver] = (key, process, time.monotonic())
        for receiver in wait(list(running), timeout=0.2):
            key, process, _started = running.pop(receiver)
            try:
                outcome = receiver.recv()
            except (EOFError, OSError):
                process.join(5)
                outcome = _died(process, limits)
            receiver.close()
            process.join(5)
            if process.is_alive():
                _kill(process)
            on_done(key, outcome)
        now = time.monotonic()
        for receiver, (key, process, started) in list(running.items()):
            if now - started > limits.timeout:
                _kill(process)
                receiver.close()
                del running[receiver]
                on_done(
                    key,
                    Outcome(False, kind="timeout", detail=f"took longer than {limits.timeout:g} s"),
                )
