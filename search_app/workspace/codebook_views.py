"""A project's codebook pages: the tree with a form to add a code, a page per code to edit,
move and merge it, and the history of every change, told in words."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

from coding import NotFound, codebook, projects

from .. import resources
from . import bp, changed, current_account, form_number, researcher_required, shown

TOP_LEVEL = "the top level"


@dataclass(frozen=True)
class CodeChoice:
    """A code as an option of a select: its id and its path from the top of the codebook."""

    id: int
    path: str
    node: codebook.CodeNode
    depth: int


def flattened(nodes, path: str = "", depth: int = 0) -> list[CodeChoice]:
    """The codebook's codes in tree order, each with its path ("Group › Theme › Aspect")."""
    choices = []
    for node in nodes:
        here = f"{path} › {node.name}" if path else node.name
        choices.append(CodeChoice(node.id, here, node, depth))
        choices.extend(flattened(node.children, here, depth + 1))
    return choices


def _below(choices: list[CodeChoice], code_id: int) -> set[int]:
    """The code and every code under it: places it cannot move or merge into."""
    for choice in choices:
        if choice.id == code_id:
            return {c.id for c in flattened([choice.node])}
    return set()


def known_names(changes) -> dict[int, str]:
    """Each code's latest name, from the history (merged codes keep theirs there)."""
    names = {}
    for change in changes:
        if change.after:
            names[change.code_id] = change.after["name"]
    return names


def described(change, names: dict[int, str]) -> str:
    """One change to the codebook in words."""
    before, after = change.before or {}, change.after or {}

    def parent(snapshot):
        parent_id = snapshot.get("parent_id")
        return f"“{names.get(parent_id, parent_id)}”" if parent_id else TOP_LEVEL

    if change.action == "add":
        return f"added under {parent(after)}"
    if change.action == "merge":
        into = after.get("merged_into_id")
        return f"merged into “{names.get(into, into)}”"
    if change.action == "move":
        if before.get("parent_id") == after.get("parent_id"):
            return f"moved to place {after.get('position', 0) + 1} under {parent(after)}"
        return f"moved from {parent(before)} to {parent(after)}"
    parts = []
    if before.get("name") != after.get("name"):
        parts.append(f"renamed from “{before.get('name')}”")
    parts += [
        f"{field} changed"
        for field in ("definition", "example")
        if before.get(field) != after.get(field)
    ]
    return ", ".join(parts) or "edited"


def _history_context(catalogue, account, project_id: int) -> dict:
    changes = codebook.history(catalogue, account, project_id)
    names = known_names(changes)
    return {
        "changes": [(c, names.get(c.code_id, c.code_id), described(c, names)) for c in changes],
    }


@bp.get("/<int:project_id>/codebook", endpoint="codebook_page")
@researcher_required
def codebook_page(project_id: int):
    catalogue, account = resources.catalogue(), current_account()

    def read():
        codes = codebook.codebook(catalogue, account, project_id)
        return {
            "project": projects.project(catalogue, account, project_id),
            "codes": codes,
            "choices": flattened(codes),
            **_history_context(catalogue, account, project_id),
        }

    return shown("workspace/codebook.html", read)


@bp.get("/<int:project_id>/codebook/<int:code_id>", endpoint="code_page")
@researcher_required
def code_page(project_id: int, code_id: int):
    catalogue, account = resources.catalogue(), current_account()

    def read():
        choices = flattened(codebook.codebook(catalogue, account, project_id))
        code = next((c for c in choices if c.id == code_id), None)
        if code is None:
            raise NotFound("there is no such code in this project")
        history = _history_context(catalogue, account, project_id)
        below = _below(choices, code_id)
        parent = next((c for c in choices if code.node in c.node.children), None)
        return {
            "project": projects.project(catalogue, account, project_id),
            "code": code,
            "parent": parent,
            "places": [c for c in choices if c.id not in below],
            "changes": [entry for entry in history["changes"] if entry[0].code_id == code_id],
        }

    return shown("workspace/code.html", read)


def _optional_parent() -> int | None:
    raw = request.form.get("parent_id", "").strip()
    return None if raw in ("", "top") else form_number("parent_id", raw)


def _code_fields() -> tuple[str, str, str]:
    """A code's name, definition and example from the form."""
    return tuple(request.form.get(field, "") for field in ("name", "definition", "example"))


@bp.post("/<int:project_id>/codebook")
@researcher_required
def add_code(project_id: int):
    def change():
        fields = _code_fields()
        codebook.add_code(
            resources.catalogue(), current_account(), project_id, *fields, _optional_parent()
        )
        return f"Code “{fields[0].strip()}” added."

    return changed(project_id, change, "workspace.codebook_page")


def _code_changed(project_id: int, code_id: int, act, message: str):
    """Run ``act(catalogue, account, project_id, code_id)`` and return to the code's page."""

    def change():
        act(resources.catalogue(), current_account(), project_id, code_id)
        return message

    return changed(project_id, change, "workspace.code_page", code_id=code_id)


@bp.post("/<int:project_id>/codebook/<int:code_id>/edit")
@researcher_required
def edit_code(project_id: int, code_id: int):
    def edit(*where):
        codebook.edit_code(*where, *_code_fields())

    return _code_changed(project_id, code_id, edit, "Code saved.")


@bp.post("/<int:project_id>/codebook/<int:code_id>/move")
@researcher_required
def move_code(project_id: int, code_id: int):
    def move(*where):
        codebook.move_code(*where, _optional_parent())

    return _code_changed(project_id, code_id, move, "Code moved.")


@bp.post("/<int:project_id>/codebook/<int:code_id>/merge")
@researcher_required
def merge_code(project_id: int, code_id: int):
    """Merge, then back to the codebook: the merged code has no page of its own any more."""

    def change():
        into = form_number("into")
        codebook.merge_codes(resources.catalogue(), current_account(), project_id, code_id, into)
        return "Codes merged."

    return changed(project_id, change, "workspace.codebook_page")
