"""A long consultation report is typeset in parts and joined (consult/exports/joining.py).
The joined file must read as the report typeset at once would: the same amendments in the
same order, the same nested bookmarks, contents whose page numbers are right and whose links
go there, page numbers that run on, and a structure tree that a screen reader can follow."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from consult.exports import joining, pdf, queries
from tests.exports.documents import Pdf
from tests.exports.test_exports import _user, add_amendments, build_world, propose

PART_SIZE = 2


@pytest.fixture
def scope(app, api):
    """Amendments on two speerpunten, wonen's spread over three sections: with parts of two,
    wonen takes several parts and one section runs on from one part into the next."""
    pdf.clear_cache()
    build_world(api)
    add_amendments(api, 3)
    for n, section in enumerate(("kernprobleem", "ambitie", "ambitie", "rijk")):
        propose(api, "gemeente2", "wonen", section, f"Aanvulling {n} op de woontekst.",
                "Omdat het helpt.")
    with app.test_request_context():
        return queries.report_scope(_user(app, "gemeente"), "all")


def both(app, scope) -> tuple[Pdf, bytes]:
    with app.test_request_context():
        single = Pdf(pdf.report_pdf(queries.collect_report(None, scope)))
        joined = pdf.report_in_parts(scope, part_size=PART_SIZE)
    return single, joined


def outline(reader_outline) -> list:
    """The outline as nested (title, [children]) pairs."""
    items: list = []
    for item in reader_outline:
        if isinstance(item, list):
            title, _children = items[-1]
            items[-1] = (title, outline(item))
        else:
            items.append((item.title, []))
    return items


def amendment_headings(document: Pdf) -> list[str]:
    return re.findall(r"Amendement \d+ · [^\n]+", "\n".join(document.pages))


def test_the_joined_report_has_the_amendments_and_bookmarks_of_the_single_one(app, scope):
    single, data = both(app, scope)
    joined = Pdf(data)
    assert len(amendment_headings(single)) == 10
    assert amendment_headings(joined) == amendment_headings(single)
    for sentence in ("Aanvulling 3 op de woontekst.", "Extra 2."):
        assert sentence in joined.text
    # Speerpunten, then the sections of their amendments, then the amendments: nested the
    # same way, across the seams between parts.
    assert outline(joined.reader.outline) == outline(single.reader.outline)
    wonen = dict(outline(joined.reader.outline))["Wonen"]
    assert [title for title, _ in wonen] == [
        "Reacties per sectie", "Amendementen op Kernprobleem", "Amendementen op Ambitie",
        "Amendementen op Wat doet het rijk"]
    assert len(dict(wonen)["Amendementen op Ambitie"]) == 3
    assert joined.title == single.title and joined.language == "nl"


def test_pages_run_on_and_the_contents_point_where_the_chapters_start(app, scope):
    _single, data = both(app, scope)
    joined = Pdf(data)
    assert len(joined.pages) > 6
    for number, text in enumerate(joined.pages[1:], start=2):
        assert text.rstrip().endswith(f"Pagina {number}"), (number, text[-80:])

    contents = joined.pages[1]
    entries = re.findall(r"^(\S[^\n.]*?)\s*\.+\s*(\d+)$", contents, re.MULTILINE)
    assert [title for title, _ in entries] == [
        "Samenvatting", *(title for _id, _slug, title in scope.speerpunten),
        "Deelnemende organisaties"]
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(joined.reader.pages)}
    links = [annotation.get_object() for annotation in joined.reader.pages[1]["/Annots"]]
    # A link is drawn as several boxes (the title, the dots, the number), each an annotation.
    assert {link["/Contents"] for link in links} == {title for title, _ in entries}
    for title, page in entries:
        # The chapter's heading opens the page the contents name...
        body = joined.pages[int(page) - 1].split("\n")
        assert title in body[:3], (title, page, body[:3])
        # ...and every link to it goes to that page.
        for link in links:
            if link["/Contents"] == title:
                assert page_of[link["/Dest"][0].idnum] == int(page) - 1


def test_the_structure_tree_covers_every_page_once(app, scope):
    _single, data = both(app, scope)
    document = pikepdf.open(io.BytesIO(data))
    assert document.check_pdf_syntax() == []
    root = document.Root.StructTreeRoot
    nums = root.ParentTree.Nums
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert int(root.ParentTreeNextKey) > max(parent_tree)

    keys = []
    for page in document.pages:
        key = int(page.obj.StructParents)
        keys.append(key)
        # Every marked piece of the page's content belongs to an element on that page.
        for element in parent_tree[key]:
            assert element.Pg.objgen == page.obj.objgen
        for annotation in page.obj.get("/Annots", []):
            assert int(annotation.StructParent) in parent_tree
    assert len(set(keys)) == len(keys)

    # One Document element with every part's content under it, in reading order, and every
    # element's parent pointing back at it.
    (document_element,) = list(root.K)
    assert document_element.S == "/Document"
    headings, ids, pending = [], [], [(child, document_element)
                                      for child in document_element.K]
    while pending:
        element, parent = pending.pop(0)
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue
        assert element.P.objgen == parent.objgen
        if str(element.S) in ("/H1", "/H3"):
            headings.append(str(element.S))
        if "/ID" in element:
            ids.append(str(element.ID))
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        pending[:0] = [(kid, element) for kid in kids if kid is not None]
    assert headings.count("/H3") == 10
    assert len(ids) == len(set(ids))


def test_each_part_holds_at_most_the_part_size(app, scope, monkeypatch):
    amendments_per_part = []
    typeset = joining.PartWriter.typeset

    def counting(self, html):
        amendments_per_part.append(html.count('<article class="amendment">'))
        return typeset(self, html)

    monkeypatch.setattr(joining.PartWriter, "typeset", counting)
    with app.test_request_context():
        pdf.report_in_parts(scope, part_size=PART_SIZE)
    # Front matter twice (a draft for its length, then with page numbers), wonen's six
    # amendments in three parts, inburgering's four in two, a part for each of the six others
    # (their heading and comment counts), the participants.
    assert max(amendments_per_part) == PART_SIZE
    assert sum(amendments_per_part) == 10
    assert len(amendments_per_part) == 2 + 3 + 2 + 6 + 1


def test_a_link_to_an_anchor_no_part_has_is_refused(app, tmp_path):
    html = ('<!doctype html><html lang="nl"><title>T</title><p>'
            f'<a href="{joining.PART_LINK}nergens">weg</a></p></html>')
    with joining.PartWriter(None) as writer:
        part = writer.typeset(html)
        with pytest.raises(joining.JoiningError, match="nergens"):
            writer.join([part])
