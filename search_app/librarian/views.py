"""The librarians' routes. Every route but sign-in needs an account; every POST needs a CSRF
token (CSRFProtect, app-wide); the audit log has no route that changes it."""

from __future__ import annotations

import math
from datetime import date
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import BadRequest

from casereview import actions, cluster_links, curation, workqueue
from casereview.catalogue import (
    CURATED_FIELDS,
    METADATA_FIELDS,
    ActionUpdate,
    AuditEntry,
    Report,
    is_row_id,
    outbox_status,
)
from casereview.users import TooManyAttempts, end_sessions, list_users, sign_in
from casereview.vocabulary import ACTION_STATUSES
from index_mappings.reconcile import sync_services
from ingest.pipeline import CURATION_STEPS

from .. import resources
from . import RESEARCH_PREFIX, Librarian, admin_required, home_of, staff_only

bp = Blueprint("librarian", __name__, url_prefix="/librarian", template_folder="templates")
bp.before_request(staff_only)
# The only routes here that answer without an account.
PUBLIC_ENDPOINTS = {"librarian.login"}
FIELD_LABELS = {
    "title": "Title",
    "nation": "Nation",
    "review_type": "Review type",
    "year": "Year",
    "publication_date": "Publication date (YYYY-MM-DD)",
    "board": "Board",
    "child_pseudonym": "Child",
    "child_age_years": "Child's age in years",
    "child_sex": "Child's sex",
    "outcome": "Outcome",
    "review_model": "Review model",
    "document_role": "Document",
    "language": "Language",
    "themes": "Themes (comma-separated)",
    "summary": "Summary",
}


def services() -> curation.Services:
    return curation.Services(
        resources.catalogue(),
        resources.archive(),
        resources.engine(),
        current_app.config["CASEREVIEW"],
        sync=sync_services,
        **CURATION_STEPS,
    )


def actor() -> str:
    return current_user.name


def _report_ids(values) -> list[int]:
    try:
        ids = [int(v) for v in values]
    except ValueError:
        raise BadRequest("report numbers are whole numbers") from None
    if not all(map(is_row_id, ids)):
        raise BadRequest("no report has that number")
    return ids


def _done(outcome: curation.Outcome, report_id: int | None = None):
    flash(outcome.message, "success" if outcome.indexed else "warning")
    target = report_id if report_id is not None else (outcome.report_ids or [None])[0]
    if target is None:
        return redirect(url_for("librarian.queue"))
    return redirect(url_for("librarian.report", report_id=target))


def _run(change, report_id: int | None = None):
    """Run a curation change; a CurationError becomes a message on the page it came from."""
    try:
        outcome = change()
    except (curation.CurationError, IntegrityError) as error:
        message = (
            "Someone else changed this at the same moment; look again and retry."
            if isinstance(error, IntegrityError)
            else str(error)
        )
        flash(message, "error")
        if report_id is None:
            return redirect(url_for("librarian.add"))
        return redirect(url_for("librarian.report", report_id=report_id))
    return _done(outcome, report_id)


# sign-in --------------------------------------------------------------------------------------


def _safe_next(target: str | None, user: Librarian) -> str:
    """Only paths inside the signed-in account's own pages (the librarians' or the
    researchers'), so the form cannot send people elsewhere."""
    parts = urlsplit(target or "")
    prefix = bp.url_prefix if user.is_staff else RESEARCH_PREFIX
    if parts.scheme or parts.netloc or not parts.path.startswith(prefix + "/"):
        return home_of(user)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_of(current_user))
    error, status, headers = None, 200, {}
    if request.method == "POST":
        try:
            account = sign_in(
                resources.catalogue(),
                request.form.get("name", ""),
                request.form.get("password", ""),
                request.remote_addr or "unknown",
            )
        except TooManyAttempts as refusal:
            seconds = max(1, math.ceil(refusal.retry_after.total_seconds()))
            headers["Retry-After"] = str(seconds)
            minutes = -(-seconds // 60)
            error, status = (
                f"Too many failed attempts. Wait {minutes} minute{'s' if minutes > 1 else ''} "
                "before trying again.",
                429,
            )
        else:
            if account is not None:
                session.clear()
                session.permanent = True
                user = Librarian(account)
                login_user(user)
                return redirect(_safe_next(request.args.get("next"), user))
            error, status = "That name and password do not match an account.", 401
    return render_template("librarian/login.html", error=error), status, headers


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        end_sessions(resources.catalogue(), current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("search.home"))


# work queue and finding reports ---------------------------------------------------------------


@bp.get("/")
@login_required
def queue():
    with resources.catalogue().session() as db:
        lists = workqueue.work_queue(db)
        index_status = outbox_status(db)
        scheduled = workqueue.last_scheduled_run(db)
    return render_template(
        "librarian/queue.html",
        lists=lists,
        threshold=workqueue.LOW_CONFIDENCE,
        index_status=index_status,
        scheduled=scheduled,
    )


@bp.get("/find")
@login_required
def find():
    q = request.args.get("q", "").strip()[:200]
    with resources.catalogue().session() as db:
        reports = workqueue.find_reports(db, q)
        suppressed = db.scalars(
            select(Report).where(Report.suppressed.is_(True)).order_by(Report.id)
        ).all()
        rows = [_summary(r) for r in reports]
        suppressed_rows = [_summary(r) for r in suppressed]
    return render_template("librarian/find.html", q=q, rows=rows, suppressed=suppressed_rows)


def _summary(report: Report) -> dict:
    meta = report.effective()
    return {
        "id": report.id,
        "title": meta["title"] or report.filename,
        "review_key": curation.review_key_of(report),
        "state": report.state,
        "suppressed": report.suppressed,
        "document_role": meta["document_role"],
    }


# one report -----------------------------------------------------------------------------------


@bp.get("/reports/<int:report_id>")
@login_required
def report(report_id: int):
    return _report_page(report_id)


def _report_page(report_id: int, status: int = 200, edit_error: dict | None = None):
    """The report's page; ``edit_error`` (field, value, reason, message) shows a refused edit
    beside its field, keeping what was typed."""
    with resources.catalogue().session() as db:
        record = db.get(
            Report,
            report_id,
            options=[selectinload(Report.overrides), selectinload(Report.sources)],
        )
        if record is None:
            abort(404)
        meta = record.effective()
        overrides = {o.field: o for o in record.overrides}
        key = curation.review_key_of(record)
        review = [_summary(r) for r in curation.review_members(db, key)]
        if not any(r["id"] == record.id for r in review):
            review.insert(0, _summary(record))
        history = db.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "report", AuditEntry.entity_id == str(report_id))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        ).all()
        sources = list(record.sources)
        plan = _plan_actions(db, record)
    return render_template(
        "librarian/report.html",
        report=record,
        meta=meta,
        overrides=overrides,
        review_key=key,
        review=review,
        history=history,
        sources=sources,
        fields=METADATA_FIELDS,
        labels=FIELD_LABELS,
        vocabularies=curation.VOCABULARIES,
        suppression_reasons=curation.SUPPRESSION_REASONS,
        edit_error=edit_error or {},
        plan=plan,
        action_statuses=ACTION_STATUSES,
        evidence_max_mb=current_app.config["CASEREVIEW"].evidence_max_mb,
        today=date.today().isoformat(),
    ), status


def _plan_actions(db, record: Report) -> list[dict]:
    """The plan's actions with where each stands and its history of status updates."""
    updates = actions.updates_of(db, [record.id])
    rows = []
    for action in record.actions:
        history = updates.get((record.id, action.position), [])
        rows.append(
            {
                "action": action,
                "status": actions.current_status(action, history),
                "overdue": actions.is_overdue(action.due, actions.current_status(action, history)),
                "history": history,
            }
        )
    return rows


@bp.post("/reports/<int:report_id>/actions/<int:position>/status")
@login_required
def action_status(report_id: int, position: int):
    """Record where one action of the plan stands (audited; the history is kept)."""
    form = request.form
    upload = request.files.get("evidence_file")
    given = (upload.filename, upload.stream) if upload and upload.filename else None
    return _run(
        lambda: actions.record_update(
            services(),
            report_id,
            position,
            form.get("date", ""),
            form.get("status", ""),
            form.get("note", ""),
            form.get("evidence_url", ""),
            actor(),
            upload=given,
        ),
        report_id,
    )


@bp.get("/reports/<int:report_id>/actions/<int:position>/evidence/<int:update_id>")
@login_required
def action_evidence(report_id: int, position: int, update_id: int):
    """An update's evidence file, as a download (librarians only; each download audited)."""
    with resources.catalogue().session() as db:
        update = db.get(ActionUpdate, update_id)
        if (
            update is None
            or (update.report_id, update.position) != (report_id, position)
            or not update.evidence_sha256
        ):
            abort(404)
        sha256, media_type, name = (
            update.evidence_sha256,
            update.evidence_type,
            update.evidence_name,
        )
        db.add(
            AuditEntry(
                actor=actor(),
                action="evidence-download",
                entity="report",
                entity_id=str(report_id),
                field=f"action {position + 1} evidence",
                new_value=f"{name} (update {update_id})",
            )
        )
    path = resources.archive().path_for(sha256)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=media_type, as_attachment=True, download_name=name)


@bp.get("/reports/<int:report_id>/file")
@login_required
def report_file(report_id: int):
    """The archived original, suppressed or not: librarians need to read what they curate."""
    with resources.catalogue().session() as db:
        record = db.get(Report, report_id)
        if record is None:
            abort(404)
        sha256, media_type, filename = record.sha256, record.media_type, record.filename
    path = resources.archive().path_for(sha256)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=media_type, download_name=filename)


@bp.post("/reports/<int:report_id>/edit")
@login_required
def edit(report_id: int):
    name = request.form.get("field", "")
    if name not in CURATED_FIELDS:
        raise BadRequest("unknown field")
    value, reason = request.form.get("value", ""), request.form.get("reason", "")
    try:
        outcome = curation.edit_field(services(), report_id, name, value, actor(), reason)
    except curation.CurationError as error:
        typed = {"field": name, "value": value, "reason": reason, "message": str(error)}
        return _report_page(report_id, status=400, edit_error=typed)
    return _done(outcome, report_id)


@bp.post("/reports/<int:report_id>/revert")
@login_required
def revert(report_id: int):
    name = request.form.get("field", "")
    if name not in CURATED_FIELDS:
        raise BadRequest("unknown field")
    reason = request.form.get("reason", "")
    return _run(
        lambda: curation.revert_field(services(), report_id, name, actor(), reason), report_id
    )


def _other_report() -> int:
    value = request.form.get("other", "").strip()
    if not value.isascii() or not value.isdigit() or not is_row_id(int(value)):
        raise BadRequest("give the number of the other report")
    return int(value)


@bp.post("/reports/<int:report_id>/merge")
@login_required
def merge(report_id: int):
    other = _other_report()
    reason = request.form.get("reason", "")
    return _run(
        lambda: curation.merge_reviews(services(), report_id, other, actor(), reason), report_id
    )


@bp.post("/reports/<int:report_id>/move")
@login_required
def move(report_id: int):
    target = _other_report()
    reason = request.form.get("reason", "")
    return _run(
        lambda: curation.move_document(services(), report_id, target, actor(), reason), report_id
    )


@bp.post("/reports/<int:report_id>/split")
@login_required
def split(report_id: int):
    ids = _report_ids(request.form.getlist("documents"))
    form = request.form
    return _run(
        lambda: curation.split_review(
            services(), ids, actor(), form.get("reason", ""), form.get("new_key", "")
        ),
        report_id,
    )


@bp.post("/reports/<int:report_id>/suppress")
@login_required
def suppress(report_id: int):
    """A take-down happens in two steps: the report page's form (nothing ticked) leads to a
    page that names what will go, whose button (``confirm=yes``) takes it down."""
    ids = _report_ids(request.form.getlist("documents"))
    form = request.form
    if not ids:
        flash("Tick the documents to take down.", "error")
        return redirect(url_for("librarian.report", report_id=report_id) + "#suppress-form")
    if form.get("confirm") != "yes":
        with resources.catalogue().session() as db:
            chosen = [_summary(r) for i in ids if (r := db.get(Report, i)) is not None]
        return render_template(
            "librarian/confirm_takedown.html",
            report_id=report_id,
            documents=chosen,
            kind=form.get("kind", ""),
            detail=form.get("detail", ""),
        )
    return _run(
        lambda: curation.suppress(
            services(), ids, form.get("kind", ""), form.get("detail", ""), actor()
        ),
        report_id,
    )


@bp.post("/reports/<int:report_id>/restore")
@login_required
def restore(report_id: int):
    ids = _report_ids(request.form.getlist("documents")) or [report_id]
    reason = request.form.get("reason", "")
    return _run(lambda: curation.restore(services(), ids, reason, actor()), report_id)


@bp.post("/reports/<int:report_id>/retry")
@login_required
def retry(report_id: int):
    reason = request.form.get("reason", "") or "extraction retried from the work queue"
    return _run(
        lambda: curation.retry_extraction(services(), report_id, actor(), reason), report_id
    )


@bp.post("/rejected/<int:link_id>/overturn")
@login_required
def overturn_rejected(link_id: int):
    """A rejected link is a review after all: the crawler fetches it on its next run."""
    try:
        curation.overturn_rejected_link(
            resources.catalogue(), link_id, actor(), request.form.get("reason", "")
        )
    except curation.CurationError as error:
        flash(str(error), "error")
    else:
        flash("The link is a review after all: the crawler fetches it on its next run.", "success")
    return redirect(url_for("librarian.queue") + "#rejected-links")


# adding reviews -------------------------------------------------------------------------------


# clusters of recurring recommendations ------------------------------------------------------


@bp.get("/clusters")
@login_required
def clusters():
    """The recurring recommendations, each with forms to merge it with another cluster or to
    take one of its recommendations out."""
    from ..clusters import recurring_clusters

    found = recurring_clusters(min_reviews=2)
    return render_template("librarian/clusters.html", clusters=found)


def _cluster_change(change):
    try:
        outcome = change()
    except curation.CurationError as error:
        flash(str(error), "error")
    else:
        flash(outcome.message, "success")
    return redirect(url_for("librarian.clusters"))


@bp.post("/clusters/merge")
@login_required
def merge_clusters():
    form = request.form
    return _cluster_change(
        lambda: cluster_links.merge_clusters(
            services(),
            form.get("first", ""),
            form.get("second", ""),
            actor(),
            form.get("reason", ""),
        )
    )


@bp.post("/clusters/split")
@login_required
def split_cluster():
    """Take a recommendation out of the cluster it is in now."""
    from ..clusters import recurring_clusters

    key = request.form.get("key", "")
    found = next(
        (
            c
            for c in recurring_clusters(min_reviews=1)
            if any(r["key"] == key for r in c["recommendations"])
        ),
        None,
    )
    others = [r["key"] for r in found["recommendations"]] if found else []
    return _cluster_change(
        lambda: cluster_links.split_recommendation(
            services(), key, others, actor(), request.form.get("reason", "")
        )
    )


@bp.get("/add")
@login_required
def add():
    return render_template("librarian/add.html", context_keys=curation.CONTEXT_KEYS)


@bp.post("/add/upload")
@login_required
def add_upload():
    form = request.form
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash("Choose a file to upload.", "error")
        return redirect(url_for("librarian.add"))
    context = {k: form.get(k, "") for k in curation.CONTEXT_KEYS}
    return _run(
        lambda: curation.add_upload(
            services(),
            upload.filename,
            upload.stream,
            actor(),
            form.get("reason", ""),
            publisher=form.get("publisher", ""),
            url=form.get("url", ""),
            context=context,
        )
    )


@bp.post("/add/url")
@login_required
def add_url():
    form = request.form
    context = {k: form.get(k, "") for k in curation.CONTEXT_KEYS}
    return _run(
        lambda: curation.add_url(
            services(),
            form.get("url", ""),
            actor(),
            form.get("reason", ""),
            form.get("publisher", ""),
            context,
        )
    )


# audit log (read-only) ------------------------------------------------------------------------


def _audit_filter() -> workqueue.AuditFilter:
    try:
        return workqueue.AuditFilter.from_args(request.args)
    except ValueError:
        raise BadRequest("dates are written YYYY-MM-DD") from None


@bp.get("/audit")
@login_required
def audit():
    filters = _audit_filter()
    with resources.catalogue().session() as db:
        entries = workqueue.audit_entries(db, filters)
        actors = db.scalars(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor)).all()
        actions = db.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)).all()
    return render_template(
        "librarian/audit.html",
        entries=entries,
        filters=filters,
        actors=actors,
        actions=actions,
        fields=(*CURATED_FIELDS, "suppressed", "state", "file", "url"),
    )


@bp.get("/audit.csv")
@login_required
def audit_csv():
    filters = _audit_filter()
    with resources.catalogue().session() as db:
        text = workqueue.audit_csv(workqueue.audit_entries(db, filters, limit=None))
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="audit-log.csv"'},
    )


# accounts -------------------------------------------------------------------------------------


@bp.get("/users")
@admin_required
def users():
    return render_template("librarian/users.html", users=list_users(resources.catalogue()))
