"""Researchers' pages under /projects: their coding projects, each project's corpus, codebook
and members. Every route needs a signed-in researcher (others get 403); a project that is not
the researcher's answers 404, like a missing one. CSRF protection is app-wide (CSRFProtect in
``search_app.librarian``); sign-in is the librarians' form, shared.

The domain is the ``coding`` stage; these views only read forms and show its results."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from coding import CodingError, NotFound, codebook, corpus, projects

from .. import resources
from ..librarian import RESEARCH_PREFIX

bp = Blueprint("workspace", __name__, url_prefix=RESEARCH_PREFIX, template_folder="templates")
MAX_IDS_CHARS = 20_000


def researcher_required(view):
    """Signed in with the researcher role; other accounts get 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if current_user.role != projects.RESEARCHER:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def current_account():
    """The signed-in researcher's account."""
    return current_user.account


def form_number(name: str, value: str | None = None) -> int:
    """A whole number from the form (or ``value``); a clear refusal for anything else."""
    raw = (request.form.get(name, "") if value is None else value).strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise CodingError(f"the {name.replace('_', ' ')} must be a number")
    return int(raw)


def changed(project_id: int, change, endpoint: str = "workspace.project", **values):
    """Run a change to a project and go to ``endpoint`` (the project's page by default): a
    refusal becomes a message there, and a project that is not the researcher's a 404."""
    try:
        message = change()
    except NotFound:
        abort(404)
    except CodingError as error:
        flash(str(error), "error")
    else:
        flash(message, "success")
    return redirect(url_for(endpoint, project_id=project_id, **values))


def shown(template: str, read):
    """Render ``template`` with the context ``read()`` gathers; 404 for a project that is not
    the researcher's."""
    try:
        context = read()
    except NotFound:
        abort(404)
    return render_template(template, **context)


@bp.get("/", endpoint="projects")
@researcher_required
def projects_list():
    mine = projects.projects_of(resources.catalogue(), current_account())
    return render_template("workspace/projects.html", projects=mine)


@bp.post("/")
@researcher_required
def create():
    try:
        project_id = projects.create_project(
            resources.catalogue(),
            current_account(),
            request.form.get("name", ""),
            request.form.get("research_question", ""),
        )
    except CodingError as error:
        flash(str(error), "error")
        return redirect(url_for("workspace.projects"))
    flash("Project created.", "success")
    return redirect(url_for("workspace.project", project_id=project_id))


@bp.get("/<int:project_id>")
@researcher_required
def project(project_id: int):
    catalogue, account = resources.catalogue(), current_account()
    return shown(
        "workspace/project.html",
        lambda: {
            "project": projects.project(catalogue, account, project_id),
            "members": projects.members(catalogue, account, project_id),
            "documents": corpus.corpus(catalogue, account, project_id),
            "codes": codebook.codebook(catalogue, account, project_id),
        },
    )


def _ids(raw: str) -> list[int]:
    """Report ids from a form: numbers separated by spaces, commas or new lines."""
    words = raw[:MAX_IDS_CHARS].replace(",", " ").split()
    if not words or not all(w.isascii() and w.isdigit() and len(w) <= 18 for w in words):
        raise CodingError("give the reviews as their numbers, separated by spaces or commas")
    return [int(w) for w in words]


def _add_reviews(project_id: int):
    def change():
        # One number per checkbox of a search's results, or typed into one box.
        raw = " ".join(request.form.getlist("report_id")) or request.form.get("report_ids", "")
        done = corpus.add_reviews(resources.catalogue(), current_account(), project_id, _ids(raw))
        parts = [f"{len(done.added)} document(s) added"]
        if done.already:
            parts.append(f"{len(done.already)} review(s) already in the project")
        if done.not_found:
            parts.append("not found: " + ", ".join(map(str, done.not_found)))
        return "; ".join(parts) + "."

    return changed(project_id, change)


@bp.post("/<int:project_id>/reviews")
@researcher_required
def add_reviews(project_id: int):
    return _add_reviews(project_id)


@bp.post("/add-reviews")
@researcher_required
def add_reviews_to_chosen_project():
    """The form of a search's results or of a review page, which names the project."""
    try:
        project_id = form_number("project_id")
    except CodingError:
        abort(404)
    return _add_reviews(project_id)


@bp.post("/<int:project_id>/codebook/taxonomy")
@researcher_required
def codebook_from_taxonomy(project_id: int):
    def change():
        added = codebook.codebook_from_taxonomy(
            resources.catalogue(), current_account(), project_id
        )
        return f"{len(added)} code(s) added from the theme taxonomy."

    return changed(project_id, change, "workspace.codebook_page")


@bp.post("/<int:project_id>/members")
@researcher_required
def add_member(project_id: int):
    def change():
        name = request.form.get("name", "")
        role = request.form.get("role", "coder")
        projects.add_member(resources.catalogue(), current_account(), project_id, name, role)
        return f"{name.strip()} is now a member ({role})."

    return changed(project_id, change)


def init_app(app) -> None:
    # The views of the coding page, the codebook, agreement, the exports and analysis, and the
    # forms on public pages add their routes to ``bp`` when imported.
    from . import agreement_views, analysis, codebook_views, coding_views, from_search  # noqa: F401

    app.register_blueprint(bp)
