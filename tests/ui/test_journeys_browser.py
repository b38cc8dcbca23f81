"""The three journeys of the brief in a real browser, clicking and typing as a person does,
and checking what that person then sees on the screen."""

import re

from playwright.sync_api import expect

from tests.helpers import replace_once, section_text
from tests.ui.browser_support import (  # noqa: F401  (fixtures)
    browser, demo, live_server, ministry_scenario, moderator_scenario, new_page, sign_in,
)


def current_version(page):
    return page.locator(".meta dt", has_text="Versie").locator("xpath=following-sibling::dd")


def test_wethouder_comments_proposes_a_change_and_sees_the_decision(app, api, new_page):
    page = new_page()
    sign_in(page, "gemeente")

    # Reading the current draft.
    page.get_by_role("link", name="Onderwijs", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Speerpunt: Onderwijs")
    current = section_text(api("gemeente"), "onderwijs", "gemeente")
    section = page.locator("section[aria-labelledby=sectie-gemeente]")
    expect(section.locator("h2")).to_have_text("Wat doet de gemeente")
    expect(section.locator("p").first).to_have_text(current.split("\n\n")[0])

    # Commenting on a section.
    section.get_by_label("Uw reactie op deze sectie").fill(
        "Voorschoolse educatie **verdient** meer aandacht in de kleinere kernen.")
    section.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_role("status").filter(has_text="Uw reactie is geplaatst.")).to_be_visible()
    comment = section.locator("li.comment").last
    expect(comment).to_contain_text("Anouk de Vries")
    expect(comment).to_contain_text("Gemeente Nijmegen")
    expect(comment.locator(".comment__body strong")).to_have_text("verdient")

    # Proposing a concrete change: the editor starts from the current text.
    # (Chromium names the link "Wijziging voorstellen : ...": the hidden part is positioned.)
    page.get_by_role("link", name=re.compile(r"^Wijziging voorstellen ?: Wat doet de gemeente$")) \
        .click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wijziging voorstellen: Wat doet de gemeente")
    editor = page.get_by_label("Voorgestelde tekst")
    assert editor.input_value().replace("\r\n", "\n") == current
    proposed = replace_once(current, "met schoolbesturen, kinderopvang en peuterspeelzalen",
                            "met schoolbesturen, kinderopvang, peuterspeelzalen en ouders")
    editor.fill(proposed)
    page.get_by_label("Toelichting").fill("Zonder de ouders lukt het niet.")
    page.get_by_role("button", name="Wijziging bekijken").click()
    preview = page.locator("section", has_text="Zo ziet uw wijziging eruit")
    expect(preview.locator("ins")).to_contain_text("ouders")
    expect(preview.locator("del")).to_contain_text("en")
    # The preview keeps what was typed.
    assert page.get_by_label("Toelichting").input_value() == "Zonder de ouders lukt het niet."
    page.get_by_role("button", name="Amendement indienen").click()
    expect(page.get_by_role("status").filter(has_text="Uw amendement is ingediend.")).to_be_visible()
    amendment_id = int(re.search(r"/amendementen/(\d+)(#.*)?$", page.url).group(1))
    expect(page.locator(".status").first).to_have_text("In behandeling")
    expect(page.locator(".diff--inline ins").first).to_contain_text("ouders")
    expect(page.get_by_text("Zonder de ouders lukt het niet.")).to_be_visible()

    # Elsewhere, the ministry responds and a moderator decides.
    assert api("other_ministry").post(f"/amendments/{amendment_id}/responses", json={
        "position": "support", "body": "OCW steunt dit."}).status_code == 201
    moderator = new_page()
    sign_in(moderator, "moderator")
    moderator.goto(f"/amendementen/{amendment_id}")
    moderator.get_by_label("Overnemen", exact=True).check()
    moderator.get_by_label("Motivering").fill("Ouders horen erbij; breed gesteund.")
    moderator.get_by_role("button", name="Besluit vastleggen").click()
    expect(moderator.get_by_role("status")).to_contain_text("Overgenomen: versie 2 is gemaakt.")

    # Later, the wethouder sees what became of it.
    page.goto("/")
    expect(page.get_by_role("link", name=re.compile(r"^Meldingen 2 ongelezen"))).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Meldingen")).click()
    decided = page.locator("li.notification").filter(has_text="is overgenomen")
    expect(decided).to_contain_text(
        f"Uw amendement {amendment_id} bij Onderwijs is overgenomen in versie 2.")
    expect(page.locator("li.notification").filter(has_text="reageerde op uw amendement")) \
        .to_contain_text("steunt het voorstel")
    decided.get_by_role("link", name="Bekijken").click()
    decision = page.locator("section.decision")
    expect(decision.get_by_role("heading")).to_have_text("Besluit: Overgenomen")
    expect(decision).to_contain_text("Motivering: Ouders horen erbij; breed gesteund.")
    expect(decision.get_by_role("link", name="versie 2")).to_be_visible()
    expect(page.locator("aside")).to_contain_text("Ministerie van Onderwijs")
    page.get_by_role("link", name="Onderwijs", exact=True).click()
    expect(current_version(page)).to_have_text(re.compile(r"^2 van "))
    expect(page.locator("#sectie-gemeente + p")).to_contain_text(
        "peuterspeelzalen en ouders")


def test_ministry_answers_what_waits_for_it_oldest_first(app, api, demo, new_page):
    waiting = ministry_scenario(api)
    ours, not_ours = waiting[:3], waiting[3]
    page = new_page()
    sign_in(page, "ministry")
    page.get_by_role("link", name="Ons ministerie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amendementen voor Ministerie")
    heading = page.get_by_role("heading", name=re.compile(r"^Wachten op onze reactie"))
    expect(heading).to_have_text("Wachten op onze reactie (3), oudste eerst")
    sections = [text.split(" (")[0] for text in page.locator("main h2").all_inner_texts()]
    assert sections.index("Wachten op onze reactie") < sections.index(
        "Overige amendementen op onze speerpunten")
    links = page.locator("h2:has-text('Wachten op onze reactie') + ol .card__title a")
    expect(links).to_have_text([re.compile(rf"^Amendement {a['id']}:") for a in ours])
    assert f"Amendement {not_ours['id']}:" not in page.locator("main").inner_text()
    # The seed's amendment already answered stands among the others, with its position.
    expect(page.locator("h2:has-text('Overige') + ol")).to_contain_text("steunt het voorstel deels")

    explanations = {"support": "Het rijk steunt dit voorstel van harte.",
                    "partial": "Voor een deel: de regeling laat ruimte aan de provincies.",
                    "oppose": "Dit is aan de gemeente zelf; het rijk neemt het niet over."}
    labels = {"support": "Steunt het voorstel", "partial": "Steunt het voorstel deels",
              "oppose": "Steunt het voorstel niet"}
    for left, (amendment, position) in zip((2, 1, 0), zip(ours, ["support", "partial",
                                                                  "oppose"])):
        # Always the first that still waits.
        page.locator("h2:has-text('Wachten op onze reactie') + ol .card__title a").first.click()
        assert page.url.endswith(f"/amendementen/{amendment['id']}")
        expect(page.locator(".diff--inline ins")).to_contain_text(amendment["addition"])
        form = page.locator("form", has=page.get_by_role("button", name="Reactie vastleggen"))
        form.get_by_label(labels[position], exact=True).check()
        form.get_by_label("Toelichting").fill(explanations[position])
        form.get_by_role("button", name="Reactie vastleggen").click()
        expect(page.get_by_role("status").filter(
            has_text="De reactie van uw ministerie is vastgelegd.")).to_be_visible()
        answer = page.locator("ul.responses li")
        expect(answer).to_contain_text(labels[position])
        expect(answer).to_contain_text(explanations[position])
        page.get_by_role("link", name="Ons ministerie").click()
        expect(page.get_by_role("heading", name=re.compile(r"^Wachten op onze reactie"))) \
            .to_have_text(f"Wachten op onze reactie ({left}), oudste eerst" if left
                          else "Wachten op onze reactie (0)")
    expect(page.locator("main")).to_contain_text("Er wacht niets op een reactie van uw ministerie.")
    others = page.locator("h2:has-text('Overige') + ol")
    for amendment, position in zip(ours, ["steunt het voorstel", "steunt het voorstel deels",
                                          "steunt het voorstel niet"]):
        expect(others.locator("li", has_text=f"Amendement {amendment['id']}:")) \
            .to_contain_text(f": {position}")


def test_moderator_accepts_merges_resolves_rejects_and_clears_flags(app, api, demo, new_page):
    scenario = moderator_scenario(api)
    ids = scenario["ids"]
    page = new_page()
    sign_in(page, "moderator")
    page.get_by_role("link", name="Moderatie", exact=True).click()
    queue = page.locator("h2:has-text('Amendementen in behandeling') + ol .card__title a")
    titles = queue.all_inner_texts()
    order = [next(i for i, t in enumerate(titles) if t.startswith(f"Amendement {ids[k]}:"))
             for k in "abcd"]
    assert order == sorted(order), titles  # oldest first

    def open_from_queue(key):
        page.get_by_role("link", name="Moderatie", exact=True).click()
        page.get_by_role("link", name=re.compile(rf"^Amendement {ids[key]}:")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Amendement {ids[key]}: Ambitie")

    def decide(choice, reason="", text=None):
        form = page.locator("form", has=page.get_by_role("button", name="Besluit vastleggen"))
        form.get_by_label(choice, exact=True).check()
        if reason:
            form.get_by_label("Motivering").fill(reason)
        if text is not None:
            form.get_by_label("Tekst zoals die wordt vastgesteld").fill(text)
        form.get_by_role("button", name="Besluit vastleggen").click()

    # a: the diff, the supports by tier and the ministry's response side by side.
    open_from_queue("a")
    expect(page.locator(".diff--inline ins")).to_have_text(
        "[ingevoegd: , juist in de eigen wijk]")
    sidebar = page.get_by_role("complementary", name="Steun, reacties en besluit")
    expect(sidebar).to_contain_text("Gesteund vanuit 4 van de vier bestuurslagen en partners.")
    supports = sidebar.locator("dl.supports")
    for tier, organisation in [("Rijk", "Ministerie van Onderwijs"),
                               ("Provincie", "Provincie Gelderland"),
                               ("Gemeente", "Gemeente Rotterdam"), ("Partner", "VNG")]:
        expect(supports.locator("div", has=page.locator("dt", has_text=tier))).to_contain_text(
            organisation)
    expect(sidebar.locator("ul.responses")).to_contain_text("Steunt het voorstel")
    expect(sidebar.locator("ul.responses")).to_contain_text("vertrouwen begint in de buurt")
    diff_box = page.locator(".diff--inline").bounding_box()
    sidebar_box = sidebar.bounding_box()
    assert sidebar_box["x"] >= diff_box["x"] + diff_box["width"] - 1  # beside, not below
    decide("Overnemen", "Breed gesteund, ook door het rijk.")
    expect(page.get_by_role("status")).to_contain_text("Overgenomen: versie 2 is gemaakt.")
    expect(page.locator("section.decision h2")).to_have_text("Besluit: Overgenomen")

    # b: written on version 1, merged into version 2.
    open_from_queue("b")
    expect(page.locator("main")).to_contain_text("(huidige versie: 2)")
    expect(page.locator("main")).to_contain_text("wordt bij overnemen samengevoegd met versie 2")
    expect(sidebar.locator("ul.responses")).to_contain_text("Steunt het voorstel deels")
    decide("Overnemen")
    expect(page.get_by_role("status")).to_contain_text("Overgenomen: versie 3 is gemaakt.")
    merged = section_text(api("gemeente"), scenario["slug"], "ambitie")
    assert "juist in de eigen wijk" in merged and "in de bibliotheek" in merged

    # c: overlaps with a; the conflict is shown and the moderator sets the text.
    open_from_queue("c")
    expect(page.locator("main")).to_contain_text("overlapt met een latere wijziging")
    decide("Overnemen")
    conflict = page.locator("section.conflict")
    expect(conflict.get_by_role("heading", level=2)).to_have_text("Conflict: kies de tekst")
    expect(conflict).to_contain_text("overheid, juist in de eigen wijk")
    expect(conflict).to_contain_text("overheden")
    expect(page.get_by_role("alert")).to_contain_text("Los het conflict op")
    resolved = replace_once(merged, "overheid, juist in de eigen wijk.",
                            "overheden, juist in de eigen wijk.")
    decide("Overnemen met wijzigingen", "Beide voorstellen samengevoegd.", text=resolved)
    expect(page.get_by_role("status")).to_contain_text("Overgenomen: versie 4 is gemaakt.")
    expect(page.locator("section.decision h2")).to_have_text(
        "Besluit: Overgenomen (met wijzigingen)")

    # d: rejected, and a reason is required.
    open_from_queue("d")
    expect(sidebar.locator("ul.responses")).to_contain_text("Steunt het voorstel niet")
    decide("Niet overnemen")
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden")
    decide("Niet overnemen", "Gemeenten kiezen zelf hoe zij dit organiseren.")
    expect(page.get_by_role("status")).to_contain_text("Het amendement is niet overgenomen.")
    decision = page.locator("section.decision")
    expect(decision.locator("h2")).to_have_text("Besluit: Niet overgenomen")
    expect(decision).to_contain_text(
        "Motivering: Gemeenten kiezen zelf hoe zij dit organiseren.")

    # The history attributes each version to the organisation whose change it was.
    page.get_by_role("link", name="Sociale integratie", exact=True).click()
    expect(current_version(page)).to_have_text(re.compile(r"^4 van "))
    page.get_by_role("link", name="Versiegeschiedenis").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("Anouk de Vries, Gemeente Nijmegen")
    expect(rows.nth(1)).to_contain_text(f"Amendement {ids['a']} overgenomen")
    expect(rows.nth(2)).to_contain_text("Petra Kok, Provincie Gelderland")
    expect(rows.nth(3)).to_contain_text(f"Amendement {ids['c']} overgenomen met wijzigingen")
    page.get_by_role("link", name="Herkomst van versie 4").click()
    provenance = page.locator("section[aria-labelledby=herkomst-ambitie]")
    expect(provenance.locator("li", has_text="in de bibliotheek")).to_contain_text(
        f"versie 3, amendement {ids['b']}, Provincie Gelderland (Provincie)")
    expect(provenance.locator("li", has_text="overheden")).to_contain_text(
        f"versie 4, amendement {ids['c']}, Vereniging van Nederlandse Gemeenten (VNG) (Partner)")

    # Clearing the flagged comments: one hidden with a reason, the other's flag dismissed.
    page.get_by_role("link", name="Moderatie", exact=True).click()
    flagged = page.locator("li.comment")
    expect(flagged).to_have_count(2)
    spam = flagged.filter(has_text="goedkope horloges")
    spam.get_by_role("link", name=re.compile(r"^Verbergen")).click()
    page.get_by_label("Reden").fill("Reclame.")
    page.get_by_role("button", name="Verbergen").click()
    expect(page.locator(f"#reactie-{scenario['spam']}")).to_contain_text(
        "Verborgen door een moderator. Reden: Reclame.")
    page.get_by_role("link", name="Moderatie", exact=True).click()
    expect(page.locator("li.comment")).to_have_count(1)
    page.locator("li.comment").get_by_role("checkbox").check()
    page.get_by_label("Handeling").select_option("dismiss")
    page.get_by_label("Reden", exact=True).fill("Een verwijzing naar een website mag.")
    page.get_by_role("button", name="Toepassen").click()
    expect(page.get_by_role("status")).to_contain_text("1 reactie bijgewerkt.")
    expect(page.locator("main")).to_contain_text("Geen gemelde reacties.")
