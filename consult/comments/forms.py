from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.comments.models import FlagReason
from consult.speerpunten.models import SECTIONS

MARKDOWN_HINT = _l("Gewone tekst; een lege regel begint een nieuwe alinea. *Cursief*, **vet**, "
                   "lijstjes met - en links mogen.")


class CommentForm(FlaskForm):
    # Choices are built per form, so that the headings read in the reader's language.
    section = SelectField(_l("Sectie"), choices=lambda: list(SECTIONS.items()))
    body = TextAreaField(
        _l("Uw reactie"),
        description=MARKDOWN_HINT,
        validators=[DataRequired(_l("Schrijf een reactie.")), Length(max=10_000)],
    )
    parent_id = HiddenField(validators=[Optional()])
    amendment_id = HiddenField(validators=[Optional()])


class FlagForm(FlaskForm):
    reason = RadioField(
        _l("Waarom meldt u deze reactie?"),
        choices=lambda: [(reason.value, reason.label) for reason in FlagReason],
        validators=[DataRequired(_l("Kies een reden."))],
    )
    explanation = TextAreaField(_l("Toelichting"), description=_l("Verplicht bij 'Anders'."),
                                validators=[Length(max=1000)])


class ModerationForm(FlaskForm):
    reason = TextAreaField(_l("Reden"),
                           validators=[DataRequired(_l("Geef een reden.")), Length(max=1000)])
