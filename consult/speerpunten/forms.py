from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.speerpunten.models import PHASE_LABELS


class EditSectionForm(FlaskForm):
    base_version = HiddenField()
    text = TextAreaField(_l("Tekst"), validators=[DataRequired(_l("Vul de tekst in.")),
                                                  Length(max=100_000)])
    summary = StringField(_l("Samenvatting van de wijziging"),
                          description=_l("Verschijnt in de versiegeschiedenis."),
                          validators=[DataRequired(_l("Vat de wijziging samen.")),
                                      Length(max=500)])


class PhaseForm(FlaskForm):
    # Choices are built per form, so that the labels read in the reader's language.
    phase = SelectField(_l("Nieuwe fase"),
                        choices=lambda: [(p.value, label) for p, label in PHASE_LABELS.items()])
    closes_at = DateTimeLocalField(
        _l("Sluit automatisch op (optioneel)"), format="%Y-%m-%dT%H:%M",
        description=_l("Alleen voor de fase open; daarna gaat het speerpunt vanzelf in "
                       "verwerking."),
        validators=[Optional()],
    )
