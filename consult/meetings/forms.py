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
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), Length(max=200)])
    region = SelectField("Regio", choices=[])
    speerpunt = SelectField("Speerpunt", choices=[])
    starts_at = DateTimeLocalField("Begint", format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired("Geef het begin.")])
    ends_at = DateTimeLocalField("Eindigt", format="%Y-%m-%dT%H:%M",
                                 validators=[DataRequired("Geef het einde.")])
    place = StringField("Plaats en adres", validators=[DataRequired("Vul de plaats in."),
                                                       Length(max=300)])
    organiser = SelectField("Organisator", choices=[])
    audience = SelectField("Voor", choices=[(a.value, a.label) for a in Audience])
    capacity = IntegerField("Aantal plaatsen", validators=[
        DataRequired("Geef het aantal plaatsen."), NumberRange(1, 10_000, "Tussen 1 en 10.000.")])
    ministries = SelectMultipleField("Aanwezige ministeries", choices=[],
                                     validators=[Optional()])
    programme = TextAreaField("Programma", validators=[Length(max=20_000)])


class MinutesForm(FlaskForm):
    minutes = TextAreaField("Verslag", validators=[DataRequired("Schrijf het verslag."),
                                                   Length(max=50_000)])


class OnBehalfForm(FlaskForm):
    kind = RadioField("Soort inbreng", choices=[("comment", "Reactie"),
                                                ("amendment", "Wijzigingsvoorstel")],
                      validators=[DataRequired("Kies reactie of wijzigingsvoorstel.")])
    section = SelectField("Sectie", choices=[])
    body = TextAreaField("Tekst", description="Bij een wijzigingsvoorstel: de nieuwe tekst "
                         "van de sectie.", validators=[DataRequired("Vul de tekst in."),
                                                       Length(max=100_000)])
    rationale = TextAreaField("Toelichting (bij een wijzigingsvoorstel)",
                              validators=[Length(max=10_000)])


class MilestoneForm(FlaskForm):
    title = StringField("Mijlpaal", validators=[DataRequired("Vul een titel in."),
                                                Length(max=200)])
    due = DateField("Datum", validators=[DataRequired("Geef een datum.")])
    status = SelectField("Stand", choices=[(s.value, s.label) for s in MilestoneStatus])
    description = TextAreaField("Toelichting", validators=[Length(max=2000)])
