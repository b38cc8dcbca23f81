"""The three journeys of the brief, end to end through the API."""

from tests.helpers import assert_error, replace_once, section_text


def test_wethouder_comments_proposes_and_later_sees_what_became_of_it(api):
    wethouder = api("gemeente")
    speerpunt = wethouder.get("/speerpunten/wonen").json
    assert speerpunt["phase"] == "open"
    old = speerpunt["sections"]["gemeente"]

    comment = wethouder.post("/speerpunten/wonen/comments", json={
        "section": "gemeente", "body": "Kleine gemeenten missen hier de *regionale* aanpak."})
    assert comment.status_code == 201
    assert comment.json["author"]["organisation"] == {
        "slug": "gemeente-nijmegen", "name": "Gemeente Nijmegen", "tier": "gemeente"}
    assert comment.json["status"] == "visible"

    first_sentence = old.split(". ")[0]
    proposal = wethouder.post("/speerpunten/wonen/amendments", json={
        "section": "gemeente", "base_version": speerpunt["current_version"],
        "text": replace_once(old, first_sentence, first_sentence + " samen met de regio"),
        "rationale": "Wonen houdt niet op bij de gemeentegrens."})
    assert proposal.status_code == 201
    amendment = proposal.json
    assert amendment["status"] == "pending" and amendment["decision"] is None

    api("moderator").post(f"/amendments/{amendment['id']}/decision",
                          json={"decision": "accept", "reason": "Goede aanvulling."})

    later = wethouder.get(f"/amendments/{amendment['id']}").json
    assert later["status"] == "accepted"
    assert later["decision"]["decision"] == "accept"
    assert later["decision"]["reason"] == "Goede aanvulling."
    assert later["decision"]["version"] == 2
    assert later["decision"]["modified"] is False
    assert "samen met de regio" in section_text(wethouder, "wonen", "gemeente")
    versions = wethouder.get("/speerpunten/wonen/versions").json["items"]
    assert versions[-1]["amendment_id"] == amendment["id"]
    assert versions[-1]["author"]["organisation"]["slug"] == "gemeente-nijmegen"


def test_ministry_sees_its_amendments_and_responds_to_each(api, client, auth):
    text = section_text(api("gemeente"), "inburgering", "rijk")
    ids = []
    for n, who in enumerate(["gemeente", "provincie"]):
        response = api(who).post("/speerpunten/inburgering/amendments", json={
            "section": "rijk", "base_version": 1, "text": text + f" Aanvulling {n}.",
            "rationale": "Meer nadruk op uitvoering."})
        ids.append(response.json["id"])
    # An amendment on a speerpunt the ministry is not responsible for.
    other = api("gemeente").post("/speerpunten/onderwijs/amendments", json={
        "section": "rijk", "base_version": 1,
        "text": section_text(api("gemeente"), "onderwijs", "rijk") + " Extra.",
        "rationale": "Niet voor VROM."}).json["id"]

    auth.login("ministry")
    page = client.get("/ministerie").get_data(as_text=True)
    waiting = page.split("Wachten op onze reactie")[1].split("Overige amendementen")[0]
    assert f"Amendement {ids[0]}:" in waiting and f"Amendement {ids[1]}:" in waiting
    assert f"Amendement {other}:" not in page

    ministry = api("ministry")
    for amendment_id, position in zip(ids, ["support", "partial"]):
        response = ministry.post(f"/amendments/{amendment_id}/responses", json={
            "position": position, "body": "Het rijk neemt dit mee in de wetsevaluatie."})
        assert response.status_code == 201
        assert response.json["position"] == position
        assert response.json["author"]["organisation"]["slug"] == "vrom-wwi"
    amendment = ministry.get(f"/amendments/{ids[1]}").json
    assert [r["position"] for r in amendment["responses"]] == ["partial"]
    page = client.get("/ministerie").get_data(as_text=True)
    assert "Er wacht niets op een reactie van uw ministerie." in page

    # A ministry that is not responsible may not respond.
    assert_error(api("other_ministry").post(f"/amendments/{ids[0]}/responses", json={
        "position": "oppose", "body": "Nee."}), 403, "forbidden")


def test_moderator_accepts_merges_resolves_a_conflict_and_rejects(api):
    moderator = api("moderator")
    base = section_text(api("gemeente"), "werken", "ambitie")
    paragraphs = base.split("\n\n")
    first_words = paragraphs[0].split(" ")
    last_words = paragraphs[-1].split(" ")

    def with_word(words, index, new):
        changed = list(words)
        changed[index] = new
        return " ".join(changed)

    def propose(who, text, rationale="Verbetering."):
        response = api(who).post("/speerpunten/werken/amendments", json={
            "section": "ambitie", "base_version": 1, "text": text, "rationale": rationale})
        assert response.status_code == 201, response.json
        return response.json["id"]

    # Three amendments written against version 1: A and B touch different words, C overlaps A.
    a = propose("gemeente", "\n\n".join([with_word(first_words, 1, "ALFA"), *paragraphs[1:]]))
    b = propose("provincie", "\n\n".join([*paragraphs[:-1], with_word(last_words, 2, "BETA")]))
    c = propose("partner", "\n\n".join([with_word(first_words, 1, "GAMMA"), *paragraphs[1:]]))
    d = propose("gemeente2", base + " Een overbodige zin.")
    api("provincie").post(f"/amendments/{a}/support")
    api("partner").post(f"/amendments/{a}/support")

    detail = moderator.get(f"/amendments/{a}").json
    assert {s["author"]["organisation"]["tier"] for s in detail["supports"]} == {
        "provincie", "partner"}

    accepted = moderator.post(f"/amendments/{a}/decision", json={"decision": "accept"})
    assert accepted.status_code == 200
    assert accepted.json["status"] == "accepted" and accepted.json["version"] == 2

    # B was written against version 1, which is no longer current: merged, A survives.
    merged = moderator.post(f"/amendments/{b}/decision", json={"decision": "accept"})
    assert merged.status_code == 200 and merged.json["version"] == 3
    text = section_text(moderator, "werken", "ambitie")
    assert "ALFA" in text and "BETA" in text

    # C changes the same word as A: a conflict, and C stays pending.
    conflict = assert_error(moderator.post(f"/amendments/{c}/decision",
                                           json={"decision": "accept"}), 409, "merge_conflict")
    assert conflict["conflicts"][0]["current"] == "ALFA"
    assert conflict["conflicts"][0]["proposed"] == "GAMMA"
    assert moderator.get(f"/amendments/{c}").json["status"] == "pending"
    assert moderator.get("/speerpunten/werken").json["current_version"] == 3

    # The moderator resolves it by supplying the final text.
    resolved = text.replace("ALFA", "ALFA-GAMMA", 1)
    done = moderator.post(f"/amendments/{c}/decision", json={
        "decision": "accept", "text": resolved, "reason": "Beide formuleringen gecombineerd."})
    assert done.status_code == 200 and done.json["version"] == 4
    assert done.json["decision"]["modified"] is True
    final = section_text(moderator, "werken", "ambitie")
    assert final == resolved and "BETA" in final

    # D is rejected with a reason; the text does not change.
    rejected = moderator.post(f"/amendments/{d}/decision", json={
        "decision": "reject", "reason": "Deze zin voegt niets toe."})
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"
    assert rejected.json["decision"]["reason"] == "Deze zin voegt niets toe."
    assert moderator.get("/speerpunten/werken").json["current_version"] == 4

    audit = moderator.get("/audit").json["items"]
    assert [e["action"] for e in audit[:4]] == [
        "amendment.reject", "amendment.accept", "amendment.accept", "amendment.accept"]
    assert audit[0]["detail"]["reason"] == "Deze zin voegt niets toe."
    assert audit[0]["actor"]["name"] == "Sanne Visser"


def test_moderator_clears_flagged_comments(app, api):
    app.config["CONSULT_FLAG_THRESHOLD"] = 3
    comment = api("gemeente").post("/speerpunten/veiligheid/comments", json={
        "section": "kernprobleem", "body": "Koop nu goedkope horloges!"}).json
    for who in ["provincie", "partner", "ministry"]:
        response = api(who).post(f"/comments/{comment['id']}/flag", json={"reason": "spam"})
        assert response.status_code == 201
    again = api("partner").post(f"/comments/{comment['id']}/flag", json={"reason": "spam"})
    assert again.status_code == 200
    listed = api("gemeente2").get("/speerpunten/veiligheid/comments").json["items"]
    hidden = next(c for c in listed if c["id"] == comment["id"])
    assert hidden["status"] == "hidden" and hidden["body"] is None
    as_moderator = api("moderator").get("/speerpunten/veiligheid/comments").json["items"]
    assert next(c for c in as_moderator if c["id"] == comment["id"])["body"]

    # Another comment was flagged wrongly: the moderator restores it after it was auto-hidden.
    other = api("gemeente2").post("/speerpunten/veiligheid/comments", json={
        "section": "kernprobleem", "body": "Onze wijkaanpak werkt."}).json
    for who in ["provincie", "partner", "ministry"]:
        api(who).post(f"/comments/{other['id']}/flag", json={"reason": "Vind ik niet leuk"})
    restored = api("moderator").post(f"/comments/{other['id']}/restore",
                                     json={"reason": "Gewone inhoudelijke bijdrage."})
    assert restored.status_code == 200 and restored.json["status"] == "visible"
    hidden = api("moderator").post(f"/comments/{comment['id']}/hide",
                                   json={"reason": "Reclame."})
    assert hidden.status_code == 200 and hidden.json["status"] == "hidden"
    actions = [e["action"] for e in api("admin").get("/audit").json["items"]]
    assert actions[:2] == ["comment.hide", "comment.restore"]
