"""The amendment editor shows the word diff while one types (the script only enhances: the
button gives the same preview without it)."""

from tests.ui.browser_support import browser, live_server, new_page, sign_in  # noqa: F401


def test_the_diff_appears_while_typing_and_is_announced_politely(app, new_page):  # noqa: F811
    page = new_page()
    sign_in(page, "gemeente")
    page.goto("/speerpunten/wonen/secties/ambitie/amendement")
    region = page.locator("#voorbeeld")
    assert region.get_attribute("aria-live") == "polite"
    assert region.inner_text().strip() == ""
    text = page.locator("textarea[name=text]")
    text.press("End")
    text.type(" Corporaties bouwen voor iedereen.", delay=5)
    inserted = region.locator("ins")
    inserted.first.wait_for(timeout=10_000)
    assert "Corporaties bouwen voor iedereen." in inserted.first.inner_text()
    # Nothing was sent as an amendment: the preview saves nothing.
    assert "Uw amendement is ingediend" not in page.content()
    assert page.url.endswith("/speerpunten/wonen/secties/ambitie/amendement")


def test_without_javascript_the_button_gives_the_same_preview(browser, live_server):  # noqa: F811
    context = browser.new_context(base_url=live_server, java_script_enabled=False,
                                  reduced_motion="reduce")
    page = context.new_page()
    sign_in(page, "gemeente")
    page.goto("/speerpunten/wonen/secties/ambitie/amendement")
    page.locator("textarea[name=text]").fill(
        page.locator("textarea[name=text]").input_value() + " Extra zin.")
    page.get_by_role("button", name="Wijziging bekijken").click()
    assert "Extra zin." in page.locator("#voorbeeld ins").first.inner_text()
    context.close()
