from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.amendments.models import Position


class AmendmentForm(FlaskForm):
    base_version = HiddenField()
    text = TextAreaField(
        _l("Voorgestelde tekst"),
        description=_l("Pas de tekst aan zoals u hem zou willen zien. Laat alinea's gescheiden "
                       "door een lege regel."),
        validators=[DataRequired(_l("Vul de voorgestelde tekst in.")), Length(max=100_000)],
    )
    rationale = TextAreaField(
        _l("Toelichting"),
        description=_l("Waarom stelt u deze wijziging voor? Wat lost ze op in de praktijk?"),
        validators=[DataRequired(_l("Licht uw voorstel toe.")), Length(max=10_000)],
    )


class ResponseForm(FlaskForm):
    position = RadioField(
        _l("Standpunt van het ministerie"),
        # Built per form, so that the labels read in the reader's language.
        choices=lambda: [(p.value, p.label) for p in Position],
        validators=[DataRequired(_l("Kies een standpunt."))],
    )
    body = TextAreaField(_l("Toelichting"),
                         validators=[DataRequired(_l("Licht het standpunt toe.")),
                                     Length(max=10_000)])


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Besluit"),
        choices=[("accept", _l("Overnemen")), ("accept_modified", _l("Overnemen met wijzigingen")),
                 ("reject", _l("Niet overnemen"))],
        validators=[DataRequired(_l("Kies een besluit."))],
    )
    reason = TextAreaField(_l("Motivering"),
                           description=_l("Verplicht bij niet overnemen; wordt openbaar getoond."),
                           validators=[Length(max=10_000)])
    text = TextAreaField(_l("Tekst zoals die wordt vastgesteld"),
                         description=_l("Alleen bij overnemen met wijzigingen of bij een "
                                        "conflict."),
                         validators=[Optional(), Length(max=100_000)])
