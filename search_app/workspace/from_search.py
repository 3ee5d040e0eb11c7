"""The "add to a project" forms on public pages (a search's results, a review's page).

They appear only to a signed-in researcher, and name only the projects that researcher is a
member of; everyone else gets the public page exactly as it is. A page that names a project is
that researcher's alone, so no cache may keep it."""

from __future__ import annotations

from flask import after_this_request, g
from flask_login import current_user

from coding import projects

from .. import resources
from . import bp


def _private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.vary.add("Cookie")
    return response


def researcher_projects() -> list[projects.ProjectSummary]:
    """The signed-in researcher's projects (none for anyone else), read once per request."""
    if "researcher_projects" not in g:
        mine = []
        if current_user.is_authenticated and current_user.role == projects.RESEARCHER:
            mine = projects.projects_of(resources.catalogue(), current_user.account)
        if mine:
            after_this_request(_private)
        g.researcher_projects = mine
    return g.researcher_projects


@bp.app_context_processor
def project_forms() -> dict:
    """For the public templates' includes of ``workspace/_add_*.html``."""
    return {"researcher_projects": researcher_projects}
