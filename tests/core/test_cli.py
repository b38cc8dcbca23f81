"""The consult command group: idempotent seeding, accounts, tokens, responsibilities."""

import sqlalchemy as sa

from consult.extensions import db


def _counts(app):
    with app.app_context():
        return {
            table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }


def test_seeding_twice_changes_nothing(app, runner):
    before = _counts(app)
    plain = runner.invoke(args=["consult", "seed"])
    assert plain.exit_code == 0 and "Niets te doen" in plain.output
    assert _counts(app) == before
    first = runner.invoke(args=["consult", "seed", "--demo"])
    assert first.exit_code == 0, first.output
    after_demo = _counts(app)
    assert after_demo["comments"] > 0 and after_demo["amendments"] > 0
    second = runner.invoke(args=["consult", "seed", "--demo"])
    assert second.exit_code == 0 and "Niets te doen" in second.output
    assert _counts(app) == after_demo


def test_seed_on_an_empty_database_creates_everything(tmp_path):

    from consult import create_app
    from tests.conftest import base_config

    app = create_app(base_config(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["consult", "init-db"]).exit_code == 0
    result = runner.invoke(args=["consult", "seed", "--demo"])
    assert result.exit_code == 0, result.output
    assert "Toegevoegd: 8 speerpunten" in result.output
    assert "alleen voor demonstratie" in result.output.lower()
    assert "demo-gia-2008" in result.output
    counts = _counts(app)
    # Eight first versions, and one from the demo amendment that was accepted.
    assert counts["speerpunten"] == 8 and counts["versions"] == 9
    again = runner.invoke(args=["consult", "seed", "--demo"])
    assert "Niets te doen" in again.output
    assert _counts(app) == counts
    with app.app_context():
        db.engine.dispose()


def test_create_org_user_token_and_assign(app, runner, client):
    result = runner.invoke(args=["consult", "create-org", "--slug", "ministerie-fin",
                                 "--name", "Ministerie van Financiën", "--tier", "rijk"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["consult", "create-user", "--email", "Ambtenaar@Fin.NL",
                                 "--name", "Eva de Boer", "--org", "ministerie-fin",
                                 "--role", "participant", "--password", "een lang wachtwoord"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["consult", "assign", "--speerpunt", "werken",
                                 "--org", "ministerie-fin"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["consult", "assign", "--speerpunt", "werken",
                                "--org", "ministerie-fin"])
    assert again.exit_code == 0 and "al verantwoordelijk" in again.output

    result = runner.invoke(args=["consult", "create-token", "--email", "ambtenaar@fin.nl"])
    assert result.exit_code == 0
    secret = result.stdout.strip()
    assert result.stdout == secret + "\n"  # the token and nothing else
    response = client.get("/api/v1/speerpunten/werken",
                          headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert "ministerie-fin" in response.json["responsible"]


def test_cli_errors_go_to_stderr_with_a_nonzero_exit(app, runner):
    cases = [
        ["consult", "create-org", "--slug", "Geen Slug", "--name", "X", "--tier", "rijk"],
        ["consult", "create-org", "--slug", "x", "--name", "X", "--tier", "keizerrijk"],
        ["consult", "create-org", "--slug", "vng", "--name", "Dubbel", "--tier", "partner"],
        ["consult", "create-org", "--slug", "nieuw", "--name", "X", "--tier", "gemeente",
         "--region", "atlantis"],
        ["consult", "create-user", "--email", "geen-adres", "--name", "X", "--org", "vng",
         "--role", "participant", "--password", "een lang wachtwoord"],
        ["consult", "create-user", "--email", "a@b.nl", "--name", "X", "--org", "vng",
         "--role", "participant", "--password", "kort"],
        ["consult", "create-user", "--email", "wethouder@demo.gia.nl", "--name", "X",
         "--org", "vng", "--role", "participant", "--password", "een lang wachtwoord"],
        ["consult", "create-user", "--email", "a@b.nl", "--name", "X", "--org", "onbekend",
         "--role", "participant", "--password", "een lang wachtwoord"],
        ["consult", "create-token", "--email", "niemand@nergens.nl"],
        ["consult", "assign", "--speerpunt", "wonen", "--org", "gemeente-delft"],
        ["consult", "assign", "--speerpunt", "bestaat-niet", "--org", "ocw"],
    ]
    before = _counts(app)
    for args in cases:
        result = runner.invoke(args=args)
        assert result.exit_code != 0, args
        assert result.stderr.strip(), args
        assert result.stdout == "", args
    assert _counts(app) == before
