"""A project's codebook: hierarchical codes (name, definition, example), made by hand or from
the theme taxonomy, edited, moved and merged. Every change is kept with who made it, when, and
the code before and after (``CodebookChange``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select, update

from casereview.catalogue import (
    AppliedCode,
    Catalogue,
    Code,
    CodebookChange,
    User,
)
from casereview.users import Account
from nlp.themes import taxonomy

from . import CodingError, NotFound
from .projects import membership

MAX_NAME_CHARS = 200
MAX_TEXT_CHARS = 5000
MAX_DEPTH = 8
# The taxonomy's hierarchy, from DESIGN.md: the research's learning themes (some with the
# aspects the research names), then the usual subjects of case reviews.
LEARNING_GROUP = (
    "Learning about practice",
    "What the research on reviews finds again and again in the practice reviewed.",
    (
        "hierarchy-of-knowledge",
        "information-sharing",
        "partial-assessment",
        "voice-of-the-child",
        "supervision-and-workload",
    ),
)
SUBJECTS_GROUP = (
    "Subjects of the review",
    "What happened to the child and the circumstances the review looks at.",
)
ASPECTS = {
    "hierarchy-of-knowledge": ("Professional over family voices", "Tunnel vision"),
    "partial-assessment": (
        "Family context",
        "New partners",
        "Large families",
        "Grandparents",
        "Polarised views of mothers",
        "Service disengagement",
    ),
    "voice-of-the-child": ("Lived experience",),
}


@dataclass
class CodeNode:
    id: int
    name: str
    definition: str
    example: str
    theme_slug: str | None
    children: list[CodeNode] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str
    action: str
    code_id: int
    before: dict | None
    after: dict | None


def _snapshot(code: Code) -> dict:
    return {
        "name": code.name,
        "definition": code.definition,
        "example": code.example,
        "parent_id": code.parent_id,
        "position": code.position,
        "merged_into_id": code.merged_into_id,
    }


def _record(session, account: Account, code: Code, action: str, before: dict | None) -> None:
    session.flush()
    session.add(
        CodebookChange(
            project_id=code.project_id,
            code_id=code.id,
            actor_id=account.id,
            action=action,
            before=before,
            after=_snapshot(code),
        )
    )


def _text(value: str | None, what: str, limit: int = MAX_TEXT_CHARS) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise CodingError(f"the {what} has more than {limit} characters")
    return value


def active_code(session, project_id: int, code_id: int | None) -> Code:
    """A code of this project that has not been merged away; NotFound otherwise."""
    code = session.get(Code, code_id) if code_id is not None else None
    if code is None or code.project_id != project_id or code.merged_into_id is not None:
        raise NotFound("there is no such code in this project")
    return code


def _siblings(session, project_id: int, parent_id: int | None) -> list[Code]:
    return list(
        session.scalars(
            select(Code)
            .where(
                Code.project_id == project_id,
                Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id,
                Code.merged_into_id.is_(None),
            )
            .order_by(Code.position, Code.id)
        )
    )


def _check_name(session, project_id, parent_id, name: str, code_id: int | None = None) -> str:
    name = _text(name, "code name", MAX_NAME_CHARS)
    if not name:
        raise CodingError("a code needs a name")
    for sibling in _siblings(session, project_id, parent_id):
        if sibling.id != code_id and sibling.name.casefold() == name.casefold():
            raise CodingError(f"there is already a code {name!r} at that place in the codebook")
    return name


def _ancestors(session, code: Code | None) -> list[int]:
    seen = []
    while code is not None and len(seen) <= MAX_DEPTH:
        seen.append(code.id)
        code = session.get(Code, code.parent_id) if code.parent_id else None
    return seen


def _new_code(session, account, project_id, name, definition, example, parent_id, theme=None):
    if parent_id is not None:
        parent = active_code(session, project_id, parent_id)
        if len(_ancestors(session, parent)) >= MAX_DEPTH:
            raise CodingError(f"codes nest at most {MAX_DEPTH} deep")
    code = Code(
        project_id=project_id,
        parent_id=parent_id,
        name=_check_name(session, project_id, parent_id, name),
        definition=_text(definition, "definition"),
        example=_text(example, "example"),
        position=len(_siblings(session, project_id, parent_id)),
        theme_slug=theme,
    )
    session.add(code)
    _record(session, account, code, "add", None)
    return code


def add_code(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    name: str,
    definition: str = "",
    example: str = "",
    parent_id: int | None = None,
) -> int:
    """A new code at the end of ``parent_id``'s children (or of the top level)."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        return _new_code(session, account, project_id, name, definition, example, parent_id).id


def codebook_from_taxonomy(catalogue: Catalogue, account: Account, project_id: int) -> list[int]:
    """Add the theme taxonomy as codes: two groups, their themes, and the aspects the research
    names. Themes already in the codebook are skipped, so running it twice adds nothing."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        present = set(
            session.scalars(
                select(Code.theme_slug).where(
                    Code.project_id == project_id, Code.theme_slug.is_not(None)
                )
            )
        )
        added = []
        learning_name, learning_definition, learning_slugs = LEARNING_GROUP
        groups = {}
        for theme in taxonomy():
            if theme.slug in present:
                continue
            group_name, group_definition = (
                (learning_name, learning_definition)
                if theme.slug in learning_slugs
                else SUBJECTS_GROUP
            )
            if group_name not in groups:
                groups[group_name] = _group(
                    session, account, project_id, group_name, group_definition
                )
                added.append(groups[group_name].id)
            code = _new_code(
                session,
                account,
                project_id,
                theme.label,
                f"Passages about {theme.label.lower()}.",
                theme.strong[0] if theme.strong else "",
                groups[group_name].id,
                theme.slug,
            )
            added.append(code.id)
            for aspect in ASPECTS.get(theme.slug, ()):
                child = _new_code(
                    session, account, project_id, aspect, "", "", code.id, f"{theme.slug}/{aspect}"
                )
                added.append(child.id)
        return added


def _group(session, account, project_id, name, definition) -> Code:
    """The top-level group code called ``name``, made if missing."""
    for code in _siblings(session, project_id, None):
        if code.name.casefold() == name.casefold():
            return code
    return _new_code(session, account, project_id, name, definition, "", None)


def edit_code(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    code_id: int,
    name: str | None = None,
    definition: str | None = None,
    example: str | None = None,
) -> None:
    """Change a code's name, definition or example (those given)."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        code = active_code(session, project_id, code_id)
        before = _snapshot(code)
        if name is not None:
            code.name = _check_name(session, project_id, code.parent_id, name, code.id)
        if definition is not None:
            code.definition = _text(definition, "definition")
        if example is not None:
            code.example = _text(example, "example")
        if _snapshot(code) != before:
            _record(session, account, code, "edit", before)


def move_code(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    code_id: int,
    parent_id: int | None,
    position: int | None = None,
) -> None:
    """Put a code (with its children) under ``parent_id`` (None: the top level), at
    ``position`` among its new siblings (the end if None)."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        code = active_code(session, project_id, code_id)
        if parent_id is not None:
            parent = active_code(session, project_id, parent_id)
            if code.id in _ancestors(session, parent):
                raise CodingError("a code cannot move under itself or one of its own codes")
        before = _snapshot(code)
        _check_name(session, project_id, parent_id, code.name, code.id)
        siblings = [s for s in _siblings(session, project_id, parent_id) if s.id != code.id]
        at = len(siblings) if position is None else max(0, min(int(position), len(siblings)))
        siblings.insert(at, code)
        code.parent_id = parent_id
        for number, sibling in enumerate(siblings):
            sibling.position = number
        if _snapshot(code) != before:
            _record(session, account, code, "move", before)


def merge_codes(
    catalogue: Catalogue, account: Account, project_id: int, code_id: int, into_id: int
) -> None:
    """Merge code ``code_id`` into ``into_id``: its passages get ``into_id`` (once), its
    children move under ``into_id``, and it leaves the codebook (kept in the history)."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        if code_id == into_id:
            raise CodingError("a code cannot be merged into itself")
        code = active_code(session, project_id, code_id)
        into = active_code(session, project_id, into_id)
        if code.id in _ancestors(session, into):
            raise CodingError("a code cannot be merged into one of its own codes")
        already = select(AppliedCode.coding_id).where(AppliedCode.code_id == into.id)
        session.execute(
            update(AppliedCode)
            .where(AppliedCode.code_id == code.id, AppliedCode.coding_id.not_in(already))
            .values(code_id=into.id)
        )
        session.execute(delete(AppliedCode).where(AppliedCode.code_id == code.id))
        for child in _siblings(session, project_id, code.id):
            child_before = _snapshot(child)
            child.parent_id = into.id
            child.position = len(_siblings(session, project_id, into.id))
            _record(session, account, child, "move", child_before)
        before = _snapshot(code)
        code.merged_into_id = into.id
        _record(session, account, code, "merge", before)


def codebook(catalogue: Catalogue, account: Account, project_id: int) -> list[CodeNode]:
    """The codebook as a tree of its current codes, in order."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        codes = session.scalars(
            select(Code)
            .where(Code.project_id == project_id, Code.merged_into_id.is_(None))
            .order_by(Code.position, Code.id)
        ).all()
    nodes = {c.id: CodeNode(c.id, c.name, c.definition, c.example, c.theme_slug) for c in codes}
    roots = []
    for code in codes:
        parent = nodes.get(code.parent_id)
        (parent.children if parent else roots).append(nodes[code.id])
    return roots


def history(catalogue: Catalogue, account: Account, project_id: int) -> list[Change]:
    """Every change to the codebook, oldest first."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        rows = session.execute(
            select(CodebookChange, User.name)
            .join(User, User.id == CodebookChange.actor_id)
            .where(CodebookChange.project_id == project_id)
            .order_by(CodebookChange.id)
        ).all()
        return [Change(c.at, name, c.action, c.code_id, c.before, c.after) for c, name in rows]
