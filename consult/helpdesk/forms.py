from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

MARKDOWN_HINT = ("Gewone tekst; een lege regel begint een nieuwe alinea. *Cursief*, **vet**, "
                 "lijstjes met - en links mogen.")


class HelpdeskQuestionForm(FlaskForm):
    subject = StringField("Onderwerp", validators=[DataRequired("Vul een onderwerp in."),
                                                   Length(max=200)])
    body = TextAreaField(
        "Uw vraag",
        description="Alleen u en de medewerkers van het servicecentrum (FORUM) lezen uw vraag.",
        validators=[DataRequired("Vul uw vraag in."), Length(max=10_000)],
    )


class HelpdeskAnswerForm(FlaskForm):
    answer = TextAreaField("Antwoord", description="De vraagsteller krijgt hiervan een melding. "
                           + MARKDOWN_HINT,
                           validators=[DataRequired("Schrijf een antwoord."),
                                       Length(max=10_000)])


class PublishForm(FlaskForm):
    faq_question = TextAreaField(
        "Vraag zoals die openbaar wordt getoond",
        description="Iedereen kan dit lezen, ook zonder aan te melden. Laat namen en "
        "herkenbare details weg.",
        validators=[DataRequired("Vul de vraag in."), Length(max=500)],
    )
    faq_answer = TextAreaField("Antwoord zoals dat openbaar wordt getoond",
                               description=MARKDOWN_HINT,
                               validators=[DataRequired("Vul het antwoord in."),
                                           Length(max=10_000)])
