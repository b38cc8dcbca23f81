"""The `consult` command group on the Flask command line."""

from __future__ import annotations

import functools
import logging

import click
from flask.cli import AppGroup
from flask_migrate import upgrade

from consult.accounts import operations as accounts
from consult.accounts.models import Role, User
from consult.core.database import background_work, write_transaction
from consult.core.errors import DomainError
from consult.extensions import db
from consult.organisations import operations as organisations
from consult.seed import data as seed_data
from consult.seed import operations as seeding
from consult.speerpunten import operations as speerpunten
from consult.speerpunten.models import Speerpunt

log = logging.getLogger(__name__)

consult_cli = AppGroup("consult", help="Beheer van het consultatieplatform.")


def transactional(command):
    """Run a command in one transaction: committed when it ends well, else rolled back."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with write_transaction():
            try:
                result = command(*args, **kwargs)
                db.session.commit()
                return result
            except DomainError as exc:
                db.session.rollback()
                details = "; ".join(f"{k}: {v}" for k, v in (exc.fields or {}).items())
                raise click.ClickException(exc.message + (f" ({details})" if details else ""))
            except BaseException:
                db.session.rollback()
                raise

    return wrapper


@consult_cli.command("init-db")
def init_db():
    """Breng het databaseschema naar de nieuwste migratie."""
    upgrade()
    click.echo("Database is bijgewerkt naar het nieuwste schema.")


@consult_cli.command("seed")
@click.option("--demo", is_flag=True, help="Voeg demo-accounts toe (alleen voor demonstraties).")
@transactional
def seed(demo: bool):
    """Vul de referentiegegevens: regio's, organisaties, speerpunten en verantwoordelijkheden."""
    report = seeding.seed_reference_data()
    if demo:
        seeding.seed_demo_accounts(report)
        seeding.seed_demo_discussion(report)
    # Commit before printing, so a closed output pipe cannot undo the work.
    db.session.commit()
    if report.changed:
        for kind, count in report.created.items():
            click.echo(f"Toegevoegd: {count} {kind}")
    else:
        click.echo("Niets te doen: alle gegevens waren er al.")
    if demo:
        click.echo("")
        click.echo("DEMO-ACCOUNTS (alleen voor demonstratie, nooit in productie gebruiken)")
        click.echo(f"Wachtwoord voor elk demo-account: {seed_data.DEMO_PASSWORD}")
        for email, name, function, org_slug, role in seed_data.DEMO_USERS:
            click.echo(f"  {email:28} {role:12} {function} ({org_slug})")


@consult_cli.command("create-org")
@click.option("--slug", required=True)
@click.option("--name", required=True)
@click.option("--tier", required=True, help="rijk, provincie, gemeente of partner")
@click.option("--region", default=None, help="Slug van de regio.")
@transactional
def create_org(slug: str, name: str, tier: str, region: str | None):
    """Maak een organisatie aan."""
    organisation = organisations.create_organisation(
        slug=slug, name=name, tier=organisations.parse_tier(tier),
        region=organisations.get_region(region) if region else None,
    )
    click.echo(f"Organisatie {organisation.slug} aangemaakt.")


@consult_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--org", "org_slug", required=True, help="Slug van de organisatie.")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--password", required=True)
@click.option("--function", default="", help="Functie, bijvoorbeeld wethouder.")
@transactional
def create_user(email: str, name: str, org_slug: str, role: str, password: str, function: str):
    """Maak een account aan."""
    user = accounts.create_user(
        email=email, name=name, function=function,
        organisation=organisations.get_organisation(org_slug), role=Role(role), password=password,
    )
    click.echo(f"Account {user.email} aangemaakt.")


@consult_cli.command("create-token")
@click.option("--email", required=True)
@click.option("--name", default="command line", help="Naam om het token te herkennen.")
@transactional
def create_token(email: str, name: str):
    """Maak een nieuw API-token en druk alleen dat af."""
    user = db.session.execute(User.by_email(email)).scalar_one_or_none()
    if user is None:
        raise click.ClickException(f"Er is geen account met e-mailadres {email}.")
    _token, secret = accounts.create_token(user, name)
    click.echo(secret)


@consult_cli.command("assign")
@click.option("--speerpunt", "slug", required=True)
@click.option("--org", "org_slug", required=True)
@transactional
def assign(slug: str, org_slug: str):
    """Maak een ministerie verantwoordelijk voor een speerpunt."""
    speerpunt = db.session.execute(
        db.select(Speerpunt).where(Speerpunt.slug == slug)
    ).scalar_one_or_none()
    if speerpunt is None:
        raise click.ClickException(f"Speerpunt '{slug}' bestaat niet.")
    organisation = organisations.get_organisation(org_slug)
    if speerpunten.assign_responsibility(speerpunt, organisation):
        click.echo(f"{organisation.slug} is verantwoordelijk voor {speerpunt.slug}.")
    else:
        click.echo(f"{organisation.slug} was al verantwoordelijk voor {speerpunt.slug}.")


@consult_cli.command("deliver-mail")
@click.option("--flush", is_flag=True, help="Probeer nu elk bericht in de wachtrij, ook wat "
              "pas later weer aan de beurt zou zijn (na het herstellen van de mailserver).")
@click.option("--loop", is_flag=True, help="Blijf doorlopen; elke --interval seconden een ronde.")
@click.option("--interval", default=30, show_default=True, type=click.IntRange(1, 3600))
def deliver_mail(flush: bool, loop: bool, interval: int):
    """Bezorg de e-mail uit de wachtrij over SMTP, met dagoverzichten en nieuwe pogingen."""
    import time

    from consult.mail import operations as mail
    from consult.notifications.operations import tell_announcements

    while True:
        # Followers not yet told of an event (the process that wrote it stopped before it
        # told them all) are told first, so their email goes out in this same pass.
        try:
            told = tell_announcements()
        except Exception:  # noqa: BLE001 - email must go out even if telling fails
            db.session.rollback()
            log.exception("announcements not told; trying again on the next pass")
            told = 0
        if told:
            click.echo(f"Meldingen aan volgers: {told}")
        with write_transaction():
            digests = mail.build_digests()
            db.session.commit()
        result = mail.deliver(flush=flush)
        click.echo(f"Dagoverzichten: {digests}, verstuurd: {result['sent']}, "
                   f"mislukt: {result['failed']}")
        if not loop:
            if result["failed"] and not result["sent"]:
                raise SystemExit(1)
            return
        time.sleep(interval)


@consult_cli.command("build-exports")
@click.option("--loop", is_flag=True, help="Blijf doorlopen en kijk elke --interval seconden "
              "of er een nieuw verslag gevraagd is.")
@click.option("--interval", default=5, show_default=True, type=click.IntRange(1, 3600))
def build_exports(loop: bool, interval: int):
    """Maak de consultatieverslagen die te groot zijn om direct te maken."""
    import time

    from flask import current_app

    from consult.exports import background

    # The report's templates build links; outside a request they need a base address.
    with current_app.test_request_context(base_url=current_app.config["CONSULT_BASE_URL"]), \
            background_work():
        while True:
            made = 0
            while background.run_next():
                made += 1
            if made or not loop:
                click.echo(f"Verslagen gemaakt: {made}")
            if not loop:
                return
            time.sleep(interval)


def _dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@consult_cli.command("dump")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def dump_database(file: str):
    """Schrijf de hele installatie (alle tabellen, ook bijlagen) naar één bestand."""
    from consult import backup

    try:
        counts = backup.dump(file)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{_dutch_number(sum(counts.values()))} rijen uit {len(counts)} tabellen "
               f"geschreven naar {file}")


@consult_cli.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
def load_database(file: str):
    """Laad een bestand van `consult dump` in een lege database (SQLite of PostgreSQL)."""
    from consult import backup

    try:
        counts = backup.load(file)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{_dutch_number(sum(counts.values()))} rijen in {len(counts)} tabellen "
               f"geladen uit {file}")
