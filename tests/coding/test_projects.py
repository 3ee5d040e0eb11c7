import pytest

from coding import CodingError, NotFound
from coding.projects import (
    add_member,
    create_project,
    members,
    project,
    projects_of,
    remove_member,
    set_open_coding,
)

from .conftest import researcher


def test_a_researcher_creates_a_project_and_owns_it(catalogue, owner):
    project_id = create_project(catalogue, owner, "  Hierarchy of knowledge  ", "Whose voice?")
    summary = project(catalogue, owner, project_id)
    assert (summary.name, summary.research_question, summary.role) == (
        "Hierarchy of knowledge",
        "Whose voice?",
        "owner",
    )
    assert [(m.name, m.role) for m in members(catalogue, owner, project_id)] == [("olwen", "owner")]


@pytest.mark.parametrize("role", ["librarian", "admin"])
def test_only_researchers_create_projects(catalogue, role):
    with pytest.raises(CodingError, match="only researchers"):
        create_project(catalogue, researcher(catalogue, "staff", role), "P")


def test_a_project_needs_a_name_of_sensible_length(catalogue, owner):
    with pytest.raises(CodingError, match="must not be empty"):
        create_project(catalogue, owner, "   ")
    with pytest.raises(CodingError, match="more than 200"):
        create_project(catalogue, owner, "x" * 201)


def test_projects_are_private_to_their_members(catalogue, owner, coder, project_id):
    stranger = researcher(catalogue, "sian")
    assert [p.id for p in projects_of(catalogue, coder)] == [project_id]
    assert projects_of(catalogue, stranger) == []
    for call in (project, members):
        with pytest.raises(NotFound):
            call(catalogue, stranger, project_id)
    # A missing project and someone else's answer alike.
    with pytest.raises(NotFound) as missing:
        members(catalogue, stranger, project_id + 100)
    with pytest.raises(NotFound) as private:
        members(catalogue, stranger, project_id)
    assert str(missing.value) == str(private.value)


def test_only_owners_manage_members_and_open_the_coding(catalogue, coder, project_id):
    researcher(catalogue, "sian")
    with pytest.raises(CodingError, match="only an owner"):
        add_member(catalogue, coder, project_id, "sian")
    with pytest.raises(CodingError, match="only an owner"):
        set_open_coding(catalogue, coder, project_id, True)
    assert not project(catalogue, coder, project_id).open_coding


def test_members_are_active_researchers(catalogue, owner, project_id):
    researcher(catalogue, "libby", "librarian")
    with pytest.raises(CodingError, match="no active researcher"):
        add_member(catalogue, owner, project_id, "libby")
    with pytest.raises(CodingError, match="no active researcher"):
        add_member(catalogue, owner, project_id, "nobody")
    with pytest.raises(CodingError, match="unknown project role"):
        add_member(catalogue, owner, project_id, "carys", "boss")


def test_roles_change_and_a_project_keeps_an_owner(catalogue, owner, coder, project_id):
    with pytest.raises(CodingError, match="needs an owner"):
        remove_member(catalogue, owner, project_id, "olwen")
    with pytest.raises(CodingError, match="needs an owner"):
        add_member(catalogue, owner, project_id, "olwen", "coder")
    add_member(catalogue, owner, project_id, "CARYS", "owner")
    add_member(catalogue, coder, project_id, "olwen", "coder")
    assert [(m.name, m.role) for m in members(catalogue, coder, project_id)] == [
        ("carys", "owner"),
        ("olwen", "coder"),
    ]
    remove_member(catalogue, coder, project_id, "olwen")
    with pytest.raises(NotFound):
        project(catalogue, owner, project_id)
    with pytest.raises(CodingError, match="not a member"):
        remove_member(catalogue, coder, project_id, "olwen")


def test_an_owner_opens_the_coding(catalogue, owner, coder, project_id):
    set_open_coding(catalogue, owner, project_id, True)
    assert project(catalogue, coder, project_id).open_coding
    set_open_coding(catalogue, owner, project_id, False)
    assert not project(catalogue, coder, project_id).open_coding
