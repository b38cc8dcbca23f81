"""Reading the exported documents back, the way a recipient's program would."""

from __future__ import annotations

import csv
import io
import re

from docx import Document
from pypdf import PdfReader


class Pdf:
    def __init__(self, data: bytes):
        assert data.startswith(b"%PDF-"), data[:20]
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() for page in self.reader.pages]

    @property
    def text(self) -> str:
        """All text, with words that the typesetter hyphenated at a line end joined again
        (it breaks with U+2010) and all whitespace collapsed to single spaces."""
        joined = re.sub("\u2010\\s*\n", "", "\n".join(self.pages))
        return re.sub(r"\s+", " ", joined)

    @property
    def title(self) -> str:
        return self.reader.metadata.title

    @property
    def language(self) -> str:
        return str(self.reader.trailer["/Root"].get("/Lang"))

    def bookmarks(self, items=None) -> list[str]:
        """The outline's titles, depth first."""
        titles = []
        for item in self.reader.outline if items is None else items:
            if isinstance(item, list):
                titles += self.bookmarks(item)
            else:
                titles.append(item.title)
        return titles

    def top_bookmarks(self) -> list[str]:
        return [item.title for item in self.reader.outline if not isinstance(item, list)]


class Docx:
    def __init__(self, data: bytes):
        self.document = Document(io.BytesIO(data))
        self.paragraphs = self.document.paragraphs

    def styled(self, style: str) -> list[str]:
        return [p.text for p in self.paragraphs if p.style.name == style]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def table_rows(self) -> list[list[str]]:
        return [[cell.text for cell in row.cells]
                for table in self.document.tables for row in table.rows]


def csv_rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff"), "a byte order mark for spreadsheet programs"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))
