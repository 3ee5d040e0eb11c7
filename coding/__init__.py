"""The coding workspace: researchers' projects for thematic analysis of reviews.

A project has members (owners and coders), a corpus (the exact document versions it codes), a
hierarchical codebook whose every change is kept, and coded passages anchored to the stored page
text. Each coder codes independently; ``agreement`` measures how far they agree, sentence by
sentence. Everything in a project is private to its members: every function here takes the
acting account and refuses (``NotFound``) anyone who is not a member, without telling whether
the project exists.

Modules: ``projects`` (projects and members), ``corpus``, ``codebook``, ``passages`` (coding),
``agreement`` (units, per-code results and disagreements) over ``statistics`` (Cohen's kappa,
Krippendorff's alpha).
"""

from __future__ import annotations


class CodingError(ValueError):
    """A request the workspace cannot do, with a message for the person asking."""


class NotFound(CodingError):
    """No such project, document, code or passage, or not one the account may see."""
