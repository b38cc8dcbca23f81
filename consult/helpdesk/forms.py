from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

MARKDOWN_HINT = _l("Gewone tekst; een lege regel begint een nieuwe alinea. *Cursief*, **vet**, "
                   "lijstjes met - en links mogen.")


class HelpdeskQuestionForm(FlaskForm):
    subject = StringField(_l("Onderwerp"), validators=[DataRequired(_l("Vul een onderwerp in.")),
                                                       Length(max=200)])
    body = TextAreaField(
        _l("Uw vraag"),
        description=_l("Alleen u en de medewerkers van het servicecentrum (FORUM) lezen uw "
                       "vraag."),
        validators=[DataRequired(_l("Vul uw vraag in.")), Length(max=10_000)],
    )


class HelpdeskAnswerForm(FlaskForm):
    answer = TextAreaField(_l("Antwoord"),
                           description=_l("De vraagsteller krijgt hiervan een melding. Gewone "
                                          "tekst; een lege regel begint een nieuwe alinea. "
                                          "*Cursief*, **vet**, lijstjes met - en links mogen."),
                           validators=[DataRequired(_l("Schrijf een antwoord.")),
                                       Length(max=10_000)])


class PublishForm(FlaskForm):
    faq_question = TextAreaField(
        _l("Vraag zoals die openbaar wordt getoond"),
        description=_l("Iedereen kan dit lezen, ook zonder aan te melden. Laat namen en "
                       "herkenbare details weg."),
        validators=[DataRequired(_l("Vul de vraag in.")), Length(max=500)],
    )
    faq_answer = TextAreaField(_l("Antwoord zoals dat openbaar wordt getoond"),
                               description=MARKDOWN_HINT,
                               validators=[DataRequired(_l("Vul het antwoord in.")),
                                           Length(max=10_000)])
