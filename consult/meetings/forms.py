from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from consult.meetings.models import Audience, MilestoneStatus


class MeetingForm(FlaskForm):
    title = StringField(_l("Titel"),
                        validators=[DataRequired(_l("Vul een titel in.")), Length(max=200)])
    region = SelectField(_l("Regio"), choices=[])
    speerpunt = SelectField(_l("Speerpunt"), choices=[])
    starts_at = DateTimeLocalField(_l("Begint"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(_l("Geef het begin."))])
    ends_at = DateTimeLocalField(_l("Eindigt"), format="%Y-%m-%dT%H:%M",
                                 validators=[DataRequired(_l("Geef het einde."))])
    place = StringField(_l("Plaats en adres"),
                        validators=[DataRequired(_l("Vul de plaats in.")), Length(max=300)])
    organiser = SelectField(_l("Organisator"), choices=[])
    # Choices are built per form, so that the labels read in the reader's language.
    audience = SelectField(_l("Voor"), choices=lambda: [(a.value, a.label) for a in Audience])
    capacity = IntegerField(_l("Aantal plaatsen"), validators=[
        DataRequired(_l("Geef het aantal plaatsen.")),
        NumberRange(1, 10_000, _l("Tussen 1 en 10.000."))])
    ministries = SelectMultipleField(_l("Aanwezige ministeries"), choices=[],
                                     validators=[Optional()])
    programme = TextAreaField(_l("Programma"), validators=[Length(max=20_000)])


class MinutesForm(FlaskForm):
    minutes = TextAreaField(_l("Verslag"), validators=[DataRequired(_l("Schrijf het verslag.")),
                                                       Length(max=50_000)])


class OnBehalfForm(FlaskForm):
    kind = RadioField(_l("Soort inbreng"), choices=[("comment", _l("Reactie")),
                                                    ("amendment", _l("Wijzigingsvoorstel"))],
                      validators=[DataRequired(_l("Kies reactie of wijzigingsvoorstel."))])
    section = SelectField(_l("Sectie"), choices=[])
    body = TextAreaField(_l("Tekst"),
                         description=_l("Bij een wijzigingsvoorstel: de nieuwe tekst van de "
                                        "sectie."),
                         validators=[DataRequired(_l("Vul de tekst in.")), Length(max=100_000)])
    rationale = TextAreaField(_l("Toelichting (bij een wijzigingsvoorstel)"),
                              validators=[Length(max=10_000)])


class MilestoneForm(FlaskForm):
    title = StringField(_l("Mijlpaal"), validators=[DataRequired(_l("Vul een titel in.")),
                                                    Length(max=200)])
    due = DateField(_l("Datum"), validators=[DataRequired(_l("Geef een datum."))])
    status = SelectField(_l("Stand"),
                         choices=lambda: [(s.value, s.label) for s in MilestoneStatus])
    description = TextAreaField(_l("Toelichting"), validators=[Length(max=2000)])
