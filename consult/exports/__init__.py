"""Exports of the agenda and its consultation: the handreiking (the agenda as PDF and DOCX)
and the consultatieverslag (every amendment and what became of it, as PDF and CSV).

Every export is generated from the data at the moment it is requested and shows only the
speerpunten the requesting user may see (see `consult.speerpunten.permissions`): an anonymous
visitor downloads the adopted agenda, a participant also the speerpunten in consultation,
a moderator also the concepts.
"""

# The exports are Dutch documents whatever the reader's interface language: the agenda's text,
# its section headings and the organisations' names are Dutch, and the PDF says lang="nl".
DOCUMENT_LOCALE = "nl"
