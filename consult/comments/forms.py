from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.comments.models import FlagReason
from consult.speerpunten.models import SECTIONS


class CommentForm(FlaskForm):
    section = SelectField("Sectie", choices=list(SECTIONS.items()))
    body = TextAreaField(
        "Uw reactie",
        description="Gewone tekst; een lege regel begint een nieuwe alinea. *Cursief*, "
        "**vet**, lijstjes met - en links mogen.",
        validators=[DataRequired("Schrijf een reactie."), Length(max=10_000)],
    )
    parent_id = HiddenField(validators=[Optional()])
    amendment_id = HiddenField(validators=[Optional()])


class FlagForm(FlaskForm):
    reason = RadioField(
        "Waarom meldt u deze reactie?",
        choices=[(reason.value, reason.label) for reason in FlagReason],
        validators=[DataRequired("Kies een reden.")],
    )
    explanation = TextAreaField("Toelichting", description="Verplicht bij 'Anders'.",
                                validators=[Length(max=1000)])


class ModerationForm(FlaskForm):
    reason = TextAreaField("Reden", validators=[DataRequired("Geef een reden."), Length(max=1000)])
