"""The hostile cases the stand-ins serve: files that misbehave (a redirect loop, a redirect off
the host, a 500, an answer slower than the timeout, an oversize file, HTML served as a PDF), a
path robots.txt disallows, and traps (an endless calendar, search and session URLs)."""

from __future__ import annotations

from crawler.registry import SourceEntry

from .model import Entry
from .resources import Resource

CALENDAR_SUFFIX = "/events/calendar"
CALENDAR_PATH = "/south-gloucestershire/safeguarding" + CALENDAR_SUFFIX
OVERSIZE_BYTES = 3 * 1024 * 1024
# Where the hostile cases live when these publishers are in the registry (else the first
# publishers of the registry): the misbehaving files, the path robots.txt disallows, and the
# traps (endless calendar, search and session URLs).
HOSTILE_HOMES = {"files": "cwm-taf-morgannwg", "robots": "dundee", "traps": "south-gloucestershire"}


def hostile_homes(registry: dict[str, SourceEntry]) -> dict[str, str]:
    """Which publisher serves each hostile case: {"files"|"robots"|"traps": key}."""
    keys = [k for k in registry if k not in HOSTILE_HOMES.values()]
    homes = {}
    for number, (case, key) in enumerate(HOSTILE_HOMES.items()):
        homes[case] = key if key in registry else keys[number % len(keys)]
    return homes


def hostile_files(key: str, folder: str) -> tuple[list[Entry], dict[str, Resource]]:
    """Listed links that misbehave, in ``folder`` of the publisher ``hostile_homes`` names."""
    cases = {
        "redirect-loop-a.pdf": Resource(status=302, location=f"{folder}redirect-loop-b.pdf"),
        "redirect-loop-b.pdf": Resource(status=302, location=f"{folder}redirect-loop-a.pdf"),
        "moved-elsewhere.pdf": Resource(status=302, location="http://elsewhere.invalid/report.pdf"),
        "unavailable.pdf": Resource(status=500, body=b"Internal Server Error"),
        "slow-report.pdf": Resource(
            content_type="application/pdf", body=b"%PDF-1.4\n%slow\n", delay=-1
        ),
        "oversize-report.pdf": Resource(content_type="application/pdf", size=OVERSIZE_BYTES),
        "soft-404.pdf": Resource(
            content_type="application/pdf",
            body=b"<!doctype html><html><body><h1>Page not found</h1></body></html>",
        ),
    }
    entries = [
        Entry(
            f"{folder}{name}",
            {"title": f"Archived review {name.rsplit('.', 1)[0]}", "role": "final report"},
        )
        for name in cases
        if name != "redirect-loop-b.pdf"  # reached only through the loop
    ]
    return entries, {f"{folder}{name}": resource for name, resource in cases.items()}


def _calendar(path: str, month: str) -> Resource:
    """An endless calendar: each month links to the next."""
    year, number = (int(p) for p in month.split("-")) if "-" in month else (2024, 1)
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    body = (
        f"<!doctype html><html><head><title>What's on</title></head><body><h1>Events {month}"
        f"</h1><a href='{path}?month={year}-{number:02d}'>Next month</a></body></html>"
    )
    return Resource(body=body.encode())


def dynamic(path: str, query: dict) -> Resource | None:
    """Resources computed per request (the endless calendar)."""
    if path.endswith(CALENDAR_SUFFIX):
        return _calendar(path, query.get("month", ["2024-01"])[0])
    return None
