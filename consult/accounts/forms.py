from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"),
                       validators=[DataRequired(_l("Vul uw e-mailadres in.")), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"),
                             validators=[DataRequired(_l("Vul uw wachtwoord in.")),
                                         Length(max=1024)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Huidig wachtwoord"), validators=[DataRequired(_l("Vul uw huidige wachtwoord in."))]
    )
    new_password = PasswordField(
        _l("Nieuw wachtwoord"),
        description=_l("Minstens 12 tekens. Een zin van een paar woorden werkt goed."),
        validators=[DataRequired(_l("Vul een nieuw wachtwoord in.")), Length(max=1024)],
    )
    confirm_password = PasswordField(
        _l("Herhaal het nieuwe wachtwoord"),
        validators=[DataRequired(_l("Herhaal het nieuwe wachtwoord.")),
                    EqualTo("new_password", _l("De twee wachtwoorden zijn niet gelijk."))],
    )


class CreateTokenForm(FlaskForm):
    name = StringField(
        _l("Naam van het token"),
        description=_l("Bijvoorbeeld de naam van het systeem dat het token gebruikt."),
        validators=[Length(max=100, message=_l("Hooguit 100 tekens."))],
    )


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""


class SecondFactorForm(FlaskForm):
    code = StringField(
        _l("Code"),
        description=_l("De zescijferige code uit uw authenticator-app, of een herstelcode."),
        validators=[DataRequired(_l("Vul de code in.")), Length(max=20)],
    )


class EmailPreferenceForm(FlaskForm):
    frequency = RadioField(
        _l("Hoe wilt u e-mail over uw meldingen ontvangen?"),
        choices=[("immediate", _l("Direct, per gebeurtenis")),
                 ("daily", _l("Eén keer per dag, gebundeld")), ("off", _l("Geen e-mail"))],
        validators=[DataRequired(_l("Kies een van de mogelijkheden."))],
    )
