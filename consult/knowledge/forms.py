from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from consult.knowledge.models import CONTENT_TYPES

MARKDOWN_HINT = ("Gewone tekst; een lege regel begint een nieuwe alinea. *Cursief*, **vet**, "
                 "lijstjes met - en links mogen.")


class PracticeExampleForm(FlaskForm):
    title = StringField("Titel", validators=[DataRequired("Geef het voorbeeld een titel."),
                                             Length(max=200)])
    summary = TextAreaField(
        "Samenvatting",
        description="In een paar zinnen: wat is het en wat levert het op? Hooguit 1.000 tekens.",
        validators=[DataRequired("Vat het voorbeeld kort samen."), Length(max=1000)],
    )
    body = TextAreaField(
        "Beschrijving",
        description="Hoe pakte u het aan, met wie, wat werkte en wat niet? " + MARKDOWN_HINT,
        validators=[DataRequired("Beschrijf het voorbeeld."), Length(max=20_000)],
    )
    contact_name = StringField("Naam contactpersoon",
                               validators=[DataRequired("Vul een contactpersoon in."),
                                           Length(max=200)])
    contact_email = EmailField("E-mailadres contactpersoon",
                               validators=[DataRequired("Vul een e-mailadres in."),
                                           Length(max=254),
                                           Email("Vul een geldig e-mailadres in, zoals "
                                                 "naam@gemeente.nl.")])
    tags = StringField(
        "Trefwoorden",
        description="Gescheiden door komma's, bijvoorbeeld: taal, vrijwilligers, vrouwen.",
        validators=[Length(max=500)],
    )
    attachments = MultipleFileField(
        "Bijlagen",
        description="Niet verplicht. PDF, Word, Excel, PowerPoint of OpenDocument; hooguit "
        "10 MB per bestand en hooguit 5 bestanden.",
        render_kw={"accept": ",".join("." + extension for extension in CONTENT_TYPES)},
    )


class QuestionForm(FlaskForm):
    title = StringField("Uw vraag in één zin",
                        validators=[DataRequired("Vul uw vraag in."), Length(max=200)])
    body = TextAreaField(
        "Toelichting",
        description="Wat wilt u weten, en waarom? " + MARKDOWN_HINT,
        validators=[DataRequired("Licht uw vraag toe."), Length(max=10_000)],
    )


class AnswerForm(FlaskForm):
    body = TextAreaField("Uw antwoord", description=MARKDOWN_HINT,
                         validators=[DataRequired("Schrijf een antwoord."),
                                     Length(max=10_000)])
