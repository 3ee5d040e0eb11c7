"""``casereview metadata FILE``: what the extractor decides for one file, and why."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import click

from ingest.formats import read_document
from ingest.readers import UnreadableDocument
from nlp import gazetteer
from nlp.extract import extract_metadata, flat_values

from .context import fail


def url_context(url: str | None) -> dict:
    """The listing context a URL gives: the URL itself and the publisher its host belongs to."""
    if not url:
        return {}
    context = {"url": url}
    board = gazetteer.for_host(urlparse(url).hostname or url)
    if board:
        context["publisher"] = board.source_key or board.name
    return context


def json_report(result: dict, path: Path, kind: str) -> dict:
    """The flat values, then the review code, evidence per field, themes and recommendations."""
    report = flat_values(result)
    report["review_code"] = result.get("review_code")
    report["child_age"] = result.get("child_age")
    report["confidence"] = result.get("confidence")
    report["file"] = str(path)
    report["format"] = kind
    report["evidence"] = {
        name: {k: v for k, v in decision.items() if k != "value"}
        for name, decision in result["fields"].items()
    }
    report["themes_evidence"] = result.get("themes", [])
    report["recommendations"] = result.get("recommendations", [])
    if result.get("error"):
        report["error"] = result["error"]
    return report


def _show(value) -> str:
    if value is None or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@click.command("metadata")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--url", default=None, help="Where the file was published (a publisher hint).")
@click.option("--json", "as_json", is_flag=True, help="Print the values and evidence as JSON.")
def metadata(file: Path, url: str | None, as_json: bool):
    """Show the metadata the extractor decides for FILE (PDF, HTML, DOCX or text), with the
    evidence for each value; the catalogue is not touched."""
    try:
        pages, file_meta, kind = read_document(file)
    except (UnreadableDocument, OSError) as error:
        fail(f"{file}: {error}")
    result = extract_metadata(pages, context=url_context(url), file_meta=file_meta)
    if as_json:
        click.echo(json.dumps(json_report(result, file, kind), ensure_ascii=False, indent=2))
        return
    click.echo(f"{file} ({kind}, {len(pages)} pages), overall confidence {result['confidence']}")
    for name, decision in result["fields"].items():
        line = f"  {name:16} {_show(decision['value'])}"
        if name == "child_age_years" and result.get("child_age"):
            line += f" ({result['child_age']['display']})"
        if decision["source"]:
            where = decision["source"] + (f", page {decision['page']}" if decision["page"] else "")
            line += f"   [{where}; {decision['confidence']:.2f}]"
        click.echo(line)
        if decision["evidence"] and name != "summary":
            click.echo(f"  {'':16}   ← {decision['evidence'][:160]}")
    click.echo(f"  {'review code':16} {_show(result.get('review_code'))}")
    for tag in result["themes"]:
        click.echo(f"  theme {tag['theme']} (page {tag['page']}): {tag['sentence'][:120]}")
    for item in result["recommendations"]:
        click.echo(f"  {item['kind']} {item['number']} (page {item['page']}): {item['text'][:120]}")
    if result.get("error"):
        click.secho(f"  extraction error: {result['error']}", fg="yellow")
