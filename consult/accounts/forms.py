from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    email = EmailField("E-mailadres", validators=[DataRequired("Vul uw e-mailadres in."),
                                                  Length(max=254)])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."),
                                                       Length(max=1024)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Huidig wachtwoord", validators=[DataRequired("Vul uw huidige wachtwoord in.")]
    )
    new_password = PasswordField(
        "Nieuw wachtwoord",
        description="Minstens 12 tekens. Een zin van een paar woorden werkt goed.",
        validators=[DataRequired("Vul een nieuw wachtwoord in."), Length(max=1024)],
    )
    confirm_password = PasswordField(
        "Herhaal het nieuwe wachtwoord",
        validators=[DataRequired("Herhaal het nieuwe wachtwoord."),
                    EqualTo("new_password", "De twee wachtwoorden zijn niet gelijk.")],
    )


class CreateTokenForm(FlaskForm):
    name = StringField(
        "Naam van het token",
        description="Bijvoorbeeld de naam van het systeem dat het token gebruikt.",
        validators=[Length(max=100, message="Hooguit 100 tekens.")],
    )


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""


class SecondFactorForm(FlaskForm):
    code = StringField(
        "Code",
        description="De zescijferige code uit uw authenticator-app, of een herstelcode.",
        validators=[DataRequired("Vul de code in."), Length(max=20)],
    )


class EmailPreferenceForm(FlaskForm):
    frequency = RadioField(
        "Hoe wilt u e-mail over uw meldingen ontvangen?",
        choices=[("immediate", "Direct, per gebeurtenis"),
                 ("daily", "Eén keer per dag, gebundeld"), ("off", "Geen e-mail")],
        validators=[DataRequired("Kies een van de mogelijkheden.")],
    )
