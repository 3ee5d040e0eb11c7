"""OCR of page images with the Tesseract command line, cached by the hash of the page image."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
from pathlib import Path

LANGUAGES = "eng+cym"
DPI = 200
# Tesseract is started once per page; each must finish within this many seconds.
PAGE_TIMEOUT = 120


class OcrFailed(Exception):
    """Tesseract could not read a page; the message says why."""


class OcrEngine:
    """Runs ``tesseract`` on page images; results are kept in ``cache_dir`` by image hash, so a
    page is never OCR'd twice (re-ingest, retry, a copy of the same scan in another file)."""

    def __init__(self, cache_dir: Path, languages: str = LANGUAGES, tesseract: str = "tesseract"):
        self.cache_dir = Path(cache_dir)
        self.languages = languages
        self.tesseract = tesseract
        self.hits = 0
        self.misses = 0

    def _cache_path(self, image: bytes) -> Path:
        digest = hashlib.sha256(self.languages.encode() + b"\0" + image).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.txt"

    def read_image(self, image: bytes) -> str:
        """The text of an image (any format Tesseract reads; we pass PGM)."""
        cached = self._cache_path(image)
        if cached.exists():
            self.hits += 1
            return cached.read_text(encoding="utf-8")
        self.misses += 1
        text = self._run(image)
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(cached)
        return text

    def _run(self, image: bytes) -> str:
        # One thread per Tesseract: ingest already runs one process per core.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                [self.tesseract, "stdin", "stdout", "-l", self.languages, "--psm", "3"],
                input=image,
                capture_output=True,
                timeout=PAGE_TIMEOUT,
                env=env,
                check=False,
            )
        except FileNotFoundError as error:
            raise OcrFailed(f"tesseract is not installed ({self.tesseract})") from error
        except subprocess.TimeoutExpired as error:
            raise OcrFailed(f"tesseract took longer than {PAGE_TIMEOUT} s on a page") from error
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrFailed(f"tesseract failed: {message[-1] if message else done.returncode}")
        return done.stdout.decode("utf-8", "replace")

    def read_page(self, page) -> str:
        """OCR a pypdfium2 page: rendered in grey at DPI, handed to Tesseract as PGM."""
        bitmap = page.render(scale=DPI / 72, grayscale=True)
        try:
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PPM")
        finally:
            bitmap.close()
        return self.read_image(buffer.getvalue())
