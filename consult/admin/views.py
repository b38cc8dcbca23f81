"""Admin pages: organisations, users and the ministries' responsibilities."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.accounts import operations as accounts
from consult.accounts.models import Role, User
from consult.admin.forms import EditUserForm, OrganisationForm, ResponsibilityForm, UserForm
from consult.accounts.forms import EmptyForm
from consult.core.auth import admin_required, current_actor
from consult.audit.operations import record
from consult.core.errors import DomainError
from consult.extensions import db
from consult.organisations import operations as organisation_ops
from consult.organisations.models import Organisation, Region, Tier
from consult.speerpunten import operations as speerpunten
from consult.speerpunten.models import Responsibility, Speerpunt

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def _apply_errors(form, error: DomainError) -> None:
    for name, message in (error.fields or {}).items():
        field = getattr(form, {"org": "organisation"}.get(name, name), None)
        if field is not None:
            field.errors = [*field.errors, message]
    if not error.fields:
        form.form_errors.append(error.message)


def _region_choices():
    regions = db.session.execute(Region.ordered()).scalars()
    return [("", gettext("Geen regio"))] + [(region.slug, region.name) for region in regions]


def _organisation_choices():
    organisations_ = db.session.execute(Organisation.ordered()).scalars()
    return [(org.slug, f"{org.name} ({org.tier.label})") for org in organisations_]


@bp.route("/")
@admin_required
def index():
    return redirect(url_for("admin.organisations"))


@bp.route("/organisaties", methods=["GET", "POST"])
@admin_required
def organisations():
    form = OrganisationForm()
    form.region.choices = _region_choices()
    status = 200
    if form.validate_on_submit():
        try:
            region = organisation_ops.get_region(form.region.data) if form.region.data else None
            organisation = organisation_ops.create_organisation(
                slug=form.slug.data, name=form.name.data,
                tier=organisation_ops.parse_tier(form.tier.data), region=region,
            )
        except DomainError as exc:
            _apply_errors(form, exc)
        else:
            flash(gettext("Organisatie %(name)s is toegevoegd.", name=organisation.name),
                  "success")
            return redirect(url_for("admin.organisations"))
    if form.is_submitted():
        status = 400
    rows = db.session.execute(
        Organisation.ordered().options(selectinload(Organisation.region))
    ).scalars()
    return render_template("admin/organisations.html", form=form, organisations=list(rows)), status


@bp.route("/gebruikers", methods=["GET", "POST"])
@admin_required
def users():
    form = UserForm()
    form.organisation.choices = _organisation_choices()
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                email=form.email.data, name=form.name.data, function=form.function.data or "",
                organisation=organisation_ops.get_organisation(form.organisation.data),
                role=Role(form.role.data), password=form.password.data,
            )
        except DomainError as exc:
            _apply_errors(form, exc)
        else:
            record(current_actor(), "user.create", f"user:{user.id}", role=user.role.value,
                   organisation=user.organisation.slug)
            flash(gettext("Account voor %(name)s is aangemaakt.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    if form.is_submitted():
        status = 400
    rows = db.session.execute(select(User).order_by(User.name)).scalars()
    return render_template("admin/users.html", form=form, users=list(rows)), status


@bp.route("/gebruikers/<id:user_id>", methods=["GET", "POST"])
@admin_required
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = EditUserForm()
    form.organisation.choices = _organisation_choices()
    if not form.is_submitted():
        form.function.data = user.function
        form.organisation.data = user.organisation.slug
        form.role.data = user.role.value
        form.active.data = user.active
        form.may_endorse.data = user.may_endorse
    if form.validate_on_submit():
        accounts.update_user(
            current_actor(), user, function=form.function.data or "",
            organisation=organisation_ops.get_organisation(form.organisation.data),
            role=Role(form.role.data), active=bool(form.active.data),
            may_endorse=bool(form.may_endorse.data),
        )
        flash(gettext("Account van %(name)s is bijgewerkt.", name=user.name), "success")
        return redirect(url_for("admin.users"))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/edit_user.html", form=form, user=user), status


@bp.route("/verantwoordelijkheden", methods=["GET", "POST"])
@admin_required
def responsibilities():
    form = ResponsibilityForm()
    all_speerpunten = list(db.session.execute(Speerpunt.ordered()).scalars())
    ministries = list(
        db.session.execute(
            select(Organisation).where(Organisation.tier == Tier.RIJK).order_by(Organisation.name)
        ).scalars()
    )
    form.speerpunt.choices = [(sp.slug, sp.title) for sp in all_speerpunten]
    form.organisation.choices = [(org.slug, org.name) for org in ministries]
    if form.validate_on_submit():
        speerpunt = next(sp for sp in all_speerpunten if sp.slug == form.speerpunt.data)
        organisation = next(o for o in ministries if o.slug == form.organisation.data)
        if speerpunten.assign_responsibility(speerpunt, organisation, current_actor()):
            flash(gettext("%(organisation)s is nu verantwoordelijk voor %(speerpunt)s.",
                          organisation=organisation.name, speerpunt=speerpunt.title), "success")
        else:
            flash(gettext("%(organisation)s was al verantwoordelijk voor %(speerpunt)s.",
                          organisation=organisation.name, speerpunt=speerpunt.title), "info")
        return redirect(url_for("admin.responsibilities"))
    rows = db.session.execute(
        select(Responsibility).options(
            selectinload(Responsibility.speerpunt), selectinload(Responsibility.organisation)
        )
    ).scalars()
    by_speerpunt: dict[int, list[Organisation]] = {sp.id: [] for sp in all_speerpunten}
    for row in rows:
        by_speerpunt[row.speerpunt_id].append(row.organisation)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "admin/responsibilities.html", form=form, speerpunten=all_speerpunten,
        by_speerpunt=by_speerpunt, remove_form=EmptyForm(),
    ), status


@bp.route("/verantwoordelijkheden/<slug>/<org_slug>/verwijderen", methods=["POST"])
@admin_required
def remove_responsibility(slug: str, org_slug: str):
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    speerpunt = db.session.execute(
        select(Speerpunt).where(Speerpunt.slug == slug)
    ).scalar_one_or_none() or abort(404)
    organisation = organisation_ops.get_organisation(org_slug)
    if speerpunten.withdraw_responsibility(speerpunt, organisation, current_actor()):
        flash(gettext("%(organisation)s is niet langer verantwoordelijk voor %(speerpunt)s.",
                      organisation=organisation.name, speerpunt=speerpunt.title), "success")
    return redirect(url_for("admin.responsibilities"))
