from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.speerpunten.models import PHASE_LABELS


class EditSectionForm(FlaskForm):
    base_version = HiddenField()
    text = TextAreaField("Tekst", validators=[DataRequired("Vul de tekst in."),
                                              Length(max=100_000)])
    summary = StringField("Samenvatting van de wijziging",
                          description="Verschijnt in de versiegeschiedenis.",
                          validators=[DataRequired("Vat de wijziging samen."), Length(max=500)])


class PhaseForm(FlaskForm):
    phase = SelectField("Nieuwe fase", choices=[(p.value, label) for p, label in PHASE_LABELS.items()])
    closes_at = DateTimeLocalField(
        "Sluit automatisch op (optioneel)", format="%Y-%m-%dT%H:%M",
        description="Alleen voor de fase open; daarna gaat het speerpunt vanzelf in verwerking.",
        validators=[Optional()],
    )
