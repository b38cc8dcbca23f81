"""Rules for endorsing an adopted speerpunt on behalf of an organisation."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from consult.accounts.models import User
from consult.audit.operations import record
from consult.core.errors import Conflict, Forbidden, PhaseClosed, ValidationFailed
from consult.core.text import check_length, normalise_text
from consult.endorsements.models import Endorsement
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.speerpunten.models import Phase, Speerpunt


def can_endorse(user: User | None, speerpunt: Speerpunt) -> bool:
    """The member an admin designated endorses an adopted speerpunt for their organisation."""
    return (user is not None and user.may_endorse
            and speerpunt.effective_phase == Phase.ADOPTED)


def endorsements_of(speerpunt: Speerpunt) -> list[Endorsement]:
    return list(db.session.execute(
        select(Endorsement).where(Endorsement.speerpunt_id == speerpunt.id)
        .join(Organisation).order_by(Organisation.tier, Organisation.name)
        .options(joinedload(Endorsement.organisation), joinedload(Endorsement.user))
    ).scalars())


def endorse(actor: User, speerpunt: Speerpunt, statement: str = "") -> Endorsement:
    """Endorse an adopted speerpunt once per organisation, with an optional statement."""
    if not actor.may_endorse:
        raise Forbidden(gettext(
            "U bent niet aangewezen om namens uw organisatie te onderschrijven."))
    statement = normalise_text(statement)
    fields: dict[str, str] = {}
    check_length(statement, "statement", minimum=0, maximum=2000, fields=fields)
    if fields:
        raise ValidationFailed(fields=fields)
    if speerpunt.effective_phase != Phase.ADOPTED:
        raise PhaseClosed(gettext("Alleen een vastgesteld speerpunt kan worden onderschreven."))
    if db.session.execute(select(Endorsement.id).where(
            Endorsement.speerpunt_id == speerpunt.id,
            Endorsement.organisation_id == actor.organisation_id)).first():
        raise Conflict(gettext("%(organisation)s heeft dit speerpunt al onderschreven.",
                               organisation=actor.organisation.name))
    endorsement = Endorsement(speerpunt_id=speerpunt.id, organisation_id=actor.organisation_id,
                              user_id=actor.id, statement=statement)
    db.session.add(endorsement)
    db.session.flush()
    record(actor, "speerpunt.endorse", f"speerpunt:{speerpunt.slug}",
           organisation=actor.organisation.slug)
    return endorsement
