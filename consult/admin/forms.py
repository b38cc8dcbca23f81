from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from consult.accounts.models import Role
from consult.organisations.models import Tier


def tier_choices() -> list[tuple[str, str]]:
    # Built per form, so that the labels read in the language of the request.
    return [(tier.value, tier.label) for tier in Tier]


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role]


class OrganisationForm(FlaskForm):
    name = StringField(_l("Naam"),
                       validators=[DataRequired(_l("Vul een naam in.")), Length(max=200)])
    slug = StringField(
        _l("Korte naam (slug)"),
        description=_l("Kleine letters, cijfers en streepjes, bijvoorbeeld gemeente-delft."),
        validators=[DataRequired(_l("Vul een korte naam in.")), Length(max=60)],
    )
    tier = SelectField(_l("Bestuurslaag"), choices=tier_choices)
    region = SelectField(_l("Regio"), choices=[])


class UserForm(FlaskForm):
    name = StringField(_l("Naam"),
                       validators=[DataRequired(_l("Vul een naam in.")), Length(max=200)])
    email = EmailField(_l("E-mailadres"),
                       validators=[DataRequired(_l("Vul een e-mailadres in.")), Length(max=254)])
    function = StringField(_l("Functie"),
                           description=_l("Bijvoorbeeld wethouder of beleidsmedewerker."),
                           validators=[Length(max=120)])
    organisation = SelectField(_l("Organisatie"), choices=[])
    role = SelectField(_l("Rol"), choices=role_choices)
    password = PasswordField(_l("Wachtwoord"), description=_l("Minstens 12 tekens."),
                             validators=[DataRequired(_l("Vul een wachtwoord in."))])


class EditUserForm(FlaskForm):
    function = StringField(_l("Functie"), validators=[Length(max=120)])
    organisation = SelectField(_l("Organisatie"), choices=[])
    role = SelectField(_l("Rol"), choices=role_choices)
    active = BooleanField(_l("Account actief"))
    may_endorse = BooleanField(
        _l("Mag vastgestelde speerpunten namens de organisatie onderschrijven"))


class ResponsibilityForm(FlaskForm):
    speerpunt = SelectField(_l("Speerpunt"), choices=[])
    organisation = SelectField(_l("Ministerie"), choices=[])
