"""Projects and their members. Owners manage members and open the coding to all members;
every member may read the project, add to its corpus, edit its codebook and code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from casereview.catalogue import (
    Catalogue,
    CodingProject,
    ProjectDocument,
    ProjectMember,
    ProjectRole,
    User,
)
from casereview.users import Account, normal_name

from . import CodingError, NotFound

RESEARCHER = "researcher"
MAX_NAME_CHARS = 200
MAX_QUESTION_CHARS = 5000


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    name: str
    research_question: str
    role: str
    created_at: datetime
    open_coding: bool
    documents: int


@dataclass(frozen=True)
class Member:
    name: str
    role: str


def membership(session, project_id: int, account: Account, owner: bool = False) -> ProjectMember:
    """The account's membership of the project; NotFound if it is not a member (or not an owner
    when ``owner``), so that a stranger cannot tell a private project from a missing one."""
    member = session.scalar(
        select(ProjectMember).where(
            ProjectMember.project_id == project_id, ProjectMember.user_id == account.id
        )
    )
    if member is None:
        raise NotFound("there is no such project")
    if owner and member.role != ProjectRole.OWNER:
        raise CodingError("only an owner of the project can do that")
    return member


def _clean(text: str | None, limit: int, what: str, required: bool = False) -> str:
    text = (text or "").strip()
    if required and not text:
        raise CodingError(f"the {what} must not be empty")
    if len(text) > limit:
        raise CodingError(f"the {what} has more than {limit} characters")
    return text


def create_project(
    catalogue: Catalogue, account: Account, name: str, research_question: str = ""
) -> int:
    """A new project owned by ``account``, which must be a researcher's."""
    if account.role != RESEARCHER:
        raise CodingError("only researchers can create coding projects")
    name = _clean(name, MAX_NAME_CHARS, "project name", required=True)
    question = _clean(research_question, MAX_QUESTION_CHARS, "research question")
    with catalogue.session() as session:
        project = CodingProject(name=name, research_question=question, created_by=account.id)
        project.members = [ProjectMember(user_id=account.id, role=ProjectRole.OWNER)]
        session.add(project)
        session.flush()
        return project.id


def projects_of(catalogue: Catalogue, account: Account) -> list[ProjectSummary]:
    """The projects ``account`` is a member of, newest first, with its role in each."""
    with catalogue.session() as session:
        documents = (
            select(ProjectDocument.project_id, func.count().label("n"))
            .group_by(ProjectDocument.project_id)
            .subquery()
        )
        rows = session.execute(
            select(CodingProject, ProjectMember.role, documents.c.n)
            .join(ProjectMember, ProjectMember.project_id == CodingProject.id)
            .outerjoin(documents, documents.c.project_id == CodingProject.id)
            .where(ProjectMember.user_id == account.id)
            .order_by(CodingProject.created_at.desc(), CodingProject.id.desc())
        ).all()
        return [
            ProjectSummary(
                p.id, p.name, p.research_question, role, p.created_at, p.open_coding, n or 0
            )
            for p, role, n in rows
        ]


def project(catalogue: Catalogue, account: Account, project_id: int) -> ProjectSummary:
    """One project as ``account`` sees it; NotFound unless it is a member."""
    for summary in projects_of(catalogue, account):
        if summary.id == project_id:
            return summary
    raise NotFound("there is no such project")


def members(catalogue: Catalogue, account: Account, project_id: int) -> list[Member]:
    """The project's members by name, owners first."""
    with catalogue.session() as session:
        membership(session, project_id, account)
        rows = session.execute(
            select(User.name, ProjectMember.role)
            .join(ProjectMember, ProjectMember.user_id == User.id)
            .where(ProjectMember.project_id == project_id)
            .order_by(ProjectMember.role.desc(), User.name)
        ).all()
        return [Member(name, role) for name, role in rows]


def add_member(
    catalogue: Catalogue,
    account: Account,
    project_id: int,
    name: str,
    role: str = ProjectRole.CODER,
) -> None:
    """Make the researcher called ``name`` a member with ``role`` (or change its role)."""
    if role not in ProjectRole.ALL:
        raise CodingError(f"unknown project role {role!r}: choose owner or coder")
    with catalogue.session() as session:
        membership(session, project_id, account, owner=True)
        user = session.scalar(select(User).where(User.name == normal_name(name)))
        if user is None or not user.active or user.role != RESEARCHER:
            raise CodingError(f"there is no active researcher account called {name!r}")
        member = session.scalar(
            select(ProjectMember).where(
                ProjectMember.project_id == project_id, ProjectMember.user_id == user.id
            )
        )
        if member is None:
            session.add(ProjectMember(project_id=project_id, user_id=user.id, role=role))
        elif member.role != role:
            _keep_an_owner(session, project_id, member, role)
            member.role = role


def remove_member(catalogue: Catalogue, account: Account, project_id: int, name: str) -> None:
    """Take ``name`` out of the project; its codings stay, under its name. A project always
    keeps one owner."""
    with catalogue.session() as session:
        membership(session, project_id, account, owner=True)
        member = session.scalar(
            select(ProjectMember)
            .join(User, User.id == ProjectMember.user_id)
            .where(ProjectMember.project_id == project_id, User.name == normal_name(name))
        )
        if member is None:
            raise CodingError(f"{name!r} is not a member of this project")
        _keep_an_owner(session, project_id, member, None)
        session.delete(member)


def _keep_an_owner(session, project_id: int, member: ProjectMember, new_role) -> None:
    if member.role != ProjectRole.OWNER or new_role == ProjectRole.OWNER:
        return
    owners = session.scalar(
        select(func.count()).where(
            ProjectMember.project_id == project_id, ProjectMember.role == ProjectRole.OWNER
        )
    )
    if owners <= 1:
        raise CodingError("a project needs an owner: make someone else owner first")


def set_open_coding(catalogue: Catalogue, account: Account, project_id: int, is_open: bool):
    """Let every member see every coder's codings (or each only their own again)."""
    with catalogue.session() as session:
        membership(session, project_id, account, owner=True)
        session.get(CodingProject, project_id).open_coding = bool(is_open)
