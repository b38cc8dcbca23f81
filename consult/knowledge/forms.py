from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from consult.knowledge.models import CONTENT_TYPES

MARKDOWN_HINT = _l("Gewone tekst; een lege regel begint een nieuwe alinea. *Cursief*, **vet**, "
                   "lijstjes met - en links mogen.")


class PracticeExampleForm(FlaskForm):
    title = StringField(_l("Titel"),
                        validators=[DataRequired(_l("Geef het voorbeeld een titel.")),
                                    Length(max=200)])
    summary = TextAreaField(
        _l("Samenvatting"),
        description=_l("In een paar zinnen: wat is het en wat levert het op? Hooguit 1.000 "
                       "tekens."),
        validators=[DataRequired(_l("Vat het voorbeeld kort samen.")), Length(max=1000)],
    )
    body = TextAreaField(
        _l("Beschrijving"),
        description=_l("Hoe pakte u het aan, met wie, wat werkte en wat niet? Gewone tekst; een "
                       "lege regel begint een nieuwe alinea. *Cursief*, **vet**, lijstjes met - "
                       "en links mogen."),
        validators=[DataRequired(_l("Beschrijf het voorbeeld.")), Length(max=20_000)],
    )
    contact_name = StringField(_l("Naam contactpersoon"),
                               validators=[DataRequired(_l("Vul een contactpersoon in.")),
                                           Length(max=200)])
    contact_email = EmailField(_l("E-mailadres contactpersoon"),
                               validators=[DataRequired(_l("Vul een e-mailadres in.")),
                                           Length(max=254),
                                           Email(_l("Vul een geldig e-mailadres in, zoals "
                                                    "naam@gemeente.nl."))])
    tags = StringField(
        _l("Trefwoorden"),
        description=_l("Gescheiden door komma's, bijvoorbeeld: taal, vrijwilligers, vrouwen."),
        validators=[Length(max=500)],
    )
    attachments = MultipleFileField(
        _l("Bijlagen"),
        description=_l("Niet verplicht. PDF, Word, Excel, PowerPoint of OpenDocument; hooguit "
                       "10 MB per bestand en hooguit 5 bestanden."),
        render_kw={"accept": ",".join("." + extension for extension in CONTENT_TYPES)},
    )


class QuestionForm(FlaskForm):
    title = StringField(_l("Uw vraag in één zin"),
                        validators=[DataRequired(_l("Vul uw vraag in.")), Length(max=200)])
    body = TextAreaField(
        _l("Toelichting"),
        description=_l("Wat wilt u weten, en waarom? Gewone tekst; een lege regel begint een "
                       "nieuwe alinea. *Cursief*, **vet**, lijstjes met - en links mogen."),
        validators=[DataRequired(_l("Licht uw vraag toe.")), Length(max=10_000)],
    )


class AnswerForm(FlaskForm):
    body = TextAreaField(_l("Uw antwoord"), description=MARKDOWN_HINT,
                         validators=[DataRequired(_l("Schrijf een antwoord.")),
                                     Length(max=10_000)])
