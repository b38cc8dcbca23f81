"""Kept page parts: cut once at their marks, filled in per request."""

from consult.core.fragments import CSRF_MARK, Kept, personalise, render_page


def test_a_kept_part_gets_the_form_token_and_loses_only_the_viewers_own_report_links(app):
    html = (f'<form><input value="{CSRF_MARK}"></form>'
            '<p>Van 7</p><!--others:7--><a href="/r/1">Melden</a><!--/others-->'
            '<p>Van 12</p><!--others:12--><a href="/r/2">Melden</a><!--/others-->'
            f'<p>Van 7</p><!--others:7--><a href="/r/3">Melden</a><!--/others--><i>{CSRF_MARK}</i>')
    kept = Kept(html)
    with app.test_request_context():
        as_7 = personalise(kept, 7)
        as_12 = personalise(kept, 12)
        nobody = personalise(kept, None)
        from flask_wtf.csrf import generate_csrf

        token = generate_csrf()
    assert as_7 == (f'<form><input value="{token}"></form><p>Van 7</p><p>Van 12</p>'
                    f'<a href="/r/2">Melden</a><p>Van 7</p><i>{token}</i>')
    assert "/r/1" in as_12 and "/r/3" in as_12 and "/r/2" not in as_12
    assert all(f"/r/{n}" in nobody for n in (1, 2, 3))
    assert CSRF_MARK not in nobody and "<!--" not in nobody


def test_text_without_marks_and_a_span_without_its_end_are_kept_as_they_are(app):
    with app.test_request_context():
        assert personalise(Kept("<p>Gewoon</p>"), 3) == "<p>Gewoon</p>"
        assert personalise(Kept("<p>a</p><!--others:3--><b>b</b>"), 3) == "<p>a</p><b>b</b>"


def test_a_page_gets_its_kept_parts_in_place_with_every_character_intact(app):
    meta = Kept(f'<p>Zoë · “citaat”</p><input value="{CSRF_MARK}">')
    sections = Kept('<p>Van 7</p><!--others:7--><a href="/r/1">Melden</a><!--/others-->'
                    '<p>Şule</p>')
    template = app.jinja_env.from_string(
        "<h1>{{ title }}</h1>{{ parts.meta }}<div>{{ parts.sections }}</div>")
    with app.test_request_context():
        page = render_page(template, {"meta": meta, "sections": sections}, 7,
                           title="Çağ <b>")
        from flask_wtf.csrf import generate_csrf

        token = generate_csrf()
    assert page.mimetype == "text/html"
    assert page.get_data(as_text=True) == (
        f'<h1>Çağ &lt;b&gt;</h1><p>Zoë · “citaat”</p><input value="{token}">'
        '<div><p>Van 7</p><p>Şule</p></div>')
