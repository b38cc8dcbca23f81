from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from consult.accounts.models import Role
from consult.organisations.models import Tier

TIER_CHOICES = [(tier.value, tier.label) for tier in Tier]
ROLE_CHOICES = [(role.value, role.label) for role in Role]


class OrganisationForm(FlaskForm):
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=200)])
    slug = StringField(
        "Korte naam (slug)",
        description="Kleine letters, cijfers en streepjes, bijvoorbeeld gemeente-delft.",
        validators=[DataRequired("Vul een korte naam in."), Length(max=60)],
    )
    tier = SelectField("Bestuurslaag", choices=TIER_CHOICES)
    region = SelectField("Regio", choices=[])


class UserForm(FlaskForm):
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=200)])
    email = EmailField("E-mailadres", validators=[DataRequired("Vul een e-mailadres in."),
                                                  Length(max=254)])
    function = StringField("Functie", description="Bijvoorbeeld wethouder of beleidsmedewerker.",
                           validators=[Length(max=120)])
    organisation = SelectField("Organisatie", choices=[])
    role = SelectField("Rol", choices=ROLE_CHOICES)
    password = PasswordField("Wachtwoord", description="Minstens 12 tekens.",
                             validators=[DataRequired("Vul een wachtwoord in.")])


class EditUserForm(FlaskForm):
    function = StringField("Functie", validators=[Length(max=120)])
    organisation = SelectField("Organisatie", choices=[])
    role = SelectField("Rol", choices=ROLE_CHOICES)
    active = BooleanField("Account actief")
    may_endorse = BooleanField("Mag vastgestelde speerpunten namens de organisatie onderschrijven")


class ResponsibilityForm(FlaskForm):
    speerpunt = SelectField("Speerpunt", choices=[])
    organisation = SelectField("Ministerie", choices=[])
