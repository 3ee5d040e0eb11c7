import pytest

from coding import CodingError, NotFound
from coding.codebook import (
    ASPECTS,
    LEARNING_GROUP,
    add_code,
    codebook,
    codebook_from_taxonomy,
    edit_code,
    history,
    merge_codes,
    move_code,
)
from coding.corpus import add_reviews
from coding.passages import apply_codes, passages
from coding.projects import create_project
from nlp.themes import taxonomy

from .conftest import add_report, researcher


def names(nodes):
    return [(n.name, names(n.children)) if n.children else n.name for n in nodes]


def find(nodes, name):
    for node in nodes:
        if node.name == name:
            return node
        found = find(node.children, name)
        if found:
            return found
    return None


def test_the_taxonomy_becomes_a_hierarchical_codebook(catalogue, owner, project_id):
    added = codebook_from_taxonomy(catalogue, owner, project_id)
    tree = codebook(catalogue, owner, project_id)
    assert [n.name for n in tree] == ["Learning about practice", "Subjects of the review"]
    learning, subjects = tree
    assert [n.theme_slug for n in learning.children] == list(LEARNING_GROUP[2])
    slugs = [n.theme_slug for n in learning.children + subjects.children]
    assert slugs == [t.slug for t in taxonomy()]
    partial = find(tree, "Partial assessment")
    assert [c.name for c in partial.children] == list(ASPECTS["partial-assessment"])
    assert partial.definition and partial.example
    aspects = sum(len(a) for a in ASPECTS.values())
    assert len(added) == 2 + len(taxonomy()) + aspects
    # Every theme the research names an aspect of is in the taxonomy.
    assert set(ASPECTS) <= {t.slug for t in taxonomy()}
    assert codebook_from_taxonomy(catalogue, owner, project_id) == []


def test_codes_are_added_edited_and_their_history_kept(catalogue, owner, coder, project_id):
    parent = add_code(catalogue, owner, project_id, "Agencies", "Who was involved.")
    child = add_code(catalogue, coder, project_id, "Health", "", "The health visitor", parent)
    edit_code(catalogue, coder, project_id, child, name="Health services", definition="NHS")
    edit_code(catalogue, coder, project_id, child, name="Health services")  # no change
    assert names(codebook(catalogue, owner, project_id)) == [("Agencies", ["Health services"])]
    changes = history(catalogue, owner, project_id)
    assert [(c.actor, c.action, c.code_id) for c in changes] == [
        ("olwen", "add", parent),
        ("carys", "add", child),
        ("carys", "edit", child),
    ]
    edit = changes[-1]
    assert (edit.before["name"], edit.after["name"]) == ("Health", "Health services")
    assert (edit.before["definition"], edit.after["definition"]) == ("", "NHS")
    assert edit.after["example"] == "The health visitor"


def test_names_are_unique_among_siblings(catalogue, owner, project_id):
    first = add_code(catalogue, owner, project_id, "Neglect")
    with pytest.raises(CodingError, match="already a code"):
        add_code(catalogue, owner, project_id, "NEGLECT")
    other = add_code(catalogue, owner, project_id, "Other")
    add_code(catalogue, owner, project_id, "Neglect", parent_id=other)  # elsewhere: fine
    with pytest.raises(CodingError, match="already a code"):
        edit_code(catalogue, owner, project_id, other, name="neglect")
    with pytest.raises(CodingError, match="needs a name"):
        edit_code(catalogue, owner, project_id, first, name=" ")


def test_codes_move_with_their_children_but_never_under_themselves(catalogue, owner, project_id):
    a = add_code(catalogue, owner, project_id, "A")
    a1 = add_code(catalogue, owner, project_id, "A1", parent_id=a)
    b = add_code(catalogue, owner, project_id, "B")
    c = add_code(catalogue, owner, project_id, "C")
    move_code(catalogue, owner, project_id, a, b)
    assert names(codebook(catalogue, owner, project_id)) == [("B", [("A", ["A1"])]), "C"]
    move_code(catalogue, owner, project_id, c, None, 0)
    assert names(codebook(catalogue, owner, project_id)) == ["C", ("B", [("A", ["A1"])])]
    for target in (a, a1):
        with pytest.raises(CodingError, match="under itself"):
            move_code(catalogue, owner, project_id, a, target)
    moves = [c for c in history(catalogue, owner, project_id) if c.action == "move"]
    assert [(m.code_id, m.before["parent_id"], m.after["parent_id"]) for m in moves] == [
        (a, None, b),
        (c, None, None),
    ]
    assert (moves[1].before["position"], moves[1].after["position"]) == (2, 0)


def test_merging_moves_passages_and_children_and_keeps_the_old_code(
    catalogue, owner, coder, project_id
):
    report = add_report(catalogue, ["Mother's new partner was not assessed. Nobody asked."])
    add_reviews(catalogue, owner, project_id, [report])
    keep = add_code(catalogue, owner, project_id, "New partners")
    old = add_code(catalogue, owner, project_id, "Partners")
    old_child = add_code(catalogue, owner, project_id, "Unknown men", parent_id=old)
    both = apply_codes(catalogue, owner, project_id, report, 1, 0, 38, [keep, old])
    only_old = apply_codes(catalogue, coder, project_id, report, 1, 39, 52, [old])
    merge_codes(catalogue, coder, project_id, old, keep)
    assert names(codebook(catalogue, owner, project_id)) == [("New partners", ["Unknown men"])]
    mine = {p.id: p.code_ids for p in passages(catalogue, owner, project_id)}
    theirs = {p.id: p.code_ids for p in passages(catalogue, coder, project_id)}
    assert mine == {both: (keep,)}
    assert theirs == {only_old: (keep,)}
    last = history(catalogue, owner, project_id)[-2:]
    assert [(c.action, c.code_id) for c in last] == [("move", old_child), ("merge", old)]
    assert (last[1].before["merged_into_id"], last[1].after["merged_into_id"]) == (None, keep)
    with pytest.raises(NotFound):
        edit_code(catalogue, owner, project_id, old, name="again")
    with pytest.raises(CodingError, match="into itself"):
        merge_codes(catalogue, owner, project_id, keep, keep)
    with pytest.raises(CodingError, match="own codes"):
        merge_codes(catalogue, owner, project_id, keep, old_child)


def test_codes_belong_to_their_project_and_its_members(catalogue, owner, project_id):
    elsewhere = add_code(catalogue, owner, create_project(catalogue, owner, "Other"), "Elsewhere")
    with pytest.raises(NotFound):
        add_code(catalogue, owner, project_id, "Child", parent_id=elsewhere)
    with pytest.raises(NotFound):
        edit_code(catalogue, owner, project_id, elsewhere, name="Mine now")
    with pytest.raises(NotFound):
        codebook(catalogue, researcher(catalogue, "sian"), project_id)
    with pytest.raises(NotFound):
        history(catalogue, researcher(catalogue, "rhys"), project_id)
