from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.amendments.models import Position


class AmendmentForm(FlaskForm):
    base_version = HiddenField()
    text = TextAreaField(
        "Voorgestelde tekst",
        description="Pas de tekst aan zoals u hem zou willen zien. Laat alinea's gescheiden "
        "door een lege regel.",
        validators=[DataRequired("Vul de voorgestelde tekst in."), Length(max=100_000)],
    )
    rationale = TextAreaField(
        "Toelichting",
        description="Waarom stelt u deze wijziging voor? Wat lost ze op in de praktijk?",
        validators=[DataRequired("Licht uw voorstel toe."), Length(max=10_000)],
    )


class ResponseForm(FlaskForm):
    position = RadioField(
        "Standpunt van het ministerie",
        choices=[(p.value, p.label) for p in Position],
        validators=[DataRequired("Kies een standpunt.")],
    )
    body = TextAreaField("Toelichting", validators=[DataRequired("Licht het standpunt toe."),
                                                    Length(max=10_000)])


class DecisionForm(FlaskForm):
    decision = RadioField(
        "Besluit",
        choices=[("accept", "Overnemen"), ("accept_modified", "Overnemen met wijzigingen"),
                 ("reject", "Niet overnemen")],
        validators=[DataRequired("Kies een besluit.")],
    )
    reason = TextAreaField("Motivering",
                           description="Verplicht bij niet overnemen; wordt openbaar getoond.",
                           validators=[Length(max=10_000)])
    text = TextAreaField("Tekst zoals die wordt vastgesteld",
                         description="Alleen bij overnemen met wijzigingen of bij een conflict.",
                         validators=[Optional(), Length(max=100_000)])
