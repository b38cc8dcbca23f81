"""Diffs between versions and the provenance of every passage, after several merges."""

from tests.helpers import section_text


def test_diff_ops_reconstruct_both_versions(api):
    moderator = api("moderator")
    old = section_text(moderator, "wonen", "kernprobleem")
    new = old.replace("woningmarkt", "woningmarkt in stad en regio", 1) + "\n\nEen nieuwe alinea."
    moderator.put("/speerpunten/wonen/sections/kernprobleem",
                  json={"text": new, "base_version": 1, "summary": "Aanvulling"})
    body = moderator.get("/speerpunten/wonen/diff?from=1&to=2").json
    assert body["from"] == 1 and body["to"] == 2
    for key, ops in body["sections"].items():
        assert {op for op, _ in ops} <= {"equal", "insert", "delete"}
        a = "".join(text for op, text in ops if op in ("equal", "delete"))
        b = "".join(text for op, text in ops if op in ("equal", "insert"))
        version_1 = moderator.get("/speerpunten/wonen/versions/1").json["sections"][key]
        version_2 = moderator.get("/speerpunten/wonen/versions/2").json["sections"][key]
        assert (a, b) == (version_1, version_2)
    inserted = [text for op, text in body["sections"]["kernprobleem"] if op == "insert"]
    assert any("Een nieuwe alinea." in text for text in inserted)
    assert all(op == "equal" for op, _ in body["sections"]["ambitie"])
    # Backwards works too.
    back = moderator.get("/speerpunten/wonen/diff?from=2&to=1").json["sections"]["kernprobleem"]
    assert "".join(t for op, t in back if op != "delete") == old


def test_provenance_attributes_passages_after_several_merges(api):
    base = section_text(api("gemeente"), "emancipatie", "gemeente")
    paragraphs = base.split("\n\n")
    gemeente_text = "\n\n".join([paragraphs[0] + " Nijmegen voegt dit toe.", *paragraphs[1:]])
    provincie_text = "\n\n".join([*paragraphs[:-1], paragraphs[-1] + " Gelderland voegt dit toe."])
    ids = []
    for who, text in [("gemeente", gemeente_text), ("provincie", provincie_text)]:
        ids.append(api(who).post("/speerpunten/emancipatie/amendments", json={
            "section": "gemeente", "base_version": 1, "text": text,
            "rationale": "Aanvulling."}).json["id"])
    for amendment_id in ids:
        response = api("moderator").post(f"/amendments/{amendment_id}/decision",
                                         json={"decision": "accept"})
        assert response.status_code == 200
    # A direct edit by the moderator on top, in the middle paragraph.
    current = section_text(api("moderator"), "emancipatie", "gemeente")
    edited = current.replace(paragraphs[1], paragraphs[1] + " FORUM vult aan.", 1)
    api("moderator").put("/speerpunten/emancipatie/sections/gemeente",
                         json={"text": edited, "base_version": 3, "summary": "Redactie"})

    body = api("gemeente").get("/speerpunten/emancipatie/versions/4/provenance").json
    passages = body["sections"]["gemeente"]
    assert "".join(p["text"] for p in passages) == edited

    def source_of(fragment):
        matches = [p for p in passages if fragment in p["text"]]
        assert len(matches) == 1, (fragment, passages)
        return matches[0]

    nijmegen = source_of("Nijmegen voegt dit toe.")
    assert nijmegen["version"] == 2 and nijmegen["amendment_id"] == ids[0]
    assert nijmegen["organisation"]["slug"] == "gemeente-nijmegen"
    gelderland = source_of("Gelderland voegt dit toe.")
    assert gelderland["version"] == 3 and gelderland["amendment_id"] == ids[1]
    assert gelderland["organisation"]["tier"] == "provincie"
    forum = source_of("FORUM vult aan.")
    assert forum["version"] == 4 and forum["amendment_id"] is None
    assert forum["organisation"]["slug"] == "forum"
    original = source_of(paragraphs[0][:60])
    assert original["version"] == 1 and original["organisation"] is None
    # Provenance of an older version ignores later changes.
    older = api("gemeente").get("/speerpunten/emancipatie/versions/2/provenance").json
    assert "Gelderland" not in "".join(p["text"] for p in older["sections"]["gemeente"])


def test_provenance_kept_or_built_on_reads_as_made_afresh(app, api):
    # Versions 2 to 4, each changing two words in a row of another paragraph: the space
    # between them is the old version's until provenance is smoothed for showing.
    moderator = api("moderator")
    for number, words in enumerate(("Eerste aanvulling", "Tweede aanvulling",
                                    "Derde aanvulling"), start=1):
        paragraphs = section_text(moderator, "wonen", "ambitie").split("\n\n")
        k = (number - 1) % len(paragraphs)
        paragraphs[k] = words + " " + paragraphs[k].split(" ", 2)[2]
        assert moderator.put("/speerpunten/wonen/sections/ambitie", json={
            "text": "\n\n".join(paragraphs), "base_version": number,
            "summary": "Aanvulling"}).status_code == 200

    def provenance(number):
        return api("gemeente").get(f"/speerpunten/wonen/versions/{number}/provenance").json

    def afresh(number):
        app.extensions.pop("consult.provenance", None)
        return provenance(number)

    made = {number: afresh(number) for number in (2, 4)}
    app.extensions.pop("consult.provenance", None)
    assert provenance(2) == made[2]
    assert provenance(2) == made[2]  # kept
    assert provenance(4) == made[4]  # built on version 2's
    assert provenance(4) == made[4]  # kept
    texts = {p["text"].strip(): p["version"] for p in made[4]["sections"]["ambitie"]}
    assert any("Derde aanvulling" in text and version == 4 for text, version in texts.items())
