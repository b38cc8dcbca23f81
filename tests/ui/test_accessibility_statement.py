"""The accessibility statement that Dutch government sites must publish: public, linked from
every page, and saying what was tested, how, and what does not conform yet."""


def test_the_statement_is_public_and_linked_from_every_page(client, auth):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/toegankelijkheid"' in home
    page = client.get("/toegankelijkheid")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<h1>Toegankelijkheidsverklaring</h1>" in text
    assert "voldoet gedeeltelijk" in text
    for part in ("Wat wij toetsen en hoe", "Wat nog niet voldoet", "Een probleem melden"):
        assert f"<h2>{part}</h2>" in text
    assert "axe-core" in text and "320 pixels" in text
    assert '<time datetime="2026-11-29">' in text
    auth.login("gemeente")
    assert 'href="/toegankelijkheid"' in client.get("/speerpunten/wonen").get_data(as_text=True)
