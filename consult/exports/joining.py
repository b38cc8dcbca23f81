"""Typesetting a long document in parts and joining the parts into one tagged PDF.

WeasyPrint lays out a whole document in memory before it writes a byte: the consultation
report of the whole agenda at national scale (some 1,600 pages) would need gigabytes. A long
report is therefore typeset part by part (each a document of its own whose pages continue the
numbering of the one before), each part written to a temporary file and its layout freed, and
the parts are joined at the end. Joining keeps what a reader of one document would have had:

- the structure tree (the tags that screen readers follow): every part's elements hang under
  one Document element, with the keys of the parent tree, the pages' StructParents and the
  annotations' StructParent shifted so that they stay unique, and element IDs prefixed per
  part so that table headers still point at their own cells;
- one outline (bookmarks) built from the headings of all parts, nested by level across part
  boundaries;
- links between parts: a part links to another with `href="consult-part:<anchor>"`, which
  is resolved to a destination in the joined file; links within a part keep working;
- the document's title, language, description and viewer settings.

The joined file is written as the parts are read (pikepdf parses them), so memory holds one
part's layout or one part's objects at a time, whatever the length of the report.
"""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# A link to an anchor in another part of the same joined document.
PART_LINK = "consult-part:"
# CSS pixels to PDF points: WeasyPrint lays out at 96 px per inch, PDF counts 72 per inch.
PX_TO_PT = 0.75


class JoiningError(Exception):
    """The parts cannot be joined as they are (a link to an anchor no part has, say)."""


@dataclass
class Part:
    """One typeset part: where its PDF lies, and what joining needs to know of its layout."""

    path: Path
    page_count: int
    # (level, label, page index within the part, x px, y px) per heading, in order.
    bookmarks: list[tuple[int, str, int, float, float]] = field(default_factory=list)
    # anchor name: (page index within the part, x px, y px)
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)


class PartWriter:
    """Typesets HTML documents one at a time into temporary files; `join` makes the PDF.

    Use as a context manager: the temporary files go when it ends."""

    def __init__(self, url_fetcher):
        self.url_fetcher = url_fetcher
        self.parts: list[Part] = []
        self._directory = tempfile.TemporaryDirectory(prefix="consult-parts-")

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self._directory.cleanup()

    def typeset(self, html: str) -> Part:
        """Lay out one part, write it, and return what joining needs; the layout is freed
        before this returns."""
        from weasyprint import HTML

        document = HTML(string=html, url_fetcher=self.url_fetcher).render(pdf_tags=True)
        path = Path(self._directory.name) / f"part-{len(self.parts):05d}.pdf"
        part = Part(path=path, page_count=len(document.pages))
        for index, page in enumerate(document.pages):
            for level, label, (x, y), _state in page.bookmarks:
                part.bookmarks.append((level, label, index, x, y))
            for name, (x, y, *_end) in page.anchors.items():
                part.anchors.setdefault(name, (index, x, y))
        document.write_pdf(path, pdf_tags=True)
        del document
        self.parts.append(part)
        return part

    def join(self, order: list[Part], link_titles: dict[str, str] | None = None) -> bytes:
        """The parts in the given order as one PDF. The first part gives the document its
        title, language and metadata."""
        return join(order, link_titles or {})


# --- joining -----------------------------------------------------------------------------------
#
# The joined file is written object by object while the parts are read one at a time, so
# that memory holds one part's objects, never the whole report's. Each part's objects keep
# their numbers, shifted past the previous part's; objects that only served the part as a
# file of its own (its catalog, page tree, outline, name table, structure tree root and
# Document element) are left out, being unreachable from what is written. A handful of
# objects come last: the catalog, the page tree, the structure tree root with its parent
# tree, the outline and the document information.

CATALOG, PAGES, TREE_ROOT, DOCUMENT, PARENT_TREE, NAMESPACE, INFO = range(1, 8)
FIRST_FREE = 8


def join(parts: list[Part], link_titles: dict[str, str]) -> bytes:
    """The parts, in this order, as one PDF (see the module's description)."""
    import pikepdf

    if not parts:
        raise JoiningError("Er is niets om samen te voegen.")
    first_page_of = [0, *itertools.accumulate(part.page_count for part in parts)][:-1]
    anchors: dict[str, tuple[int, float, float]] = {}
    for number, part in enumerate(parts):
        for name, (index, x, y) in part.anchors.items():
            anchors.setdefault(name, (first_page_of[number] + index, x, y))

    with tempfile.TemporaryFile() as file:
        writer = _Writer(file)
        # The first part (the front matter, with the contents) links to all others, so it is
        # written last: by then every page it links to has its object number.
        order = [*range(1, len(parts)), 0]
        pages: list[tuple[int, float] | None] = [None] * sum(p.page_count for p in parts)
        parent_tree: list[tuple[int, list[int] | int]] = []
        kids_of_document: list[list[int]] = [[] for _ in parts]
        namespace = None
        language = None
        info: dict[str, str] = {}
        key_offset = 0
        for number in order:
            part = parts[number]
            with pikepdf.open(part.path) as source:
                size = int(source.trailer.Size)
                writer.reserve_streams(size)
                base = writer.next_number - 1
                source_pages = list(source.pages)
                for index, page in enumerate(source_pages):
                    pages[first_page_of[number] + index] = (
                        base + page.obj.objgen[0], float(page.mediabox[3]))
                own = {name: (first_page_of[number] + index, x, y)
                       for name, (index, x, y) in part.anchors.items()}
                copier = _PartCopier(writer, base, key_offset, f"p{number}-", pages,
                                     lambda name, own=own: own.get(name) or anchors.get(name),
                                     link_titles)
                tree = source.Root.get("/StructTreeRoot")
                next_key = 0
                if tree is not None:
                    if namespace is None and "/Namespaces" in tree and len(tree.Namespaces):
                        namespace = {str(k): v.unparse() if hasattr(v, "unparse") else v
                                     for k, v in tree.Namespaces[0].items()}
                    copier.dissolved.add(tree.objgen)
                    for top in _kids(tree.get("/K")):
                        if top.get("/S") == "/Document":
                            copier.dissolved.add(top.objgen)
                            elements = _kids(top.get("/K"))
                        else:
                            elements = [top]
                        for element in elements:
                            kids_of_document[number].append(copier.number(element))
                            copier.queue(element)
                    for key, value in _number_tree(tree.get("/ParentTree")):
                        mapped = [copier.number(element) for element in _kids(value)]
                        parent_tree.append((key + key_offset, mapped if isinstance(
                            value, pikepdf.Array) else mapped[0]))
                        next_key = max(next_key, key + 1)
                    copier.queue_parent_tree(tree.get("/ParentTree"))
                for page in source_pages:
                    copier.queue(page.obj)
                    if "/StructParents" in page.obj:
                        next_key = max(next_key, int(page.obj.StructParents) + 1)
                copier.run()
                next_key = max(next_key, copier.highest_struct_parent + 1)
                writer.flush()
                writer.next_number = base + max(size, copier.highest + 1)
                if number == 0:
                    language = source.Root.get("/Lang")
                    language = language.unparse() if language is not None else None
                    info = {str(k): v.unparse() for k, v in source.docinfo.items()
                            if isinstance(v, pikepdf.String)}
            key_offset += next_key

        _write_closing_objects(writer, parts, first_page_of, pages, parent_tree,
                               [kid for kids in kids_of_document for kid in kids],
                               namespace, language, info, key_offset)
        file.seek(0)
        return file.read()


class _Writer:
    """Writes numbered objects to a file: streams as they come, every other object packed a
    hundred at a time into compressed object streams (a structure tree has an element for
    every run of text, and uncompressed they would make the file three times as large), and
    at the end a cross-reference stream."""

    PER_STREAM = 100

    def __init__(self, file):
        import array

        self.file = file
        # Per object number: 1 and the file offset, 2 and the object stream's number, or 0.
        self.kinds = bytearray()
        self.places = array.array("Q")
        self.indexes = array.array("H")
        self.next_number = FIRST_FREE
        self.batch: list[tuple[int, bytes]] = []
        self.stream_numbers: list[int] = []
        file.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _place(self, number: int, kind: int, place: int, index: int = 0) -> None:
        while len(self.kinds) <= number:
            self.kinds.append(0)
            self.places.append(0)
            self.indexes.append(0)
        self.kinds[number], self.places[number], self.indexes[number] = kind, place, index

    def _write_direct(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self._place(number, 1, self.file.tell())
        self.file.write(b"%d 0 obj\n" % number)
        self.file.write(body)
        if stream is not None:
            self.file.write(b"\nstream\n")
            self.file.write(stream)
            self.file.write(b"\nendstream")
        self.file.write(b"\nendobj\n")

    def write(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        if stream is not None:
            self._write_direct(number, body, stream)
            return
        self.batch.append((number, body))
        if len(self.batch) >= self.PER_STREAM:
            self.flush()

    def reserve_streams(self, objects: int) -> None:
        """Set aside numbers for the object streams of a part of so many objects: the part's
        own objects take the numbers that follow."""
        count = objects // self.PER_STREAM + 2
        self.stream_numbers = list(range(self.next_number, self.next_number + count))
        self.next_number += count

    def flush(self) -> None:
        import zlib

        if not self.batch:
            return
        number = self.stream_numbers.pop(0) if self.stream_numbers else self.allocate()
        header, bodies, offset = [], [], 0
        for index, (member, body) in enumerate(self.batch):
            header.append(b"%d %d" % (member, offset))
            bodies.append(body)
            offset += len(body) + 1
            self._place(member, 2, number, index)
        head = b" ".join(header) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies) + b"\n")
        self._write_direct(number, b"<</Type /ObjStm /N %d /First %d /Filter /FlateDecode "
                                   b"/Length %d>>" % (len(self.batch), len(head), len(data)),
                           data)
        self.batch = []

    def allocate(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number

    def finish(self, trailer: bytes) -> None:
        import struct
        import zlib

        self.flush()
        number = self.allocate()
        self._place(number, 1, self.file.tell())
        size = len(self.kinds)
        rows = bytearray()
        for n in range(size):
            kind = self.kinds[n]
            if kind == 0:
                rows += struct.pack(">BIH", 0, 0, 65535 if n == 0 else 0)
            else:
                rows += struct.pack(">BIH", kind, self.places[n], self.indexes[n])
        data = zlib.compress(bytes(rows))
        self.file.write(b"%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Filter /FlateDecode "
                        b"/Length %d " % (number, size, len(data)) + trailer + b">>\nstream\n")
        start = self.places[number]
        self.file.write(data)
        self.file.write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)


def _real(value) -> bytes:
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode()


class _PartCopier:
    """Writes the objects of one part reachable from its pages and structure elements, with
    object numbers shifted by `base` and the changes joining needs (see the module)."""

    def __init__(self, writer, base, key_offset, id_prefix, pages, find_anchor, link_titles):
        self.writer = writer
        self.base = base
        self.key_offset = key_offset
        self.id_prefix = id_prefix
        self.pages = pages
        self.find_anchor = find_anchor
        self.link_titles = link_titles
        self.dissolved: set[tuple[int, int]] = set()
        self.pending: list = []
        self.done: set[int] = set()
        self.highest = 0
        self.highest_struct_parent = -1

    def number(self, obj) -> int:
        return self.base + obj.objgen[0]

    def queue(self, obj) -> None:
        if obj.objgen[0] not in self.done:
            self.done.add(obj.objgen[0])
            self.pending.append(obj)

    def queue_parent_tree(self, node) -> None:
        for _key, value in _number_tree(node):
            for element in _kids(value):
                if getattr(element, "is_indirect", False):
                    self.queue(element)

    def run(self) -> None:
        import pikepdf

        while self.pending:
            obj = self.pending.pop()
            number = self.number(obj)
            self.highest = max(self.highest, obj.objgen[0])
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                entries = {k: v for k, v in obj.stream_dict.items() if k != "/Length"}
                body = self.dictionary(entries, obj) [:-2] + b"/Length %d>>" % len(raw)
                self.writer.write(number, body, raw)
            else:
                self.writer.write(number, self.value(obj, top=True))

    # -- values

    def reference(self, obj) -> bytes:
        self.queue(obj)
        return b"%d 0 R" % self.number(obj)

    def value(self, obj, top=False) -> bytes:
        import pikepdf

        if not top and getattr(obj, "is_indirect", False):
            return self.reference(obj)
        if isinstance(obj, bool):
            return b"true" if obj else b"false"
        if isinstance(obj, int):
            return b"%d" % obj
        if obj is None:
            return b"null"
        if isinstance(obj, (float,)) or type(obj).__name__ == "Decimal":
            return _real(obj)
        if isinstance(obj, pikepdf.Dictionary):
            return self.dictionary(dict(obj.items()), obj)
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(self.value(item) for item in obj) + b"]"
        return obj.unparse()

    def dictionary(self, entries: dict, obj) -> bytes:
        import pikepdf

        kind = entries.get("/Type")
        if "/StructParents" in entries:  # a page
            entries["/Parent"] = None
            key = int(entries["/StructParents"]) + self.key_offset
            entries["/StructParents"] = key
        if "/StructParent" in entries:  # an annotation
            self.highest_struct_parent = max(self.highest_struct_parent,
                                             int(entries["/StructParent"]))
            entries["/StructParent"] = int(entries["/StructParent"]) + self.key_offset
        if kind == "/Annot":
            self.link(entries)
        parts = []
        for key, item in entries.items():
            name = pikepdf.Name(key).unparse()
            if key == "/Parent" and item is None:
                parts.append(name + b" %d 0 R" % PAGES)
            elif key == "/P" and getattr(item, "is_indirect", False) \
                    and item.objgen in self.dissolved:
                parts.append(name + b" %d 0 R" % DOCUMENT)
            elif key == "/NS" and kind == "/StructElem":
                parts.append(name + b" %d 0 R" % NAMESPACE)
            elif key == "/ID" and kind == "/StructElem":
                parts.append(name + b" " + pikepdf.String(self.id_prefix + str(item)).unparse())
            elif key == "/Headers":
                parts.append(name + b" [" + b" ".join(
                    pikepdf.String(self.id_prefix + str(h)).unparse() for h in item) + b"]")
            elif isinstance(item, bytes):
                parts.append(name + b" " + item)
            else:
                parts.append(name + b" " + self.value(item))
        return b"<<" + b" ".join(parts) + b">>"

    def link(self, entries: dict) -> None:
        import pikepdf

        action = entries.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        destination = entries.get("/Dest")
        if uri.startswith(PART_LINK):
            name = uri[len(PART_LINK):]
        elif isinstance(destination, pikepdf.String):
            name = str(destination)
        else:
            return
        place = self.find_anchor(name)
        if place is None:
            raise JoiningError(f"Geen deel heeft het anker {name!r}.")
        index, x, y = place
        page_number, height = self.pages[index]
        entries.pop("/A", None)
        entries["/Dest"] = b"[%d 0 R /XYZ %s %s 0]" % (
            page_number, _real(x * PX_TO_PT), _real(height - y * PX_TO_PT))
        if name in self.link_titles:
            entries["/Contents"] = pikepdf.String(self.link_titles[name]).unparse()


def _write_closing_objects(writer, parts, first_page_of, pages, parent_tree, document_kids,
                           namespace, language, info, key_offset) -> None:
    import pikepdf

    def string(text: str) -> bytes:
        return pikepdf.String(text).unparse()

    page_numbers = [number for number, _height in pages]
    writer.write(PAGES, b"<</Type /Pages /Count %d /Kids [%s]>>" % (
        len(page_numbers), b" ".join(b"%d 0 R" % n for n in page_numbers)))

    entries = []
    for key, value in parent_tree:
        if isinstance(value, list):
            entries.append(b"%d [%s]" % (key, b" ".join(b"%d 0 R" % n for n in value)))
        else:
            entries.append(b"%d %d 0 R" % (key, value))
    writer.write(PARENT_TREE, b"<</Nums [" + b"\n".join(entries) + b"]>>")
    namespace_entry = b""
    if namespace is not None:
        writer.write(NAMESPACE, b"<<" + b" ".join(
            pikepdf.Name(k).unparse() + b" " + (v if isinstance(v, bytes) else b"%d" % v)
            for k, v in namespace.items()) + b">>")
        namespace_entry = b" /NS %d 0 R" % NAMESPACE
    writer.write(DOCUMENT, b"<</Type /StructElem /S /Document /P %d 0 R%s /K [%s]>>" % (
        TREE_ROOT, namespace_entry, b" ".join(b"%d 0 R" % n for n in document_kids)))
    writer.write(TREE_ROOT, b"<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R "
                 b"/ParentTreeNextKey %d%s>>" % (
                     DOCUMENT, PARENT_TREE, key_offset,
                     b" /Namespaces [%d 0 R]" % NAMESPACE if namespace is not None else b""))

    # The outline: every part's headings, nested by level across the parts.
    items: list[dict] = []
    stack: list[dict] = []
    root = {"children": []}
    for number, part in enumerate(parts):
        for level, label, index, x, y in part.bookmarks:
            while stack and stack[-1]["level"] >= level:
                stack.pop()
            page_number, height = pages[first_page_of[number] + index]
            item = {"level": level, "title": label, "number": writer.allocate(),
                    "dest": b"[%d 0 R /XYZ %s %s 0]" % (page_number, _real(x * PX_TO_PT),
                                                         _real(height - y * PX_TO_PT)),
                    "children": []}
            (stack[-1] if stack else root)["children"].append(item)
            stack.append(item)
            items.append(item)
    outline_number = writer.allocate()

    def write_level(children: list[dict], parent: int) -> int:
        visible = 0
        for position, item in enumerate(children):
            below = write_level(item["children"], item["number"])
            fields = [b"/Title " + string(item["title"]), b"/Parent %d 0 R" % parent,
                      b"/Dest " + item["dest"]]
            if position:
                fields.append(b"/Prev %d 0 R" % children[position - 1]["number"])
            if position + 1 < len(children):
                fields.append(b"/Next %d 0 R" % children[position + 1]["number"])
            if item["children"]:
                # Open down to the sections; the amendments under them start closed.
                count = below if item["level"] < 2 else -len(item["children"])
                fields += [b"/First %d 0 R" % item["children"][0]["number"],
                           b"/Last %d 0 R" % item["children"][-1]["number"],
                           b"/Count %d" % count]
                visible += max(count, 0)
            visible += 1
            writer.write(item["number"], b"<<" + b" ".join(fields) + b">>")
        return visible

    total = write_level(root["children"], outline_number)
    outline = b"<</Type /Outlines"
    if root["children"]:
        outline += b" /First %d 0 R /Last %d 0 R /Count %d" % (
            root["children"][0]["number"], root["children"][-1]["number"], total)
    writer.write(outline_number, outline + b">>")

    writer.write(CATALOG, b"<</Type /Catalog /Pages %d 0 R /Outlines %d 0 R "
                 b"/PageMode /UseOutlines /StructTreeRoot %d 0 R /MarkInfo <</Marked true>> "
                 b"/ViewerPreferences <</DisplayDocTitle true>>%s>>" % (
                     PAGES, outline_number, TREE_ROOT,
                     b" /Lang " + language if language is not None else b""))
    writer.write(INFO, b"<<" + b" ".join(pikepdf.Name(k).unparse() + b" " + v
                                         for k, v in info.items()) + b">>")
    writer.finish(b"/Root %d 0 R /Info %d 0 R" % (CATALOG, INFO))


def _kids(value) -> list:
    """An element's /K (or a parent tree entry) as a list, whether it holds one or many."""
    from pikepdf import Array

    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _number_tree(node):
    """(key, value) pairs of a PDF number tree, in order."""
    from pikepdf import Name

    if node is None:
        return
    nums = node.get(Name.Nums)
    if nums is not None:
        for position in range(0, len(nums), 2):
            yield int(nums[position]), nums[position + 1]
    for kid in node.get(Name.Kids, []):
        yield from _number_tree(kid)
