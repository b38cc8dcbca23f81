"""The alignment dashboard (afstemmingsmonitor): its figures match counts made here, from the
raw rows and independently of the dashboard's code; hidden comments and concept speerpunten
do not count; every table downloads as the same CSV; the charts carry the table's numbers."""

from __future__ import annotations

import csv
import html
import io
import re
import statistics
from collections import Counter, defaultdict
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from consult.accounts.models import User
from consult.amendments.models import Amendment, AmendmentStatus, Response, Support
from consult.comments.models import Comment, CommentStatus
from consult.core.database import write_transaction
from consult.core.types import utcnow
from consult.endorsements.models import Endorsement
from consult.extensions import db
from consult.organisations.models import Organisation, Region, SizeClass, Tier
from consult.speerpunten.models import Phase, Responsibility, Speerpunt
from tests.amendments.test_journeys_web import login
from tests.core.test_query_counts import add_activity, count_queries
from tests.helpers import section_text, set_phase

TABLES = ["deelname-per-bestuurslaag", "deelname-per-regio", "deelname-per-grootteklasse",
          "deelname-per-speerpunt", "onderschrijvingen-per-bestuurslaag",
          "amendementen-per-status", "overgenomen-wijzigingen", "steun-per-speerpunt",
          "steun-per-amendement", "reactietijden-ministeries"]
TIER_LABELS = {Tier.RIJK: "Rijk", Tier.PROVINCIE: "Provincie", Tier.GEMEENTE: "Gemeente",
               Tier.PARTNER: "Partner"}
STATUS_LABELS = {AmendmentStatus.PENDING: "In behandeling",
                 AmendmentStatus.ACCEPTED: "Overgenomen",
                 AmendmentStatus.REJECTED: "Niet overgenomen",
                 AmendmentStatus.WITHDRAWN: "Ingetrokken"}
SECTION_LABELS = {"kernprobleem": "Kernprobleem", "ambitie": "Ambitie",
                  "rijk": "Wat doet het rijk", "gemeente": "Wat doet de gemeente"}
EXTRA_PEOPLE = {"delft": ("delft@test.nl", "gemeente-delft"),  # a small municipality
                "cmo": ("cmo@test.nl", "cmo-limburg")}  # a regional partner


# --- building a world with known input ----------------------------------------------------

def add_people(app):
    from consult.accounts.operations import create_user
    from consult.accounts.models import Role

    with app.app_context(), write_transaction():
        for email, org_slug in EXTRA_PEOPLE.values():
            organisation = db.session.execute(
                sa.select(Organisation).where(Organisation.slug == org_slug)).scalar_one()
            create_user(email=email, name=f"Deelnemer {org_slug}", organisation=organisation,
                        role=Role.PARTICIPANT, password="een lang wachtwoord")
        db.session.commit()


def who(name):
    return EXTRA_PEOPLE[name][0] if name in EXTRA_PEOPLE else name


def comment(api, name, slug, body="Een reactie."):
    response = api(who(name)).post(f"/speerpunten/{slug}/comments",
                                   json={"section": "ambitie", "body": body})
    assert response.status_code == 201, response.json
    return response.json["id"]


def propose(api, name, slug, section="ambitie"):
    client = api(who(name))
    text = section_text(client, slug, section) + f" Voorstel van {name}."
    response = client.post(f"/speerpunten/{slug}/amendments", json={
        "section": section, "base_version": 1, "text": text, "rationale": "Omdat."})
    assert response.status_code == 201, response.json
    return response.json["id"]


def ok(response, status=(200, 201)):
    assert response.status_code in status, (response.status_code, response.get_data(as_text=True))
    return response


def backdate(app, model, row_id, when):
    with app.app_context():
        db.session.execute(sa.update(model).where(model.id == row_id).values(created_at=when))
        db.session.commit()


@pytest.fixture
def world(app, api):
    """Input from every tier, with one hidden comment and one speerpunt back in concept."""
    add_people(app)
    comment(api, "gemeente", "inburgering")
    comment(api, "gemeente", "inburgering", "Nog een.")
    comment(api, "provincie", "wonen")
    comment(api, "delft", "onderwijs")
    comment(api, "partner", "inburgering")
    comment(api, "cmo", "wonen")
    hidden = comment(api, "gemeente2", "wonen", "Wordt verborgen.")
    comment(api, "gemeente2", "wonen", "Blijft staan.")

    a = {
        1: propose(api, "gemeente", "inburgering"),
        2: propose(api, "provincie", "wonen"),
        3: propose(api, "delft", "onderwijs"),
        4: propose(api, "partner", "wonen", "rijk"),
        5: propose(api, "cmo", "inburgering", "gemeente"),
        6: propose(api, "gemeente2", "sociale-integratie"),
    }
    for name in ("provincie", "partner", "delft", "gemeente2"):
        ok(api(who(name)).post(f"/amendments/{a[1]}/support"))
    for name in ("gemeente", "ministry"):
        ok(api(name).post(f"/amendments/{a[2]}/support"))
    for name in ("gemeente", "cmo"):
        ok(api(who(name)).post(f"/amendments/{a[4]}/support"))
    ok(api("other_ministry").post(f"/amendments/{a[6]}/support"))

    def respond(name, amendment):
        return ok(api(name).post(f"/amendments/{amendment}/responses", json={
            "position": "partial", "body": "Deels."})).json["id"]

    first_on_1 = respond("ministry", a[1])
    second_on_1 = respond("ministry", a[1])
    on_2 = respond("ministry", a[2])
    on_4 = respond("ministry", a[4])
    on_3 = respond("other_ministry", a[3])

    moderator = api("moderator")
    ok(moderator.post(f"/amendments/{a[2]}/decision", json={"decision": "accept"}))
    ok(moderator.post(f"/amendments/{a[4]}/decision", json={
        "decision": "accept", "text": "Een tekst die de moderator zelf vaststelde."}))
    ok(moderator.post(f"/amendments/{a[5]}/decision", json={
        "decision": "reject", "reason": "Valt buiten dit speerpunt."}))
    ok(api(who("delft")).post(f"/amendments/{a[3]}/withdraw"))
    ok(moderator.post(f"/comments/{hidden}/hide", json={"reason": "Persoonlijke aanval."}))

    # Input on a speerpunt that goes back to concept: none of it may count.
    comment(api, "gemeente2", "veiligheid")
    in_concept = propose(api, "gemeente2", "veiligheid")
    ok(api("provincie").post(f"/amendments/{in_concept}/support"))
    set_phase(app, "veiligheid", "concept")

    # Known response times: VROM 3, 1 and 5 days (median 3), OCW 2.5 days. Amendments 1
    # and 6 wait for a response past their term of 14 days.
    now = utcnow()
    for amendment, age in ((a[1], 20), (a[2], 10), (a[3], 6), (a[4], 9), (a[6], 20)):
        backdate(app, Amendment, amendment, now - timedelta(days=age))
    for response, age in ((first_on_1, 17), (second_on_1, 15), (on_2, 9), (on_4, 4),
                          (on_3, 3.5)):
        backdate(app, Response, response, now - timedelta(days=age))

    # Endorsements of an adopted speerpunt by a municipality, a province and a partner.
    set_phase(app, "werken", "adopted")
    with app.app_context():
        db.session.execute(sa.update(User).where(User.email.in_(
            ["wethouder@demo.gia.nl", "gedeputeerde@demo.gia.nl", "partner@demo.gia.nl"]))
            .values(may_endorse=True))
        db.session.commit()
    for name in ("gemeente", "provincie", "partner"):
        assert login(app, name).post("/speerpunten/werken/onderschrijven").status_code == 302
    return {"amendments": a, "hidden": hidden, "in_concept": in_concept}


# --- reading what the dashboard shows -----------------------------------------------------

class TableParser(HTMLParser):
    """The text of every table of a page, by id: a list of rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.current = self.tables.setdefault(attrs.get("id", ""), [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("th", "td") and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.current[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(client) -> dict[str, list[list[str]]]:
    response = client.get("/afstemmingsmonitor")
    assert response.status_code == 200
    parser = TableParser()
    parser.feed(response.get_data(as_text=True))
    return {name.removeprefix("tabel-"): rows for name, rows in parser.tables.items()}


def download(client, table) -> list[list[str]]:
    response = client.get(f"/afstemmingsmonitor/{table}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="afstemmingsmonitor-{table}.csv"')
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff"), "a byte order mark, for spreadsheet programs"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def as_html(value: str) -> str:
    """How the page writes a value of the CSV file: Dutch decimals, "geen" for nothing."""
    if value == "":
        return "geen"
    if re.fullmatch(r"\d+\.\d", value):
        return value.replace(".", ",")
    return value


# --- counting independently ---------------------------------------------------------------

def expected_tables(app) -> dict[str, list[list[str]]]:
    """Every table, counted from the raw rows with plain Python: only what everyone sees
    (no hidden comments, nothing on a speerpunt in concept)."""
    with app.app_context():
        def rows(model):
            return list(db.session.execute(sa.select(model)).scalars())

        organisations = {o.id: o for o in rows(Organisation)}
        region_of = {r.id: r for r in rows(Region)}
        speerpunten = sorted((s for s in rows(Speerpunt) if s.phase != Phase.CONCEPT),
                             key=lambda s: s.position)
        counted = {s.id: s for s in speerpunten}
        comments = [c for c in rows(Comment)
                    if c.speerpunt_id in counted and c.status == CommentStatus.VISIBLE]
        amendments = {a.id: a for a in rows(Amendment) if a.speerpunt_id in counted}
        supports = [s for s in rows(Support) if s.amendment_id in amendments]
        responses = [r for r in rows(Response) if r.amendment_id in amendments]
        endorsements = [e for e in rows(Endorsement) if e.speerpunt_id in counted]
        responsibilities = rows(Responsibility)
        now = utcnow()

    # (organisation, speerpunt, kind) of every piece of input.
    inputs = ([(c.organisation_id, c.speerpunt_id, "c") for c in comments]
              + [(a.organisation_id, a.speerpunt_id, "a") for a in amendments.values()]
              + [(s.organisation_id, amendments[s.amendment_id].speerpunt_id, "s")
                 for s in supports])

    def participation(label, belongs, with_total=True):
        mine = [(org, sp, kind) for org, sp, kind in inputs if belongs(organisations[org], sp)]
        kinds = Counter(kind for _org, _sp, kind in mine)
        row = [label, str(len({org for org, _sp, _kind in mine}))]
        if with_total:
            row.append(str(sum(1 for o in organisations.values() if belongs(o, None))))
        return row + [str(kinds["c"]), str(kinds["a"]), str(kinds["s"])]

    tables = {}
    heading = ["Actieve organisaties", "Organisaties in totaal", "Reacties", "Amendementen",
               "Steunbetuigingen"]
    tables["deelname-per-bestuurslaag"] = [["Bestuurslaag", *heading]] + [
        participation(TIER_LABELS[tier], lambda o, _sp, tier=tier: o.tier == tier)
        for tier in Tier]
    regions = sorted({region_of[o.region_id] for o in organisations.values() if o.region_id},
                     key=lambda r: r.position)
    tables["deelname-per-regio"] = [["Regio", *heading]] + [
        participation(r.name, lambda o, _sp, r=r: o.region_id == r.id) for r in regions] + [
        participation("Landelijk (geen regio)", lambda o, _sp: o.region_id is None)]
    tables["deelname-per-grootteklasse"] = [["Grootteklasse", *heading]] + [
        participation(label, lambda o, _sp, size=size: o.tier == Tier.GEMEENTE
                      and o.size_class == size)
        for label, size in (("Kleine gemeenten", SizeClass.KLEIN),
                            ("Grote gemeenten", SizeClass.GROOT))]
    tables["deelname-per-speerpunt"] = [["Speerpunt", heading[0], *heading[2:]]] + [
        participation(s.title, lambda _o, sp, s=s: sp == s.id, with_total=False)
        for s in speerpunten]

    tables["onderschrijvingen-per-bestuurslaag"] = [
        ["Bestuurslaag", "Onderschrijvingen", "Organisaties die onderschreven",
         "Organisaties in totaal"]] + [
        [TIER_LABELS[tier],
         str(sum(1 for e in endorsements if organisations[e.organisation_id].tier == tier)),
         str(len({e.organisation_id for e in endorsements
                  if organisations[e.organisation_id].tier == tier})),
         str(sum(1 for o in organisations.values() if o.tier == tier))]
        for tier in Tier]

    def tier_of(amendment):
        return organisations[amendment.organisation_id].tier

    statuses = list(STATUS_LABELS)
    tables["amendementen-per-status"] = [
        ["Bestuurslaag", *STATUS_LABELS.values(), "Totaal"]] + [
        [TIER_LABELS[tier]] + [str(sum(1 for a in amendments.values()
                                       if tier_of(a) == tier and a.status == status))
                               for status in statuses]
        + [str(sum(1 for a in amendments.values() if tier_of(a) == tier))]
        for tier in Tier]

    accepted = [a for a in amendments.values() if a.status == AmendmentStatus.ACCEPTED]
    tables["overgenomen-wijzigingen"] = [
        ["Bestuurslaag", "Overgenomen", "Waarvan met wijzigingen",
         "Aandeel van alle overgenomen (%)"]] + [
        [TIER_LABELS[tier], str(sum(1 for a in accepted if tier_of(a) == tier)),
         str(sum(1 for a in accepted if tier_of(a) == tier and a.decision_modified)),
         f"{round(100 * sum(1 for a in accepted if tier_of(a) == tier) / len(accepted), 1):.1f}"
         if accepted else ""]
        for tier in Tier]

    supporters = defaultdict(list)
    for s in supports:
        supporters[s.amendment_id].append(s.organisation_id)

    def supporting_tiers(amendment_id):
        present = {organisations[org].tier for org in supporters[amendment_id]}
        return [tier for tier in Tier if tier in present]

    def tier_names(tiers):
        return ", ".join(TIER_LABELS[t] for t in tiers) or "geen"

    tables["steun-per-speerpunt"] = [
        ["Speerpunt", "Amendementen", "Met steun", "Met steun uit twee of meer bestuurslagen",
         "Steunende bestuurslagen", "Welke bestuurslagen"]]
    for s in speerpunten:
        mine = [a for a in amendments.values() if a.speerpunt_id == s.id]
        tiers = {t for a in mine for t in supporting_tiers(a.id)}
        tables["steun-per-speerpunt"].append([
            s.title, str(len(mine)), str(sum(1 for a in mine if supporters[a.id])),
            str(sum(1 for a in mine if len(supporting_tiers(a.id)) >= 2)), str(len(tiers)),
            tier_names([t for t in Tier if t in tiers])])

    ordered = sorted(amendments.values(), key=lambda a: (
        -len(supporting_tiers(a.id)), -len(supporters[a.id]), a.id))
    tables["steun-per-amendement"] = [
        ["Amendement", "Speerpunt", "Sectie", "Status", "Indiener", "Bestuurslaag indiener",
         "Steunbetuigingen", "Steunende organisaties", "Steunende bestuurslagen",
         "Welke bestuurslagen"]] + [
        [f"Amendement {a.id}", counted[a.speerpunt_id].title, SECTION_LABELS[a.section],
         STATUS_LABELS[a.status], organisations[a.organisation_id].name,
         TIER_LABELS[tier_of(a)], str(len(supporters[a.id])),
         str(len(set(supporters[a.id]))), str(len(supporting_tiers(a.id))),
         tier_names(supporting_tiers(a.id))]
        for a in ordered]

    first = {}
    for r in responses:
        key = (r.amendment_id, r.organisation_id)
        first[key] = min(first.get(key, r.created_at), r.created_at)
    responsible = defaultdict(list)
    for r in responsibilities:
        if r.speerpunt_id in counted:
            responsible[r.organisation_id].append(counted[r.speerpunt_id])
    ministries = sorted({*responsible, *(org for _a, org in first)},
                        key=lambda org: organisations[org].name)
    tables["reactietijden-ministeries"] = [
        ["Ministerie", "Verantwoordelijk voor", "Beantwoorde amendementen",
         "Mediaan reactietijd (dagen)", "Termijn verstreken zonder reactie"]]
    for org in ministries:
        days = [(when - amendments[a].created_at).total_seconds() / 86400
                for (a, o), when in first.items() if o == org]
        speerpunt_ids = {s.id for s in responsible[org]}
        overdue = [a for a in amendments.values()
                   if a.status == AmendmentStatus.PENDING and a.speerpunt_id in speerpunt_ids
                   and (a.id, org) not in first
                   and a.created_at + timedelta(days=counted[a.speerpunt_id].response_term_days)
                   < now]
        tables["reactietijden-ministeries"].append([
            organisations[org].name,
            ", ".join(s.title for s in sorted(responsible[org], key=lambda s: s.position)),
            str(len(days)), f"{round(statistics.median(days), 1):.1f}" if days else "",
            str(len(overdue))])
    return tables


# --- the tests ----------------------------------------------------------------------------

def test_every_table_matches_the_counts_made_from_the_raw_rows(app, world):
    client = login(app, "gemeente")
    expected = expected_tables(app)
    assert set(expected) == set(TABLES)
    for table in TABLES:
        assert download(client, table) == expected[table], table


def test_the_page_shows_the_same_tables_as_the_downloads(app, world):
    client = login(app, "provincie")
    on_page = page_tables(client)
    for table in TABLES:
        assert on_page[table] == [[as_html(v) for v in row] for row in download(client, table)]


def test_known_figures_of_the_world(app, world):
    """A few figures worked out by hand, so that a shared mistake of the dashboard and the
    independent count above cannot pass unnoticed."""
    client = login(app, "gemeente")
    tiers = {row[0]: row[1:] for row in download(client, "deelname-per-bestuurslaag")[1:]}
    # Nijmegen 2, Delft 1, Rotterdam 1 (its hidden comment and the one on veiligheid not).
    assert tiers["Gemeente"][2] == "4"
    # Active: the ministry (a support) and OCW (a support); the province; three
    # municipalities; VNG and the CMO.
    assert [tiers[t][0] for t in ("Rijk", "Provincie", "Gemeente", "Partner")] == [
        "2", "1", "3", "2"]
    amendment_1 = next(row for row in download(client, "steun-per-amendement")
                       if row[0] == f"Amendement {world['amendments'][1]}")
    assert amendment_1[6:] == ["4", "4", "3", "Provincie, Gemeente, Partner"]
    assert f"Amendement {world['in_concept']}" not in str(download(client, "steun-per-amendement"))
    ministries = {row[0]: row[1:] for row in download(client, "reactietijden-ministeries")}
    vrom = ministries["Ministerie van VROM, Wonen, Wijken en Integratie"]
    assert vrom[1:] == ["3", "3.0", "1"]  # 3, 1 and 5 days; amendment 6 overdue
    assert ministries["Ministerie van Onderwijs, Cultuur en Wetenschap"][1:] == ["1", "2.5", "0"]
    assert ministries["Ministerie van Justitie"][1:] == ["0", "", "1"]  # amendment 1
    assert ministries["Ministerie van Volksgezondheid, Welzijn en Sport"][1:] == ["0", "", "1"]
    assert "Veiligheid" not in ministries["Ministerie van Justitie"][0]
    sizes = {row[0]: row[1:] for row in download(client, "deelname-per-grootteklasse")[1:]}
    assert sizes["Kleine gemeenten"][:2] == ["1", "4"] and sizes["Grote gemeenten"][:2] == [
        "2", "6"]
    accepted = {row[0]: row[1:] for row in download(client, "overgenomen-wijzigingen")[1:]}
    assert accepted["Provincie"] == ["1", "0", "50.0"]
    assert accepted["Partner"] == ["1", "1", "50.0"]
    endorsed = {row[0]: row[1:] for row in download(client, "onderschrijvingen-per-bestuurslaag")}
    assert [endorsed[t][0] for t in ("Rijk", "Provincie", "Gemeente", "Partner")] == [
        "0", "1", "1", "1"]
    page = client.get("/afstemmingsmonitor").get_data(as_text=True)
    assert "Veiligheid" not in page


def test_hiding_a_comment_takes_it_out_of_the_counts(app, world, api):
    client = login(app, "gemeente2")

    def rotterdam_region_comments():
        rows = {row[0]: row for row in download(client, "deelname-per-regio")}
        return int(rows["Zuidwest (Zuid-Holland, Zeeland)"][3])

    before = rotterdam_region_comments()
    assert api("moderator").post(f"/comments/{world['hidden']}/restore",
                                 json={"reason": "Toch in orde."}).status_code == 200
    assert rotterdam_region_comments() == before + 1
    assert api("moderator").post(f"/comments/{world['hidden']}/hide",
                                 json={"reason": "Toch niet."}).status_code == 200
    assert rotterdam_region_comments() == before


def test_a_speerpunt_back_in_concept_counts_for_nobody_not_even_moderators(app, world):
    for name in ("moderator", "gemeente"):
        rows = download(login(app, name), "deelname-per-speerpunt")
        assert "Veiligheid" not in [row[0] for row in rows]
    set_phase(app, "veiligheid", "open")
    rows = {row[0]: row[1:] for row in download(login(app, "gemeente"),
                                                "deelname-per-speerpunt")}
    assert rows["Veiligheid"] == ["2", "1", "1", "1"]


def test_each_chart_is_an_image_named_with_the_numbers_of_its_table(app, world):
    page = login(app, "gemeente").get("/afstemmingsmonitor").get_data(as_text=True)
    assert "<script" not in page
    svgs = re.findall(r"<svg [^>]*>.*?</svg>", page, re.S)
    assert len(svgs) == 26
    tables = {table: download(login(app, "gemeente"), table) for table in TABLES}
    for svg in svgs:
        assert 'role="img"' in svg
        name = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        title = re.search(rf'<title id="{name}">(.*?)</title>', svg, re.S).group(1)
        table, column = re.fullmatch(r"grafiek-(.+)-(\d+)-naam", name).groups()
        rows = tables[table][1:]
        values = [as_html(row[int(column)]) for row in rows]
        assert html.unescape(title).endswith(
            "Staafdiagram. " + "; ".join(f"{row[0]}: {v}" for row, v in zip(rows, values))
            + ".")
        # The numbers are written on the bars, not left to colour or length.
        assert re.findall(r'class="dashboard-chart__value"[^>]*>([^<]*)<', svg) == values


def test_every_table_has_a_caption_and_scoped_headers(app, world):
    page = login(app, "gemeente").get("/afstemmingsmonitor").get_data(as_text=True)
    for table in TABLES:
        body = page.split(f'id="tabel-{table}"')[1].split("</table>")[0]
        assert "<caption" in body
        assert body.count('<th scope="col"') == len(download(login(app, "gemeente"), table)[0])
        assert 'scope="row"' in body
        assert f'href="/afstemmingsmonitor/{table}.csv"' in page


def test_signed_in_users_only(app):
    anonymous = app.test_client()
    for path in ("/afstemmingsmonitor", "/afstemmingsmonitor/deelname-per-regio.csv"):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert login(app, "gemeente").get("/afstemmingsmonitor/onbekend.csv").status_code == 404


def test_a_cell_that_looks_like_a_formula_is_written_as_text(app, api):
    with app.app_context(), write_transaction():
        org = db.session.execute(sa.select(Organisation).where(
            Organisation.slug == "gemeente-delft")).scalar_one()
        org.name = "=HYPERLINK(\"http://voorbeeld.nl\")"
        db.session.commit()
    add_people(app)
    propose(api, "delft", "onderwijs")
    rows = download(login(app, "gemeente"), "steun-per-amendement")
    assert rows[1][4] == "'=HYPERLINK(\"http://voorbeeld.nl\")"


def test_query_count_of_the_downloads_does_not_grow_with_activity(app, api):
    client = login(app, "gemeente")
    add_activity(api, 2)
    with count_queries(app) as small:
        assert client.get("/afstemmingsmonitor/steun-per-amendement.csv").status_code == 200
    add_activity(api, 10)
    with count_queries(app) as large:
        assert client.get("/afstemmingsmonitor/steun-per-amendement.csv").status_code == 200
    assert len(large) == len(small) <= 12


def test_the_page_lists_the_fifty_best_supported_amendments_and_the_csv_all(app, api):
    import csv as csv_module
    import io

    from tests.amendments.test_journeys_web import login
    from tests.amendments.test_rules import propose

    for n in range(52):
        propose(api, "gemeente", "wonen", f" Aanvulling {n}.")
    client = login(app, "provincie")
    page = client.get("/afstemmingsmonitor").get_data(as_text=True)
    section = page.split('id="steun-per-amendement"')[1].split("</section>")[0]
    assert section.count('<th scope="row">') == 50
    assert "de eerste 50 van 52 rijen" in section
    rows = list(csv_module.reader(io.StringIO(client.get(
        "/afstemmingsmonitor/steun-per-amendement.csv").get_data(as_text=True)[1:])))
    assert len(rows) == 1 + 52


def test_the_page_is_kept_until_input_a_new_organisation_or_the_clock_changes_it(
        app, world, api, monkeypatch):
    client = login(app, "gemeente")

    def tier_row(tier):
        return next(row for row in page_tables(client)["deelname-per-bestuurslaag"]
                    if row[0] == tier)

    def overdue(ministry):
        return next(row for row in page_tables(client)["reactietijden-ministeries"]
                    if row[0] == ministry)[4]

    with count_queries(app) as made:
        first = page_tables(client)
    with count_queries(app) as kept:
        assert page_tables(client) == first
    # Kept: the second view reads who is signed in and the revisions, not the figures.
    assert len(kept) < len(made) - 4, (made, kept)

    # New input counts at once.
    comments = int(tier_row("Provincie")[3])
    comment(api, "provincie", "inburgering", "Nog een reactie van de provincie.")
    assert int(tier_row("Provincie")[3]) == comments + 1

    # So does a new organisation, which has no input of its own yet.
    municipalities = int(tier_row("Gemeente")[2])
    with app.app_context(), write_transaction():
        from consult.organisations.operations import create_organisation

        create_organisation(slug="nieuwegein", name="Gemeente Nieuwegein", tier=Tier.GEMEENTE)
        db.session.commit()
    assert int(tier_row("Gemeente")[2]) == municipalities + 1

    # An amendment becomes overdue by the clock alone, with nothing written.
    justice = "Ministerie van Justitie"
    before = int(overdue(justice))
    propose(api, "gemeente", "inburgering", "kernprobleem")
    assert int(overdue(justice)) == before
    later = utcnow() + timedelta(days=15)
    monkeypatch.setattr("consult.dashboard.views.utcnow", lambda: later)
    assert int(overdue(justice)) == before + 1
