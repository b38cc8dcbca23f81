"""Tiny but real documents of each accepted type, and impostors, built in memory."""

import io
import zipfile

from consult.knowledge.files import OLE2_MAGIC
from consult.knowledge.models import CONTENT_TYPES

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def zip_of(members: dict[str, str | bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), members[stored_first],
                             compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            if name != stored_first:
                archive.writestr(name, content)
    return buffer.getvalue()


def pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def ooxml(folder: str, part: str) -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES_XML,
                   f"{folder}{part}": "<document>Taalcafé in de bibliotheek</document>"})


def docx() -> bytes:
    return ooxml("word/", "document.xml")


def xlsx() -> bytes:
    return ooxml("xl/", "workbook.xml")


def pptx() -> bytes:
    return ooxml("ppt/", "presentation.xml")


def odf(extension: str) -> bytes:
    return zip_of({"mimetype": CONTENT_TYPES[extension], "content.xml": "<office:document/>"},
                  stored_first="mimetype")


def ole2(stream: str) -> bytes:
    # A compound file header, then a directory entry naming the stream in UTF-16LE.
    return OLE2_MAGIC + bytes(504) + stream.encode("utf-16-le") + bytes(64)


VALID = {
    "pdf": pdf, "docx": docx, "xlsx": xlsx, "pptx": pptx,
    "odt": lambda: odf("odt"), "ods": lambda: odf("ods"), "odp": lambda: odf("odp"),
    "doc": lambda: ole2("WordDocument"), "xls": lambda: ole2("Workbook"),
    "ppt": lambda: ole2("PowerPoint Document"),
}


def zip_without_word() -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES_XML, "docProps/app.xml": "<x/>"})
