"""The three journeys with the keyboard alone, the focus visible at every stop; the skip link;
headings in order; and diffs that announce inserted and deleted text.

No mouse: every step is Tab, Shift+Tab, arrows, Enter, Space or typing. page.goto only opens
the first page of a visit."""

import re

from playwright.sync_api import expect

from tests.helpers import section_text
from tests.ui.browser_support import (  # noqa: F401  (fixtures)
    browser, by_id, by_name, choose_radio, demo, focused, heading_problems, keyboard_sign_in,
    live_server, ministry_scenario, moderator_scenario, named, new_page, press_and_wait,
    sign_in, skip_to_content, starting, tab_to, type_into,
)


class Outline:
    """Collects heading-order problems of every page a journey passes, so that a journey is
    not cut short by them and all of them are reported at once."""

    def __init__(self):
        self.problems: list[str] = []

    def check(self, page) -> None:
        self.problems.extend(heading_problems(page))


def flash(page):
    return page.locator(".flash-messages")


def test_wethouder_journey_with_the_keyboard(app, api, new_page):
    outline = Outline()
    page = new_page()
    keyboard_sign_in(page, "gemeente")
    outline.check(page)

    tab_to(page, named("Onderwijs", "a"))
    press_and_wait(page)
    outline.check(page)
    expect(page.locator("h1")).to_have_text("Speerpunt: Onderwijs")

    # A comment on "Wat doet de gemeente".
    type_into(page, by_id("reactie-gemeente"),
              "Voorschoolse educatie verdient meer aandacht in de kleinere kernen.")
    tab_to(page, named("Reactie plaatsen", "button"), max_presses=3)
    press_and_wait(page)
    expect(flash(page)).to_contain_text("Uw reactie is geplaatst.")
    comment = page.locator("section[aria-labelledby=sectie-gemeente] li.comment").last
    expect(comment).to_contain_text("Voorschoolse educatie verdient meer aandacht")
    expect(comment).to_contain_text("Anouk de Vries")

    # Back up (the page opened at the new comment) to propose a change to the same section.
    tab_to(page, named("Wijziging voorstellen: Wat doet de gemeente", "a"), key="Shift+Tab")
    press_and_wait(page)
    outline.check(page)
    current = section_text(api("gemeente"), "onderwijs", "gemeente")
    info = tab_to(page, by_id("text"), skip=True)
    assert info["value"].replace("\r\n", "\n") == current  # the editor starts from the text
    page.keyboard.press("Control+End")
    page.keyboard.type(" Daarbij betrekt de gemeente ook de ouders.")
    type_into(page, by_id("rationale"), "Zonder de ouders lukt het niet.")
    tab_to(page, named("Wijziging bekijken", "button"))
    press_and_wait(page)
    outline.check(page)
    expect(page.locator(".diff ins")).to_have_text(
        re.compile(r"^\[ingevoegd:\s+Daarbij betrekt de gemeente ook de ouders\.\]$"))
    # (The preview page keeps the #inhoud of the skip link: Tab starts in the content.)
    tab_to(page, named("Amendement indienen", "button"))
    press_and_wait(page)
    outline.check(page)
    expect(flash(page)).to_contain_text("Uw amendement is ingediend.")
    expect(page.locator(".status").first).to_have_text("In behandeling")
    amendment_id = int(re.search(r"/amendementen/(\d+)(#.*)?$", page.url).group(1))

    # A moderator decides elsewhere.
    assert api("moderator").post(f"/amendments/{amendment_id}/decision", json={
        "decision": "accept", "reason": "Ouders horen erbij."}).status_code == 200

    # A later visit: the notification leads to the decision.
    page.goto("/")
    tab_to(page, starting("Meldingen"))
    press_and_wait(page)
    outline.check(page)
    tab_to(page, lambda i: i["text"] == "Bekijken" and "is overgenomen" in i["item"], skip=True)
    press_and_wait(page)
    decision = page.locator("section.decision")
    expect(decision.locator("h2")).to_have_text("Besluit: Overgenomen")
    expect(decision).to_contain_text("Opgenomen in versie 2.")
    expect(decision).to_contain_text("Motivering: Ouders horen erbij.")
    assert section_text(api("gemeente"), "onderwijs", "gemeente").endswith(
        "Daarbij betrekt de gemeente ook de ouders.")
    assert outline.problems == []


def test_ministry_journey_with_the_keyboard(app, api, demo, new_page):
    outline = Outline()
    ours = ministry_scenario(api)[:3]
    page = new_page()
    keyboard_sign_in(page, "ministry")
    tab_to(page, named("Ons ministerie", "a"))
    press_and_wait(page)
    outline.check(page)
    expect(page.locator("main")).to_contain_text("Wachten op onze reactie (3)")

    for amendment, position, label in zip(ours, ["support", "partial", "oppose"], [
            "Steunt het voorstel", "Steunt het voorstel deels", "Steunt het voorstel niet"]):
        # The first amendment link in the page is the oldest that still waits.
        info = tab_to(page, lambda i: i["tag"] == "a" and i["text"].startswith("Amendement "),
                      skip=True)
        assert info["text"].startswith(f"Amendement {amendment['id']}:"), info["text"]
        press_and_wait(page)
        outline.check(page)
        tab_to(page, by_name("position"), skip=True)
        choose_radio(page, position)
        type_into(page, by_id("body"), f"Toelichting bij {label.lower()}.")
        tab_to(page, named("Reactie vastleggen", "button"))
        press_and_wait(page)
        expect(flash(page)).to_contain_text("De reactie van uw ministerie is vastgelegd.")
        expect(page.locator("ul.responses")).to_contain_text(label)
        expect(page.locator("ul.responses")).to_contain_text(f"Toelichting bij {label.lower()}.")
        tab_to(page, named("Ons ministerie", "a"))
        press_and_wait(page)
    expect(page.locator("main")).to_contain_text("Er wacht niets op een reactie van uw ministerie.")
    assert outline.problems == []


def test_moderator_journey_with_the_keyboard(app, api, demo, new_page):
    outline = Outline()
    scenario = moderator_scenario(api)
    ids = scenario["ids"]
    page = new_page()
    keyboard_sign_in(page, "moderator")

    def open_from_queue(key):
        tab_to(page, named("Moderatie", "a"))
        press_and_wait(page)
        outline.check(page)
        tab_to(page, starting(f"Amendement {ids[key]}:"), skip=True)
        press_and_wait(page)
        outline.check(page)
        expect(page.locator("h1")).to_have_text(f"Amendement {ids[key]}: Ambitie")

    def decide(choice, reason="", submit=True, fresh=True):
        tab_to(page, by_name("decision"), skip=fresh)
        choose_radio(page, choice)
        if reason:
            type_into(page, by_id("reason"), reason)
        if submit:
            tab_to(page, named("Besluit vastleggen", "button"))
            press_and_wait(page)

    # a: the diff (also side by side), supports by tier and the response, then accepted.
    open_from_queue("a")
    expect(page.locator("aside")).to_contain_text("Gesteund vanuit 4")
    expect(page.locator("aside ul.responses")).to_contain_text("Steunt het voorstel")
    tab_to(page, named("Naast elkaar bekijken", "summary"), skip=True)
    page.keyboard.press("Enter")
    expect(page.locator(".diff--new ins")).to_be_visible()
    expect(page.locator(".diff--new ins")).to_contain_text("juist in de eigen wijk")
    decide("accept", "Breed gesteund.", fresh=False)
    expect(flash(page)).to_contain_text("Overgenomen: versie 2 is gemaakt.")

    # b: written on version 1, merged.
    open_from_queue("b")
    expect(page.locator("main")).to_contain_text("wordt bij overnemen samengevoegd met versie 2")
    decide("accept")
    expect(flash(page)).to_contain_text("Overgenomen: versie 3 is gemaakt.")

    # c: a conflict, resolved by editing the text at the end where both changed it.
    open_from_queue("c")
    decide("accept")
    outline.check(page)
    expect(page.locator("section.conflict h2")).to_have_text("Conflict: kies de tekst")
    decide("accept_modified", "Beide voorstellen samengevoegd.", submit=False)
    info = tab_to(page, by_id("text"))
    assert info["value"].endswith("overheid, juist in de eigen wijk."), info["value"][-60:]
    page.keyboard.press("Control+End")
    for _ in range(len(", juist in de eigen wijk.")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("den")  # overhe|id -> overheden
    tab_to(page, named("Besluit vastleggen", "button"))
    press_and_wait(page)
    expect(flash(page)).to_contain_text("Overgenomen: versie 4 is gemaakt.")
    text = section_text(api("gemeente"), scenario["slug"], "ambitie")
    assert text.endswith("tussen burgers en overheden, juist in de eigen wijk.")
    assert "in de bibliotheek" in text

    # d: rejected with a reason.
    open_from_queue("d")
    decide("reject", "Gemeenten kiezen zelf hoe zij dit organiseren.")
    expect(flash(page)).to_contain_text("Het amendement is niet overgenomen.")
    expect(page.locator("section.decision")).to_contain_text(
        "Motivering: Gemeenten kiezen zelf hoe zij dit organiseren.")

    # Flagged comments: one hidden on its own page, the other's flag dismissed in bulk.
    tab_to(page, named("Moderatie", "a"))
    press_and_wait(page)
    tab_to(page, named(f"Verbergen reactie {scenario['spam']}", "a"), skip=True)
    press_and_wait(page)
    outline.check(page)
    type_into(page, by_id("reason"), "Reclame.", skip=True)
    tab_to(page, named("Verbergen", "button"))
    press_and_wait(page)
    expect(page.locator(f"#reactie-{scenario['spam']}")).to_contain_text(
        "Verborgen door een moderator. Reden: Reclame.")
    # The page opened at the hidden comment: back up to the menu.
    tab_to(page, named("Moderatie", "a"), key="Shift+Tab")
    press_and_wait(page)
    tab_to(page, by_name("comment_ids"), skip=True)
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    assert tab_to(page, by_id("bulk-action"))["value"] == "dismiss"
    type_into(page, by_id("bulk-reason"), "Een verwijzing naar een website mag.")
    tab_to(page, named("Toepassen", "button"))
    press_and_wait(page)
    expect(flash(page)).to_contain_text(re.compile(r"1 reactie(\(s\))? bijgewerkt\."))
    expect(page.locator("main")).to_contain_text("Geen gemelde reacties.")

    # The history and the provenance of the new text.
    tab_to(page, named("Agenda", "a"))
    press_and_wait(page)
    tab_to(page, named("Sociale integratie", "a"), skip=True)
    press_and_wait(page)
    tab_to(page, named("Versiegeschiedenis", "a"), skip=True)
    press_and_wait(page)
    outline.check(page)
    expect(page.locator("tbody tr").nth(1)).to_contain_text("Anouk de Vries, Gemeente Nijmegen")
    tab_to(page, named("Herkomst van versie 4", "a"), skip=True)
    press_and_wait(page)
    outline.check(page)
    expect(page.locator("section[aria-labelledby=herkomst-ambitie] li",
                        has_text="overheden")).to_contain_text(f"amendement {ids['c']}")
    assert outline.problems == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(app, demo, new_page):
    page = new_page()
    for path in ["/", "/login"]:
        page.goto(path)
        skip_to_content(page)
        assert tab_to(page, lambda _i: True, max_presses=1)["in_main"], path
    keyboard_sign_in(page, "moderator")
    for path in ["/speerpunten/inburgering", "/amendementen/1", "/moderatie"]:
        page.goto(path)
        skip_to_content(page)
        # Past the skip link, the next stop is in the main content, not in the menu.
        info = tab_to(page, lambda _i: True, max_presses=1)
        assert info["in_main"], (path, info["text"])


def test_headings_are_in_order_on_the_main_pages(app, api, demo, new_page):
    """One h1, and no level skipped on the way down. (The journeys above check every page
    they pass as well, among them the preview, the conflict and the moderation pages.)"""
    # A discussion on an amendment, so that its comments have headings too.
    api("provincie").post("/speerpunten/inburgering/comments", json={
        "section": "gemeente", "body": "Eens, dit werkt ook in Gelderland.", "amendment_id": 1})
    pages = {
        None: ["/", "/login", "/veelgestelde-vragen"],
        "moderator": [
            "/", "/speerpunten/inburgering", "/speerpunten/inburgering/amendementen",
            "/amendementen/1", "/amendementen/2",
            "/speerpunten/inburgering/secties/gemeente/amendement", "/moderatie",
            "/speerpunten/inburgering/secties/gemeente/reacties",
            "/speerpunten/wonen/versies", "/speerpunten/wonen/verschil?van=1&tot=2",
            "/speerpunten/wonen/versies/2", "/speerpunten/wonen/versies/2/herkomst",
            "/meldingen", "/reacties/1/verbergen"],
        "ministry": ["/ministerie"],
    }
    problems = []
    for who, paths in pages.items():
        page = new_page()
        if who:
            sign_in(page, who)
        for path in paths:
            assert page.goto(path).status == 200, (who, path)
            problems.extend(heading_problems(page))
    assert problems == [], "\n".join(problems)


def test_diff_changes_are_announced_as_inserted_and_deleted_text(app, api, new_page):
    text = section_text(api("gemeente"), "werken", "ambitie")
    words = text.split(" ")
    changed = " ".join(words[:3] + ["NIEUW"] + words[4:])
    amendment = api("gemeente").post("/speerpunten/werken/amendments", json={
        "section": "ambitie", "base_version": 1, "text": changed, "rationale": "Beter."})
    assert amendment.status_code == 201
    page = new_page()
    keyboard_sign_in(page, "gemeente")
    page.goto(f"/amendementen/{amendment.json['id']}")
    diff = page.locator(".diff--inline")
    # What a screen reader reads out: the change with its kind, as one phrase.
    expect(diff.locator("ins")).to_have_text("[ingevoegd: NIEUW]")
    expect(diff.locator("del")).to_have_text(f"[verwijderd: {words[3]}]")
    snapshot = diff.aria_snapshot()
    assert "ingevoegd: NIEUW" in snapshot and f"verwijderd: {words[3]}" in snapshot, snapshot
    # What a sighted reader sees: underlined and struck-through words, without the labels.
    styles = page.evaluate("""() => [...document.querySelectorAll('.diff--inline ins, '
        + '.diff--inline del')].map(el => {
          const label = el.querySelector('.visually-hidden');
          const box = label.getBoundingClientRect();
          return [el.tagName, getComputedStyle(el).textDecorationLine, box.width * box.height];
        })""")
    assert styles == [["DEL", "line-through", 1], ["INS", "underline", 1]], styles
    # The same on the side-by-side view and the version comparison.
    expect(page.locator(".diff--old del")).to_have_text(f"[verwijderd: {words[3]}]",
                                                        use_inner_text=False)
    expect(page.locator(".diff--new ins")).to_have_text("[ingevoegd: NIEUW]",
                                                        use_inner_text=False)
    assert api("moderator").post(f"/amendments/{amendment.json['id']}/decision", json={
        "decision": "accept"}).status_code == 200
    page.goto("/speerpunten/werken/verschil?van=1&tot=2")
    expect(page.locator(".diff ins")).to_have_text("[ingevoegd: NIEUW]")
    expect(page.locator(".diff del")).to_have_text(f"[verwijderd: {words[3]}]")
    # The preview in the amendment editor speaks the same way.
    page.goto("/speerpunten/werken/secties/kernprobleem/amendement")
    tab_to(page, by_id("text"), skip=True)
    page.keyboard.press("Control+End")
    page.keyboard.type(" Extra.")
    tab_to(page, named("Wijziging bekijken", "button"))
    press_and_wait(page)
    expect(page.locator(".diff ins")).to_have_text(re.compile(r"^\[ingevoegd:\s+Extra\.\]$"))
